import { and, eq, sql } from 'drizzle-orm';
import { maskPhone } from '@hirehall/shared/validators';
import {
  adminPointsPageSize,
  type AccountLookup,
  type AdminPointsQuery,
  type OrganizationInfo,
  type OrganizationInfoBody,
  type PointsLedger,
} from '@hirehall/shared/admin';
import { queryRows, type Queryable, type Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { accounts, signInIdentifiers } from '../accounts/accounts.tables.ts';
import { memberships, organizations } from '../organizations/organizations.tables.ts';
import {
  countLedgerEntries,
  findLedgerEntries,
  insertLedgerEntry,
  pointsBalance,
} from '../talentpool/talentpool.repo.ts';
import { toPointsEntry } from '../talentpool/talentpool.service.ts';
import { findOpenSuspension } from './admin.suspensions.ts';
import { verificationOf } from './admin.reverification.ts';

export async function getOrganizationInfo(q: Queryable, id: string): Promise<OrganizationInfo> {
  const [org] = await q.select().from(organizations).where(eq(organizations.id, id));
  if (!org) throw new AppError('NOT_FOUND');
  const verification = org.kind === 'school' ? null : await verificationOf(q, org.id);
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    status: org.status,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
    address: org.address,
    introduction: org.introduction,
    suspension: await findOpenSuspension(q, 'organization', org.id),
    verifiedAt: verification?.verifiedAt ?? null,
    verificationDueAt: verification?.dueAt ?? null,
  };
}

/** 机构信息编辑 by the platform admin: the basic fields only; certification stays reviewed. */
export async function editOrganizationInfo(
  tx: Tx,
  actor: Actor,
  id: string,
  body: OrganizationInfoBody,
  ip?: string,
) {
  const changes = Object.fromEntries(
    Object.entries(body)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === '' ? null : v]),
  );
  if (Object.keys(changes).length > 0) {
    const rows = await tx
      .update(organizations)
      .set(changes)
      .where(eq(organizations.id, id))
      .returning({ id: organizations.id });
    if (rows.length === 0) throw new AppError('NOT_FOUND');
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'organization.edit_info',
      targetType: 'organization',
      targetId: id,
      ip,
      details: { fields: Object.keys(changes) },
    });
  }
  return getOrganizationInfo(tx, id);
}

/** Grants or deducts points with a reason; the balance never goes below zero. */
export async function adjustPoints(
  tx: Tx,
  actor: Actor,
  organizationId: string,
  input: { delta: number; reason: string },
  ip?: string,
) {
  const [org] = await queryRows<{ kind: string }>(
    tx,
    sql`select kind from organizations where id = ${organizationId} for update`,
  );
  if (!org) throw new AppError('NOT_FOUND');
  if (org.kind === 'school') throw new AppError('BAD_REQUEST', '学校没有会员点数');
  const balance = await pointsBalance(tx, organizationId);
  if (balance + input.delta < 0) {
    throw new AppError('INSUFFICIENT_POINTS', `扣减后余额不能为负，当前余额 ${balance}`);
  }
  await insertLedgerEntry(tx, {
    organizationId,
    delta: input.delta,
    reason: input.reason,
    reference: 'admin',
    actorAccountId: actor.accountId,
  });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: input.delta > 0 ? 'points.grant' : 'points.deduct',
    targetType: 'organization',
    targetId: organizationId,
    ip,
    details: { delta: input.delta, reason: input.reason, balanceAfter: balance + input.delta },
  });
  return pointsLedgerPage(tx, organizationId, { page: 1, pageSize: adminPointsPageSize });
}

/** The balance and one page of an organization's points ledger, newest first, with the count. */
export async function pointsLedgerPage(
  q: Queryable,
  organizationId: string,
  { page, pageSize }: AdminPointsQuery,
): Promise<PointsLedger> {
  const rows = await findLedgerEntries(q, organizationId, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return {
    balance: await pointsBalance(q, organizationId),
    entries: rows.map(toPointsEntry),
    total: await countLedgerEntries(q, organizationId),
    page,
    pageSize,
  };
}

/** Finds accounts by user name, organization name or display name, for suspension. */
export async function findAccounts(q: Queryable, text: string): Promise<AccountLookup[]> {
  const pattern = `%${text.replace(/[%_\\]/g, '\\$&')}%`;
  const rows = await q
    .selectDistinct({
      id: accounts.id,
      role: accounts.role,
      displayName: accounts.displayName,
      status: accounts.status,
      phone: accounts.phone,
      organizationName: organizations.name,
    })
    .from(accounts)
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .leftJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(
      signInIdentifiers,
      and(
        eq(signInIdentifiers.accountId, accounts.id),
        sql`${signInIdentifiers.kind} in ('username', 'org_name', 'credit_code', 'generated')`,
      ),
    )
    .where(
      sql`${accounts.displayName} ilike ${pattern} or ${organizations.name} ilike ${pattern}
          or ${signInIdentifiers.value} ilike ${pattern} or ${accounts.id}::text = ${text}`,
    )
    .limit(50);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      role: r.role,
      displayName: r.displayName,
      status: r.status,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      organizationName: r.organizationName,
      suspension: await findOpenSuspension(q, 'account', r.id),
    })),
  );
}
