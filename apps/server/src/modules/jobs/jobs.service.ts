import { and, eq, sql } from 'drizzle-orm';
import { checkCompliance, hasBlockingFlag } from '@hirehall/shared/compliance';
import {
  defaultActivePostingCaps,
  jobTransitions,
  type ComplianceFlag,
  type JobEvent,
  type JobFields,
  type JobStatus,
} from '@hirehall/shared/jobs';
import { nextState } from '@hirehall/shared/workflow';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { jobPostings } from './jobs.tables.ts';
import { countActiveJobs, findJob, type JobRow } from './jobs.repo.ts';
import { assertOrganizationActive, assertOwnsJob } from './jobs.policy.ts';
import { searchVectorSql } from './jobs.search.ts';

export async function createJob(tx: Queryable, actor: Actor, fields: JobFields) {
  if (!actor.organizationId) throw new AppError('FORBIDDEN');
  const [row] = await tx
    .insert(jobPostings)
    .values({
      ...fields,
      organizationId: actor.organizationId,
      createdBy: actor.accountId,
      searchVector: searchVectorSql({
        ...fields,
        title: fields.title ?? '',
        occupation: fields.occupation ?? '',
      }) as never,
    })
    .returning();
  return row!;
}

/** Why a posting left the review queue on its own: the employer's edit added a clear violation. */
export const REVIEW_WITHDRAWN_REASON = '修改后含有违规内容，已退出审核，请按提示修改后重新发布';

/**
 * Autosave: applies the changed fields when `version` is still current, else VERSION_CONFLICT.
 * Every edit of a live posting or one under review is re-checked:
 * - published/paused: a clear violation refuses the save, a new doubtful term sends it to review;
 * - in_review: a clear violation takes it out of the queue (returned, with the flags and the
 *   reason, so the edit is kept but the posting cannot be approved as it is); otherwise the
 *   flags are refreshed so the reviewer sees what the text says now.
 */
export async function updateJob(
  tx: Queryable,
  actor: Actor,
  id: string,
  input: JobFields & { version: number },
) {
  const job = await findJob(tx, id, { forUpdate: true });
  assertOwnsJob(actor, job);
  if (job.status === 'closed') throw new AppError('CONFLICT', '已结束的职位不能再编辑');
  if (job.version !== input.version) throw new AppError('VERSION_CONFLICT');
  const { version: _v, ...fields } = input;
  const merged = { ...job, ...fields } as JobRow;
  let status: JobStatus = job.status;
  let complianceFlags = job.complianceFlags;
  let reviewReason = job.reviewReason;
  if (job.status === 'published' || job.status === 'paused') {
    const flags = checkCompliance(merged);
    if (hasBlockingFlag(flags)) {
      throw new AppError('COMPLIANCE_VIOLATION', undefined, { flags });
    }
    const known = new Set(job.complianceFlags.map((f) => f.term));
    if (flags.some((f) => !known.has(f.term))) {
      status = nextState(jobTransitions, job.status, 'flag')!;
      complianceFlags = flags;
    }
  } else if (job.status === 'in_review') {
    complianceFlags = checkCompliance(merged);
    if (hasBlockingFlag(complianceFlags)) {
      status = nextState(jobTransitions, job.status, 'return')!;
      reviewReason = REVIEW_WITHDRAWN_REASON;
    }
  }
  const [row] = await tx
    .update(jobPostings)
    .set({
      ...fields,
      status,
      complianceFlags,
      reviewReason,
      version: sql`${jobPostings.version} + 1`,
      updatedAt: new Date(),
      searchVector: searchVectorSql(merged) as never,
    })
    .where(
      and(
        eq(jobPostings.id, id),
        eq(jobPostings.version, input.version),
        eq(jobPostings.status, job.status),
      ),
    )
    .returning();
  if (!row) throw new AppError('VERSION_CONFLICT');
  if (status !== job.status) {
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: status === 'in_review' ? 'job.flag' : 'job.review.withdrawn',
      targetType: 'job_posting',
      targetId: id,
      details: { flags: complianceFlags.map((f) => f.term) },
    });
  }
  return row;
}

export function missingRequiredFields(job: JobRow): string[] {
  const missing: string[] = [];
  if (!job.title.trim()) missing.push('职位名称');
  if (!job.headcount) missing.push('招聘人数');
  if (!job.description.trim()) missing.push('职位描述');
  if (!job.district && !job.region?.trim()) missing.push('工作地点');
  if (job.salaryMin == null && job.salaryMax == null) missing.push('薪资');
  return missing;
}

function inconsistencies(job: JobRow): string[] {
  const out: string[] = [];
  if (job.salaryMin != null && job.salaryMax != null && job.salaryMin > job.salaryMax) {
    out.push('最低薪资不能高于最高薪资');
  }
  if (job.ageMin != null && job.ageMax != null && job.ageMin > job.ageMax) {
    out.push('最低年龄不能高于最高年龄');
  }
  return out;
}

