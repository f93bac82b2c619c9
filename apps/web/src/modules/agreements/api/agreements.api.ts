import type {
  Agreement,
  OfferBody,
  PushJob,
  SignableGraduate,
  SigningResume,
  SigningSettingsBody,
  SigningSettingsView,
  SigningStats,
  Termination,
  Verification,
} from '@hirehall/shared/agreements';
import { api } from '../../../lib/api.ts';

export interface Page<T> {
  total: number;
  items: T[];
}

const post = <T>(path: string, body?: unknown, idempotencyKey?: string) =>
  api<T>(path, {
    method: 'POST',
    body: body ?? {},
    idempotencyKey,
  });

export const agreementKeys = { all: ['agreements'] as const };

export const PAGE_SIZE = 20;
export const fetchSignable = (q?: string, page = 1) =>
  api<Page<SignableGraduate>>('/api/employer/signing/signable', {
    query: { q, page, pageSize: PAGE_SIZE },
  });
export const fetchEmployerAgreements = (tab: string, q?: string, page = 1) =>
  api<Page<Agreement>>('/api/employer/agreements', {
    query: { tab, q, page, pageSize: PAGE_SIZE },
  });
export const fetchSigningResume = (graduateId: string) =>
  api<SigningResume>(`/api/employer/signing/graduates/${graduateId}/resume`);
export const fetchAgreement = (id: string) => api<Agreement>(`/api/agreements/${id}`);
export const saveOffer = (body: OfferBody) => post<Agreement>('/api/employer/agreements', body);
export const editOffer = (id: string, body: Omit<OfferBody, 'graduateId'>) =>
  api<Agreement>(`/api/employer/agreements/${id}`, { method: 'PUT', body });
export const offerAction = (id: string, action: 'send' | 'withdraw' | 'discard', key?: string) =>
  post<Agreement>(`/api/employer/agreements/${id}/${action}`, undefined, key);

export const fetchInbox = () => api<{ items: Agreement[] }>('/api/graduate/agreements');
export const acceptOffer = (id: string, key?: string) =>
  post<Agreement>(`/api/graduate/agreements/${id}/accept`, undefined, key);
export const rejectOffer = (id: string, reason: string, key?: string) =>
  post<Agreement>(`/api/graduate/agreements/${id}/reject`, { reason }, key);

export const fetchReviewQueue = (
  role: 'school' | 'college',
  graduationYear: number,
  filter: string,
  q?: string,
  page = 1,
) =>
  api<Page<Agreement>>(`/api/${role}/agreements`, {
    query: { graduationYear, filter, q, page, pageSize: PAGE_SIZE },
  });
export const approveAgreement = (role: 'school' | 'college', id: string, key?: string) =>
  post<Agreement>(`/api/${role}/agreements/${id}/approve`, undefined, key);
export const returnAgreement = (
  role: 'school' | 'college',
  id: string,
  reason: string,
  key?: string,
) => post<Agreement>(`/api/${role}/agreements/${id}/return`, { reason }, key);

export async function uploadLetter(file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<{ fileId: string }>('/api/agreements/termination-letters', {
    method: 'POST',
    body: form,
  });
}
export const requestTermination = (
  id: string,
  reason: string,
  letterFileId: string,
  key?: string,
) => post<Agreement>(`/api/agreements/${id}/terminations`, { reason, letterFileId }, key);
export const respondTermination = (
  id: string,
  event: 'consent' | 'refuse' | 'withdraw',
  reason?: string,
  key?: string,
) => post<Agreement>(`/api/terminations/${id}/${event}`, reason ? { reason } : {}, key);

export type SchoolTermination = Termination & { agreement: Agreement };
export const fetchSchoolTerminations = (status?: string) =>
  api<{ items: SchoolTermination[] }>('/api/school/terminations', { query: { status } });
export const reviewTermination = (
  id: string,
  decision: 'approve' | 'reject',
  reason?: string,
  key?: string,
) => post<Agreement>(`/api/school/terminations/${id}/${decision}`, reason ? { reason } : {}, key);

export const fetchSettings = () => api<SigningSettingsView>('/api/school/signing-settings');
export const saveSettings = (body: SigningSettingsBody) =>
  api<SigningSettingsView>('/api/school/signing-settings', { method: 'PUT', body });
export const fetchStats = (graduationYear: number) =>
  api<SigningStats>('/api/school/signing-stats', { query: { graduationYear } });
export const pushReport = (graduationYear: number) =>
  post<PushJob>('/api/school/provincial-report/push', { graduationYear });
export const fetchPushJob = (graduationYear: number) =>
  api<{ job: PushJob | null }>('/api/school/provincial-report/push', { query: { graduationYear } });
export const fetchVerification = (code: string) =>
  api<Verification>(`/api/public/agreements/verify/${encodeURIComponent(code)}`);

export const pdfUrl = (id: string) => `/api/agreements/${id}/pdf`;
export const letterUrl = (terminationId: string) => `/api/terminations/${terminationId}/letter`;
