import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';
import { accounts, sessions } from '../../modules/accounts/accounts.tables.ts';
import { memberships, organizations } from '../../modules/organizations/organizations.tables.ts';
import type { Actor } from './actor.ts';

export const SESSION_COOKIE = 'hh_session';
export const CSRF_COOKIE = 'hh_csrf';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  q: Queryable,
  input: { accountId: string; ip?: string; userAgent?: string; days: number },
) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + input.days * 86_400_000);
  await q.insert(sessions).values({
    tokenHash: hashToken(token),
    accountId: input.accountId,
    csrfToken,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300),
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export async function loadActor(q: Queryable, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const [row] = await q
    .select({
      accountId: accounts.id,
      role: accounts.role,
      displayName: accounts.displayName,
      status: accounts.status,
      mustChangePassword: accounts.mustChangePassword,
      csrfToken: sessions.csrfToken,
      context: sessions.context,
      lastSeenAt: sessions.lastSeenAt,
      organizationId: memberships.organizationId,
      organizationKind: organizations.kind,
      collegeId: memberships.collegeId,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
      ),
    );
  if (!row || row.status !== 'active') return null;
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await q
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    accountId: row.accountId,
    role: row.role,
    displayName: row.displayName,
    organizationId: row.organizationId,
    organizationKind: row.organizationKind,
    collegeId: row.collegeId,
    mustChangePassword: row.mustChangePassword,
    csrfToken: row.csrfToken,
    tokenHash,
    context: (row.context ?? {}) as Actor['context'],
  };
}

export async function revokeSession(q: Queryable, tokenHash: string) {
  await q
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(eq(sessions.tokenHash, tokenHash));
}

/** After a password change: every other session of the account ends. */
export async function revokeOtherSessions(q: Queryable, accountId: string, keepTokenHash?: string) {
  await q
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.revokedAt),
        keepTokenHash ? sql`${sessions.tokenHash} <> ${keepTokenHash}` : undefined,
      ),
    );
}

export async function updateSessionContext(
  q: Queryable,
  tokenHash: string,
  context: Actor['context'],
) {
  await q.update(sessions).set({ context }).where(eq(sessions.tokenHash, tokenHash));
}
