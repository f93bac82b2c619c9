import type {
  Admission,
  EmployerProfile,
  EmployerRegistration,
  NotificationChannel,
  PublicSchool,
  SchoolAdmission,
} from '@hirehall/shared/organizations';
import { api } from '../../../lib/api.ts';
import type { SessionAccount, SignedIn } from '../../accounts/api/accounts.api.ts';
import { rememberCsrfToken } from '../../../lib/api.ts';

export const organizationKeys = {
  schools: ['public', 'schools'] as const,
  years: ['public', 'graduation-years'] as const,
  admissions: ['employer', 'admissions'] as const,
  profile: ['employer', 'profile'] as const,
  schoolQueue: (status: string) => ['school', 'admissions', status] as const,
};

export function fetchSchools(): Promise<PublicSchool[]> {
  return api<PublicSchool[]>('/api/public/schools');
}

export function fetchGraduationYears(): Promise<number[]> {
  return api<number[]>('/api/public/graduation-years');
}

export function uploadLicence(file: File): Promise<{ fileId: string }> {
  const form = new FormData();
  form.append('file', file);
  return api<{ fileId: string }>('/api/uploads/licence', { method: 'POST', body: form });
}

export async function registerEmployer(body: EmployerRegistration): Promise<SignedIn> {
  const result = await api<SignedIn>('/api/employers', { method: 'POST', body });
  rememberCsrfToken(result.csrfToken);
  return result;
}

export interface AdmissionApplication {
  schoolId: string;
  graduationYear: number;
  note?: string;
}

export function applyForAdmissions(applications: AdmissionApplication[]): Promise<Admission[]> {
  return api<Admission[]>('/api/employer/admissions', {
    method: 'POST',
    body: { applications },
  });
}

export function fetchAdmissions(): Promise<Admission[]> {
  return api<Admission[]>('/api/employer/admissions');
}

export function setNotificationChannel(channel: NotificationChannel): Promise<void> {
  return api<void>('/api/employer/notification-channel', { method: 'PUT', body: { channel } });
}

export function switchEmployerContext(body: {
  schoolId: string;
  graduationYear: number;
}): Promise<SessionAccount> {
  return api<SessionAccount>('/api/employer/context', { method: 'PUT', body });
}

export function fetchEmployerProfile(): Promise<EmployerProfile> {
  return api<EmployerProfile>('/api/employer/profile');
}

export type EmployerProfilePatch = Partial<
  Pick<
    EmployerProfile,
    | 'contactName'
    | 'contactPhone'
    | 'contactEmail'
    | 'address'
    | 'industry'
    | 'scale'
    | 'website'
    | 'introduction'
  >
>;

export function updateEmployerProfile(body: EmployerProfilePatch): Promise<EmployerProfile> {
  return api<EmployerProfile>('/api/employer/profile', { method: 'PATCH', body });
}

export function requestCertificationChange(body: {
  name: string;
  creditCode: string;
  licenceFileId: string;
}) {
  return api<unknown>('/api/employer/certification-changes', { method: 'POST', body });
}

export function fetchSchoolAdmissions(status: string): Promise<SchoolAdmission[]> {
  return api<SchoolAdmission[]>('/api/school/admissions', { query: { status } });
}

export function approveAdmission(id: string): Promise<Admission> {
  return api<Admission>(`/api/school/admissions/${id}/approve`, { method: 'POST' });
}

export function rejectAdmission(id: string, reason: string): Promise<Admission> {
  return api<Admission>(`/api/school/admissions/${id}/reject`, {
    method: 'POST',
    body: { reason },
  });
}

export function fileUrl(fileId: string): string {
  return `/api/files/${fileId}`;
}
