import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const MyApplicationsPage = lazy(() => import('./pages/MyApplicationsPage.tsx'));
const EmployerApplicationsPage = lazy(() => import('./pages/EmployerApplicationsPage.tsx'));
const ApplicationDetailPage = lazy(() => import('./pages/ApplicationDetailPage.tsx'));

export const applicationsRoutes: ModuleRoutes = {
  seeker: [{ path: 'applications', element: <MyApplicationsPage /> }],
  employer: [
    { path: 'applications', element: <EmployerApplicationsPage /> },
    { path: 'applications/:id', element: <ApplicationDetailPage /> },
  ],
  institution: [
    { path: 'applications', element: <EmployerApplicationsPage /> },
    { path: 'applications/:id', element: <ApplicationDetailPage /> },
  ],
};
