import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const NotificationCenterPage = lazy(() => import('./pages/NotificationCenterPage.tsx'));
const centre = [{ path: 'notifications', element: <NotificationCenterPage /> }];

export const notificationsRoutes: ModuleRoutes = {
  seeker: centre,
  employer: centre,
  school: centre,
  institution: centre,
  admin: centre,
};
