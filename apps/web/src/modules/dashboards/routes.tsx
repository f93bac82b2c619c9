import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const EmployerOverviewPage = lazy(() => import('./pages/EmployerOverviewPage.tsx'));
const InstitutionOverviewPage = lazy(() => import('./pages/InstitutionOverviewPage.tsx'));
const SchoolOverviewPage = lazy(() => import('./pages/SchoolOverviewPage.tsx'));
const AdminOverviewPage = lazy(() => import('./pages/AdminOverviewPage.tsx'));

/**
 * Data overviews. Listed before the shell's `dashboardRoutes` so these home pages win;
 * the institution keeps 人才库 as its landing page and gets 数据概览 beside it.
 */
export const dashboardsRoutes: ModuleRoutes = {
  employer: [{ index: true, element: <EmployerOverviewPage /> }],
  institution: [{ path: 'overview', element: <InstitutionOverviewPage /> }],
  school: [{ index: true, element: <SchoolOverviewPage /> }],
  admin: [{ index: true, element: <AdminOverviewPage /> }],
};
