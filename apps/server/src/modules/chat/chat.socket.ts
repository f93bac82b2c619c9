import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  chatSocketEvents as ev,
  sendMessageSchema,
  type ChatAck,
  type ChatMessage,
} from '@hirehall/shared/chat';
import { AppError } from '../../platform/errors.ts';
import { queryRows } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';
import { accountRoom, presenceRoom, type AppSocket } from '../../platform/realtime/realtime.ts';
import { isStaff } from './chat.policy.ts';
import { listMessages, markConversationRead, toMessage } from './chat.repo.ts';
import {
  authorize,
  getConversationOf,
  namesOf,
  refOf,
  sendMessage,
  type Authorized,
} from './chat.service.ts';
import type { MessageRateLimiter } from './chat.rate.ts';

export const conversationRoom = (id: string) => `conversation:${id}`;
export const orgRoom = (id: string) => `org:${id}`;
export const orgPresenceRoom = (id: string) => `presence:org:${id}`;

/** Everyone who should see a new message or read receipt, each socket once. */
export const audienceOf = (c: { id: string; seekerAccountId: string; organizationId: string }) => [
  conversationRoom(c.id),
  accountRoom(c.seekerAccountId),
  orgRoom(c.organizationId),
];

type Ack<T> = (answer: ChatAck<T>) => void;

/** Wraps a handler: validation, errors as coded answers, never a thrown socket. */
function handle<I, T>(log: FastifyBaseLogger, schema: z.ZodType<I>, fn: (input: I) => Promise<T>) {
  return (payload: unknown, ack?: Ack<T>) => {
    const reply: Ack<T> = typeof ack === 'function' ? ack : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: parsed.error.issues[0]?.message ?? '参数有误',
        },
      });
    }
    fn(parsed.data).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => {
        if (err instanceof AppError)
          return reply({ ok: false, error: { code: err.code, message: err.message } });
        log.error({ err: (err as Error).message }, 'socket handler failed');
        reply({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
      },
    );
  };
}

/** Bounds the per-socket authorization cache (a socket normally chats in a handful). */
const MAX_CACHED_CONVERSATIONS = 200;

// Schemas live at module level: a zod schema is hundreds of objects and closures, and one
// built inside the connection handler would be built again for every socket.
const conversationOnly = z.object({ conversationId: z.uuid() });
const syncSchema = conversationOnly.extend({
  afterSeq: z.number().int().min(0),
  limit: z.number().int().min(1).max(500).default(200),
});
const readSchema = conversationOnly.extend({ seq: z.number().int().min(0) });
const watchSchema = z.object({ accountIds: z.array(z.uuid()).max(500) });

