import { and, desc, eq, sql } from 'drizzle-orm';
import type { PushJob, PushResult } from '@hirehall/shared/agreements';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { provincialPushJobs } from './agreements.tables.ts';
import { isUniqueViolation } from './agreements.repo.ts';
import { pushReport } from './agreements.report.ts';
import type { ProvincialConnector } from './provincial-connector.ts';

type JobRow = typeof provincialPushJobs.$inferSelect;

/** A running job whose process stopped beating this long ago is taken as interrupted. */
const STALE_AFTER = sql`interval '2 minutes'`;

export function toPushJob(j: JobRow): PushJob {
  return {
    id: j.id,
    graduationYear: j.graduationYear,
    status: j.status,
    total: j.total,
    delivered: j.delivered,
    alreadyDelivered: j.alreadyDelivered,
    failed: j.failed,
    errors: j.errors,
    message: j.message,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/**
 * 一键上报 as a background job: the request only claims the job row (one running push per
 * school, a partial unique index — a second click or another process gets CONFLICT) and
 * answers; `run` pushes record by record, writing progress and a heartbeat to the row.
 */
export async function claimPushJob(db: Db, actor: Actor, year: number): Promise<JobRow> {
  const schoolId = actor.organizationId!;
  return db.transaction(async (tx) => {
    await tx
      .update(provincialPushJobs)
      .set({
        status: 'failed',
        message: '上报中断（服务重启），请重新上报',
        finishedAt: sql`now()`,
      })
      .where(
        and(
          eq(provincialPushJobs.schoolId, schoolId),
          eq(provincialPushJobs.status, 'running'),
          sql`${provincialPushJobs.heartbeatAt} < now() - ${STALE_AFTER}`,
        ),
      );
    try {
      const [job] = await tx
        .insert(provincialPushJobs)
        .values({ schoolId, graduationYear: year, requestedBy: actor.accountId })
        .returning();
      await recordAudit(tx, {
        actorAccountId: actor.accountId,
        actorRole: actor.role,
        action: 'agreements.report_push_start',
        targetType: 'school',
        targetId: schoolId,
        details: { graduationYear: year, jobId: job!.id },
      });
      return job!;
    } catch (err) {
      if (isUniqueViolation(err, 'provincial_push_jobs_one_running')) {
        throw new AppError('CONFLICT', '上一次上报仍在进行中，请稍后查看进度');
      }
      throw err;
    }
  });
}

export async function runPushJob(
  db: Db,
  actor: Actor,
  job: JobRow,
  connector: () => Promise<ProvincialConnector>,
) {
  const progress = (r: PushResult, total: number) =>
    db
      .update(provincialPushJobs)
      .set({
        total,
        delivered: r.delivered,
        alreadyDelivered: r.alreadyDelivered,
        failed: r.failed,
        errors: r.errors.slice(0, 200),
        heartbeatAt: sql`now()`,
      })
      .where(eq(provincialPushJobs.id, job.id));
  try {
    const result = await pushReport(db, actor, job.graduationYear, await connector(), progress);
    await db
      .update(provincialPushJobs)
      .set({
        status: 'done',
        delivered: result.delivered,
        alreadyDelivered: result.alreadyDelivered,
        failed: result.failed,
        errors: result.errors.slice(0, 200),
        finishedAt: sql`now()`,
      })
      .where(eq(provincialPushJobs.id, job.id));
  } catch (err) {
    const message = err instanceof AppError ? err.message : '上报失败，请稍后重试';
    await db
      .update(provincialPushJobs)
      .set({ status: 'failed', message, finishedAt: sql`now()` })
      .where(eq(provincialPushJobs.id, job.id));
  }
}

export async function findLatestPushJob(db: Db, schoolId: string, year: number) {
  const [job] = await db
    .select()
    .from(provincialPushJobs)
    .where(
      and(eq(provincialPushJobs.schoolId, schoolId), eq(provincialPushJobs.graduationYear, year)),
    )
    .orderBy(desc(provincialPushJobs.createdAt))
    .limit(1);
  return job ? toPushJob(job) : null;
}
