import type {
  EmployerFair,
  Fair,
  FairEmployer,
  FairInput,
  Signup,
} from '@hirehall/shared/jobfairs';
import { api } from '../../../lib/api.ts';

export const fairKeys = {
  list: ['fairs', 'public'] as const,
  one: (id: string) => ['fairs', 'public', id] as const,
  employers: (id: string, q: string) => ['fairs', 'public', id, 'employers', q] as const,
  school: ['fairs', 'school'] as const,
  signups: (id: string) => ['fairs', 'school', id, 'signups'] as const,
  employer: ['fairs', 'employer'] as const,
};

export const fetchFairs = () => api<Fair[]>('/api/public/fairs');
export const fetchFair = (id: string) => api<Fair>(`/api/public/fairs/${id}`);
export const fetchFairEmployers = (id: string, q: string) =>
  api<FairEmployer[]>(`/api/public/fairs/${id}/employers`, { query: { q } });
export const visitFair = (id: string) =>
  api<{ views: number }>(`/api/public/fairs/${id}/visits`, { method: 'POST' });

export const fetchSchoolFairs = () => api<Fair[]>('/api/school/fairs');
export const createFair = (body: FairInput) =>
  api<Fair>('/api/school/fairs', { method: 'POST', body });
export const updateFair = (id: string, body: FairInput) =>
  api<Fair>(`/api/school/fairs/${id}`, { method: 'PUT', body });
export const fairAction = (id: string, action: 'publish' | 'close') =>
  api<Fair>(`/api/school/fairs/${id}/${action}`, { method: 'POST' });
export const fetchSignups = (fairId: string) =>
  api<Signup[]>(`/api/school/fairs/${fairId}/signups`);
export const approveSignup = (id: string) =>
  api<Signup>(`/api/school/fair-signups/${id}/approve`, { method: 'POST' });
export const rejectSignup = (id: string, reason: string) =>
  api<Signup>(`/api/school/fair-signups/${id}/reject`, { method: 'POST', body: { reason } });

export const fetchEmployerFairs = () => api<EmployerFair[]>('/api/employer/fairs');
export const signUpForFair = (id: string, note?: string) =>
  api<Signup>(`/api/employer/fairs/${id}/signup`, { method: 'POST', body: { note } });
export const chooseFairJobs = (id: string, jobIds: string[]) =>
  api<Signup>(`/api/employer/fairs/${id}/jobs`, { method: 'PUT', body: { jobIds } });
