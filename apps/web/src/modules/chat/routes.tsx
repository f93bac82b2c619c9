import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const SeekerMessagesPage = lazy(() => import('./pages/SeekerMessagesPage.tsx'));
const NegotiationHallPage = lazy(() => import('./pages/NegotiationHallPage.tsx'));

export const chatRoutes: ModuleRoutes = {
  seeker: [
    { path: 'messages', element: <SeekerMessagesPage /> },
    { path: 'messages/:conversationId', element: <SeekerMessagesPage /> },
  ],
  employer: [{ path: 'negotiation-hall', element: <NegotiationHallPage /> }],
  institution: [{ path: 'negotiation-hall', element: <NegotiationHallPage /> }],
};
