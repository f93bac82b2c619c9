import { createHash, randomInt } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { reviewTransitions, type ReviewStatus } from '@hirehall/shared/agreements';
import { nextState } from '@hirehall/shared/workflow';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { agreementReviews, agreements, type SignedPartiesSnapshot } from './agreements.tables.ts';
import { findAgreementHead, writeAgreementState, type AgreementHead } from './agreements.repo.ts';
import { assertSees } from './agreements.policy.ts';
import { toState } from './agreements.offers.ts';

type Stage = 'college' | 'school';

const stageOf = (actor: Actor): Stage => (actor.role === 'college' ? 'college' : 'school');
const pendingOf: Record<Stage, ReviewStatus> = {
  college: 'college_pending',
  school: 'school_pending',
};

async function getReviewable(tx: Tx, actor: Actor, id: string): Promise<AgreementHead> {
  const a = assertSees(actor, await findAgreementHead(tx, id));
  if (actor.role !== 'college' && actor.role !== 'school') throw new AppError('NOT_FOUND');
  if (a.status !== 'accepted' || a.reviewStatus !== pendingOf[stageOf(actor)]) {
    throw new AppError('CONFLICT', '该协议当前不在您的审核环节');
  }
  return a;
}

async function recordReview(
  tx: Tx,
  actor: Actor,
  a: AgreementHead,
  decision: 'approved' | 'returned',
  reason: string | null,
) {
  const stage = stageOf(actor);
  await tx.insert(agreementReviews).values({
    agreementId: a.id,
    stage,
    decision,
    reason,
    reviewerAccountId: actor.accountId,
    reviewerName: actor.displayName,
  });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `agreement.${stage}_${decision === 'approved' ? 'approve' : 'return'}`,
    targetType: 'agreement',
    targetId: a.id,
    details: { reason },
  });
}

function recipients(a: AgreementHead) {
  return {
    recipientOrganizationIds: [a.employerId],
    recipientAccountIds: a.graduateAccountId ? [a.graduateAccountId] : [],
  };
}

/** Review passed: college → school; school → signed, with its number and fingerprint. */
export async function approveAgreement(tx: Tx, actor: Actor, id: string) {
  const a = await getReviewable(tx, actor, id);
  const stage = stageOf(actor);
  const event = stage === 'college' ? 'college_approve' : 'school_approve';
  const reviewTo = nextState(reviewTransitions, a.reviewStatus!, event);
  if (!reviewTo) throw new AppError('CONFLICT');
  await writeAgreementState(tx, {
    id,
    from: 'accepted',
    to: 'accepted',
    reviewFrom: a.reviewStatus,
    reviewTo,
  });
  await recordReview(tx, actor, a, 'approved', null);
  let agreementNumber: string | null = null;
  if (stage === 'school') agreementNumber = await sealAgreement(tx, a);
  await appendEvent(tx, {
    kind: 'agreement.review_passed',
    ...recipients(a),
    payload: {
      agreementId: id,
      stage,
      title: stage === 'college' ? '三方协议已通过学院审核' : '三方协议已通过学校审核，签约完成',
      body: agreementNumber ? `协议编号 ${agreementNumber}` : '等待学校就业指导中心审核',
      link: `/employer/agreements/${id}`,
    },
  });
}

/**
 * The school approval allocates the next number of the school and year from its counter row
 * (row-locked by the upsert; rolled back with the approval, so no gaps and no duplicates),
 * a verification code, and the content fingerprint printed on the PDF.
 */
async function sealAgreement(tx: Tx, a: AgreementHead): Promise<string> {
  const [counter] = await queryRows<{ last_number: number }>(
    tx,
    sql`insert into agreement_counters (school_id, graduation_year, last_number)
        values (${a.schoolId}, ${a.graduationYear}, 1)
        on conflict (school_id, graduation_year)
        do update set last_number = agreement_counters.last_number + 1
        returning last_number`,
  );
  const agreementNumber = `${a.graduationYear}-${String(counter!.last_number).padStart(6, '0')}`;
  const signedAt = new Date();
  const reviews = await tx
    .select()
    .from(agreementReviews)
    .where(eq(agreementReviews.agreementId, a.id))
    .orderBy(asc(agreementReviews.createdAt));
  const parties = await partiesOf(tx, a);
  const contentSha256 = fingerprintOf({
    agreementNumber,
    parties,
    schoolId: a.schoolId,
    graduationYear: a.graduationYear,
    employerId: a.employerId,
    graduateRecordId: a.graduateRecordId,
    employer: a.employerSnapshot,
    terms: a.terms,
    reviews: reviews.map((r) => [
      r.stage,
      r.decision,
      r.reviewerAccountId,
      r.createdAt.toISOString(),
    ]),
    signedAt: signedAt.toISOString(),
  });
  await tx
    .update(agreements)
    .set({
      agreementNumber,
      verificationCode: newVerificationCode(),
      contentSha256,
      signedAt,
      partiesSnapshot: parties,
    })
    .where(eq(agreements.id, a.id));
  return agreementNumber;
}

/** The graduate's record and the school as they stand at signing; frozen into the agreement. */
async function partiesOf(tx: Tx, a: AgreementHead): Promise<SignedPartiesSnapshot> {
  const [p] = await queryRows<{
    school_name: string;
    student_number: string;
    name: string;
    id_number: string;
    gender: 'male' | 'female' | null;
    college_name: string | null;
    major: string | null;
    degree: string | null;
  }>(
    tx,
    sql`select s.name as school_name, g.student_number, g.name, g.id_number, g.gender,
               c.name as college_name, g.major, g.degree
          from graduate_records g
          join organizations s on s.id = ${a.schoolId}
          left join colleges c on c.id = g.college_id
         where g.id = ${a.graduateRecordId}`,
  );
  return {
    schoolName: p!.school_name,
    graduate: {
      studentNumber: p!.student_number,
      name: p!.name,
      idNumber: p!.id_number,
      gender: p!.gender,
      collegeName: p!.college_name,
      major: p!.major,
      degree: p!.degree,
    },
  };
}

/** SHA-256 over a canonical JSON (sorted keys) of what the agreement says. */
export function fingerprintOf(content: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(content)))
    .digest('hex');
}

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newVerificationCode(): string {
  return Array.from({ length: 16 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');
}

/** A review returns the agreement to the employer (draft, to amend and resend) with a reason. */
export async function returnAgreement(tx: Tx, actor: Actor, id: string, reason: string) {
  const a = await getReviewable(tx, actor, id);
  const reviewTo = nextState(reviewTransitions, a.reviewStatus!, 'return');
  if (!reviewTo) throw new AppError('CONFLICT');
  await writeAgreementState(tx, {
    id,
    from: 'accepted',
    to: toState('accepted', 'return'),
    reviewFrom: a.reviewStatus,
    reviewTo,
    set: { returnReason: reason, deadlineAt: null },
  });
  await recordReview(tx, actor, a, 'returned', reason);
  await appendEvent(tx, {
    kind: 'agreement.returned',
    ...recipients(a),
    payload: {
      agreementId: id,
      title: `三方协议被${stageOf(actor) === 'college' ? '学院' : '学校'}退回`,
      body: reason,
      link: `/employer/agreements/${id}`,
    },
  });
}
