import { and, eq, lt, sql } from 'drizzle-orm';
import {
  agreementTransitions,
  clauseKeys,
  reviewTransitions,
  type AgreementEvent,
  type AgreementStatus,
  type AgreementTerms,
  type ClauseKey,
} from '@hirehall/shared/agreements';
import { nextState } from '@hirehall/shared/workflow';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { agreements } from './agreements.tables.ts';
import {
  findAgreementHead,
  getSigningSettings,
  hasBindingAgreement,
  isUniqueViolation,
  lockGraduateRecord,
  writeAgreementState,
  type AgreementHead,
} from './agreements.repo.ts';
import { assertSees, employerContextOf } from './agreements.policy.ts';

const DAY = 86_400_000;

export function toState(from: AgreementStatus, event: AgreementEvent): AgreementStatus {
  const to = nextState(agreementTransitions, from, event);
  if (!to) throw new AppError('CONFLICT', '协议当前状态不能执行此操作');
  return to;
}

async function audit(tx: Tx, actor: Actor | null, action: string, id: string, details = {}) {
  await recordAudit(tx, {
    actorAccountId: actor?.accountId ?? null,
    actorRole: actor?.role ?? 'system',
    action,
    targetType: 'agreement',
    targetId: id,
    details,
  });
}

/** Only each clause that is filled *and* confirmed counts; unknown keys are dropped. */
function confirmedOf(list: ClauseKey[]): ClauseKey[] {
  return clauseKeys.filter((k) => list.includes(k));
}

async function getSignableGraduate(
  tx: Tx,
  ctx: { schoolId: string; graduationYear: number },
  graduateId: string,
  /** the agreement being sent or accepted: its own binding does not count */
  exceptId?: string,
) {
  const g = await lockGraduateRecord(tx, graduateId);
  if (
    !g ||
    g.school_id !== ctx.schoolId ||
    g.graduation_year !== ctx.graduationYear ||
    g.status !== 'approved'
  ) {
    throw new AppError('GRADUATE_NOT_FOUND');
  }
  if (await hasBindingAgreement(tx, g.id, exceptId)) throw new AppError('GRADUATE_LOCKED');
  return g;
}

async function employerSnapshot(tx: Tx, employerId: string) {
  const [o] = await tx.select().from(organizations).where(eq(organizations.id, employerId));
  if (!o) throw new AppError('NOT_FOUND');
  return {
    name: o.name,
    creditCode: o.creditCode,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    address: o.address,
  };
}

/** 发起邀约 step 1: a draft with the terms and the clauses confirmed so far. */
export async function createOffer(
  tx: Tx,
  actor: Actor,
  input: { graduateId: string; terms: AgreementTerms; confirmedClauses: ClauseKey[] },
): Promise<string> {
  const ctx = await employerContextOf(tx, actor);
  await getSignableGraduate(tx, ctx, input.graduateId);
  try {
    const [row] = await tx
      .insert(agreements)
      .values({
        schoolId: ctx.schoolId,
        graduationYear: ctx.graduationYear,
        graduateRecordId: input.graduateId,
        employerId: ctx.employerId,
        createdBy: actor.accountId,
        terms: input.terms,
        confirmedClauses: confirmedOf(input.confirmedClauses),
        employerSnapshot: await employerSnapshot(tx, ctx.employerId),
      })
      .returning({ id: agreements.id });
    await audit(tx, actor, 'agreement.create', row!.id);
    return row!.id;
  } catch (err) {
    if (isUniqueViolation(err, 'agreements_one_open_offer_per_pair')) {
      throw new AppError('DUPLICATE', '已有对该学生的邀约，请在“待确认”中查看');
    }
    throw err;
  }
}

async function getOwnOffer(tx: Tx, actor: Actor, id: string): Promise<AgreementHead> {
  const a = assertSees(actor, await findAgreementHead(tx, id));
  if (actor.role !== 'employer') throw new AppError('NOT_FOUND');
  return a;
}

