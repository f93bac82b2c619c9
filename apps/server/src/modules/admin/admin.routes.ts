import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountLookupSchema,
  adminPointsQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifySchema,
  broadcastPageSchema,
  flaggedMessageSchema,
  flaggedMessagesPageSchema,
  flaggedMessagesQuerySchema,
  flagReviewBodySchema,
  organizationInfoBodySchema,
  organizationInfoSchema,
  pointsAdjustBodySchema,
  pointsLedgerSchema,
  suspendBodySchema,
  verificationStatusSchema,
} from '@hirehall/shared/admin';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit, verifyAuditChain } from '../../platform/audit/audit.ts';
import { countAuditRows, exportAuditCsv, searchAudit } from './admin.audit.ts';
import {
  liftAccountSuspension,
  liftOrganizationSuspension,
  suspendAccount,
  suspendOrganization,
} from './admin.suspensions.ts';
import {
  adjustPoints,
  editOrganizationInfo,
  findAccounts,
  getOrganizationInfo,
  pointsLedgerPage,
} from './admin.organizations.ts';
import {
  confirmVerification,
  sweepReverification,
  verificationOf,
} from './admin.reverification.ts';
import { JobScheduler } from './scheduled-jobs.ts';
import { findFlaggedMessages, reviewFlaggedMessage } from './admin.chat-safety.ts';
import { listBroadcasts } from './admin.broadcasts.ts';

const admin = { access: { roles: ['admin'] as Role[] } };
const employers = { access: { roles: ['employer', 'institution'] as Role[] } };
const idParams = z.object({ id: z.uuid() });
const tags = ['admin'];

/** Audit log viewer and export: the platform admin only. */
function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/audit-log',
      {
        config: admin,
        schema: { tags, querystring: auditQuerySchema, response: { 200: auditPageSchema } },
      },
      async (request) => searchAudit(ctx.db, request.query),
    );

    app.get(
      '/api/admin/audit-log/export.csv',
      { config: admin, schema: { tags, querystring: auditQuerySchema } },
      async (request, reply) => {
        const actor = actorOf(request);
        const { page: _p, pageSize: _s, ...filter } = request.query;
        const { csv, rows } = await ctx.db.transaction(async (tx) => {
          const result = await exportAuditCsv(tx, filter);
          await recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'audit.export',
            ip: request.ip,
            details: { filter, rows: result.rows },
          });
          return result;
        });
        const name = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .header('x-row-count', String(rows))
          .send(csv);
      },
    );

    app.get(
      '/api/admin/audit-log/verify',
      { config: admin, schema: { tags, response: { 200: auditVerifySchema } } },
      async () => {
        const brokenAt = await verifyAuditChain(ctx.db);
        return { intact: brokenAt === null, brokenAt, rows: await countAuditRows(ctx.db) };
      },
    );
  };
}

