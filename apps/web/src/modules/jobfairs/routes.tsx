import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const FairListPage = lazy(() => import('./pages/FairListPage.tsx'));
const FairPage = lazy(() => import('./pages/FairPage.tsx'));
const SchoolFairsPage = lazy(() => import('./pages/SchoolFairsPage.tsx'));
const EmployerFairsPage = lazy(() => import('./pages/EmployerFairsPage.tsx'));

export const jobfairsRoutes: ModuleRoutes = {
  public: [
    { path: '/jobfairs', element: <FairListPage /> },
    { path: '/jobfairs/:id', element: <FairPage /> },
  ],
  seeker: [
    { path: 'jobfairs', element: <FairListPage /> },
    { path: 'jobfairs/:id', element: <FairPage /> },
  ],
  employer: [{ path: 'jobfairs', element: <EmployerFairsPage /> }],
  school: [{ path: 'jobfairs', element: <SchoolFairsPage /> }],
};
