import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consentSchema,
  deletionBodySchema,
  deletionResultSchema,
  grantConsentBodySchema,
} from '@hirehall/shared/privacy';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, clearSessionCookies } from '../../platform/auth/access.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import { JobScheduler } from '../admin/scheduled-jobs.ts';
import { listConsents, recordConsent, withdrawConsent } from './privacy.consents.ts';
import { buildPersonalDataZip } from './privacy.export.ts';
import { deletePersonalData } from './privacy.deletion.ts';
import { purgeExpired } from './privacy.retention.ts';

const seeker = { access: { roles: ['seeker'] as Role[] } };
const tags = ['privacy'];
const EXPORTS_PER_DAY = 5;

function privacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/privacy/consents',
      { config: seeker, schema: { tags, response: { 200: z.array(consentSchema) } } },
      async (request) => listConsents(ctx.db, actorOf(request).accountId),
    );

    app.post(
      '/api/privacy/consents',
      {
        config: seeker,
        schema: { tags, body: grantConsentBodySchema, response: { 200: z.array(consentSchema) } },
      },
      async (request) => {
        const { accountId } = actorOf(request);
        await ctx.db.transaction((tx) =>
          recordConsent(tx, { accountId, purpose: request.body.purpose }),
        );
        return listConsents(ctx.db, accountId);
      },
    );

    app.delete(
      '/api/privacy/consents/:id',
      {
        config: seeker,
        schema: {
          tags,
          params: z.object({ id: z.uuid() }),
          response: { 200: z.array(consentSchema) },
        },
      },
      async (request) => {
        const { accountId } = actorOf(request);
        await ctx.db.transaction((tx) => withdrawConsent(tx, accountId, request.params.id));
        return listConsents(ctx.db, accountId);
      },
    );

    app.get('/api/privacy/export', { config: seeker, schema: { tags } }, async (request, reply) => {
      const actor = actorOf(request);
      if (
        (await hitCounter(ctx.db, `privacy-export:${actor.accountId}`, 86_400)) > EXPORTS_PER_DAY
      ) {
        throw new AppError('RATE_LIMITED', '每天最多导出5次，请明天再试');
      }
      const { zip, files } = await ctx.db.transaction(async (tx) => {
        const built = await buildPersonalDataZip(tx, ctx.storage, actor.accountId);
        await recordAudit(tx, {
          actorAccountId: actor.accountId,
          actorRole: actor.role,
          action: 'privacy.export',
          targetType: 'account',
          targetId: actor.accountId,
          ip: request.ip,
          details: { files: built.files.length },
        });
        return built;
      });
      const name = `hirehall-personal-data-${new Date().toISOString().slice(0, 10)}.zip`;
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .header('x-file-count', String(files.length))
        .send(Buffer.from(zip));
    });

    app.post(
      '/api/privacy/deletion',
      {
        config: seeker,
        schema: { tags, body: deletionBodySchema, response: { 200: deletionResultSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { storageKeys, purgeAfter } = await ctx.db.transaction((tx) =>
          deletePersonalData(tx, actor, request.body.password, request.ip),
        );
        await Promise.allSettled(storageKeys.map((key) => ctx.storage.remove(key)));
        clearSessionCookies(reply);
        return { deletedAt: new Date().toISOString(), purgeAfter: purgeAfter.toISOString() };
      },
    );
  };
}

export async function registerPrivacy(app: FastifyInstance, ctx: AppContext) {
  await app.register(privacyRoutes(ctx));
  if (!ctx.config.dispatcher) return;
  const scheduler = new JobScheduler(ctx.db, app.log, [
    { name: 'retention', everyMs: 6 * 3_600_000, run: (tx) => purgeExpired(tx) },
  ]);
  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', () => scheduler.stop());
}
