import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  OrganizationKind,
  OrganizationSummary,
  Staff,
  StaffRole,
} from '@hirehall/shared/organizations';
import { staffRoles } from '@hirehall/shared/organizations';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { accounts, signInIdentifiers } from '../accounts/accounts.tables.ts';
import { colleges, memberships, organizations, pointsLedger } from './organizations.tables.ts';
import { authorize } from './organizations.policy.ts';
import {
  createStaffAccount,
  getOrganization,
  listColleges,
  pointsBalances,
} from './organizations.repo.ts';

export const OPENING_POINTS_REASON = '开户赠送';

export async function listOrganizations(
  q: Queryable,
  kind?: OrganizationKind,
): Promise<OrganizationSummary[]> {
  const rows = await q
    .select()
    .from(organizations)
    .where(kind ? eq(organizations.kind, kind) : undefined)
    .orderBy(desc(organizations.createdAt))
    .limit(1000);
  const all = await listColleges(
    q,
    rows.filter((r) => r.kind === 'school').map((r) => r.id),
  );
  const balances = await pointsBalances(
    q,
    rows.filter((r) => r.kind === 'institution').map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    creditCode: r.creditCode,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    colleges: all.filter((c) => c.schoolId === r.id).map(({ id, name }) => ({ id, name })),
    pointsBalance: r.kind === 'institution' ? (balances.get(r.id) ?? 0) : null,
  }));
}

async function summaryOf(q: Queryable, id: string) {
  const org = await getOrganization(q, id);
  return (await listOrganizations(q, org.kind)).find((o) => o.id === id)!;
}

async function assertNameFree(q: Queryable, kind: OrganizationKind, name: string) {
  const [row] = await q
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.kind, kind), eq(organizations.name, name)));
  if (row) throw new AppError('DUPLICATE', '该名称已存在');
}

export async function createSchool(
  tx: Tx,
  actor: Actor,
  input: { name: string; colleges: string[] },
  ip?: string,
) {
  authorize(actor, 'createSchool');
  await assertNameFree(tx, 'school', input.name);
  const [school] = await tx
    .insert(organizations)
    .values({ kind: 'school', name: input.name })
    .returning({ id: organizations.id });
  const names = [...new Set(input.colleges.map((c) => c.trim()).filter(Boolean))];
  if (names.length > 0) {
    await tx.insert(colleges).values(names.map((name) => ({ schoolId: school!.id, name })));
  }
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'school.create',
    targetType: 'organization',
    targetId: school!.id,
    ip,
    details: { name: input.name, colleges: names },
  });
  return summaryOf(tx, school!.id);
}

export async function addCollege(tx: Tx, actor: Actor, schoolId: string, name: string) {
  const school = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, schoolId), eq(organizations.kind, 'school')));
  if (school.length === 0) throw new AppError('NOT_FOUND');
  authorize(actor, 'addCollege', { schoolId });
  const [existing] = await tx
    .select({ id: colleges.id })
    .from(colleges)
    .where(and(eq(colleges.schoolId, schoolId), eq(colleges.name, name)));
  if (existing) throw new AppError('DUPLICATE', '该学院已存在');
  const [row] = await tx
    .insert(colleges)
    .values({ schoolId, name })
    .returning({ id: colleges.id, name: colleges.name });
  return row!;
}

export async function createInstitution(
  tx: Tx,
  actor: Actor,
  input: {
    name: string;
    creditCode?: string | null;
    openingPoints: number;
    username: string;
    displayName: string;
  },
  ip?: string,
) {
  authorize(actor, 'createInstitution');
  await assertNameFree(tx, 'institution', input.name);
  if (input.creditCode) {
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.creditCode, input.creditCode));
    if (taken) throw new AppError('DUPLICATE', '该统一社会信用代码已被使用');
  }
  const [org] = await tx
    .insert(organizations)
    .values({ kind: 'institution', name: input.name, creditCode: input.creditCode ?? null })
    .returning({ id: organizations.id });
  if (input.openingPoints > 0) {
    await tx.insert(pointsLedger).values({
      organizationId: org!.id,
      delta: input.openingPoints,
      reason: OPENING_POINTS_REASON,
      actorAccountId: actor.accountId,
    });
  }
  const staff = await createStaffAccount(tx, {
    role: 'institution',
    username: input.username,
    displayName: input.displayName,
    organizationId: org!.id,
    collegeId: null,
  });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'institution.create',
    targetType: 'organization',
    targetId: org!.id,
    ip,
    details: { name: input.name, openingPoints: input.openingPoints, accountId: staff.accountId },
  });
  return { organization: await summaryOf(tx, org!.id), initialPassword: staff.initialPassword };
}

/**
 * Staff accounts: the admin creates school, institution, college and admin staff; school
 * staff create college staff for their own colleges only.
 */
export async function createStaff(
  tx: Tx,
  actor: Actor,
  input: {
    role: StaffRole;
    organizationId?: string | null;
    collegeId?: string | null;
    username: string;
    displayName: string;
  },
  ip?: string,
) {
  let organizationId: string | null = null;
  let collegeId: string | null = null;
  if (input.role === 'college') {
    if (!input.collegeId) throw new AppError('VALIDATION_FAILED', '请选择学院');
    const [college] = await tx.select().from(colleges).where(eq(colleges.id, input.collegeId));
    if (!college) throw new AppError('NOT_FOUND');
    organizationId = college.schoolId;
    collegeId = college.id;
  } else if (input.role === 'school' || input.role === 'institution') {
    if (!input.organizationId) throw new AppError('VALIDATION_FAILED', '请选择所属单位');
    const kind = input.role === 'school' ? 'school' : 'institution';
    organizationId = (await getOrganization(tx, input.organizationId, kind)).id;
  }
  authorize(actor, 'createStaff', { role: input.role, organizationId });
  const created = await createStaffAccount(tx, {
    role: input.role,
    username: input.username,
    displayName: input.displayName,
    organizationId,
    collegeId,
  });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'account.create',
    targetType: 'account',
    targetId: created.accountId,
    ip,
    details: { role: input.role, username: input.username, organizationId, collegeId },
  });
  return created;
}

/** The admin sees every staff account; school staff see their own school's. */
export async function listStaff(q: Queryable, actor: Actor): Promise<Staff[]> {
  authorize(actor, 'listStaff');
  const scope =
    actor.role === 'admin'
      ? inArray(accounts.role, [...staffRoles])
      : and(
          inArray(accounts.role, ['school', 'college']),
          eq(memberships.organizationId, actor.organizationId ?? sql`null`),
        );
  const rows = await q
    .select({
      accountId: accounts.id,
      role: accounts.role,
      username: signInIdentifiers.value,
      displayName: accounts.displayName,
      status: accounts.status,
      mustChangePassword: accounts.mustChangePassword,
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      collegeId: memberships.collegeId,
      collegeName: colleges.name,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .leftJoin(
      signInIdentifiers,
      and(eq(signInIdentifiers.accountId, accounts.id), eq(signInIdentifiers.kind, 'username')),
    )
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(colleges, eq(colleges.id, memberships.collegeId))
    .where(scope)
    .orderBy(asc(accounts.role), desc(accounts.createdAt))
    .limit(2000);
  return rows.map((r) => ({
    ...r,
    role: r.role as StaffRole,
    username: r.username?.toLowerCase() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
