import type { GraduateImportResult, GraduateRecord } from '@hirehall/shared/graduates';
import { api } from '../../../lib/api.ts';

export const fetchGraduates = (
  role: 'school' | 'college',
  query: { graduationYear: number; status?: string; q?: string; page?: number },
) =>
  api<{ total: number; items: GraduateRecord[] }>(`/api/${role}/graduates`, {
    query: { ...query, pageSize: 50 },
  });

export async function importGraduates(graduationYear: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<GraduateImportResult>('/api/school/graduates/import', {
    method: 'POST',
    body: form,
    query: { graduationYear },
  });
}

export const approveGraduate = (id: string) =>
  api<GraduateRecord>(`/api/college/graduates/${id}/approve`, { method: 'POST', body: {} });
export const rejectGraduate = (id: string, reason: string) =>
  api<GraduateRecord>(`/api/college/graduates/${id}/reject`, { method: 'POST', body: { reason } });
