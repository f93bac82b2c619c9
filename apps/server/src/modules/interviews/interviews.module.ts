import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { interviewRoutes } from './interviews.routes.ts';
import { callSocketHandlers } from './interviews.socket.ts';
import { interviewJobsWorker } from './interviews.jobs.ts';

/** Invitations and notices (REST), the hall's call signalling (socket.io), reminders. */
export async function registerInterviews(app: FastifyInstance, ctx: AppContext) {
  ctx.realtime.onConnection(callSocketHandlers(ctx, app.log));
  ctx.events.addWorker(
    'interviews',
    interviewJobsWorker(ctx.db, { mailer: ctx.mailer, publicUrl: ctx.config.publicUrl }, app.log),
  );
  await app.register(interviewRoutes(ctx));
}
