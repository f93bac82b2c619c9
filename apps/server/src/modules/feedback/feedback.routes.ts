import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  feedbackItemSchema,
  feedbackQueueQuerySchema,
  feedbackQueueSchema,
  feedbackReplyBodySchema,
  feedbackTransitionBodySchema,
  submitFeedbackBodySchema,
} from '@hirehall/shared/feedback';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import { JPEG, PNG, receiveUpload, saveUpload, sendFile } from '../../platform/storage/uploads.ts';
import { listQueue, getFeedbackRow, toFeedbackItems } from './feedback.repo.ts';
import {
  SCREENSHOT_PURPOSE,
  getScreenshot,
  listMyFeedback,
  moveFeedback,
  replyToFeedback,
  submitFeedback,
} from './feedback.service.ts';
import { acceptUploads } from '../../platform/storage/multipart.ts';

const senders = {
  access: { roles: ['seeker', 'employer', 'institution', 'school', 'college'] as Role[] },
};
const admin = { access: { roles: ['admin'] as Role[] } };
const idParams = z.object({ id: z.uuid() });
const SUBMISSIONS_PER_HOUR = 20;

async function limitSubmissions(ctx: AppContext, accountId: string) {
  const n = await hitCounter(ctx.db, `feedback:${accountId}`, 3600);
  if (n > SUBMISSIONS_PER_HOUR) throw new AppError('RATE_LIMITED');
}

/** 意见反馈 / 违规举报 from every role, and the platform admin's queue. */
function feedbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.post(
      '/api/feedback/screenshots',
      {
        config: senders,
        schema: { tags: ['feedback'], response: { 201: z.object({ fileId: z.string() }) } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await limitSubmissions(ctx, actor.accountId);
        const upload = await receiveUpload(request, [JPEG, PNG]);
        const { id } = await saveUpload(ctx.db, ctx.storage, {
          upload,
          purpose: SCREENSHOT_PURPOSE,
          ownerAccountId: actor.accountId,
          organizationId: actor.organizationId,
        });
        return reply.status(201).send({ fileId: id });
      },
    );

    app.get(
      '/api/feedback/screenshots/:id',
      {
        config: { access: { roles: [...senders.access.roles, 'admin'] } },
        schema: { tags: ['feedback'], params: idParams },
      },
      async (request, reply) => {
        const file = await getScreenshot(ctx.db, actorOf(request), request.params.id);
        return sendFile(reply, ctx.storage, file);
      },
    );

    app.post(
      '/api/feedback',
      {
        config: senders,
        schema: {
          tags: ['feedback'],
          body: submitFeedbackBodySchema,
          response: { 201: feedbackItemSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await limitSubmissions(ctx, actor.accountId);
        const item = await ctx.db.transaction((tx) => submitFeedback(tx, actor, request.body));
        return reply.status(201).send(item);
      },
    );

    app.get(
      '/api/feedback/mine',
      {
        config: senders,
        schema: { tags: ['feedback'], response: { 200: z.array(feedbackItemSchema) } },
      },
      async (request) => listMyFeedback(ctx.db, actorOf(request)),
    );

    app.get(
      '/api/admin/feedback',
      {
        config: admin,
        schema: {
          tags: ['feedback'],
          querystring: feedbackQueueQuerySchema,
          response: { 200: feedbackQueueSchema },
        },
      },
      async (request) => listQueue(ctx.db, request.query),
    );

    app.get(
      '/api/admin/feedback/:id',
      {
        config: admin,
        schema: { tags: ['feedback'], params: idParams, response: { 200: feedbackItemSchema } },
      },
      async (request) =>
        (await toFeedbackItems(ctx.db, [await getFeedbackRow(ctx.db, request.params.id)]))[0]!,
    );

    app.post(
      '/api/admin/feedback/:id/transition',
      {
        config: admin,
        schema: {
          tags: ['feedback'],
          params: idParams,
          body: feedbackTransitionBodySchema,
          response: { 200: feedbackItemSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const item = await ctx.db.transaction((tx) =>
          moveFeedback(tx, actor, request.params.id, request.body.event),
        );
        ctx.events.nudge();
        return item;
      },
    );

    app.post(
      '/api/admin/feedback/:id/replies',
      {
        config: admin,
        schema: {
          tags: ['feedback'],
          params: idParams,
          body: feedbackReplyBodySchema,
          response: { 201: feedbackItemSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const item = await ctx.db.transaction((tx) =>
          replyToFeedback(tx, actor, request.params.id, request.body),
        );
        ctx.events.nudge();
        return reply.status(201).send(item);
      },
    );
  };
}

export async function registerFeedback(app: FastifyInstance, ctx: AppContext) {
  await app.register(feedbackRoutes(ctx));
}
