import { allowedEvents } from '@hirehall/shared/workflow';
import {
  applicationTransitions,
  quotaFullMessage,
  quotaMessage,
  type ApplicationDetail,
  type ApplicationMark,
  type ApplyInput,
  type ApplyResult,
  type CandidateSummary,
  type MyApplication,
  type Quota,
} from '@hirehall/shared/applications';
import {
  labelOfOption,
  parseResumeContent,
  resumeEducationLevels,
  type ConfirmedFacts,
} from '@hirehall/shared/resumes';
import type { Db, Queryable, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { applicationConsentReference, recordConsent } from '../privacy/privacy.consents.ts';
import { findAttachment, recordResumeAccess } from '../resumes/resumes.repo.ts';
import { factsOf, getOrCreateResume, toAttachment } from '../resumes/resumes.service.ts';
import { ageOn } from '../talentpool/talentpool.cards.ts';
import {
  countCurrentApplications,
  findCandidate,
  findJobForApplying,
  findMyApplications,
  insertWithinQuota,
  isJobAtFair,
  lockSeeker,
  seekerStanding,
  type CandidateRow,
} from './applications.repo.ts';
import { transitionApplication } from './applications.workflow.ts';

type MineRow = Awaited<ReturnType<typeof findMyApplications>>[number];

export function toMyApplication(r: MineRow): MyApplication {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
  };
}

export async function quotaOf(
  q: Queryable,
  seekerAccountId: string,
  limit: number,
): Promise<Quota> {
  const used = await countCurrentApplications(q, seekerAccountId);
  return { limit, used, remaining: Math.max(0, limit - used) };
}

/**
 * 投递简历. Read-only checks run first, outside any transaction (a seeker already at the quota
 * is refused at once). Then one short transaction locks the seeker's account row — the
 * guarantee across processes — and inserts only within the quota and only if there is no
 * current application to the posting (the partial unique index). The routes run one seeker's
 * applies one after another in this process (applications.serial.ts), so the lock is rarely
 * waited on while holding a pooled connection.
 */
/** `db` may be a transaction (an Idempotency-Key's): the insert then runs in a savepoint. */
export async function submitApplication(
  db: Db | Tx,
  actor: Actor,
  input: ApplyInput,
  limit: number,
): Promise<ApplyResult> {
  const job = await findJobForApplying(db, input.jobId);
  if (!job) throw new AppError('NOT_FOUND');
  if (job.status !== 'published') throw new AppError('JOB_NOT_OPEN');
  if (input.fairId && !(await isJobAtFair(db, job.id, input.fairId))) {
    throw new AppError('NOT_FOUND', '该职位不在此招聘会中');
  }
  if (input.attachmentId) {
    const attachment = await findAttachment(db, input.attachmentId);
    if (!attachment || attachment.accountId !== actor.accountId) {
      throw new AppError('NOT_FOUND', '附件简历不存在');
    }
  }
  const quotaFull = (used: number) =>
    new AppError('QUOTA_EXCEEDED', quotaFullMessage(limit), { limit, used, remaining: 0 });
  const before = await seekerStanding(db, actor.accountId, job.id);
  if (before.alreadyApplied) throw new AppError('ALREADY_APPLIED');
  if (before.used >= limit) throw quotaFull(before.used);
  const resume = await getOrCreateResume(db, actor.accountId);

  const { id, used } = await db.transaction(async (tx) => {
    await lockSeeker(tx, actor.accountId);
    const row = await insertWithinQuota(
      tx,
      {
        seekerAccountId: actor.accountId,
        jobId: job.id,
        organizationId: job.organizationId,
        fairId: input.fairId ?? null,
        attachmentId: input.attachmentId ?? null,
        resumeSnapshot: { content: resume.content, facts: factsOf(resume) },
      },
      limit,
    );
    if (!row) {
      const count = await countCurrentApplications(tx, actor.accountId);
      if (count >= limit) throw quotaFull(count);
      throw new AppError('ALREADY_APPLIED');
    }
    // applying is the separate consent to share this resume with this employer (PIPL art. 23)
    await recordConsent(tx, {
      accountId: actor.accountId,
      purpose: 'resume_share',
      organizationId: job.organizationId,
      reference: applicationConsentReference(row.id),
    });
    await appendEvent(tx, {
      kind: 'application.submitted',
      recipientOrganizationIds: [job.organizationId],
      payload: { applicationId: row.id, jobId: job.id, jobTitle: job.title },
    });
    return row;
  });
  const [mine] = await findMyApplications(db, actor.accountId, 'one', id);
  const remaining = Math.max(0, limit - used);
  return {
    application: toMyApplication(mine!),
    quota: { limit, used, remaining },
    message: quotaMessage(remaining),
  };
}

