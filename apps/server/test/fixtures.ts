import { randomBytes } from 'node:crypto';
import type { Db } from '../src/platform/db/database.ts';
import type { Role } from '../src/platform/auth/actor.ts';
import { createSession, CSRF_COOKIE, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { insertAccount } from '../src/modules/accounts/accounts.repo.ts';
import {
  colleges,
  memberships,
  organizations,
} from '../src/modules/organizations/organizations.tables.ts';

export interface SignedIn {
  accountId: string;
  organizationId: string | null;
  collegeId: string | null;
  /** headers for app.inject: cookie + CSRF header */
  headers: Record<string, string>;
}

const unique = () => randomBytes(4).toString('hex');

export async function createOrganization(
  db: Db,
  kind: 'company' | 'institution' | 'school',
  name = `测试${kind}${unique()}`,
) {
  const [org] = await db.insert(organizations).values({ kind, name }).returning();
  return org!;
}

export async function createCollege(db: Db, schoolId: string, name = `学院${unique()}`) {
  const [c] = await db.insert(colleges).values({ schoolId, name }).returning();
  return c!;
}

/**
 * An account of `role` with a live session, built straight in the database (no sign-in
 * round trip). Staff roles get an organization of the right kind unless one is given.
 */
export async function signInAs(
  db: Db,
  role: Role,
  options: { organizationId?: string; collegeId?: string; mustChangePassword?: boolean } = {},
): Promise<SignedIn> {
  const account = await insertAccount(db, {
    role,
    displayName: `${role}-${unique()}`,
    passwordHash: null,
    mustChangePassword: options.mustChangePassword,
    identifiers: [{ kind: 'username', value: `${role}-${unique()}` }],
  });
  let organizationId: string | null = options.organizationId ?? null;
  let collegeId: string | null = options.collegeId ?? null;
  const orgKind = {
    employer: 'company',
    institution: 'institution',
    school: 'school',
    college: 'school',
  } as const;
  if (role in orgKind) {
    organizationId ??= (await createOrganization(db, orgKind[role as keyof typeof orgKind])).id;
    if (role === 'college') collegeId ??= (await createCollege(db, organizationId)).id;
    await db.insert(memberships).values({ accountId: account.id, organizationId, collegeId });
  }
  const session = await createSession(db, { accountId: account.id, days: 1 });
  return {
    accountId: account.id,
    organizationId,
    collegeId,
    headers: {
      cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`,
      'x-csrf-token': session.csrfToken,
    },
  };
}
