import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  agendaSchema,
  callSummarySchema,
  cancelSchema,
  hallQueueSchema,
  interviewListQuerySchema,
  interviewListSchema,
  interviewSchema,
  inviteSchema,
  queuePositionSchema,
  rescheduleSchema,
  resultSchema,
} from '@hirehall/shared/interviews';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { employerRoles, partyRoles, viewerOf, assertEmployerOf } from './interviews.policy.ts';
import { findInterview, selectInterviews, toCall, toInterview } from './interviews.repo.ts';
import {
  answerInterview,
  cancelInterview,
  completeInterview,
  confirmInterview,
  inviteToInterview,
  markInterviewSeen,
  rescheduleInterview,
} from './interviews.service.ts';
import { loadAgenda, loadHallQueue, loadQueuePosition } from './interviews.hall.ts';
import { addressOf, interviewCalendar, type CalendarSettings } from './interviews.ics.ts';
import { listCalls } from './interviews.calls.ts';

const tags = ['interviews'];
const employer = { access: { roles: employerRoles } } as const;
const seeker = { access: { roles: ['seeker'] } } as const;
const party = { access: { roles: partyRoles } } as const;
const idParams = z.object({ id: z.uuid() });

export function interviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, realtime, config } = ctx;
  const ringSeconds = config.interviews.ringSeconds;
  const calendar: CalendarSettings = {
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.mail.from),
  };
  const orgOf = (actor: ReturnType<typeof actorOf>) => {
    if (!actor.organizationId) throw new AppError('FORBIDDEN');
    return actor.organizationId;
  };

  return async (app) => {
    app.post(
      '/api/interviews',
      {
        config: employer,
        schema: { tags, body: inviteSchema, response: { 201: interviewSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const row = await db.transaction((tx) =>
          inviteToInterview(tx, { actor, ip: request.ip }, request.body),
        );
        ctx.events.nudge();
        return reply.code(201).send(toInterview(row, 'employer'));
      },
    );

    app.get(
      '/api/interviews',
      {
        config: employer,
        schema: {
          tags,
          querystring: interviewListQuerySchema,
          response: { 200: interviewListSchema },
        },
      },
      async (request) => {
        const org = orgOf(actorOf(request));
        const { applicationId, status } = request.query;
        const rows = await selectInterviews(
          db,
          sql`i.organization_id = ${org}
              ${applicationId ? sql`and i.application_id = ${applicationId}` : sql``}
              ${status ? sql`and i.status = ${status}` : sql``}`,
        );
        return { items: rows.map((r) => toInterview(r, 'employer')) };
      },
    );

    app.get(
      '/api/interviews/hall',
      { config: employer, schema: { tags, response: { 200: hallQueueSchema } } },
      async (request) => loadHallQueue(db, realtime, orgOf(actorOf(request)), ringSeconds),
    );

    app.get(
      '/api/interviews/mine',
      { config: seeker, schema: { tags, response: { 200: agendaSchema } } },
      async (request) => ({ items: await loadAgenda(db, actorOf(request).accountId) }),
    );

    app.get(
      '/api/interviews/:id',
      { config: party, schema: { tags, params: idParams, response: { 200: interviewSchema } } },
      async (request) => {
        const row = await findInterview(db, request.params.id);
        return toInterview(row!, viewerOf(actorOf(request), row));
      },
    );

    app.get(
      '/api/interviews/:id/calendar.ics',
      { config: party, schema: { tags, params: idParams } },
      async (request, reply) => {
        const row = await findInterview(db, request.params.id);
        viewerOf(actorOf(request), row);
        // once issued, the calendar is served in every later state: moved, held or cancelled
        if (row!.calendar_sequence === null) {
          throw new AppError('CONFLICT', '面试确认后才能加入日历');
        }
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="interview-${row!.id}.ics"`)
          .header('cache-control', 'no-store')
          .send(interviewCalendar(row!, calendar));
      },
    );

    app.get(
      '/api/interviews/:id/queue',
      {
        config: seeker,
        schema: { tags, params: idParams, response: { 200: queuePositionSchema } },
      },
      async (request) => loadQueuePosition(db, actorOf(request), request.params.id, ringSeconds),
    );

    app.get(
      '/api/interviews/:id/calls',
      {
        config: employer,
        schema: {
          tags,
          params: idParams,
          response: { 200: z.object({ items: z.array(callSummarySchema) }) },
        },
      },
      async (request) => {
        assertEmployerOf(actorOf(request), await findInterview(db, request.params.id));
        return { items: (await listCalls(db, request.params.id)).map(toCall) };
      },
    );

    for (const event of ['attend', 'decline'] as const) {
      app.post(
        `/api/interviews/:id/${event}`,
        { config: seeker, schema: { tags, params: idParams, response: { 200: interviewSchema } } },
        async (request) => {
          const actor = actorOf(request);
          const row = await db.transaction((tx) =>
            answerInterview(tx, { actor, ip: request.ip }, request.params.id, event),
          );
          ctx.events.nudge();
          return toInterview(row, 'seeker');
        },
      );
    }

    app.post(
      '/api/interviews/:id/seen',
      { config: seeker, schema: { tags, params: idParams, response: { 200: interviewSchema } } },
      async (request) => {
        const actor = actorOf(request);
        const row = await db.transaction((tx) => markInterviewSeen(tx, actor, request.params.id));
        return toInterview(row, 'seeker');
      },
    );

    app.post(
      '/api/interviews/:id/confirm',
      { config: employer, schema: { tags, params: idParams, response: { 200: interviewSchema } } },
      async (request) => {
        const actor = actorOf(request);
        const row = await db.transaction((tx) =>
          confirmInterview(tx, { actor, ip: request.ip }, request.params.id, {
            reminderMinutes: config.interviews.reminderMinutes,
            calendar,
          }),
        );
        ctx.events.nudge();
        return toInterview(row, 'employer');
      },
    );

    app.post(
      '/api/interviews/:id/reschedule',
      {
        config: employer,
        schema: {
          tags,
          params: idParams,
          body: rescheduleSchema,
          response: { 200: interviewSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await db.transaction((tx) =>
          rescheduleInterview(
            tx,
            { actor, ip: request.ip },
            request.params.id,
            request.body,
            calendar,
          ),
        );
        ctx.events.nudge();
        return toInterview(row, 'employer');
      },
    );

    app.post(
      '/api/interviews/:id/cancel',
      {
        config: employer,
        schema: { tags, params: idParams, body: cancelSchema, response: { 200: interviewSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await db.transaction((tx) =>
          cancelInterview(
            tx,
            { actor, ip: request.ip },
            request.params.id,
            request.body.reason,
            calendar,
          ),
        );
        ctx.events.nudge();
        return toInterview(row, 'employer');
      },
    );

    app.post(
      '/api/interviews/:id/result',
      {
        config: employer,
        schema: { tags, params: idParams, body: resultSchema, response: { 200: interviewSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await db.transaction((tx) =>
          completeInterview(tx, { actor, ip: request.ip }, request.params.id, request.body),
        );
        return toInterview(row, 'employer');
      },
    );
  };
}
