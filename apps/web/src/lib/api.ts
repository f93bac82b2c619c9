import { errorMessage } from '@hirehall/shared/errors';

/** An error answered by the API (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

type AuthRedirect = (kind: 'password-change' | 'sign-in') => void;
let onAuthRedirect: AuthRedirect = () => {};

/** The app registers how to leave for the sign-in or forced password-change page. */
export function setAuthRedirectHandler(handler: AuthRedirect): void {
  onAuthRedirect = handler;
}

let lastCsrfToken: string | null = null;

/** Remember the token from a sign-in or `me` answer, in case the cookie is not readable. */
export function rememberCsrfToken(token: string | null): void {
  lastCsrfToken = token;
}

function readCookie(name: string): string | null {
  const pair = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** false on calls where signed-out is an ordinary answer (e.g. `me`) */
  redirectOnAuthError?: boolean;
  signal?: AbortSignal;
  /** sent as Idempotency-Key: the same key on a retry means the same action */
  idempotencyKey?: string;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** JSON (or multipart, when body is FormData) call to the HireHall API. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (method !== 'GET') {
    const token = readCookie('hh_csrf') ?? lastCsrfToken;
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(NETWORK_ERROR, '网络连接失败，请检查网络后重试', 0);
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const error = readErrorBody(payload, response.status);
  if (options.redirectOnAuthError !== false) {
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') onAuthRedirect('password-change');
    if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') {
      onAuthRedirect('sign-in');
    }
  }
  throw error;
}

function readErrorBody(payload: unknown, status: number): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : errorMessage(error.code);
    return new ApiError(error.code, message, status, error.details);
  }
  if (status === 413) return new ApiError('FILE_TOO_LARGE', errorMessage('FILE_TOO_LARGE'), status);
  if (status >= 500 || status === 0) {
    return new ApiError('INTERNAL', errorMessage('INTERNAL'), status);
  }
  return new ApiError('BAD_REQUEST', errorMessage('BAD_REQUEST'), status);
}

/** A message a person can read, for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '系统繁忙，请稍后再试';
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
