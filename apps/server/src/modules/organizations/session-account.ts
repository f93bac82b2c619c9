import type { FastifyReply } from 'fastify';
import { type SessionAccount } from '@hirehall/shared/accounts';
import type { Config } from '../../platform/config.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { CSRF_COOKIE, SESSION_COOKIE, loadActor } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import { findOrganization } from './organizations.repo.ts';

/**
 * `SessionAccount` for the employer routes of this module (registration, context switch):
 * employers use the standard password rule and hold no seeker profiles.
 */
export async function toSessionAccount(q: Queryable, actor: Actor): Promise<SessionAccount> {
  const org = actor.organizationId ? await findOrganization(q, actor.organizationId) : null;
  return {
    id: actor.accountId,
    role: actor.role,
    displayName: actor.displayName,
    mustChangePassword: actor.mustChangePassword,
    organization: org ? { id: org.id, name: org.name, kind: org.kind } : null,
    collegeId: actor.collegeId,
    context: actor.context ?? {},
    passwordRule: actor.role === 'seeker' ? 'pin' : 'standard',
    seekerKinds: [],
  };
}

export async function sessionAccountOfToken(q: Queryable, token: string) {
  const actor = await loadActor(q, token);
  if (!actor) throw new AppError('INTERNAL');
  return { account: await toSessionAccount(q, actor), csrfToken: actor.csrfToken };
}

/** `hh_session` HttpOnly + `hh_csrf` readable by the page, both SameSite=Lax on path /. */
export function setSessionCookies(
  reply: FastifyReply,
  config: Config,
  session: { token: string; csrfToken: string; expiresAt: Date },
) {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    expires: session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}