/** 修改邀约: only a draft (a sent offer is withdrawn first). */
export async function editOffer(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { terms: AgreementTerms; confirmedClauses: ClauseKey[] },
) {
  const a = await getOwnOffer(tx, actor, id);
  if (a.status !== 'draft') throw new AppError('CONFLICT', '请先撤回邀约再修改');
  const rows = await tx
    .update(agreements)
    .set({
      terms: input.terms,
      confirmedClauses: confirmedOf(input.confirmedClauses),
      updatedAt: sql`now()`,
    })
    .where(and(eq(agreements.id, id), eq(agreements.status, 'draft')))
    .returning({ id: agreements.id });
  if (rows.length === 0) throw new AppError('CONFLICT');
  await audit(tx, actor, 'agreement.edit', id);
}

/** 发起邀约 step 2: every clause confirmed, graduate still signable → sent, with a deadline. */
export async function sendOffer(tx: Tx, actor: Actor, id: string) {
  const a = await getOwnOffer(tx, actor, id);
  const to = toState(a.status, 'send');
  if (confirmedOf(a.confirmedClauses).length !== clauseKeys.length) {
    throw new AppError('CLAUSES_NOT_CONFIRMED');
  }
  const g = await getSignableGraduate(tx, a, a.graduateRecordId, a.id);
  const settings = await getSigningSettings(tx, a.schoolId);
  const deadlineAt = new Date(Date.now() + settings.offerResponseDays * DAY);
  await writeAgreementState(tx, {
    id,
    from: a.status,
    to,
    set: {
      sentAt: new Date(),
      deadlineAt,
      employerSnapshot: await employerSnapshot(tx, a.employerId),
      responseReason: null,
    },
  });
  await audit(tx, actor, 'agreement.send', id, { deadlineAt: deadlineAt.toISOString() });
  if (g.account_id) {
    await appendEvent(tx, {
      kind: 'agreement.offer_received',
      recipientAccountIds: [g.account_id],
      payload: {
        agreementId: id,
        title: `${a.employerSnapshot.name}向您发起了三方协议邀约`,
        body: `请在 ${deadlineAt.toLocaleDateString('zh-CN')} 前应约或拒绝`,
        link: '/seeker/offers',
      },
    });
  }
}

/** 撤回: before the graduate answers; back to draft for editing. */
export async function withdrawOffer(tx: Tx, actor: Actor, id: string) {
  const a = await getOwnOffer(tx, actor, id);
  await writeAgreementState(tx, {
    id,
    from: a.status,
    to: toState(a.status, 'withdraw'),
    set: { deadlineAt: null },
  });
  await audit(tx, actor, 'agreement.withdraw', id);
  if (a.graduateAccountId) {
    await appendEvent(tx, {
      kind: 'agreement.offer_withdrawn',
      recipientAccountIds: [a.graduateAccountId],
      payload: {
        agreementId: id,
        title: `${a.employerSnapshot.name}撤回了三方协议邀约`,
        link: '/seeker/offers',
      },
    });
  }
}

/**
 * 作废. A draft that a review returned still binds the graduate; giving it up releases them,
 * and they are told so (never silently).
 */
export async function discardOffer(tx: Tx, actor: Actor, id: string) {
  const a = await getOwnOffer(tx, actor, id);
  await writeAgreementState(tx, { id, from: a.status, to: toState(a.status, 'discard') });
  await audit(tx, actor, 'agreement.discard', id);
  if (a.reviewStatus === 'returned' && a.graduateAccountId) {
    await appendEvent(tx, {
      kind: 'agreement.released',
      recipientAccountIds: [a.graduateAccountId],
      payload: {
        agreementId: id,
        title: `${a.employerSnapshot.name}放弃了被退回的三方协议`,
        body: '您已解除与该单位的签约锁定，可以接受其他单位的邀约',
        link: '/seeker/offers',
      },
    });
  }
}

async function getOwnInboxOffer(tx: Tx, actor: Actor, id: string): Promise<AgreementHead> {
  const a = assertSees(actor, await findAgreementHead(tx, id));
  if (actor.role !== 'seeker') throw new AppError('NOT_FOUND');
  return a;
}

/**
 * 应约: the graduate's record row is locked first, so concurrent accepts of two offers run
 * one after the other; the partial unique index on accepted agreements is the last word.
 * Other pending offers close (superseded) with a notice to their employers.
 */
