import {
  adminPointsPageSize,
  type AccountLookup,
  type AuditEntryView,
  type AuditQuery,
  type BroadcastRecord,
  type FlaggedMessage,
  type FlaggedMessagesQuery,
  type FlagReviewBody,
  type OrganizationInfo,
  type OrganizationInfoBody,
  type PointsLedger,
  type VerificationStatus,
} from '@hirehall/shared/admin';
import type { PostingCap } from '@hirehall/shared/jobs';
import { api } from '../../../lib/api.ts';

export type AuditFilter = Partial<Omit<AuditQuery, 'pageSize'>>;

export const searchAudit = (filter: AuditFilter) =>
  api<{ items: AuditEntryView[]; total: number }>('/api/admin/audit-log', {
    query: { ...filter, pageSize: 50 },
  });

export function auditExportUrl(filter: AuditFilter) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v));
  }
  const q = params.toString();
  return `/api/admin/audit-log/export.csv${q ? `?${q}` : ''}`;
}

export const verifyAudit = () =>
  api<{ intact: boolean; brokenAt: number | null; rows: number }>('/api/admin/audit-log/verify');

export interface OrganizationSummary {
  id: string;
  kind: 'company' | 'institution' | 'school';
  name: string;
  status: 'active' | 'suspended';
  pointsBalance: number | null;
}
export const listOrganizations = () => api<OrganizationSummary[]>('/api/admin/organizations');

export const getOrganizationInfo = (id: string) =>
  api<OrganizationInfo>(`/api/admin/organizations/${id}/info`);
export const saveOrganizationInfo = (id: string, body: OrganizationInfoBody) =>
  api<OrganizationInfo>(`/api/admin/organizations/${id}/info`, { method: 'PATCH', body });
export const suspendOrganization = (id: string, reason: string) =>
  api<OrganizationInfo>(`/api/admin/organizations/${id}/suspension`, {
    method: 'POST',
    body: { reason },
  });
export const reinstateOrganization = (id: string) =>
  api<OrganizationInfo>(`/api/admin/organizations/${id}/suspension`, { method: 'DELETE' });

/** One page of 点数台账, newest first (pages of `adminPointsPageSize`). */
export const getPoints = (id: string, page: number) =>
  api<PointsLedger>(`/api/admin/organizations/${id}/points`, {
    query: { page, pageSize: adminPointsPageSize },
  });
export const adjustPoints = (id: string, delta: number, reason: string) =>
  api<PointsLedger>(`/api/admin/organizations/${id}/points`, {
    method: 'POST',
    body: { delta, reason },
  });

export const getPostingCap = (id: string) =>
  api<PostingCap>(`/api/admin/organizations/${id}/posting-cap`);
/** `null` removes the override: the organization kind's cap applies again. */
export const setPostingCap = (id: string, cap: number | null) =>
  api<PostingCap>(`/api/admin/organizations/${id}/posting-cap`, { method: 'PUT', body: { cap } });

export const findAccounts = (q: string) =>
  api<AccountLookup[]>('/api/admin/accounts', { query: { q } });
export const suspendAccount = (id: string, reason: string) =>
  api<void>(`/api/admin/accounts/${id}/suspension`, { method: 'POST', body: { reason } });
export const reinstateAccount = (id: string) =>
  api<void>(`/api/admin/accounts/${id}/suspension`, { method: 'DELETE' });

export const getVerification = () => api<VerificationStatus>('/api/org/verification');
export const confirmVerification = () =>
  api<VerificationStatus>('/api/org/verification/confirm', { method: 'POST' });

export type FlaggedFilter = Partial<Omit<FlaggedMessagesQuery, 'pageSize'>>;
export const listFlaggedMessages = (filter: FlaggedFilter) =>
  api<{ items: FlaggedMessage[]; total: number }>('/api/admin/chat/flagged', {
    query: { ...filter, pageSize: 20 },
  });
export const reviewFlaggedMessage = (id: string, body: FlagReviewBody) =>
  api<FlaggedMessage>(`/api/admin/chat/flagged/${id}/review`, { method: 'POST', body });

export const listBroadcasts = (page: number) =>
  api<{ items: BroadcastRecord[]; total: number }>('/api/admin/broadcasts', {
    query: { page, pageSize: 20 },
  });
export const sendBroadcast = (body: { title: string; body: string; roles: string[] }) =>
  api<{ accepted: true }>('/api/admin/broadcasts', { method: 'POST', body });
