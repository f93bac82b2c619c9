import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { chatRoutes } from './chat.routes.ts';
import { chatSocketHandlers } from './chat.socket.ts';
import { MessageRateLimiter } from './chat.service.ts';

/** Negotiation-hall chat: REST routes and the socket handlers on the realtime hub. */
export async function registerChat(app: FastifyInstance, ctx: AppContext) {
  const limiter = new MessageRateLimiter();
  ctx.realtime.onConnection(chatSocketHandlers(ctx, limiter, app.log));
  await app.register(chatRoutes(ctx, limiter));
}
