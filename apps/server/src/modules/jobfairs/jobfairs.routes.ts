import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import {
  employerFairSchema,
  fairEmployerSchema,
  fairInputSchema,
  fairSchema,
  signupSchema,
} from '@hirehall/shared/jobfairs';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { queryRows } from '../../platform/db/database.ts';
import {
  findFair,
  findPublicFair,
  listFairEmployers,
  listFairs,
  listPublicFairs,
  listSignups,
} from './jobfairs.repo.ts';
import { assertSchoolOwnsFair, fairStaffRoles } from './jobfairs.policy.ts';
import {
  changeFairState,
  chooseFairJobs,
  createFair,
  reviewSignup,
  signUpForFair,
  updateFair,
} from './jobfairs.service.ts';
import { fairPageRoutes } from './jobfairs.pages.tsx';

const idParams = z.object({ id: z.uuid() });
const school = { roles: fairStaffRoles };
const employer = { roles: ['employer'] as const };

/** Public fair list and page: anyone may browse published (and finished) fairs. */
function publicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/public/fairs',
      {
        config: { access: 'public' },
        schema: { tags: ['jobfairs'], response: { 200: z.array(fairSchema) } },
      },
      async () => listPublicFairs(ctx.db),
    );

    app.get(
      '/api/public/fairs/:id',
      {
        // the page is the same for every viewer: signed-in seekers share the cached answer
        config: { access: 'public', httpCache: { sameForEveryone: true } },
        schema: { tags: ['jobfairs'], params: idParams, response: { 200: fairSchema } },
      },
      async (request, reply) => {
        const fair = await findPublicFair(ctx.db, request.params.id);
        if (!fair) throw new AppError('NOT_FOUND');
        reply.header('cache-control', 'public, max-age=15');
        return fair;
      },
    );

    app.get(
      '/api/public/fairs/:id/employers',
      {
        config: { access: 'public', httpCache: { sameForEveryone: true } },
        schema: {
          tags: ['jobfairs'],
          params: idParams,
          querystring: z.object({ q: z.string().trim().max(50).optional() }),
          response: { 200: z.array(fairEmployerSchema) },
        },
      },
      async (request, reply) => {
        const fair = await findPublicFair(ctx.db, request.params.id);
        if (!fair) throw new AppError('NOT_FOUND');
        reply.header('cache-control', 'public, max-age=15');
        return listFairEmployers(ctx.db, fair.id, request.query.q || undefined);
      },
    );

    /** 关注人次: one increment per page visit (kept apart so the page itself stays cacheable). */
    app.post(
      '/api/public/fairs/:id/visits',
      {
        config: { access: 'public' },
        schema: {
          tags: ['jobfairs'],
          params: idParams,
          response: { 200: z.object({ views: z.number() }) },
        },
      },
      async (request) => {
        const [row] = await queryRows<{ views: number }>(
          ctx.db,
          sql`update job_fairs set views = views + 1
            where id = ${request.params.id} and status <> 'draft' returning views`,
        );
        if (!row) throw new AppError('NOT_FOUND');
        return row;
      },
    );
  };
}

