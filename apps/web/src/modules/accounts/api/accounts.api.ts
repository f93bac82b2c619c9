import type {
  Portal,
  Role,
  SeekerRegistrationBody,
  SessionAccount,
  SignedIn,
  SignInBody,
  SmsPurpose,
} from '@hirehall/shared/accounts';
import { api, ApiError, rememberCsrfToken } from '../../../lib/api.ts';

export type { Portal, Role, SessionAccount, SignedIn, SmsPurpose };

function keepToken<T extends SignedIn>(result: T): T {
  rememberCsrfToken(result.csrfToken);
  return result;
}

/** The signed-in account, or null when signed out. */
export async function fetchMe(): Promise<SessionAccount | null> {
  try {
    return keepToken(await api<SignedIn>('/api/auth/me', { redirectOnAuthError: false })).account;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export type { SignInBody };

export async function signIn(body: SignInBody): Promise<SignedIn> {
  return keepToken(await api<SignedIn>('/api/auth/sign-in', { method: 'POST', body }));
}

export function signOut(): Promise<void> {
  return api('/api/auth/sign-out', { method: 'POST', redirectOnAuthError: false });
}

/** Identity by the current password or by an SMS code to the account's phone (one of them). */
export function changePassword(
  body: { newPassword: string } & ({ currentPassword: string } | { smsCode: string }),
) {
  return api<void>('/api/auth/password', { method: 'POST', body });
}

/** Sends a change-password code to the phone on the signed-in account. */
export function sendPasswordChangeCode() {
  return api<{ cooldownSeconds: number; maskedPhone: string }>('/api/auth/password/sms-code', {
    method: 'POST',
  });
}

export interface Captcha {
  captchaId: string;
  svg: string;
}

export function fetchCaptcha(): Promise<Captcha> {
  return api<Captcha>('/api/auth/captcha');
}

export function sendSmsCode(body: { phone: string; purpose: SmsPurpose }) {
  return api<{ cooldownSeconds: number }>('/api/auth/sms-codes', { method: 'POST', body });
}

export interface IdentityProviderInfo {
  name: string;
  isDevelopment: boolean;
  hint: string;
}

export function fetchIdentityProvider(): Promise<IdentityProviderInfo> {
  return api<IdentityProviderInfo>('/api/auth/identity-provider');
}

export type SeekerRegistration = SeekerRegistrationBody;
export type VerificationMethod = SeekerRegistrationBody['verification']['method'];

export async function registerSeeker(body: SeekerRegistration) {
  return keepToken(
    await api<SignedIn & { generatedAccount?: string | null }>('/api/auth/seekers', {
      method: 'POST',
      body,
    }),
  );
}

export function lookupCertifiedPhone(phone: string) {
  return api<{ state: 'unbound' | 'bound' }>('/api/auth/certified/lookup', {
    method: 'POST',
    body: { phone },
  });
}

export async function bindCertified(body: { phone: string; smsCode: string; password: string }) {
  return keepToken(await api<SignedIn>('/api/auth/certified/bind', { method: 'POST', body }));
}

export function resetPassword(body: { phone: string; smsCode: string; newPassword: string }) {
  return api<void>('/api/auth/password-reset', { method: 'POST', body });
}

export interface GraduateIdentity {
  schoolId: string;
  studentNumber: string;
  idLast6: string;
}

export function sendActivationCode(body: GraduateIdentity) {
  return api<{ maskedPhone: string; cooldownSeconds: number }>(
    '/api/auth/graduates/activation-code',
    { method: 'POST', body },
  );
}

export async function activateGraduate(
  body: GraduateIdentity & { smsCode: string; password: string },
) {
  return keepToken(await api<SignedIn>('/api/auth/graduates/activate', { method: 'POST', body }));
}
