import { eq, sql } from 'drizzle-orm';
import {
  REVERIFY_GRACE_DAYS,
  REVERIFY_MONTHS,
  type VerificationStatus,
} from '@hirehall/shared/admin';
import { queryRows, type Queryable, type Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { organizationVerifications } from './admin.tables.ts';
import {
  findOpenSuspension,
  liftOrganizationSuspension,
  suspendOrganization,
} from './admin.suspensions.ts';

export const LAPSE_REASON = `超过${REVERIFY_MONTHS}个月未确认单位信息，确认后自动恢复`;

function addMonths(date: Date, months: number) {
  const d = new Date(date);
  d.setMonth(d.getMonth() + months);
  return d;
}

/** Where an employer stands: confirmed within 6 months, due, or suspended for lapsing. */
export async function verificationOf(
  q: Queryable,
  organizationId: string,
): Promise<VerificationStatus> {
  const [row] = await q
    .select({
      createdAt: organizations.createdAt,
      confirmedAt: organizationVerifications.confirmedAt,
    })
    .from(organizations)
    .leftJoin(
      organizationVerifications,
      eq(organizationVerifications.organizationId, organizations.id),
    )
    .where(eq(organizations.id, organizationId));
  if (!row) throw new AppError('NOT_FOUND');
  const dueAt = addMonths(row.confirmedAt ?? row.createdAt, REVERIFY_MONTHS);
  const open = await findOpenSuspension(q, 'organization', organizationId);
  return {
    verifiedAt: row.confirmedAt?.toISOString() ?? null,
    dueAt: dueAt.toISOString(),
    state: open?.cause === 'reverification' ? 'suspended' : dueAt <= new Date() ? 'due' : 'current',
  };
}

/** The employer confirms its details; a lapse suspension is lifted at once. */
export async function confirmVerification(tx: Tx, actor: Actor, ip?: string) {
  if (!actor.organizationId) throw new AppError('FORBIDDEN');
  await tx
    .insert(organizationVerifications)
    .values({
      organizationId: actor.organizationId,
      confirmedAt: new Date(),
      confirmedBy: actor.accountId,
    })
    .onConflictDoUpdate({
      target: organizationVerifications.organizationId,
      set: { confirmedAt: sql`now()`, confirmedBy: actor.accountId, remindedAt: null },
    });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'organization.reverify',
    targetType: 'organization',
    targetId: actor.organizationId,
    ip,
  });
  await liftOrganizationSuspension(tx, {
    organizationId: actor.organizationId,
    actor,
    cause: 'reverification',
    ip,
  });
  return verificationOf(tx, actor.organizationId);
}

const lapsed = (now: Date) =>
  sql`coalesce(v.confirmed_at, o.created_at) + make_interval(months => ${REVERIFY_MONTHS}) <= ${now.toISOString()}::timestamptz`;

/**
 * One pass of the re-verification job: remind employers whose confirmation lapsed, and
 * suspend from posting those still unconfirmed 14 days after the reminder.
 */
export async function sweepReverification(tx: Tx, now = new Date()) {
  const toRemind = await queryRows<{ id: string; kind: string }>(
    tx,
    sql`select o.id, o.kind from organizations o
        left join organization_verifications v on v.organization_id = o.id
        where o.kind in ('company', 'institution') and o.status = 'active'
          and ${lapsed(now)} and v.reminded_at is null
        order by o.id limit 500`,
  );
  for (const { id, kind } of toRemind) {
    await tx
      .insert(organizationVerifications)
      .values({ organizationId: id, remindedAt: now })
      .onConflictDoUpdate({
        target: organizationVerifications.organizationId,
        set: { remindedAt: now },
      });
    await appendEvent(tx, {
      kind: 'organization.reverify_due',
      recipientOrganizationIds: [id],
      payload: {
        title: '请确认单位信息',
        body: `按规定用人单位每${REVERIFY_MONTHS}个月需确认一次单位信息，请在${REVERIFY_GRACE_DAYS}天内确认，逾期将暂停发布职位。`,
        link: kind === 'institution' ? '/institution/verification' : '/employer/verification',
      },
    });
  }
  const toSuspend = await queryRows<{ id: string }>(
    tx,
    sql`select o.id from organizations o
        join organization_verifications v on v.organization_id = o.id
        where o.kind in ('company', 'institution') and o.status = 'active'
          and ${lapsed(now)}
          and v.reminded_at <= ${now.toISOString()}::timestamptz - make_interval(days => ${REVERIFY_GRACE_DAYS})
        order by o.id limit 500`,
  );
  for (const { id } of toSuspend) {
    await suspendOrganization(tx, {
      organizationId: id,
      reason: LAPSE_REASON,
      cause: 'reverification',
      actor: null,
    });
  }
  return { reminded: toRemind.length, suspended: toSuspend.length };
}
