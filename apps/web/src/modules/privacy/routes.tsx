import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const PrivacyPage = lazy(() => import('./pages/PrivacyPage.tsx'));

export const privacyRoutes: ModuleRoutes = {
  seeker: [{ path: 'privacy', element: <PrivacyPage /> }],
};
