import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionAccount, SignedIn } from '@hirehall/shared/accounts';
import type { AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  CSRF_COOKIE,
  SESSION_COOKIE,
  createSession,
  revokeSession,
} from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import { findSessionAccountRow } from './accounts.repo.ts';

export type NewSession = Awaited<ReturnType<typeof createSession>>;

/** `SessionAccount` of docs/api-foundation.md for one account and its session context. */
export async function loadSessionAccount(
  q: Queryable,
  accountId: string,
  context: Actor['context'] = {},
): Promise<SessionAccount> {
  const row = await findSessionAccountRow(q, accountId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  const seekerKinds: SessionAccount['seekerKinds'] = [];
  if (row.role === 'seeker') {
    if (row.is_public) seekerKinds.push('public');
    if (row.is_graduate) seekerKinds.push('graduate');
    if (row.is_certified) seekerKinds.push('certified');
  }
  return {
    id: row.id,
    role: row.role,
    displayName: row.display_name,
    mustChangePassword: row.must_change_password,
    organization:
      row.org_id && row.org_name && row.org_kind
        ? { id: row.org_id, name: row.org_name, kind: row.org_kind }
        : null,
    collegeId: row.college_id,
    context: {
      ...(context.schoolId ? { schoolId: context.schoolId } : {}),
      ...(context.graduationYear ? { graduationYear: context.graduationYear } : {}),
    },
    passwordRule: row.is_public ? 'pin' : 'standard',
    seekerKinds,
  };
}

/** `hh_session` HttpOnly + `hh_csrf` readable by the page; SameSite=Lax, path /, same expiry. */
export function setSessionCookies(reply: FastifyReply, config: Config, session: NewSession) {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    expires: session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

/**
 * A new session for `accountId`, inside the transaction that signed the person in. A session
 * the browser still carried ends here: signing in never keeps two identities in one browser.
 */
export async function openSession(
  tx: Queryable,
  ctx: AppContext,
  request: FastifyRequest,
  accountId: string,
): Promise<NewSession> {
  if (request.actor) await revokeSession(tx, request.actor.tokenHash);
  return createSession(tx, {
    accountId,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    days: ctx.config.sessionDays,
  });
}

/** After commit: cookies on the reply, and the body every sign-in route answers with. */
export async function answerSignedIn(
  ctx: AppContext,
  reply: FastifyReply,
  accountId: string,
  session: NewSession,
): Promise<SignedIn> {
  setSessionCookies(reply, ctx.config, session);
  return { account: await loadSessionAccount(ctx.db, accountId), csrfToken: session.csrfToken };
}

/** A unique index refused the row: two requests raced to create the same thing. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}
