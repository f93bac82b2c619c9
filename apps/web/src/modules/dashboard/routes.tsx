import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const SeekerHomePage = lazy(() => import('./pages/SeekerHomePage.tsx'));
const SeekerMinePage = lazy(() => import('./pages/SeekerMinePage.tsx'));

/**
 * The seeker's home and 我的. The staff areas' home pages come from `dashboards` (data
 * overviews) and, for the institution, `talentpool` (人才库 is its landing page).
 */
export const dashboardRoutes: ModuleRoutes = {
  seeker: [
    { index: true, element: <SeekerHomePage /> },
    { path: 'me', element: <SeekerMinePage /> },
  ],
};