export type PostingCaps = Record<'company' | 'institution', number | null>;

/** The cap of one organization: its `settings.activePostingCap` override, else its kind's cap. */
export async function activeCap(
  tx: Queryable,
  organizationId: string,
  caps: PostingCaps = defaultActivePostingCaps,
  options: { lock?: boolean } = { lock: true },
): Promise<number | null> {
  // the organization row lock serializes concurrent publishes of one organization
  const [org] = await queryRows<{ kind: string; settings: Record<string, unknown> }>(
    tx,
    sql`select kind, settings from organizations where id = ${organizationId}
      ${options.lock ? sql`for update` : sql``}`,
  );
  const override = org?.settings?.activePostingCap;
  if (typeof override === 'number') return override;
  return caps[org?.kind as 'company' | 'institution'] ?? null;
}

/** Moves a posting along the table with `UPDATE … WHERE status = from`; zero rows → CONFLICT. */
export async function transitionJob(
  tx: Queryable,
  job: JobRow,
  event: JobEvent,
  extra: Partial<typeof jobPostings.$inferInsert> = {},
) {
  const to = nextState(jobTransitions, job.status, event);
  if (!to) throw new AppError('CONFLICT');
  const [row] = await tx
    .update(jobPostings)
    .set({ ...extra, status: to, updatedAt: new Date(), version: sql`${jobPostings.version} + 1` })
    .where(and(eq(jobPostings.id, job.id), eq(jobPostings.status, job.status)))
    .returning();
  if (!row) throw new AppError('CONFLICT');
  return row;
}

/** Publish: required fields, cap, compliance → published, or in_review when doubtful. */
export async function publishJob(
  tx: Queryable,
  actor: Actor,
  id: string,
  caps: PostingCaps = defaultActivePostingCaps,
) {
  const job = await findJob(tx, id, { forUpdate: true });
  assertOwnsJob(actor, job);
  if (!nextState(jobTransitions, job.status, 'publish')) throw new AppError('CONFLICT');
  await assertOrganizationActive(tx, job.organizationId);
  const missing = missingRequiredFields(job);
  if (missing.length) {
    throw new AppError('POSTING_INCOMPLETE', `请先填写：${missing.join('、')}`, { missing });
  }
  const wrong = inconsistencies(job);
  if (wrong.length) throw new AppError('VALIDATION_FAILED', wrong.join('；'), { problems: wrong });
  const cap = await activeCap(tx, job.organizationId, caps);
  if (cap != null && (await countActiveJobs(tx, job.organizationId, job.id)) >= cap) {
    throw new AppError(
      'ACTIVE_POSTING_LIMIT',
      `每个单位最多同时发布 ${cap} 条招聘信息，请先暂停、结束或删除其他职位后再发布`,
      { cap },
    );
  }
  const flags: ComplianceFlag[] = checkCompliance(job);
  if (hasBlockingFlag(flags)) {
    throw new AppError('COMPLIANCE_VIOLATION', undefined, { flags });
  }
  const event: JobEvent = flags.length ? 'submit_review' : 'publish';
  const row = await transitionJob(tx, job, event, {
    complianceFlags: flags,
    reviewReason: null,
    publishedAt: event === 'publish' ? new Date() : job.publishedAt,
  });
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: event === 'publish' ? 'job.publish' : 'job.submit_review',
    targetType: 'job_posting',
    targetId: id,
    details: flags.length ? { flags: flags.map((f) => f.term) } : null,
  });
  return row;
}

export async function changeJobState(
  tx: Queryable,
  actor: Actor,
  id: string,
  event: 'pause' | 'resume' | 'close',
) {
  const job = await findJob(tx, id, { forUpdate: true });
  assertOwnsJob(actor, job);
  if (event === 'resume') await assertOrganizationActive(tx, job.organizationId);
  const row = await transitionJob(
    tx,
    job,
    event,
    event === 'close' ? { closedAt: new Date() } : {},
  );
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `job.${event}`,
    targetType: 'job_posting',
    targetId: id,
  });
  return row;
}

/** Deletion hides the posting from every listing; the row stays for the retention period. */
export async function deleteJob(tx: Queryable, actor: Actor, id: string) {
  const job = await findJob(tx, id, { forUpdate: true });
  assertOwnsJob(actor, job);
  await tx
    .update(jobPostings)
    .set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(eq(jobPostings.id, id));
  // favourites are the seekers' listings of it: they go with the posting
  await tx.execute(sql`delete from job_favorites where job_id = ${id}`);
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'job.delete',
    targetType: 'job_posting',
    targetId: id,
  });
}
