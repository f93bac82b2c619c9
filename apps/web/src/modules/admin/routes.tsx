import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';

const SchoolsPage = lazy(() => import('./pages/SchoolsPage.tsx'));
const InstitutionsPage = lazy(() => import('./pages/InstitutionsPage.tsx'));
const StaffPage = lazy(() => import('./pages/StaffPage.tsx'));
const RegistryImportPage = lazy(() => import('./pages/RegistryImportPage.tsx'));
const CertificationChangesPage = lazy(() => import('./pages/CertificationChangesPage.tsx'));

export const adminRoutes: ModuleRoutes = {
  admin: [
    { path: 'schools', element: <SchoolsPage /> },
    { path: 'institutions', element: <InstitutionsPage /> },
    { path: 'staff', element: <StaffPage /> },
    { path: 'registry', element: <RegistryImportPage /> },
    { path: 'certification-changes', element: <CertificationChangesPage /> },
  ],
  // school staff manage their colleges' accounts under 设置
  school: [{ path: 'settings', element: <StaffPage /> }],
};
