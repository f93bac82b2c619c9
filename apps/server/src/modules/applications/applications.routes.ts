import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationDetailSchema,
  applicationFairSchema,
  applyResultSchema,
  applySchema,
  candidatePageSchema,
  candidateSummarySchema,
  employerApplicationsQuerySchema,
  markSchema,
  myApplicationSchema,
  myApplicationsSchema,
  postingApplicationCountSchema,
  quotaSchema,
} from '@hirehall/shared/applications';
import type { AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { createKeyedQueue } from './applications.serial.ts';
import {
  countByPosting,
  findApplicationFairs,
  findCandidates,
  findMyApplications,
} from './applications.repo.ts';
import {
  markApplication,
  openApplication,
  quotaOf,
  submitApplication,
  toCandidateSummary,
  toMyApplication,
  withdrawApplication,
} from './applications.service.ts';
import { appendMarkNotice } from '../notifications/notifications.marks.ts';
import { runIdempotent } from '../agreements/idempotency.ts';

const seeker = { access: { roles: ['seeker'] } } as const;
const hiring = { access: { roles: ['employer', 'institution'] } } as const;
const idParams = z.object({ id: z.uuid() });

export function applicationsRoutes(
  ctx: AppContext,
  settings: Config['hiring'] = ctx.config.hiring,
): FastifyPluginAsyncZod {
  const limit = settings.applicationQuota;
  // one seeker's applies and withdrawals run one after another in this process
  const perSeeker = createKeyedQueue();
  return async (app) => {
    /* ---------- seeker ---------- */
    app.post(
      '/api/applications',
      {
        config: seeker,
        schema: { tags: ['applications'], body: applySchema, response: { 201: applyResultSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        // With an Idempotency-Key a retry (after a lost answer, a restart) gets the first
        // answer, even after the application was withdrawn meanwhile: never a second apply.
        const apply = (db: Db | Tx) => submitApplication(db, actor, request.body, limit);
        const body = await perSeeker.run(actor.accountId, async () =>
          request.headers['idempotency-key']
            ? (
                await runIdempotent(ctx.db, request, 'applications.apply', async (tx) => ({
                  status: 201,
                  body: await apply(tx),
                }))
              ).body
            : apply(ctx.db),
        );
        return reply.status(201).send(body);
      },
    );

    app.get(
      '/api/applications',
      {
        config: seeker,
        schema: {
          tags: ['applications'],
          querystring: z.object({ scope: z.enum(['current', 'history']).default('current') }),
          response: { 200: myApplicationsSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await findMyApplications(ctx.db, actor.accountId, request.query.scope);
        return {
          items: rows.map(toMyApplication),
          quota: await quotaOf(ctx.db, actor.accountId, limit),
        };
      },
    );

    app.get(
      '/api/applications/quota',
      { config: seeker, schema: { tags: ['applications'], response: { 200: quotaSchema } } },
      async (request) => quotaOf(ctx.db, actorOf(request).accountId, limit),
    );

    app.get(
      '/api/applications/for-job/:id',
      {
        config: seeker,
        schema: {
          tags: ['applications'],
          params: idParams,
          response: {
            200: z.object({ application: myApplicationSchema.nullable(), quota: quotaSchema }),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await findMyApplications(ctx.db, actor.accountId, 'current');
        const mine = rows.find((r) => r.jobId === request.params.id);
        return {
          application: mine ? toMyApplication(mine) : null,
          quota: await quotaOf(ctx.db, actor.accountId, limit),
        };
      },
    );

    app.post(
      '/api/applications/:id/withdraw',
      {
        config: seeker,
        schema: {
          tags: ['applications'],
          params: idParams,
          response: { 200: z.object({ application: myApplicationSchema, quota: quotaSchema }) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { body } = await perSeeker.run(actor.accountId, () =>
          runIdempotent(ctx.db, request, 'applications.withdraw', async (tx) => ({
            status: 200,
            body: await withdrawApplication(tx, actor, request.params.id, limit),
          })),
        );
        return body;
      },
    );

    /* ---------- employer / institution ---------- */
    app.get(
      '/api/employer/applications/postings',
      {
        config: hiring,
        schema: {
          tags: ['applications'],
          querystring: z.object({ fairId: z.uuid().optional() }),
          response: { 200: z.array(postingApplicationCountSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        if (!actor.organizationId) throw new AppError('FORBIDDEN');
        const rows = await countByPosting(ctx.db, actor.organizationId, request.query.fairId);
        return rows.map((r) => ({
          jobId: r.job_id,
          jobTitle: r.job_title,
          jobStatus: r.job_status,
          region: r.region,
          total: r.total,
          unread: r.unread,
          qualified: r.qualified,
          eliminated: r.eliminated,
          undecided: r.undecided,
        }));
      },
    );

    app.get(
      '/api/employer/applications/fairs',
      {
        config: hiring,
        schema: { tags: ['applications'], response: { 200: z.array(applicationFairSchema) } },
      },
      async (request) => {
        const actor = actorOf(request);
        if (!actor.organizationId) throw new AppError('FORBIDDEN');
        const rows = await findApplicationFairs(ctx.db, actor.organizationId);
        return rows.map((r) => ({
          id: r.id,
          title: r.title,
          startsAt: new Date(r.starts_at).toISOString(),
        }));
      },
    );

    app.get(
      '/api/employer/applications',
      {
        config: hiring,
        schema: {
          tags: ['applications'],
          querystring: employerApplicationsQuerySchema,
          response: { 200: candidatePageSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        if (!actor.organizationId) throw new AppError('FORBIDDEN');
        const { rows, total } = await findCandidates(ctx.db, actor.organizationId, request.query);
        return {
          items: rows.map(toCandidateSummary),
          total,
          page: request.query.page,
          pageSize: request.query.pageSize,
        };
      },
    );

    app.get(
      '/api/employer/applications/:id',
      {
        config: hiring,
        schema: {
          tags: ['applications'],
          params: idParams,
          response: { 200: applicationDetailSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return ctx.db.transaction((tx) => openApplication(tx, actor, request.params.id));
      },
    );

    app.put(
      '/api/employer/applications/:id/mark',
      {
        config: hiring,
        schema: {
          tags: ['applications'],
          params: idParams,
          body: markSchema,
          response: { 200: candidateSummarySchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { mark, notifySeeker } = request.body;
        return ctx.db.transaction(async (tx) => {
          const summary = await markApplication(tx, actor, request.params.id, mark);
          if (notifySeeker && mark) await appendMarkNotice(tx, summary.id, mark);
          return summary;
        });
      },
    );
  };
}
