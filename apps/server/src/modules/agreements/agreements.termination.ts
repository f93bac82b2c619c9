import { and, eq, sql } from 'drizzle-orm';
import {
  terminationTransitions,
  type TerminationEvent,
  type TerminationStatus,
} from '@hirehall/shared/agreements';
import { nextState } from '@hirehall/shared/workflow';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { findFile } from '../../platform/storage/uploads.ts';
import { agreementTerminations } from './agreements.tables.ts';
import {
  findAgreementHead,
  getSigningSettings,
  isUniqueViolation,
  writeAgreementState,
  type AgreementHead,
  type TerminationRow,
} from './agreements.repo.ts';
import { assertSees, partyOf, type PartyRole } from './agreements.policy.ts';
import { toState } from './agreements.offers.ts';

export const LETTER_PURPOSE = 'termination_letter';

async function audit(tx: Tx, actor: Actor, action: string, id: string, details = {}) {
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action,
    targetType: 'agreement_termination',
    targetId: id,
    details,
  });
}

/** Who to tell: the party that did not act (or both, for the school's decision). */
function partyRecipients(a: AgreementHead, party: PartyRole | 'both') {
  return {
    recipientOrganizationIds: party !== 'graduate' ? [a.employerId] : [],
    recipientAccountIds: party !== 'employer' && a.graduateAccountId ? [a.graduateAccountId] : [],
  };
}
const otherParty = (p: PartyRole): PartyRole => (p === 'graduate' ? 'employer' : 'graduate');

/** 申请解约: a signed agreement, a letter the applicant uploaded, a reason. */
export async function requestTermination(
  tx: Tx,
  actor: Actor,
  agreementId: string,
  input: { reason: string; letterFileId: string },
): Promise<string> {
  const a = (await findAgreementHead(tx, agreementId))!;
  const party = partyOf(actor, a);
  if (a.status !== 'accepted' || a.reviewStatus !== 'approved') {
    throw new AppError('CONFLICT', '只有已签约的协议可以申请解约');
  }
  if (party === 'employer' && !(await getSigningSettings(tx, a.schoolId)).employerTermination) {
    throw new AppError('TERMINATION_NOT_ALLOWED');
  }
  const letter = await findFile(tx, input.letterFileId);
  if (!letter || letter.purpose !== LETTER_PURPOSE || letter.ownerAccountId !== actor.accountId) {
    throw new AppError('BAD_REQUEST', '请先上传解约函');
  }
  try {
    const [row] = await tx
      .insert(agreementTerminations)
      .values({
        agreementId,
        initiatedBy: party,
        requestedBy: actor.accountId,
        reason: input.reason,
        letterFileId: letter.id,
      })
      .returning({ id: agreementTerminations.id });
    await audit(tx, actor, 'termination.request', row!.id, { agreementId, party });
    await appendEvent(tx, {
      kind: 'termination.requested',
      ...partyRecipients(a, otherParty(party)),
      payload: {
        agreementId,
        terminationId: row!.id,
        title: `${party === 'graduate' ? '毕业生' : '用人单位'}申请解除三方协议，请确认`,
        body: input.reason,
        link: party === 'graduate' ? `/employer/agreements/${agreementId}` : '/seeker/offers',
      },
    });
    return row!.id;
  } catch (err) {
    if (isUniqueViolation(err, 'agreement_terminations_one_open')) {
      throw new AppError('DUPLICATE', '该协议已有进行中的解约申请');
    }
    throw err;
  }
}

export async function findTermination(q: Queryable, id: string): Promise<TerminationRow | null> {
  const [row] = await q
    .select()
    .from(agreementTerminations)
    .where(eq(agreementTerminations.id, id));
  return row ?? null;
}

/** Loads the termination and its agreement, both visible to the actor (else 404). */
export async function getVisibleTermination(q: Queryable, actor: Actor, id: string) {
  const t = await findTermination(q, id);
  if (!t) throw new AppError('NOT_FOUND');
  const a = assertSees(actor, await findAgreementHead(q, t.agreementId));
  return { t, a };
}

