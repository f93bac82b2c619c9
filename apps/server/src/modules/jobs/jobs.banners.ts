import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { bannerInputSchema, bannerSchema, type Banner } from '@hirehall/shared/jobs';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { banners } from './jobs.tables.ts';

const toBanner = (b: typeof banners.$inferSelect): Banner => ({
  id: b.id,
  title: b.title,
  imageUrl: b.imageUrl,
  linkUrl: b.linkUrl,
  sortOrder: b.sortOrder,
  isActive: b.isActive,
});

export async function listBanners(q: Queryable, options: { activeOnly: boolean }) {
  const base = q.select().from(banners);
  const rows = await (options.activeOnly ? base.where(eq(banners.isActive, true)) : base).orderBy(
    asc(banners.sortOrder),
    asc(banners.createdAt),
  );
  return rows.map(toBanner);
}

const access = { roles: ['admin'] as const };
const idParams = z.object({ id: z.uuid() });

/** 轮播图 above the job list: the platform admin manages them. */
export function bannersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/banners',
      { config: { access }, schema: { tags: ['jobs'], response: { 200: z.array(bannerSchema) } } },
      async () => listBanners(ctx.db, { activeOnly: false }),
    );

    app.post(
      '/api/admin/banners',
      {
        config: { access },
        schema: { tags: ['jobs'], body: bannerInputSchema, response: { 201: bannerSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const row = await ctx.db.transaction(async (tx) => {
          const [b] = await tx.insert(banners).values(request.body).returning();
          await recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'banner.create',
            targetType: 'banner',
            targetId: b!.id,
          });
          return b!;
        });
        return reply.status(201).send(toBanner(row));
      },
    );

    app.put(
      '/api/admin/banners/:id',
      {
        config: { access },
        schema: {
          tags: ['jobs'],
          params: idParams,
          body: bannerInputSchema,
          response: { 200: bannerSchema },
        },
      },
      async (request) => {
        const [b] = await ctx.db
          .update(banners)
          .set(request.body)
          .where(eq(banners.id, request.params.id))
          .returning();
        if (!b) throw new AppError('NOT_FOUND');
        return toBanner(b);
      },
    );

    app.delete(
      '/api/admin/banners/:id',
      { config: { access }, schema: { tags: ['jobs'], params: idParams } },
      async (request, reply) => {
        const rows = await ctx.db
          .delete(banners)
          .where(eq(banners.id, request.params.id))
          .returning();
        if (!rows.length) throw new AppError('NOT_FOUND');
        return reply.status(204).send();
      },
    );
  };
}
