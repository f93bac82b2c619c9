import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const EmployerRegisterPage = lazy(() => import('./pages/EmployerRegisterPage.tsx'));
const EmployerProfilePage = lazy(() => import('./pages/EmployerProfilePage.tsx'));
const SchoolAdmissionsPage = lazy(() => import('./pages/SchoolAdmissionsPage.tsx'));

export const organizationsRoutes: ModuleRoutes = {
  public: [{ path: '/register/employer', element: <EmployerRegisterPage /> }],
  employer: [{ path: 'company/profile', element: <EmployerProfilePage /> }],
  school: [{ path: 'admissions', element: <SchoolAdmissionsPage /> }],
};