/** School staff: their school's fairs and the sign-ups to them. */
function schoolRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/school/fairs',
      {
        config: { access: school },
        schema: { tags: ['jobfairs'], response: { 200: z.array(fairSchema) } },
      },
      async (request) => listFairs(ctx.db, sql`f.school_id = ${actorOf(request).organizationId}`),
    );

    app.post(
      '/api/school/fairs',
      {
        config: { access: school },
        schema: { tags: ['jobfairs'], body: fairInputSchema, response: { 201: fairSchema } },
      },
      async (request, reply) => {
        const id = await ctx.db.transaction((tx) => createFair(tx, actorOf(request), request.body));
        return reply.status(201).send((await findFair(ctx.db, id))!);
      },
    );

    app.put(
      '/api/school/fairs/:id',
      {
        config: { access: school },
        schema: {
          tags: ['jobfairs'],
          params: idParams,
          body: fairInputSchema,
          response: { 200: fairSchema },
        },
      },
      async (request) => {
        await ctx.db.transaction((tx) =>
          updateFair(tx, actorOf(request), request.params.id, request.body),
        );
        return (await findFair(ctx.db, request.params.id))!;
      },
    );

    for (const event of ['publish', 'close'] as const) {
      app.post(
        `/api/school/fairs/:id/${event}`,
        {
          config: { access: school },
          schema: { tags: ['jobfairs'], params: idParams, response: { 200: fairSchema } },
        },
        async (request) => {
          await ctx.db.transaction((tx) =>
            changeFairState(tx, actorOf(request), request.params.id, event),
          );
          return (await findFair(ctx.db, request.params.id))!;
        },
      );
    }

    app.get(
      '/api/school/fairs/:id/signups',
      {
        config: { access: school },
        schema: { tags: ['jobfairs'], params: idParams, response: { 200: z.array(signupSchema) } },
      },
      async (request) => {
        await assertSchoolOwnsFair(ctx.db, actorOf(request), request.params.id);
        return listSignups(ctx.db, sql`s.fair_id = ${request.params.id}`);
      },
    );

    app.post(
      '/api/school/fair-signups/:id/approve',
      {
        config: { access: school },
        schema: { tags: ['jobfairs'], params: idParams, response: { 200: signupSchema } },
      },
      async (request) => {
        await ctx.db.transaction((tx) =>
          reviewSignup(tx, actorOf(request), request.params.id, { approve: true }),
        );
        return (await listSignups(ctx.db, sql`s.id = ${request.params.id}`))[0]!;
      },
    );

    app.post(
      '/api/school/fair-signups/:id/reject',
      {
        config: { access: school },
        schema: {
          tags: ['jobfairs'],
          params: idParams,
          body: z.object({ reason: z.string().trim().min(1, '请填写驳回原因').max(500) }),
          response: { 200: signupSchema },
        },
      },
      async (request) => {
        await ctx.db.transaction((tx) =>
          reviewSignup(tx, actorOf(request), request.params.id, {
            approve: false,
            reason: request.body.reason,
          }),
        );
        return (await listSignups(ctx.db, sql`s.id = ${request.params.id}`))[0]!;
      },
    );
  };
}

/** Employers: fairs of the schools that admitted them, sign-up, and choosing postings. */
function employerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/employer/fairs',
      {
        config: { access: employer },
        schema: { tags: ['jobfairs'], response: { 200: z.array(employerFairSchema) } },
      },
      async (request) => {
        const orgId = actorOf(request).organizationId;
        const fairs = await listFairs(
          ctx.db,
          sql`f.status in ('published', 'closed') and f.school_id in (select a.school_id
            from admissions a where a.employer_id = ${orgId} and a.status = 'approved')`,
        );
        const signups = await listSignups(ctx.db, sql`s.employer_id = ${orgId}`);
        const byFair = new Map(signups.map((s) => [s.fairId, s]));
        return fairs.map((f) => ({ ...f, signup: byFair.get(f.id) ?? null }));
      },
    );

    app.post(
      '/api/employer/fairs/:id/signup',
      {
        config: { access: employer },
        schema: {
          tags: ['jobfairs'],
          params: idParams,
          body: z.object({ note: z.string().trim().max(500).optional() }).nullish(),
          response: { 201: signupSchema },
        },
      },
      async (request, reply) => {
        const id = await ctx.db.transaction((tx) =>
          signUpForFair(tx, actorOf(request), request.params.id, request.body?.note),
        );
        return reply.status(201).send((await listSignups(ctx.db, sql`s.id = ${id}`))[0]!);
      },
    );

    app.put(
      '/api/employer/fairs/:id/jobs',
      {
        config: { access: employer },
        schema: {
          tags: ['jobfairs'],
          params: idParams,
          body: z.object({ jobIds: z.array(z.uuid()).max(100) }),
          response: { 200: signupSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await ctx.db.transaction((tx) =>
          chooseFairJobs(tx, actor, request.params.id, request.body.jobIds),
        );
        const [signup] = await listSignups(
          ctx.db,
          sql`s.fair_id = ${request.params.id} and s.employer_id = ${actor.organizationId}`,
        );
        return signup!;
      },
    );
  };
}

export async function registerJobfairs(app: FastifyInstance, ctx: AppContext) {
  await app.register(publicRoutes(ctx));
  await app.register(fairPageRoutes(ctx));
  await app.register(schoolRoutes(ctx));
  await app.register(employerRoutes(ctx));
}
