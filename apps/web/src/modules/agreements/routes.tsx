import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const EmployerSigningPage = lazy(() => import('./pages/EmployerSigningPage.tsx'));
const EmployerAgreementPage = lazy(() => import('./pages/EmployerAgreementPage.tsx'));
const EmployerGraduateResumePage = lazy(() => import('./pages/EmployerGraduateResumePage.tsx'));
const GraduateOffersPage = lazy(() => import('./pages/GraduateOffersPage.tsx'));
const ReviewQueuePage = lazy(() => import('./pages/ReviewQueuePage.tsx'));
const SchoolTerminationsPage = lazy(() => import('./pages/SchoolTerminationsPage.tsx'));
const SchoolStatisticsPage = lazy(() => import('./pages/SchoolStatisticsPage.tsx'));
const SchoolSigningSettingsPage = lazy(() => import('./pages/SchoolSigningSettingsPage.tsx'));
const VerifyPage = lazy(() => import('./pages/VerifyPage.tsx'));

export const agreementsRoutes: ModuleRoutes = {
  public: [{ path: '/verify/:code', element: <VerifyPage /> }],
  employer: [
    { path: 'agreements', element: <EmployerSigningPage /> },
    { path: 'agreements/:id', element: <EmployerAgreementPage /> },
    { path: 'signing/graduates/:id/resume', element: <EmployerGraduateResumePage /> },
  ],
  seeker: [{ path: 'offers', element: <GraduateOffersPage /> }],
  school: [
    { path: 'agreements', element: <ReviewQueuePage /> },
    { path: 'terminations', element: <SchoolTerminationsPage /> },
    { path: 'statistics', element: <SchoolStatisticsPage /> },
    { path: 'signing-settings', element: <SchoolSigningSettingsPage /> },
  ],
};
