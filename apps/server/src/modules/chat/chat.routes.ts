import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chatSocketEvents as ev,
  conversationListSchema,
  conversationSchema,
  hallQuerySchema,
  hallSchema,
  imageUploadSchema,
  messagePageSchema,
  messageSchema,
  messagesQuerySchema,
  openConversationSchema,
  readSchema,
  safetyStatsSchema,
  sendMessageSchema,
} from '@hirehall/shared/chat';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findFile, sendFile } from '../../platform/storage/uploads.ts';
import { queryRows } from '../../platform/db/database.ts';
import { sql } from 'drizzle-orm';
import { chatRoles, staffRoles } from './chat.policy.ts';
import {
  listConversations,
  listMessages,
  markConversationRead,
  toConversation,
  toMessage,
} from './chat.repo.ts';
import { getConversationOf, namesOf, openConversation, sendMessage } from './chat.service.ts';
import type { MessageRateLimiter } from './chat.rate.ts';
import { receiveChatImage } from './chat.images.ts';
import { loadHall, loadSafetyStats } from './chat.hall.ts';
import { audienceOf, orgRoom } from './chat.socket.ts';
import { acceptUploads } from '../../platform/storage/multipart.ts';

const party = { access: { roles: chatRoles } } as const;
const idParams = z.object({ id: z.uuid() });

export function chatRoutes(ctx: AppContext, limiter: MessageRateLimiter): FastifyPluginAsyncZod {
  const { db, realtime } = ctx;
  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.get(
      '/api/chat/conversations',
      { config: party, schema: { tags: ['chat'], response: { 200: conversationListSchema } } },
      async (request) => {
        const actor = actorOf(request);
        limiter.hit(actor.accountId, 'reads');
        const staff = actor.role !== 'seeker';
        if (staff && !actor.organizationId) throw new AppError('FORBIDDEN');
        const rows = await listConversations(
          db,
          staff ? { organizationId: actor.organizationId! } : { seekerAccountId: actor.accountId },
        );
        const online = staff
          ? await realtime.onlineAmong(rows.map((r) => r.seekerAccountId))
          : await realtime.roomsOnline([...new Set(rows.map((r) => orgRoom(r.organizationId)))]);
        const items = rows.map((r) =>
          toConversation(
            r,
            staff ? 'employer' : 'seeker',
            staff ? online.has(r.seekerAccountId) : online.has(orgRoom(r.organizationId)),
          ),
        );
        return { items, unread: items.reduce((s, c) => s + c.unread, 0) };
      },
    );

    app.post(
      '/api/chat/conversations',
      {
        config: { access: { roles: staffRoles } },
        schema: {
          tags: ['chat'],
          body: openConversationSchema,
          response: { 200: conversationSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const id = await openConversation(db, actor, request.body.applicationId);
        const { conversation } = await getConversationOf(db, actor, id);
        const online = await realtime.onlineAmong([conversation.seekerAccountId]);
        return toConversation(conversation, 'employer', online.size > 0);
      },
    );

    app.get(
      '/api/chat/conversations/:id',
      {
        config: party,
        schema: { tags: ['chat'], params: idParams, response: { 200: conversationSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        limiter.hit(actor.accountId, 'reads');
        const { conversation, side } = await getConversationOf(db, actor, request.params.id);
        const online =
          side === 'employer'
            ? (await realtime.onlineAmong([conversation.seekerAccountId])).size > 0
            : (await realtime.roomsOnline([orgRoom(conversation.organizationId)])).size > 0;
        return toConversation(conversation, side, online);
      },
    );

    app.get(
      '/api/chat/conversations/:id/messages',
      {
        config: party,
        schema: {
          tags: ['chat'],
          params: idParams,
          querystring: messagesQuerySchema,
          response: { 200: messagePageSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        limiter.hit(actor.accountId, 'reads');
        const { conversation } = await getConversationOf(db, actor, request.params.id);
        const page = await listMessages(db, conversation.id, request.query);
        return {
          items: page.rows.map((r) => toMessage(r, namesOf(conversation))),
          hasMore: page.hasMore,
        };
      },
    );

    app.post(
      '/api/chat/conversations/:id/messages',
      {
        config: party,
        schema: {
          tags: ['chat'],
          params: idParams,
          body: z.union([
            sendMessageSchema.options[0].omit({ conversationId: true }),
            sendMessageSchema.options[1].omit({ conversationId: true }),
          ]),
          response: { 200: messageSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        limiter.hit(actor.accountId);
        const sent = await sendMessage(db, actor, {
          ...request.body,
          conversationId: request.params.id,
        });
        if (sent.isNew) realtime.emitTo(audienceOf(sent.conversation), ev.message, sent.message);
        if (sent.notified) ctx.events.nudge();
        return sent.message;
      },
    );

    app.post(
      '/api/chat/conversations/:id/read',
      {
        config: party,
        schema: {
          tags: ['chat'],
          params: idParams,
          body: readSchema,
          response: { 200: readSchema },
        },
      },
      async (request) => {
        const { conversation, side } = await getConversationOf(
          db,
          actorOf(request),
          request.params.id,
        );
        const seq = await markConversationRead(db, conversation.id, side, request.body.seq);
        realtime.emitTo(audienceOf(conversation), ev.readBy, {
          conversationId: conversation.id,
          side,
          seq,
        });
        return { seq };
      },
    );

    app.post(
      '/api/chat/conversations/:id/images',
      {
        config: party,
        schema: { tags: ['chat'], params: idParams, response: { 200: imageUploadSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        await getConversationOf(db, actor, request.params.id);
        limiter.hit(actor.accountId);
        return receiveChatImage(db, ctx.storage, request, {
          accountId: actor.accountId,
          organizationId: actor.organizationId,
        });
      },
    );

    app.get(
      '/api/chat/files/:id',
      { config: party, schema: { tags: ['chat'], params: idParams } },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await findFile(db, request.params.id);
        if (!file || !['chat', 'chat_thumb'].includes(file.purpose))
          throw new AppError('NOT_FOUND');
        if (file.ownerAccountId !== actor.accountId) {
          // a party of a conversation that carries this image
          const [m] = await queryRows<{ conversation_id: string }>(
            db,
            sql`select conversation_id from chat_messages where image_file_id = ${file.id} or thumb_file_id = ${file.id} limit 1`,
          );
          if (!m) throw new AppError('NOT_FOUND');
          await getConversationOf(db, actor, m.conversation_id);
        }
        return sendFile(reply, ctx.storage, file);
      },
    );

    app.get(
      '/api/chat/hall',
      {
        config: { access: { roles: staffRoles } },
        schema: { tags: ['chat'], querystring: hallQuerySchema, response: { 200: hallSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        limiter.hit(actor.accountId, 'reads');
        if (!actor.organizationId) throw new AppError('FORBIDDEN');
        return loadHall(db, realtime, actor.organizationId, request.query);
      },
    );

    app.get(
      '/api/admin/chat/safety',
      {
        config: { access: { roles: ['admin'] } },
        schema: { tags: ['chat'], response: { 200: safetyStatsSchema } },
      },
      async () => loadSafetyStats(db),
    );
  };
}
