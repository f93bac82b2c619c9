import type {
  AdminDashboard,
  EmployerDashboard,
  SchoolDashboard,
} from '@hirehall/shared/dashboards';
import { api } from '../../../lib/api.ts';

export const fetchEmployerDashboard = () => api<EmployerDashboard>('/api/dashboards/employer');
export const fetchSchoolDashboard = () => api<SchoolDashboard>('/api/dashboards/school');
export const fetchAdminDashboard = () => api<AdminDashboard>('/api/dashboards/admin');
