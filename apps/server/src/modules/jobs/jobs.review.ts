import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { checkCompliance, hasBlockingFlag } from '@hirehall/shared/compliance';
import { jobTransitions, ownJobSchema } from '@hirehall/shared/jobs';
import { nextState } from '@hirehall/shared/workflow';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { queryRows } from '../../platform/db/database.ts';
import { findJob, toOwnJob, type JobRow } from './jobs.repo.ts';
import { jobPostings } from './jobs.tables.ts';
import { assertMayReviewJob, reviewerRoles, reviewScope } from './jobs.policy.ts';
import { transitionJob } from './jobs.service.ts';

const access = { roles: reviewerRoles };
const idParams = z.object({ id: z.uuid() });
const reviewItemSchema = ownJobSchema.extend({ organizationName: z.string() });

/** The queue of doubtful postings: school staff (their admitted employers) and the admin. */
export function jobReviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/review/jobs',
      {
        config: { access },
        schema: { tags: ['jobs'], response: { 200: z.array(reviewItemSchema) } },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await queryRows<{ id: string; name: string }>(
          ctx.db,
          sql`select j.id, o.name from job_postings j join organizations o on o.id = j.organization_id
            where j.status = 'in_review' and j.deleted_at is null and ${reviewScope(actor)}
            order by j.updated_at`,
        );
        const out = [];
        for (const r of rows) {
          const job = await findJob(ctx.db, r.id);
          if (job) out.push({ ...toOwnJob(job), organizationName: r.name });
        }
        return out;
      },
    );

    const decide = (event: 'approve' | 'return', body: z.ZodType) =>
      app.post(
        `/api/review/jobs/:id/${event}`,
        {
          config: { access },
          schema: { tags: ['jobs'], params: idParams, body, response: { 200: ownJobSchema } },
        },
        async (request) => {
          const actor = actorOf(request);
          const { id } = request.params as { id: string };
          const reason = (request.body as { reason?: string } | undefined)?.reason ?? null;
          const row = await ctx.db.transaction(async (tx) => {
            const job = await findJob(tx, id, { forUpdate: true });
            await assertMayReviewJob(tx, actor, job);
            const extra: Partial<typeof jobPostings.$inferInsert> = {
              reviewReason: reason,
              reviewedBy: actor.accountId,
              reviewedAt: new Date(),
            };
            if (!nextState(jobTransitions, job!.status, event)) throw new AppError('CONFLICT');
            if (event === 'approve') {
              // the text may have changed since it was flagged: approve only what passes now
              const flags = checkCompliance(job as JobRow);
              if (hasBlockingFlag(flags)) {
                throw new AppError(
                  'COMPLIANCE_VIOLATION',
                  '职位内容含有歧视性或违法要求，不能审核通过，请退回单位修改',
                  { flags },
                );
              }
              extra.complianceFlags = flags;
              extra.publishedAt = new Date();
            }
            const updated = await transitionJob(tx, job as JobRow, event, extra);
            const [org] = await queryRows<{ kind: string }>(
              tx,
              sql`select kind from organizations where id = ${updated.organizationId}`,
            );
            const area = org?.kind === 'institution' ? 'institution' : 'employer';
            await appendEvent(tx, {
              kind: 'job.reviewed',
              recipientOrganizationIds: [updated.organizationId],
              payload: {
                jobId: id,
                approved: event === 'approve',
                reason,
                title: event === 'approve' ? '职位审核通过' : '职位被退回',
                body:
                  event === 'approve'
                    ? `「${updated.title}」已审核通过并发布`
                    : `「${updated.title}」被退回：${reason}`,
                link: `/${area}/jobs/${id}`,
              },
            });
            await recordAudit(tx, {
              actorAccountId: actor.accountId,
              actorRole: actor.role,
              action: `job.review.${event}`,
              targetType: 'job_posting',
              targetId: id,
              details: reason ? { reason } : null,
            });
            return updated;
          });
          return toOwnJob(row);
        },
      );
    decide('approve', z.object({ reason: z.string().max(500).optional() }).nullish());
    decide('return', z.object({ reason: z.string().trim().min(1, '请填写退回原因').max(500) }));
  };
}