async function writeTermination(
  tx: Tx,
  t: TerminationRow,
  event: TerminationEvent,
  set: Partial<typeof agreementTerminations.$inferInsert>,
): Promise<TerminationStatus> {
  const to = nextState(terminationTransitions, t.status, event);
  if (!to) throw new AppError('CONFLICT', '解约申请当前状态不能执行此操作');
  const rows = await tx
    .update(agreementTerminations)
    .set({ ...set, status: to })
    .where(and(eq(agreementTerminations.id, t.id), eq(agreementTerminations.status, t.status)))
    .returning({ id: agreementTerminations.id });
  if (rows.length === 0) throw new AppError('CONFLICT');
  return to;
}

/** The other party consents or refuses; the applicant may withdraw. */
export async function respondToTermination(
  tx: Tx,
  actor: Actor,
  id: string,
  event: 'consent' | 'refuse' | 'withdraw',
  reason?: string,
): Promise<string> {
  const { t, a } = await getVisibleTermination(tx, actor, id);
  const party = partyOf(actor, a);
  const isApplicant = party === t.initiatedBy;
  if (event === 'withdraw' ? !isApplicant : isApplicant) {
    throw new AppError('CONFLICT', event === 'withdraw' ? '只有申请方可以撤回' : '需由另一方确认');
  }
  await writeTermination(tx, t, event, {
    respondedBy: actor.accountId,
    responseReason: reason ?? null,
    consentedAt: event === 'consent' ? new Date() : null,
  });
  await audit(tx, actor, `termination.${event}`, id, { reason: reason ?? null });
  const titles = {
    consent: '对方已同意解约，等待学校审核',
    refuse: '对方不同意解约',
    withdraw: '解约申请已撤回',
  };
  await appendEvent(tx, {
    kind: `termination.${event === 'consent' ? 'consented' : event === 'refuse' ? 'refused' : 'withdrawn'}`,
    ...partyRecipients(a, otherParty(party)),
    payload: { agreementId: a.id, terminationId: id, title: titles[event], body: reason ?? '' },
  });
  return a.id;
}

/** The school decides. Approved → the agreement is 已解约 and the graduate signable again. */
export async function reviewTermination(
  tx: Tx,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  reason?: string,
): Promise<string> {
  const { t, a } = await getVisibleTermination(tx, actor, id);
  if (actor.role !== 'school') throw new AppError('NOT_FOUND');
  await writeTermination(tx, t, decision, {
    reviewedBy: actor.accountId,
    reviewedAt: new Date(),
    reviewReason: reason ?? null,
  });
  if (decision === 'approve') {
    await writeAgreementState(tx, { id: a.id, from: a.status, to: toState(a.status, 'terminate') });
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'agreement.terminate',
      targetType: 'agreement',
      targetId: a.id,
      details: { terminationId: id },
    });
  }
  await audit(tx, actor, `termination.${decision}`, id, { reason: reason ?? null });
  await appendEvent(tx, {
    kind: decision === 'approve' ? 'termination.approved' : 'termination.rejected',
    ...partyRecipients(a, 'both'),
    payload: {
      agreementId: a.id,
      terminationId: id,
      title:
        decision === 'approve' ? '解约申请已通过学校审核，协议已解除' : '解约申请未通过学校审核',
      body: reason ?? '',
    },
  });
  return a.id;
}

export async function listSchoolTerminations(
  q: Queryable,
  schoolId: string,
  status: TerminationStatus | undefined,
) {
  return q
    .select({ t: agreementTerminations })
    .from(agreementTerminations)
    .where(
      and(
        sql`${agreementTerminations.agreementId} in (select id from agreements where school_id = ${schoolId})`,
        status ? eq(agreementTerminations.status, status) : undefined,
      ),
    )
    .orderBy(agreementTerminations.createdAt)
    .limit(500);
}
