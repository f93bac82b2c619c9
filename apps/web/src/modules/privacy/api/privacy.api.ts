import type { Consent, ConsentPurpose } from '@hirehall/shared/privacy';
import { api } from '../../../lib/api.ts';

export const listConsents = () => api<Consent[]>('/api/privacy/consents');
export const grantConsent = (purpose: ConsentPurpose) =>
  api<Consent[]>('/api/privacy/consents', { method: 'POST', body: { purpose } });
export const withdrawConsent = (id: string) =>
  api<Consent[]>(`/api/privacy/consents/${id}`, { method: 'DELETE' });
export const EXPORT_URL = '/api/privacy/export';
export const requestDeletion = (password: string) =>
  api<{ deletedAt: string; purgeAfter: string }>('/api/privacy/deletion', {
    method: 'POST',
    body: { password, confirm: '确认注销' },
  });
