import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const GraduatesPage = lazy(() => import('./pages/GraduatesPage.tsx'));

export const graduatesRoutes: ModuleRoutes = {
  school: [{ path: 'graduates', element: <GraduatesPage /> }],
};
