import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const FeedbackPage = lazy(() => import('./pages/FeedbackPage.tsx'));
const page = [{ path: 'feedback', element: <FeedbackPage /> }];

/** 意见反馈 for every signed-in role except the platform admin (who answers them). */
export const feedbackRoutes: ModuleRoutes = {
  seeker: page,
  employer: page,
  school: page,
  institution: page,
};
