import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobFieldsSchema, jobUpdateSchema, ownJobSchema } from '@hirehall/shared/jobs';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { findJob, listOrganizationJobs, toOwnJob } from './jobs.repo.ts';
import { assertOwnsJob, postingRoles } from './jobs.policy.ts';
import { jobsPublicRoutes } from './jobs.public.routes.ts';
import { jobsPageRoutes } from './jobs.pages.tsx';
import { favoritesRoutes } from './jobs.favorites.ts';
import { jobReviewRoutes } from './jobs.review.ts';
import { bannersRoutes } from './jobs.banners.ts';
import { changeJobState, createJob, deleteJob, publishJob, updateJob } from './jobs.service.ts';
import { postingCapRoutes, postingCaps } from './jobs.caps.ts';

const idParams = z.object({ id: z.uuid() });
const access = { roles: postingRoles };

/** An organization's own postings: list, create, autosave, publish, pause/resume/close, delete. */
export function jobsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/org/jobs',
      {
        config: { access },
        schema: { tags: ['jobs'], response: { 200: z.array(ownJobSchema) } },
      },
      async (request) => listOrganizationJobs(ctx.db, actorOf(request).organizationId ?? ''),
    );

    app.get(
      '/api/org/jobs/:id',
      {
        config: { access },
        schema: { tags: ['jobs'], params: idParams, response: { 200: ownJobSchema } },
      },
      async (request) => {
        const job = await findJob(ctx.db, request.params.id);
        assertOwnsJob(actorOf(request), job);
        return toOwnJob(job);
      },
    );

    app.post(
      '/api/org/jobs',
      {
        config: { access },
        schema: { tags: ['jobs'], body: jobFieldsSchema, response: { 201: ownJobSchema } },
      },
      async (request, reply) => {
        const row = await ctx.db.transaction((tx) => createJob(tx, actorOf(request), request.body));
        return reply.status(201).send(toOwnJob(row));
      },
    );

    app.patch(
      '/api/org/jobs/:id',
      {
        config: { access },
        schema: {
          tags: ['jobs'],
          params: idParams,
          body: jobUpdateSchema,
          response: { 200: ownJobSchema },
        },
      },
      async (request) => {
        const row = await ctx.db.transaction((tx) =>
          updateJob(tx, actorOf(request), request.params.id, request.body),
        );
        return toOwnJob(row);
      },
    );

    app.post(
      '/api/org/jobs/:id/publish',
      {
        config: { access },
        schema: { tags: ['jobs'], params: idParams, response: { 200: ownJobSchema } },
      },
      async (request) => {
        const row = await ctx.db.transaction((tx) =>
          publishJob(tx, actorOf(request), request.params.id, postingCaps(ctx)),
        );
        return toOwnJob(row);
      },
    );

    for (const event of ['pause', 'resume', 'close'] as const) {
      app.post(
        `/api/org/jobs/:id/${event}`,
        {
          config: { access },
          schema: { tags: ['jobs'], params: idParams, response: { 200: ownJobSchema } },
        },
        async (request) => {
          const row = await ctx.db.transaction((tx) =>
            changeJobState(tx, actorOf(request), request.params.id, event),
          );
          return toOwnJob(row);
        },
      );
    }

    app.delete(
      '/api/org/jobs/:id',
      { config: { access }, schema: { tags: ['jobs'], params: idParams } },
      async (request, reply) => {
        await ctx.db.transaction((tx) => deleteJob(tx, actorOf(request), request.params.id));
        return reply.status(204).send();
      },
    );
  };
}

/** Postings, search, favourites, review queue and banners. */
export async function registerJobs(app: FastifyInstance, ctx: AppContext) {
  await app.register(jobsRoutes(ctx));
  await app.register(jobsPublicRoutes(ctx));
  await app.register(jobsPageRoutes(ctx));
  await app.register(favoritesRoutes(ctx));
  await app.register(jobReviewRoutes(ctx));
  await app.register(bannersRoutes(ctx));
  await app.register(postingCapRoutes(ctx));
}
