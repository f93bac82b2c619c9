import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import {
  bannerSchema,
  jobDetailSchema,
  jobSearchQuerySchema,
  jobSearchResultSchema,
  type JobDetail,
} from '@hirehall/shared/jobs';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { queryRows } from '../../platform/db/database.ts';
import { findLiveJobSummary, searchJobs, toSummary } from './jobs.repo.ts';
import { listBanners } from './jobs.banners.ts';

/** What anyone may see: the search, a live posting, the banners. */
export function jobsPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/public/jobs',
      {
        config: { access: 'public' },
        schema: {
          tags: ['jobs'],
          querystring: jobSearchQuerySchema,
          response: { 200: jobSearchResultSchema },
        },
      },
      async (request) => searchJobs(ctx.db, request.query),
    );

    app.get(
      '/api/public/jobs/:id',
      {
        config: { access: 'public', httpCache: true },
        schema: {
          tags: ['jobs'],
          params: z.object({ id: z.uuid() }),
          response: { 200: jobDetailSchema },
        },
      },
      async (request, reply) => {
        const row = await findLiveJobSummary(ctx.db, request.params.id);
        if (!row) throw new AppError('NOT_FOUND');
        const actor = request.actor;
        let isFavorite = false;
        if (actor?.role === 'seeker') {
          const [fav] = await queryRows<{ ok: number }>(
            ctx.db,
            sql`select 1 as ok from job_favorites where account_id = ${actor.accountId}
              and job_id = ${row.id}`,
          );
          isFavorite = Boolean(fav);
        }
        reply.header('cache-control', actor ? 'private, no-store' : 'public, max-age=30');
        const detail: JobDetail = {
          ...toSummary(row),
          description: row.description,
          skills: row.skills,
          employmentType: row.employment_type as JobDetail['employmentType'],
          probationMonths: row.probation_months,
          probationSalary: row.probation_salary,
          certificationDomain: row.certification_domain,
          positionLevel: row.position_level,
          isFavorite,
        };
        return detail;
      },
    );

    app.get(
      '/api/public/banners',
      {
        config: { access: 'public' },
        schema: { tags: ['jobs'], response: { 200: z.array(bannerSchema) } },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=60');
        return listBanners(ctx.db, { activeOnly: true });
      },
    );
  };
}
