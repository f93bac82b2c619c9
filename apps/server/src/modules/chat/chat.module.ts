import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { chatRoutes } from './chat.routes.ts';
import { chatSocketHandlers } from './chat.socket.ts';
import { MessageRateLimiter } from './chat.rate.ts';

/** Negotiation-hall chat: REST routes and the socket handlers on the realtime hub. */
export async function registerChat(app: FastifyInstance, ctx: AppContext) {
  // counters shared between processes only where there can be several (PostgreSQL)
  const limiter = new MessageRateLimiter(ctx.database.kind === 'postgres' ? ctx.db : null, (err) =>
    app.log.warn({ err: (err as Error).message }, 'chat rate counters not saved'),
  );
  app.addHook('onClose', () => limiter.close());
  ctx.realtime.onConnection(chatSocketHandlers(ctx, limiter, app.log));
  await app.register(chatRoutes(ctx, limiter));
}