export function chatSocketHandlers(
  ctx: AppContext,
  limiter: MessageRateLimiter,
  log: FastifyBaseLogger,
) {
  const { realtime, db } = ctx;
  return (socket: AppSocket) => {
    const actor = socket.data.actor;
    /**
     * Conversations this socket was authorized for, with the names a message carries: after
     * the first join or send, sending, typing and syncing need no authorization query. The
     * actor itself is fixed for the socket's life (loaded at the handshake).
     */
    const allowed = new Map<string, Authorized>();
    const remember = (a: Authorized) => {
      if (allowed.size >= MAX_CACHED_CONVERSATIONS) allowed.clear();
      allowed.set(a.conversation.id, a);
      return a;
    };
    const authorized = async (conversationId: string) =>
      allowed.get(conversationId) ?? remember(await authorize(db, actor, conversationId));

    if (isStaff(actor)) {
      void socket.join(orgRoom(actor.organizationId!));
      realtime.toRoom(orgPresenceRoom(actor.organizationId!), ev.presence, {
        organizationId: actor.organizationId,
        online: true,
      });
      socket.on('disconnect', () => {
        void realtime.roomsOnline([orgRoom(actor.organizationId!)]).then((online) => {
          if (online.size === 0) {
            realtime.toRoom(orgPresenceRoom(actor.organizationId!), ev.presence, {
              organizationId: actor.organizationId,
              online: false,
            });
          }
        });
      });
    }

    socket.on(
      ev.send,
      handle(log, sendMessageSchema, async (input): Promise<ChatMessage> => {
        limiter.hit(actor.accountId);
        const sent = await sendMessage(db, actor, input, await authorized(input.conversationId));
        // the sending socket has the message in its ack: one frame less per message
        if (sent.isNew) {
          realtime.emitTo(audienceOf(sent.conversation), ev.message, sent.message, socket.id);
        }
        if (sent.notified) ctx.events.nudge();
        return sent.message;
      }),
    );

    socket.on(
      ev.join,
      handle(log, conversationOnly, async ({ conversationId }) => {
        limiter.hit(actor.accountId, 'ops');
        const { conversation, side } = await getConversationOf(db, actor, conversationId);
        remember({ conversation: refOf(conversation), side });
        await socket.join(conversationRoom(conversation.id));
        const peer =
          side === 'employer'
            ? accountRoom(conversation.seekerAccountId)
            : orgRoom(conversation.organizationId);
        await socket.join(
          side === 'employer'
            ? presenceRoom(conversation.seekerAccountId)
            : orgPresenceRoom(conversation.organizationId),
        );
        const online = await realtime.roomsOnline([peer]);
        return {
          lastSeq: conversation.lastSeq,
          peerOnline: online.size > 0,
          // whom the presence events of this conversation's peer name
          peer:
            side === 'employer'
              ? { accountId: conversation.seekerAccountId }
              : { organizationId: conversation.organizationId },
        };
      }),
    );

    socket.on(
      ev.sync,
      handle(log, syncSchema, async ({ conversationId, afterSeq, limit }) => {
        limiter.hit(actor.accountId, 'ops');
        const { conversation } = await authorized(conversationId);
        const page = await listMessages(db, conversation.id, { afterSeq, limit });
        return {
          items: page.rows.map((r) => toMessage(r, namesOf(conversation))),
          hasMore: page.hasMore,
        };
      }),
    );

    socket.on(
      ev.read,
      handle(log, readSchema, async ({ conversationId, seq }) => {
        limiter.hit(actor.accountId, 'ops');
        const { conversation, side } = await authorized(conversationId);
        const readSeq = await markConversationRead(db, conversation.id, side, seq);
        realtime.emitTo(audienceOf(conversation), ev.readBy, {
          conversationId,
          side,
          seq: readSeq,
        });
        return { seq: readSeq };
      }),
    );

    socket.on(ev.typing, (payload: unknown) => {
      const parsed = conversationOnly.safeParse(payload);
      if (!parsed.success || !allowed.has(parsed.data.conversationId)) return;
      try {
        limiter.hit(actor.accountId, 'ops');
      } catch {
        return; // typing is best effort: over the budget it is dropped
      }
      socket.volatile.to(conversationRoom(parsed.data.conversationId)).emit(ev.typingBy, {
        conversationId: parsed.data.conversationId,
        side: isStaff(actor) ? 'employer' : 'seeker',
      });
    });

    socket.on(
      ev.watch,
      handle(log, watchSchema, async ({ accountIds }) => {
        if (!isStaff(actor)) throw new AppError('FORBIDDEN');
        // only candidates who applied to this organization
        const rows = await queryRows<{ id: string }>(
          db,
          sql`select distinct seeker_account_id as id from applications
              where organization_id = ${actor.organizationId}
                and seeker_account_id in (select jsonb_array_elements_text(${JSON.stringify(accountIds)}::jsonb)::uuid)`,
        );
        const ids = rows.map((r) => r.id);
        await socket.join(ids.map(presenceRoom));
        const online = await realtime.onlineAmong(ids);
        return { online: [...online] };
      }),
    );
  };
}
