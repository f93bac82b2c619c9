import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const LandingPage = lazy(() => import('./pages/LandingPage.tsx'));
const SeekerLoginPage = lazy(() => import('./pages/SeekerLoginPage.tsx'));
const GraduateLoginPage = lazy(() => import('./pages/GraduateLoginPage.tsx'));
const CertifiedLoginPage = lazy(() => import('./pages/CertifiedLoginPage.tsx'));
const EmployerLoginPage = lazy(() => import('./pages/EmployerLoginPage.tsx'));
const StaffLoginPage = lazy(() => import('./pages/StaffLoginPage.tsx'));
const SeekerRegisterPage = lazy(() => import('./pages/SeekerRegisterPage.tsx'));
const GraduateActivatePage = lazy(() => import('./pages/GraduateActivatePage.tsx'));
const ForgotPasswordPage = lazy(() => import('./pages/ForgotPasswordPage.tsx'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.tsx'));

export const accountsRoutes: ModuleRoutes = {
  public: [
    { index: true, element: <LandingPage /> },
    { path: '/login', element: <LandingPage /> },
    { path: '/login/seeker', element: <SeekerLoginPage /> },
    { path: '/login/graduate', element: <GraduateLoginPage /> },
    { path: '/login/certified', element: <CertifiedLoginPage /> },
    { path: '/login/employer', element: <EmployerLoginPage /> },
    { path: '/login/staff', element: <StaffLoginPage /> },
    { path: '/register/seeker', element: <SeekerRegisterPage /> },
    { path: '/activate/graduate', element: <GraduateActivatePage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/password/change', element: <ChangePasswordPage /> },
  ],
};
