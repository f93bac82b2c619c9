import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const SeekerHomePage = lazy(() => import('./pages/SeekerHomePage.tsx'));
const SeekerMinePage = lazy(() => import('./pages/SeekerMinePage.tsx'));
const EmployerHomePage = lazy(() => import('./pages/EmployerHomePage.tsx'));
const SchoolHomePage = lazy(() => import('./pages/SchoolHomePage.tsx'));
const InstitutionHomePage = lazy(() => import('./pages/InstitutionHomePage.tsx'));
const AdminHomePage = lazy(() => import('./pages/AdminHomePage.tsx'));

export const dashboardRoutes: ModuleRoutes = {
  seeker: [
    { index: true, element: <SeekerHomePage /> },
    { path: 'me', element: <SeekerMinePage /> },
  ],
  employer: [{ index: true, element: <EmployerHomePage /> }],
  school: [{ index: true, element: <SchoolHomePage /> }],
  institution: [{ index: true, element: <InstitutionHomePage /> }],
  admin: [{ index: true, element: <AdminHomePage /> }],
};