/** 撤销: frees a place; the application moves to the history. */
export async function withdrawApplication(
  q: Queryable,
  actor: Actor,
  applicationId: string,
  limit: number,
) {
  await lockSeeker(q, actor.accountId);
  const [mine] = await findMyApplications(q, actor.accountId, 'one', applicationId);
  if (!mine) throw new AppError('NOT_FOUND');
  await transitionApplication(q, { applicationId, event: 'withdraw', actor });
  const [after] = await findMyApplications(q, actor.accountId, 'one', applicationId);
  return { application: toMyApplication(after!), quota: await quotaOf(q, actor.accountId, limit) };
}

/* ---------- employer side ---------- */
function summaryOf(r: CandidateRow): CandidateSummary {
  const snapshot = r.resumeSnapshot as { content?: unknown; facts?: ConfirmedFacts };
  const content = parseResumeContent(snapshot.content);
  const education = snapshot.facts?.educationLevel;
  return {
    id: r.id,
    jobId: r.jobId,
    jobTitle: r.jobTitle,
    fairId: r.fairId,
    fairTitle: r.fairTitle,
    candidateName: content.basic.name || '求职者',
    gender: content.basic.gender === 'male' ? '男' : content.basic.gender === 'female' ? '女' : '',
    age: ageOn(content.basic.birthDate || null),
    educationLevel: education ? labelOfOption(resumeEducationLevels, education) : null,
    city: content.basic.city,
    status: r.status,
    mark: r.mark,
    hasAttachment: r.attachmentId !== null,
    createdAt: r.createdAt.toISOString(),
  };
}
export { summaryOf as toCandidateSummary };

/**
 * Opens one application: the first opening marks it viewed; every opening is written to the
 * seeker's "who viewed my resume" list.
 */
export async function openApplication(
  q: Queryable,
  actor: Actor,
  applicationId: string,
): Promise<ApplicationDetail> {
  let row = await getCandidate(q, actor, applicationId);
  if (row.status === 'submitted') {
    await transitionApplication(q, { applicationId, event: 'view', actor, from: 'submitted' });
    row = await getCandidate(q, actor, applicationId);
  }
  await recordResumeAccess(q, {
    seekerAccountId: row.seekerAccountId,
    organizationId: actor.organizationId!,
    actorAccountId: actor.accountId,
    kind: 'view',
    applicationId,
  });
  const snapshot = row.resumeSnapshot as { content?: unknown; facts?: ConfirmedFacts };
  // only the attachment sent with this application, never the seeker's others
  const sent = row.attachmentId ? await findAttachment(q, row.attachmentId) : null;
  const attachments = sent ? [sent] : [];
  return {
    ...summaryOf(row),
    resume: {
      content: parseResumeContent(snapshot.content),
      facts: snapshot.facts ?? { educationLevel: null, politicalStatus: null, confirmedAt: null },
      attachments: attachments.map(toAttachment),
    },
    attachmentId: row.attachmentId,
    consentAt: row.consentAt.toISOString(),
    allowedEvents: allowedEvents(applicationTransitions, row.status),
  };
}

async function getCandidate(q: Queryable, actor: Actor, applicationId: string) {
  if (!actor.organizationId) throw new AppError('NOT_FOUND');
  const row = await findCandidate(q, actor.organizationId, applicationId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** 合格 / 淘汰 / 待定 (or null to clear). */
export async function markApplication(
  q: Queryable,
  actor: Actor,
  applicationId: string,
  mark: ApplicationMark | null,
): Promise<CandidateSummary> {
  await getCandidate(q, actor, applicationId);
  await transitionApplication(q, { applicationId, event: 'mark', actor, mark });
  return summaryOf(await getCandidate(q, actor, applicationId));
}
