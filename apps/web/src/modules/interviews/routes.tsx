import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const InterviewHallPage = lazy(() => import('./pages/InterviewHallPage.tsx'));
const SeekerInterviewsPage = lazy(() => import('./pages/SeekerInterviewsPage.tsx'));

export const interviewsRoutes: ModuleRoutes = {
  seeker: [{ path: 'interviews', element: <SeekerInterviewsPage /> }],
  employer: [{ path: 'interview-hall', element: <InterviewHallPage /> }],
  institution: [{ path: 'interview-hall', element: <InterviewHallPage /> }],
};