export async function acceptOffer(tx: Tx, actor: Actor, id: string) {
  const head = await getOwnInboxOffer(tx, actor, id);
  // locks the record, and checks it is still approved for this school and year (a re-import
  // that changed it sent it back to college review) and not bound to another agreement
  await getSignableGraduate(tx, head, head.graduateRecordId, id);
  const a = (await findAgreementHead(tx, id))!;
  if (a.status === 'sent' && a.deadlineAt && a.deadlineAt.getTime() <= Date.now()) {
    throw new AppError('OFFER_EXPIRED');
  }
  const reviewTo =
    a.reviewStatus === 'returned'
      ? nextState(reviewTransitions, 'returned', 'resubmit')!
      : 'college_pending';
  try {
    await writeAgreementState(tx, {
      id,
      from: a.status,
      to: toState(a.status, 'accept'),
      reviewTo,
      set: { answeredAt: new Date(), returnReason: null },
      guard: sql`${agreements.deadlineAt} > now()`,
    });
  } catch (err) {
    if (isUniqueViolation(err, 'agreements_one_binding_per_graduate')) {
      throw new AppError('GRADUATE_LOCKED');
    }
    throw err;
  }
  await audit(tx, actor, 'agreement.accept', id);
  await appendEvent(tx, {
    kind: 'agreement.accepted',
    recipientOrganizationIds: [a.employerId],
    payload: {
      agreementId: id,
      title: '毕业生已接受三方协议邀约',
      body: '协议已提交学院审核',
      link: `/employer/agreements/${id}`,
    },
  });
  const superseded = await tx
    .update(agreements)
    .set({ status: 'superseded', updatedAt: sql`now()`, deadlineAt: null })
    .where(and(eq(agreements.graduateRecordId, a.graduateRecordId), eq(agreements.status, 'sent')))
    .returning({ id: agreements.id, employerId: agreements.employerId });
  for (const s of superseded) {
    await audit(tx, null, 'agreement.supersede', s.id, { acceptedAgreementId: id });
    await appendEvent(tx, {
      kind: 'agreement.offer_closed',
      recipientOrganizationIds: [s.employerId],
      payload: {
        agreementId: s.id,
        title: '邀约已关闭：该学生已接受其他单位的邀约',
        link: `/employer/agreements/${s.id}`,
      },
    });
  }
}

export async function rejectOffer(tx: Tx, actor: Actor, id: string, reason: string) {
  const a = await getOwnInboxOffer(tx, actor, id);
  await writeAgreementState(tx, {
    id,
    from: a.status,
    to: toState(a.status, 'reject'),
    set: { answeredAt: new Date(), responseReason: reason },
  });
  await audit(tx, actor, 'agreement.reject', id, { reason });
  await appendEvent(tx, {
    kind: 'agreement.rejected',
    recipientOrganizationIds: [a.employerId],
    payload: {
      agreementId: id,
      title: '毕业生拒绝了三方协议邀约',
      body: reason,
      link: `/employer/agreements/${id}`,
    },
  });
}

/**
 * Offers past their deadline close themselves: called when offers are read and by a periodic
 * sweep. Each closes with its own `UPDATE … WHERE status = 'sent'`, audit row and notice.
 */
export async function expireOffers(
  q: Queryable,
  scope: { id?: string; graduateRecordId?: string } = {},
) {
  const due = await q
    .select({ id: agreements.id, employerId: agreements.employerId })
    .from(agreements)
    .where(
      and(
        eq(agreements.status, 'sent'),
        lt(agreements.deadlineAt, sql`now()`),
        scope.id ? eq(agreements.id, scope.id) : undefined,
        scope.graduateRecordId
          ? eq(agreements.graduateRecordId, scope.graduateRecordId)
          : undefined,
      ),
    )
    .limit(500);
  let expired = 0;
  for (const d of due) {
    const closed = await q.transaction(async (tx) => {
      const rows = await tx
        .update(agreements)
        .set({ status: 'expired', updatedAt: sql`now()` })
        .where(
          and(
            eq(agreements.id, d.id),
            eq(agreements.status, 'sent'),
            lt(agreements.deadlineAt, sql`now()`),
          ),
        )
        .returning({ id: agreements.id });
      if (rows.length === 0) return false;
      await audit(tx, null, 'agreement.expire', d.id);
      await appendEvent(tx, {
        kind: 'agreement.offer_closed',
        recipientOrganizationIds: [d.employerId],
        payload: {
          agreementId: d.id,
          title: '邀约已过期：学生未在应约期限内答复',
          link: `/employer/agreements/${d.id}`,
        },
      });
      return true;
    });
    if (closed) expired++;
  }
  return expired;
}
