import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { interviewRoutes } from './interviews.routes.ts';
import { callSocketHandlers } from './interviews.socket.ts';
import { interviewJobsWorker } from './interviews.jobs.ts';
import { loadHallQueue, loadQueuePosition } from './interviews.hall.ts';

/** The hall's reads with an explicit clock, so tests do not depend on the time of day. */
export interface HallReads {
  queue(organizationId: string, now: Date): ReturnType<typeof loadHallQueue>;
  position(
    actor: Parameters<typeof loadQueuePosition>[1],
    interviewId: string,
    now: Date,
  ): ReturnType<typeof loadQueuePosition>;
}
const halls = new WeakMap<FastifyInstance, HallReads>();

/** Those of an app built with the interviews module. */
export function hallReadsOf(app: FastifyInstance): HallReads {
  return halls.get(app)!;
}

/** Invitations and notices (REST), the hall's call signalling (socket.io), reminders. */
export async function registerInterviews(app: FastifyInstance, ctx: AppContext) {
  ctx.realtime.onConnection(callSocketHandlers(ctx, app.log));
  ctx.events.addWorker(
    'interviews',
    interviewJobsWorker(ctx.db, { mailer: ctx.mailer, publicUrl: ctx.config.publicUrl }, app.log),
  );
  await app.register(interviewRoutes(ctx));
  const ringSeconds = ctx.config.interviews.ringSeconds;
  halls.set(app, {
    queue: (organizationId, now) =>
      loadHallQueue(ctx.db, ctx.realtime, organizationId, ringSeconds, now),
    position: (actor, interviewId, now) =>
      loadQueuePosition(ctx.db, actor, interviewId, ringSeconds, now),
  });
}
