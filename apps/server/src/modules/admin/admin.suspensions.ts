import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Suspension } from '@hirehall/shared/admin';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { revokeOtherSessions } from '../../platform/auth/sessions.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { suspensions } from './admin.tables.ts';

type Target = 'organization' | 'account';

const areaOf = (kind: string) => (kind === 'institution' ? 'institution' : 'employer');
type Cause = 'admin' | 'reverification';

export async function findOpenSuspension(
  q: Queryable,
  targetType: Target,
  targetId: string,
): Promise<Suspension | null> {
  const [row] = await q
    .select()
    .from(suspensions)
    .where(
      and(
        eq(suspensions.targetType, targetType),
        eq(suspensions.targetId, targetId),
        isNull(suspensions.liftedAt),
      ),
    )
    .orderBy(desc(suspensions.createdAt))
    .limit(1);
  return row ? toSuspension(row) : null;
}

function toSuspension(row: typeof suspensions.$inferSelect): Suspension {
  return {
    id: row.id,
    targetType: row.targetType,
    targetId: row.targetId,
    cause: row.cause,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    liftedAt: row.liftedAt?.toISOString() ?? null,
  };
}

/**
 * Suspends an organization: `organizations.status = 'suspended'` stops it from publishing
 * postings (the jobs module checks the status); its staff can still sign in and read.
 */
export async function suspendOrganization(
  tx: Tx,
  input: { organizationId: string; reason: string; cause: Cause; actor: Actor | null; ip?: string },
) {
  const rows = await tx
    .update(organizations)
    .set({ status: 'suspended' })
    .where(and(eq(organizations.id, input.organizationId), eq(organizations.status, 'active')))
    .returning({ id: organizations.id, kind: organizations.kind });
  if (rows.length === 0) {
    await assertExists(tx, 'organization', input.organizationId);
    throw new AppError('CONFLICT', '该单位已处于暂停状态');
  }
  await tx.insert(suspensions).values({
    targetType: 'organization',
    targetId: input.organizationId,
    cause: input.cause,
    reason: input.reason,
    createdBy: input.actor?.accountId ?? null,
  });
  await recordAudit(tx, {
    actorAccountId: input.actor?.accountId ?? null,
    actorRole: input.actor?.role ?? 'system',
    action: 'organization.suspend',
    targetType: 'organization',
    targetId: input.organizationId,
    ip: input.ip,
    details: { reason: input.reason, cause: input.cause },
  });
  await appendEvent(tx, {
    kind: 'organization.suspended',
    recipientOrganizationIds: [input.organizationId],
    payload: {
      title: '贵单位已被暂停发布职位',
      body: `原因：${input.reason}`,
      link: rows[0]!.kind === 'school' ? undefined : `/${areaOf(rows[0]!.kind)}/verification`,
    },
  });
}

export async function liftOrganizationSuspension(
  tx: Tx,
  input: { organizationId: string; actor: Actor; cause?: Cause; ip?: string },
) {
  const open = await findOpenSuspension(tx, 'organization', input.organizationId);
  if (!open || (input.cause && open.cause !== input.cause)) {
    await assertExists(tx, 'organization', input.organizationId);
    if (input.cause) return false;
    throw new AppError('CONFLICT', '该单位未被暂停');
  }
  await tx
    .update(suspensions)
    .set({ liftedAt: sql`now()`, liftedBy: input.actor.accountId })
    .where(and(eq(suspensions.id, open.id), isNull(suspensions.liftedAt)));
  await tx
    .update(organizations)
    .set({ status: 'active' })
    .where(eq(organizations.id, input.organizationId));
  await recordAudit(tx, {
    actorAccountId: input.actor.accountId,
    actorRole: input.actor.role,
    action: 'organization.reinstate',
    targetType: 'organization',
    targetId: input.organizationId,
    ip: input.ip,
    details: { cause: open.cause },
  });
  return true;
}

/** Suspends an account: it cannot sign in (status `disabled`) and its sessions end now. */
export async function suspendAccount(
  tx: Tx,
  input: { accountId: string; reason: string; actor: Actor; ip?: string },
) {
  if (input.accountId === input.actor.accountId) {
    throw new AppError('BAD_REQUEST', '不能暂停自己的账号');
  }
  const rows = await tx
    .update(accounts)
    .set({ status: 'disabled' })
    .where(and(eq(accounts.id, input.accountId), eq(accounts.status, 'active')))
    .returning({ id: accounts.id });
  if (rows.length === 0) {
    await assertExists(tx, 'account', input.accountId);
    throw new AppError('CONFLICT', '该账号已处于停用状态');
  }
  await revokeOtherSessions(tx, input.accountId);
  await tx.insert(suspensions).values({
    targetType: 'account',
    targetId: input.accountId,
    cause: 'admin',
    reason: input.reason,
    createdBy: input.actor.accountId,
  });
  await recordAudit(tx, {
    actorAccountId: input.actor.accountId,
    actorRole: input.actor.role,
    action: 'account.suspend',
    targetType: 'account',
    targetId: input.accountId,
    ip: input.ip,
    details: { reason: input.reason },
  });
}

export async function liftAccountSuspension(
  tx: Tx,
  input: { accountId: string; actor: Actor; ip?: string },
) {
  const rows = await tx
    .update(accounts)
    .set({ status: 'active' })
    .where(and(eq(accounts.id, input.accountId), eq(accounts.status, 'disabled')))
    .returning({ id: accounts.id });
  if (rows.length === 0) {
    await assertExists(tx, 'account', input.accountId);
    throw new AppError('CONFLICT', '该账号未被停用');
  }
  await tx
    .update(suspensions)
    .set({ liftedAt: sql`now()`, liftedBy: input.actor.accountId })
    .where(
      and(
        eq(suspensions.targetType, 'account'),
        eq(suspensions.targetId, input.accountId),
        isNull(suspensions.liftedAt),
      ),
    );
  await recordAudit(tx, {
    actorAccountId: input.actor.accountId,
    actorRole: input.actor.role,
    action: 'account.reinstate',
    targetType: 'account',
    targetId: input.accountId,
    ip: input.ip,
  });
}

async function assertExists(q: Queryable, type: Target, id: string) {
  const table = type === 'organization' ? organizations : accounts;
  const [row] = await q.select({ id: table.id }).from(table).where(eq(table.id, id));
  if (!row) throw new AppError('NOT_FOUND');
}
