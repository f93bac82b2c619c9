import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  broadcastBodySchema,
  markReadBodySchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSocketEvents,
  preferencesSchema,
  unreadCountSchema,
  updatePreferencesBodySchema,
} from '@hirehall/shared/notifications';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { roles } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { countUnread, listNotifications, markRead } from './notifications.repo.ts';
import { getPreferences, savePreferences } from './notifications.preferences.ts';

const signedIn = { access: { roles } } as const;

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        config: signedIn,
        schema: {
          tags: ['notifications'],
          querystring: notificationListQuerySchema,
          response: { 200: notificationListSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const q = request.query;
        const page = await listNotifications(ctx.db, actor.accountId, {
          unreadOnly: q.unreadOnly === '1',
          before: q.before,
          limit: q.limit,
        });
        return { ...page, unread: await countUnread(ctx.db, actor.accountId) };
      },
    );

    app.get(
      '/api/notifications/unread-count',
      {
        config: signedIn,
        schema: { tags: ['notifications'], response: { 200: unreadCountSchema } },
      },
      async (request) => ({ unread: await countUnread(ctx.db, actorOf(request).accountId) }),
    );

    app.post(
      '/api/notifications/read',
      {
        config: signedIn,
        schema: {
          tags: ['notifications'],
          body: markReadBodySchema,
          response: { 200: unreadCountSchema },
        },
      },
      async (request) => {
        const { accountId } = actorOf(request);
        const body = request.body;
        await markRead(ctx.db, accountId, 'all' in body ? 'all' : body.ids);
        const unread = await countUnread(ctx.db, accountId);
        // the same person's other tabs and devices update their badge
        ctx.realtime.toAccount(accountId, notificationSocketEvents.unread, { unread });
        return { unread };
      },
    );

    app.get(
      '/api/notifications/preferences',
      {
        config: signedIn,
        schema: { tags: ['notifications'], response: { 200: preferencesSchema } },
      },
      async (request) => getPreferences(ctx.db, actorOf(request)),
    );

    app.put(
      '/api/notifications/preferences',
      {
        config: signedIn,
        schema: {
          tags: ['notifications'],
          body: updatePreferencesBodySchema,
          response: { 200: preferencesSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await ctx.db.transaction((tx) => savePreferences(tx, actor.accountId, request.body));
        return getPreferences(ctx.db, actor);
      },
    );

    app.post(
      '/api/admin/broadcasts',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['notifications'],
          body: broadcastBodySchema,
          response: { 202: z.object({ accepted: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { title, body, roles: audienceRoles } = request.body;
        await ctx.db.transaction(async (tx) => {
          await appendEvent(tx, {
            kind: 'system.broadcast',
            payload: { title, body, audienceRoles },
          });
          await recordAudit(tx, {
            actorAccountId: actor.accountId,
            actorRole: actor.role,
            action: 'notification.broadcast',
            ip: request.ip,
            details: { title, roles: audienceRoles },
          });
        });
        return reply.status(202).send({ accepted: true });
      },
    );
  };
}
