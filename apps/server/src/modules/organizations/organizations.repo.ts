import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { hashPassword, generateInitialPassword } from '../../platform/auth/passwords.ts';
import { insertAccount, findAccountIdByIdentifier } from '../accounts/accounts.repo.ts';
import { colleges, memberships, organizations, pointsLedger } from './organizations.tables.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

/** PostgreSQL unique violation (23505), also when wrapped by drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e.code === '23505') return true;
  }
  return false;
}

export async function findOrganization(q: Queryable, id: string): Promise<OrganizationRow | null> {
  const [row] = await q.select().from(organizations).where(eq(organizations.id, id));
  return row ?? null;
}

export async function getOrganization(q: Queryable, id: string, kind?: OrganizationRow['kind']) {
  const row = await findOrganization(q, id);
  if (!row || (kind && row.kind !== kind)) throw new AppError('NOT_FOUND');
  return row;
}

export async function listColleges(q: Queryable, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  return q
    .select({ id: colleges.id, name: colleges.name, schoolId: colleges.schoolId })
    .from(colleges)
    .where(inArray(colleges.schoolId, schoolIds))
    .orderBy(asc(colleges.createdAt), asc(colleges.name));
}

export async function listSchoolsWithColleges(q: Queryable) {
  const schools = await q
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'school'), eq(organizations.status, 'active')))
    .orderBy(asc(organizations.createdAt), asc(organizations.name));
  const all = await listColleges(
    q,
    schools.map((s) => s.id),
  );
  return schools.map((s) => ({
    ...s,
    colleges: all.filter((c) => c.schoolId === s.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function pointsBalances(q: Queryable, organizationIds: string[]) {
  if (organizationIds.length === 0) return new Map<string, number>();
  const rows = await q
    .select({
      organizationId: pointsLedger.organizationId,
      balance: sql<number>`coalesce(sum(${pointsLedger.delta}), 0)::int`,
    })
    .from(pointsLedger)
    .where(inArray(pointsLedger.organizationId, organizationIds))
    .groupBy(pointsLedger.organizationId);
  return new Map(rows.map((r) => [r.organizationId, Number(r.balance)]));
}

/**
 * A staff account (school, college, institution or admin) signing in with a user name and
 * a one-time initial password it must replace at first sign-in.
 */
export async function createStaffAccount(
  q: Queryable,
  input: {
    role: 'admin' | 'school' | 'college' | 'institution';
    username: string;
    displayName: string;
    organizationId: string | null;
    collegeId: string | null;
    password?: string;
    mustChangePassword?: boolean;
  },
): Promise<{ accountId: string; initialPassword: string }> {
  if (await findAccountIdByIdentifier(q, 'username', input.username)) {
    throw new AppError('DUPLICATE', '该用户名已被使用');
  }
  const initialPassword = input.password ?? generateInitialPassword();
  const account = await insertAccount(q, {
    role: input.role,
    displayName: input.displayName,
    passwordHash: await hashPassword(initialPassword),
    mustChangePassword: input.mustChangePassword ?? true,
    identifiers: [{ kind: 'username', value: input.username }],
  });
  if (input.organizationId) {
    await q.insert(memberships).values({
      accountId: account.id,
      organizationId: input.organizationId,
      collegeId: input.collegeId,
    });
  }
  return { accountId: account.id, initialPassword };
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
