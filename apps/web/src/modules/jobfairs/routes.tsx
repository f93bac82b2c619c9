import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';
import { ServerRenderedPage } from '../../components/ServerRenderedPage.tsx';

const FairListPage = lazy(() => import('./pages/FairListPage.tsx'));
const FairPage = lazy(() => import('./pages/FairPage.tsx'));
const SchoolFairsPage = lazy(() => import('./pages/SchoolFairsPage.tsx'));
const EmployerFairsPage = lazy(() => import('./pages/EmployerFairsPage.tsx'));

export const jobfairsRoutes: ModuleRoutes = {
  // the public fair list and fair pages are server-rendered (ARCHITECTURE.md)
  public: [
    { path: '/jobfairs', element: <ServerRenderedPage /> },
    { path: '/jobfairs/:id', element: <ServerRenderedPage /> },
  ],
  seeker: [
    { path: 'jobfairs', element: <FairListPage /> },
    { path: 'jobfairs/:id', element: <FairPage /> },
  ],
  employer: [{ path: 'jobfairs', element: <EmployerFairsPage /> }],
  school: [{ path: 'jobfairs', element: <SchoolFairsPage /> }],
};
