import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const MyCardPage = lazy(() => import('./pages/MyCardPage.tsx'));
const SharedCardPage = lazy(() => import('./pages/SharedCardPage.tsx'));
const TalentPoolPage = lazy(() => import('./pages/TalentPoolPage.tsx'));
const ViewRecordsPage = lazy(() => import('./pages/ViewRecordsPage.tsx'));
const PointsPage = lazy(() => import('./pages/PointsPage.tsx'));

export const talentpoolRoutes: ModuleRoutes = {
  public: [{ path: '/cards/:token', element: <SharedCardPage /> }],
  seeker: [{ path: 'card', element: <MyCardPage /> }],
  institution: [
    { index: true, element: <TalentPoolPage /> },
    { path: 'view-records', element: <ViewRecordsPage /> },
    { path: 'points', element: <PointsPage /> },
  ],
  employer: [
    { path: 'talent-pool', element: <TalentPoolPage /> },
    { path: 'view-records', element: <ViewRecordsPage /> },
    { path: 'points', element: <PointsPage /> },
  ],
};