/** Suspensions, points, organization info; employers' 6-monthly confirmation. */
function organizationAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/organizations/:id/info',
      {
        config: admin,
        schema: { tags, params: idParams, response: { 200: organizationInfoSchema } },
      },
      async (request) => getOrganizationInfo(ctx.db, request.params.id),
    );

    app.patch(
      '/api/admin/organizations/:id/info',
      {
        config: admin,
        schema: {
          tags,
          params: idParams,
          body: organizationInfoBodySchema,
          response: { 200: organizationInfoSchema },
        },
      },
      async (request) =>
        ctx.db.transaction((tx) =>
          editOrganizationInfo(tx, actorOf(request), request.params.id, request.body, request.ip),
        ),
    );

    app.post(
      '/api/admin/organizations/:id/suspension',
      {
        config: admin,
        schema: {
          tags,
          params: idParams,
          body: suspendBodySchema,
          response: { 200: organizationInfoSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const info = await ctx.db.transaction(async (tx) => {
          await suspendOrganization(tx, {
            organizationId: request.params.id,
            reason: request.body.reason,
            cause: 'admin',
            actor,
            ip: request.ip,
          });
          return getOrganizationInfo(tx, request.params.id);
        });
        ctx.events.nudge();
        return info;
      },
    );

    app.delete(
      '/api/admin/organizations/:id/suspension',
      {
        config: admin,
        schema: { tags, params: idParams, response: { 200: organizationInfoSchema } },
      },
      async (request) =>
        ctx.db.transaction(async (tx) => {
          await liftOrganizationSuspension(tx, {
            organizationId: request.params.id,
            actor: actorOf(request),
            ip: request.ip,
          });
          return getOrganizationInfo(tx, request.params.id);
        }),
    );

    app.get(
      '/api/admin/organizations/:id/points',
      {
        config: admin,
        schema: {
          tags,
          params: idParams,
          querystring: adminPointsQuerySchema,
          response: { 200: pointsLedgerSchema },
        },
      },
      async (request) => {
        await getOrganizationInfo(ctx.db, request.params.id);
        return pointsLedgerPage(ctx.db, request.params.id, request.query);
      },
    );

    app.post(
      '/api/admin/organizations/:id/points',
      {
        config: admin,
        schema: {
          tags,
          params: idParams,
          body: pointsAdjustBodySchema,
          response: { 200: pointsLedgerSchema },
        },
      },
      async (request) =>
        ctx.db.transaction((tx) =>
          adjustPoints(tx, actorOf(request), request.params.id, request.body, request.ip),
        ),
    );

    app.get(
      '/api/admin/accounts',
      {
        config: admin,
        schema: {
          tags,
          querystring: z.object({ q: z.string().trim().min(1).max(100) }),
          response: { 200: z.array(accountLookupSchema) },
        },
      },
      async (request) => findAccounts(ctx.db, request.query.q),
    );

    app.post(
      '/api/admin/accounts/:id/suspension',
      { config: admin, schema: { tags, params: idParams, body: suspendBodySchema } },
      async (request, reply) => {
        await ctx.db.transaction((tx) =>
          suspendAccount(tx, {
            accountId: request.params.id,
            reason: request.body.reason,
            actor: actorOf(request),
            ip: request.ip,
          }),
        );
        return reply.status(204).send();
      },
    );

    app.delete(
      '/api/admin/accounts/:id/suspension',
      { config: admin, schema: { tags, params: idParams } },
      async (request, reply) => {
        await ctx.db.transaction((tx) =>
          liftAccountSuspension(tx, {
            accountId: request.params.id,
            actor: actorOf(request),
            ip: request.ip,
          }),
        );
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/org/verification',
      { config: employers, schema: { tags, response: { 200: verificationStatusSchema } } },
      async (request) => {
        const { organizationId } = actorOf(request);
        if (!organizationId) throw new AppError('NOT_FOUND');
        return verificationOf(ctx.db, organizationId);
      },
    );

    app.post(
      '/api/org/verification/confirm',
      { config: employers, schema: { tags, response: { 200: verificationStatusSchema } } },
      async (request) =>
        ctx.db.transaction((tx) => confirmVerification(tx, actorOf(request), request.ip)),
    );
  };
}

/** Flagged chat messages to review, and the 系统消息 sent so far. */
function contentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/chat/flagged',
      {
        config: admin,
        schema: {
          tags,
          querystring: flaggedMessagesQuerySchema,
          response: { 200: flaggedMessagesPageSchema },
        },
      },
      async (request) => findFlaggedMessages(ctx.db, request.query),
    );

    app.post(
      '/api/admin/chat/flagged/:id/review',
      {
        config: admin,
        schema: {
          tags,
          params: idParams,
          body: flagReviewBodySchema,
          response: { 200: flaggedMessageSchema },
        },
      },
      async (request) => {
        const reviewed = await ctx.db.transaction((tx) =>
          reviewFlaggedMessage(tx, actorOf(request), request.params.id, request.body, request.ip),
        );
        if (reviewed.review?.suspendedOrganization) ctx.events.nudge();
        return reviewed;
      },
    );

    app.get(
      '/api/admin/broadcasts',
      {
        config: admin,
        schema: {
          tags,
          querystring: z.object({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: broadcastPageSchema },
        },
      },
      async (request) => listBroadcasts(ctx.db, request.query.page, request.query.pageSize),
    );
  };
}

export async function registerAdmin(app: FastifyInstance, ctx: AppContext) {
  await app.register(auditRoutes(ctx));
  await app.register(contentRoutes(ctx));
  await app.register(organizationAdminRoutes(ctx));
  if (!ctx.config.dispatcher) return;
  const scheduler = new JobScheduler(ctx.db, app.log, [
    { name: 'reverification', everyMs: 3_600_000, run: (tx) => sweepReverification(tx) },
  ]);
  app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', () => scheduler.stop());
}
