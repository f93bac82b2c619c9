import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { FAVORITES_LIMIT, favoriteSchema, type Favorite } from '@hirehall/shared/jobs';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { summaryColumns, toSummary, type SummaryRow } from './jobs.repo.ts';

const access = { roles: ['seeker'] as const };

/** The seeker's favourites; a deleted posting is in no listing (paused or closed ones show as unavailable). */
export async function listFavorites(q: Queryable, accountId: string): Promise<Favorite[]> {
  const rows = await queryRows<SummaryRow & { fav_at: Date | string; live: boolean }>(
    q,
    sql`select ${summaryColumns}, f.created_at as fav_at,
        (j.status = 'published' and j.deleted_at is null and o.status = 'active') as live
      from job_favorites f join job_postings j on j.id = f.job_id
      join organizations o on o.id = j.organization_id
      where f.account_id = ${accountId} and j.deleted_at is null order by f.created_at desc`,
  );
  return rows.map((r) => ({
    jobId: r.id,
    createdAt: new Date(r.fav_at).toISOString(),
    isAvailable: r.live,
    job: toSummary(r),
  }));
}

/** Adds a favourite: only live postings; at most FAVORITES_LIMIT per seeker. */
export async function addFavorite(tx: Queryable, accountId: string, jobId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`fav:${accountId}`}))`);
  const [job] = await queryRows<{ id: string }>(
    tx,
    sql`select j.id from job_postings j join organizations o on o.id = j.organization_id
      where j.id = ${jobId} and j.status = 'published' and j.deleted_at is null
        and o.status = 'active'`,
  );
  if (!job) throw new AppError('NOT_FOUND');
  const [state] = await queryRows<{ n: number; has: boolean }>(
    tx,
    sql`select count(*)::int as n, bool_or(f.job_id = ${jobId}) as has
      from job_favorites f join job_postings j on j.id = f.job_id
      where f.account_id = ${accountId} and j.deleted_at is null`,
  );
  if (state?.has) return;
  if ((state?.n ?? 0) >= FAVORITES_LIMIT) {
    throw new AppError('FAVORITES_FULL', undefined, { limit: FAVORITES_LIMIT });
  }
  await tx.execute(
    sql`insert into job_favorites (account_id, job_id) values (${accountId}, ${jobId})`,
  );
}

/** 职位收藏 (seed 004 §7). */
export function favoritesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/seeker/favorites',
      {
        config: { access },
        schema: { tags: ['jobs'], response: { 200: z.array(favoriteSchema) } },
      },
      async (request) => listFavorites(ctx.db, actorOf(request).accountId),
    );

    app.post(
      '/api/seeker/favorites',
      {
        config: { access },
        schema: {
          tags: ['jobs'],
          body: z.object({ jobId: z.uuid() }),
          response: { 200: z.array(favoriteSchema) },
        },
      },
      async (request) => {
        const { accountId } = actorOf(request);
        await ctx.db.transaction((tx) => addFavorite(tx, accountId, request.body.jobId));
        return listFavorites(ctx.db, accountId);
      },
    );

    app.delete(
      '/api/seeker/favorites/:jobId',
      {
        config: { access },
        schema: {
          tags: ['jobs'],
          params: z.object({ jobId: z.uuid() }),
          response: { 200: z.array(favoriteSchema) },
        },
      },
      async (request) => {
        const { accountId } = actorOf(request);
        await ctx.db.execute(
          sql`delete from job_favorites where account_id = ${accountId}
            and job_id = ${request.params.jobId}`,
        );
        return listFavorites(ctx.db, accountId);
      },
    );
  };
}
