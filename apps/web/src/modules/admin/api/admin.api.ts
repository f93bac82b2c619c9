import type {
  CertificationChange,
  OrganizationKind,
  OrganizationSummary,
  Staff,
  StaffRole,
} from '@hirehall/shared/organizations';
import { api } from '../../../lib/api.ts';

export const adminKeys = {
  organizations: (kind: OrganizationKind) => ['admin', 'organizations', kind] as const,
  staff: ['admin', 'staff'] as const,
  certificationChanges: ['admin', 'certification-changes'] as const,
};

export function fetchOrganizations(kind: OrganizationKind): Promise<OrganizationSummary[]> {
  return api<OrganizationSummary[]>('/api/admin/organizations', { query: { kind } });
}

export function createSchool(body: { name: string; colleges: string[] }) {
  return api<unknown>('/api/admin/schools', { method: 'POST', body });
}

export function addCollege(schoolId: string, name: string) {
  return api<unknown>(`/api/admin/schools/${schoolId}/colleges`, {
    method: 'POST',
    body: { name },
  });
}

export interface NewInstitution {
  name: string;
  creditCode?: string | null;
  openingPoints: number;
  username: string;
  displayName: string;
}

export function createInstitution(body: NewInstitution) {
  return api<{ organization: OrganizationSummary; initialPassword: string }>(
    '/api/admin/institutions',
    { method: 'POST', body },
  );
}

export interface NewStaff {
  role: StaffRole;
  organizationId?: string | null;
  collegeId?: string | null;
  username: string;
  displayName: string;
}

export function createStaff(body: NewStaff) {
  return api<{ accountId: string; initialPassword: string }>('/api/admin/staff', {
    method: 'POST',
    body,
  });
}

export function fetchStaff(): Promise<Staff[]> {
  return api<Staff[]>('/api/admin/staff');
}

export function importRegistry(file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<{ inserted: number; updated: number }>('/api/admin/registry/import', {
    method: 'POST',
    body: form,
  });
}

export const registryTemplateUrl = '/api/admin/registry/template.csv';

export function fetchCertificationChanges(): Promise<CertificationChange[]> {
  return api<CertificationChange[]>('/api/admin/certification-changes');
}

export function approveCertificationChange(id: string) {
  return api<unknown>(`/api/admin/certification-changes/${id}/approve`, { method: 'POST' });
}

export function rejectCertificationChange(id: string, reason: string) {
  return api<unknown>(`/api/admin/certification-changes/${id}/reject`, {
    method: 'POST',
    body: { reason },
  });
}
