import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  agreementSchema,
  reasonSchema,
  terminationSchema,
  terminationStatuses,
} from '@hirehall/shared/agreements';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import {
  JPEG,
  PDF,
  PNG,
  findFile,
  receiveUpload,
  saveUpload,
  sendFile,
} from '../../platform/storage/uploads.ts';
import { runIdempotent } from './idempotency.ts';
import { loadAgreementViews, toTerminationView } from './agreements.repo.ts';
import { staffSchoolOf } from './agreements.policy.ts';
import {
  LETTER_PURPOSE,
  getVisibleTermination,
  listSchoolTerminations,
  requestTermination,
  respondToTermination,
  reviewTermination,
} from './agreements.termination.ts';
import { acceptUploads } from '../../platform/storage/multipart.ts';

const idParams = z.object({ id: z.string().uuid() });
const tags = ['agreements'];
const optionalReason = z.object({ reason: z.string().trim().max(500).optional() }).nullish();

/** 解约 (seed 002 §5): letter upload, request, the other party's answer, the school's review. */
export function terminationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const change = async (
    request: FastifyRequest,
    route: string,
    work: (tx: Tx) => Promise<string>,
  ) => {
    const { body } = await runIdempotent(ctx.db, request, route, async (tx) => {
      const agreementId = await work(tx);
      const [view] = await loadAgreementViews(tx, [agreementId]);
      return { status: 200, body: view! };
    });
    return body;
  };

  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.post(
      '/api/agreements/termination-letters',
      {
        config: { access: { roles: ['seeker', 'employer'] } },
        schema: { tags, response: { 200: z.object({ fileId: z.string() }) } },
      },
      async (request) => {
        const actor = actorOf(request);
        const upload = await receiveUpload(request, [PDF, JPEG, PNG]);
        // Not inside a transaction: database-backed storage writes through the same pool.
        const saved = await saveUpload(ctx.db, ctx.storage, {
          upload,
          purpose: LETTER_PURPOSE,
          ownerAccountId: actor.accountId,
          organizationId: actor.organizationId,
        });
        return { fileId: saved.id };
      },
    );

    app.post(
      '/api/agreements/:id/terminations',
      {
        config: { access: { roles: ['seeker', 'employer'] } },
        schema: {
          tags,
          params: idParams,
          body: reasonSchema.extend({ letterFileId: z.string().uuid() }),
          response: { 200: agreementSchema },
        },
      },
      async (request) =>
        change(request, 'termination.request', async (tx) => {
          await requestTermination(tx, actorOf(request), request.params.id, request.body);
          return request.params.id;
        }),
    );

    for (const event of ['consent', 'refuse', 'withdraw'] as const) {
      app.post(
        `/api/terminations/:id/${event}`,
        {
          config: { access: { roles: ['seeker', 'employer'] } },
          schema: {
            tags,
            params: idParams,
            body: event === 'refuse' ? reasonSchema : optionalReason,
            response: { 200: agreementSchema },
          },
        },
        async (request) =>
          change(request, `termination.${event}`, (tx) =>
            respondToTermination(
              tx,
              actorOf(request),
              request.params.id,
              event,
              (request.body as { reason?: string } | null)?.reason,
            ),
          ),
      );
    }

    app.get(
      '/api/school/terminations',
      {
        config: { access: { roles: ['school'] } },
        schema: {
          tags,
          querystring: z.object({ status: z.enum(terminationStatuses).optional() }),
          response: {
            200: z.object({
              items: z.array(terminationSchema.extend({ agreement: agreementSchema })),
            }),
          },
        },
      },
      async (request) => {
        const schoolId = staffSchoolOf(actorOf(request));
        const rows = await listSchoolTerminations(ctx.db, schoolId, request.query.status);
        const views = await loadAgreementViews(ctx.db, [
          ...new Set(rows.map((r) => r.t.agreementId)),
        ]);
        const byId = new Map(views.map((v) => [v.id, v]));
        return {
          items: rows.map((r) => ({
            ...toTerminationView(r.t),
            agreement: byId.get(r.t.agreementId)!,
          })),
        };
      },
    );

    for (const decision of ['approve', 'reject'] as const) {
      app.post(
        `/api/school/terminations/:id/${decision}`,
        {
          config: { access: { roles: ['school'] } },
          schema: {
            tags,
            params: idParams,
            body: decision === 'reject' ? reasonSchema : optionalReason,
            response: { 200: agreementSchema },
          },
        },
        async (request) =>
          change(request, `termination.${decision}`, (tx) =>
            reviewTermination(
              tx,
              actorOf(request),
              request.params.id,
              decision,
              (request.body as { reason?: string } | null)?.reason,
            ),
          ),
      );
    }

    app.get(
      '/api/terminations/:id/letter',
      {
        config: { access: { roles: ['seeker', 'employer', 'school', 'college'] } },
        schema: { tags, params: idParams },
      },
      async (request, reply) => {
        const { t } = await getVisibleTermination(ctx.db, actorOf(request), request.params.id);
        const file = await findFile(ctx.db, t.letterFileId);
        if (!file) throw new AppError('NOT_FOUND');
        return sendFile(reply, ctx.storage, file);
      },
    );
  };
}
