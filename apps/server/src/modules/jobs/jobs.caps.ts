import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { defaultActivePostingCaps, postingCapSchema, type PostingCap } from '@hirehall/shared/jobs';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { activeCap, type PostingCaps } from './jobs.service.ts';

/** The caps of this deployment: institutions' from HIREHALL_INSTITUTION_POSTING_CAP. */
export const postingCaps = (ctx: AppContext): PostingCaps => ({
  ...defaultActivePostingCaps,
  institution: ctx.config.hiring.institutionPostingCap,
});

async function capOf(q: Queryable, ctx: AppContext, organizationId: string): Promise<PostingCap> {
  const [org] = await queryRows<{ kind: string; settings: Record<string, unknown>; n: number }>(
    q,
    sql`select o.kind, o.settings, (select count(*)::int from job_postings j
        where j.organization_id = o.id and j.deleted_at is null
          and j.status in ('in_review', 'published', 'paused')) as n
      from organizations o where o.id = ${organizationId} and o.kind in ('company', 'institution')`,
  );
  if (!org) throw new AppError('NOT_FOUND');
  const override = org.settings?.activePostingCap;
  return {
    organizationId,
    override: typeof override === 'number' ? override : null,
    defaultCap: postingCaps(ctx)[org.kind as 'company' | 'institution'] ?? null,
    cap: await activeCap(q, organizationId, postingCaps(ctx), { lock: false }),
    activeCount: org.n,
  };
}

/** The platform admin reads and sets one employer's or institution's active-posting cap. */
export function postingCapRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const access = { roles: ['admin'] as const };
  const params = z.object({ id: z.uuid() });
  return async (app) => {
    app.get(
      '/api/admin/organizations/:id/posting-cap',
      {
        config: { access },
        schema: { tags: ['jobs'], params, response: { 200: postingCapSchema } },
      },
      async (request) => capOf(ctx.db, ctx, request.params.id),
    );

    app.put(
      '/api/admin/organizations/:id/posting-cap',
      {
        config: { access },
        schema: {
          tags: ['jobs'],
          params,
          /** null removes the override: the organization kind's cap applies again */
          body: z.object({ cap: z.number().int().min(0).max(10_000).nullable() }),
          response: { 200: postingCapSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id } = request.params;
        const { cap } = request.body;
        return ctx.db.transaction(async (tx) => {
          const before = await capOf(tx, ctx, id);
          await tx.execute(
            cap == null
              ? sql`update organizations set settings = settings - 'activePostingCap'
                  where id = ${id}`
              : sql`update organizations
                  set settings = jsonb_set(settings, '{activePostingCap}', to_jsonb(${cap}::int))
                  where id = ${id}`,
          );
          await recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'organization.posting_cap',
            targetType: 'organization',
            targetId: id,
            details: { from: before.override, to: cap },
          });
          return capOf(tx, ctx, id);
        });
      },
    );
  };
}
