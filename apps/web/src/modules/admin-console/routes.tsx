import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const FeedbackQueuePage = lazy(() => import('./pages/FeedbackQueuePage.tsx'));
const AuditLogPage = lazy(() => import('./pages/AuditLogPage.tsx'));
const OrganizationAdminPage = lazy(() => import('./pages/OrganizationAdminPage.tsx'));
const AccountsAdminPage = lazy(() => import('./pages/AccountsAdminPage.tsx'));
const VerificationPage = lazy(() => import('./pages/VerificationPage.tsx'));
const FlaggedMessagesPage = lazy(() => import('./pages/FlaggedMessagesPage.tsx'));
const BroadcastsPage = lazy(() => import('./pages/BroadcastsPage.tsx'));

const verification = [{ path: 'verification', element: <VerificationPage /> }];

/** Platform administration pages, and the employers' 6-monthly confirmation. */
export const adminConsoleRoutes: ModuleRoutes = {
  admin: [
    { path: 'feedback', element: <FeedbackQueuePage /> },
    { path: 'audit', element: <AuditLogPage /> },
    { path: 'organization-admin', element: <OrganizationAdminPage /> },
    { path: 'accounts', element: <AccountsAdminPage /> },
    { path: 'chat-safety', element: <FlaggedMessagesPage /> },
    { path: 'broadcasts', element: <BroadcastsPage /> },
  ],
  employer: verification,
  institution: verification,
};
