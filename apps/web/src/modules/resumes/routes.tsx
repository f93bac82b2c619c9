import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const ResumePage = lazy(() => import('./pages/ResumePage.tsx'));
const StaffFactsPage = lazy(() => import('./pages/StaffFactsPage.tsx'));

export const resumesRoutes: ModuleRoutes = {
  seeker: [{ path: 'resume', element: <ResumePage /> }],
  school: [{ path: 'seeker-facts', element: <StaffFactsPage /> }],
};
