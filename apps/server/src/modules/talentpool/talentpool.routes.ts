import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  myCardSchema,
  pointsLedgerQuerySchema,
  pointsLedgerSchema,
  poolCardSchema,
  poolPageSchema,
  poolQuerySchema,
  revealResultSchema,
  shareCardSchema,
  shareLinkSchema,
  talentCardSchema,
  viewRecordPageSchema,
  viewRecordsQuerySchema,
} from '@hirehall/shared/talentpool';
import type { AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { cardShareConsentReference, hasConsent } from '../privacy/privacy.consents.ts';
import { getOrCreateCard, toCard } from './talentpool.cards.ts';
import { findSharedCard, revokeShare } from './talentpool.repo.ts';
import {
  getLedger,
  getMyCard,
  listPool,
  listViewRecords,
  moveCard,
  revealContact,
  shareCard,
  viewCard,
} from './talentpool.service.ts';

const seeker = { access: { roles: ['seeker'] } } as const;
const members = { access: { roles: ['employer', 'institution'] } } as const;
const idParams = z.object({ id: z.uuid() });

export function talentPoolRoutes(
  ctx: AppContext,
  settings: Config['hiring'] = ctx.config.hiring,
): FastifyPluginAsyncZod {
  return async (app) => {
    /* ---------- the seeker's card ---------- */
    app.get(
      '/api/talent-card',
      { config: seeker, schema: { tags: ['talentpool'], response: { 200: myCardSchema } } },
      async (request) => ctx.db.transaction((tx) => getMyCard(tx, actorOf(request))),
    );
    for (const event of ['push', 'withdraw'] as const) {
      app.post(
        `/api/talent-card/${event}`,
        { config: seeker, schema: { tags: ['talentpool'], response: { 200: myCardSchema } } },
        async (request) => ctx.db.transaction((tx) => moveCard(tx, actorOf(request), event)),
      );
    }
    app.post(
      '/api/talent-card/shares',
      {
        config: seeker,
        schema: { tags: ['talentpool'], body: shareCardSchema, response: { 201: shareLinkSchema } },
      },
      async (request, reply) => {
        const share = await ctx.db.transaction((tx) =>
          shareCard(tx, actorOf(request), request.body.showContact),
        );
        return reply.status(201).send(share);
      },
    );
    app.delete(
      '/api/talent-card/shares/:token',
      {
        config: seeker,
        schema: { tags: ['talentpool'], params: z.object({ token: z.string().max(64) }) },
      },
      async (request, reply) => {
        const card = await getOrCreateCard(ctx.db, actorOf(request).accountId);
        if (!(await revokeShare(ctx.db, request.params.token, card.id))) {
          throw new AppError('NOT_FOUND');
        }
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/public/cards/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['talentpool'],
          params: z.object({ token: z.string().max(64) }),
          response: { 200: talentCardSchema },
        },
      },
      async (request) => {
        const shared = await findSharedCard(ctx.db, request.params.token);
        if (!shared) throw new AppError('NOT_FOUND');
        // the contacts show while the consent given by sharing them is not withdrawn
        const contactVisible =
          shared.showContact &&
          (await hasConsent(ctx.db, shared.card.accountId, 'contact_reveal', {
            reference: cardShareConsentReference(shared.card.id),
          }));
        return toCard(shared.card, contactVisible);
      },
    );

    /* ---------- the pool, for institutions and employers ---------- */
    app.get(
      '/api/talent-pool',
      {
        config: members,
        schema: {
          tags: ['talentpool'],
          querystring: poolQuerySchema,
          response: { 200: poolPageSchema },
        },
      },
      async (request) => listPool(ctx.db, actorOf(request), request.query),
    );
    app.get(
      '/api/talent-pool/views',
      {
        config: members,
        schema: {
          tags: ['talentpool'],
          querystring: viewRecordsQuerySchema,
          response: { 200: viewRecordPageSchema },
        },
      },
      async (request) => listViewRecords(ctx.db, actorOf(request), request.query),
    );
    app.get(
      '/api/talent-pool/:id',
      {
        config: members,
        schema: { tags: ['talentpool'], params: idParams, response: { 200: poolCardSchema } },
      },
      async (request) =>
        ctx.db.transaction((tx) => viewCard(tx, actorOf(request), request.params.id)),
    );
    app.post(
      '/api/talent-pool/:id/reveal',
      {
        config: members,
        schema: { tags: ['talentpool'], params: idParams, response: { 200: revealResultSchema } },
      },
      async (request) =>
        ctx.db.transaction((tx) =>
          revealContact(tx, actorOf(request), request.params.id, settings.revealPoints),
        ),
    );
    app.get(
      '/api/points',
      {
        config: members,
        schema: {
          tags: ['talentpool'],
          querystring: pointsLedgerQuerySchema,
          response: { 200: pointsLedgerSchema },
        },
      },
      async (request) => getLedger(ctx.db, actorOf(request), settings.revealPoints, request.query),
    );
  };
}
