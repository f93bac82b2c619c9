import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  agreementListSchema,
  agreementSchema,
  listQuerySchema,
  offerBodySchema,
  offerEditBodySchema,
  reasonSchema,
  signableListSchema,
  signingResumeSchema,
} from '@hirehall/shared/agreements';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { actorOf } from '../../platform/auth/access.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { runIdempotent } from './idempotency.ts';
import { getSigningResume } from './agreements.resume.ts';
import { findAgreementHead, loadAgreementViews } from './agreements.repo.ts';
import { assertSees, employerContextOf, staffSchoolOf } from './agreements.policy.ts';
import {
  acceptOffer,
  createOffer,
  discardOffer,
  editOffer,
  expireOffers,
  rejectOffer,
  sendOffer,
  withdrawOffer,
} from './agreements.offers.ts';
import { approveAgreement, returnAgreement } from './agreements.review.ts';
import {
  listEmployerAgreements,
  listGraduateAgreements,
  listReviewAgreements,
  listSignableGraduates,
  reviewFilters,
} from './agreements.queries.ts';

const idParams = z.object({ id: z.string().uuid() });
const tags = ['agreements'];
const access = (...roles: Role[]) => ({ access: { roles } });
const emptyBody = z.object({}).nullish();

/** Offers, the graduate's inbox, college and school review. */
export function agreementsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  /** Runs a state change (idempotent with `Idempotency-Key`) and answers the fresh view. */
  const change = async (
    request: FastifyRequest,
    route: string,
    work: (tx: Tx) => Promise<string | void>,
  ) => {
    const { body } = await runIdempotent(ctx.db, request, route, async (tx) => {
      const id = (await work(tx)) ?? (request.params as { id: string }).id;
      const [view] = await loadAgreementViews(tx, [id]);
      return { status: 200, body: view! };
    });
    return body;
  };

  return async (app) => {
    // ---------- employer ----------
    app.get(
      '/api/employer/signing/signable',
      {
        config: access('employer'),
        schema: { tags, querystring: listQuerySchema, response: { 200: signableListSchema } },
      },
      async (request) => {
        const c = await employerContextOf(ctx.db, actorOf(request));
        return listSignableGraduates(ctx.db, c, request.query);
      },
    );

    app.get(
      '/api/employer/signing/graduates/:id/resume',
      {
        config: access('employer'),
        schema: { tags, params: idParams, response: { 200: signingResumeSchema } },
      },
      async (request) => getSigningResume(ctx.db, actorOf(request), request.params.id),
    );

    app.get(
      '/api/employer/agreements',
      {
        config: access('employer'),
        schema: {
          tags,
          querystring: listQuerySchema.extend({
            tab: z.enum(['pending', 'signed', 'terminated']).default('pending'),
          }),
          response: { 200: agreementListSchema },
        },
      },
      async (request) => {
        const c = await employerContextOf(ctx.db, actorOf(request));
        await expireOffers(ctx.db);
        return listEmployerAgreements(ctx.db, c, request.query.tab, request.query);
      },
    );

    app.post(
      '/api/employer/agreements',
      {
        config: access('employer'),
        schema: { tags, body: offerBodySchema, response: { 200: agreementSchema } },
      },
      async (request) =>
        change(request, 'agreement.create', (tx) =>
          createOffer(tx, actorOf(request), request.body),
        ),
    );

    app.put(
      '/api/employer/agreements/:id',
      {
        config: access('employer'),
        schema: {
          tags,
          params: idParams,
          body: offerEditBodySchema,
          response: { 200: agreementSchema },
        },
      },
      async (request) =>
        change(request, 'agreement.edit', (tx) =>
          editOffer(tx, actorOf(request), request.params.id, request.body),
        ),
    );

    const employerActions = { send: sendOffer, withdraw: withdrawOffer, discard: discardOffer };
    for (const [name, action] of Object.entries(employerActions)) {
      app.post(
        `/api/employer/agreements/:id/${name}`,
        {
          config: access('employer'),
          schema: { tags, params: idParams, body: emptyBody, response: { 200: agreementSchema } },
        },
        async (request) =>
          change(request, `agreement.${name}`, (tx) =>
            action(tx, actorOf(request), request.params.id),
          ),
      );
    }

    // ---------- any party or reviewer ----------
    app.get(
      '/api/agreements/:id',
      {
        config: access('employer', 'seeker', 'college', 'school'),
        schema: { tags, params: idParams, response: { 200: agreementSchema } },
      },
      async (request) => {
        await expireOffers(ctx.db, { id: request.params.id });
        assertSees(actorOf(request), await findAgreementHead(ctx.db, request.params.id));
        const [view] = await loadAgreementViews(ctx.db, [request.params.id]);
        return view!;
      },
    );

    // ---------- graduate ----------
    app.get(
      '/api/graduate/agreements',
      {
        config: access('seeker'),
        schema: { tags, response: { 200: z.object({ items: z.array(agreementSchema) }) } },
      },
      async (request) => {
        const actor = actorOf(request);
        await expireOffers(ctx.db);
        return { items: await listGraduateAgreements(ctx.db, actor.accountId) };
      },
    );

    app.post(
      '/api/graduate/agreements/:id/accept',
      {
        config: access('seeker'),
        schema: { tags, params: idParams, body: emptyBody, response: { 200: agreementSchema } },
      },
      async (request) =>
        change(request, 'agreement.accept', (tx) =>
          acceptOffer(tx, actorOf(request), request.params.id),
        ),
    );

    app.post(
      '/api/graduate/agreements/:id/reject',
      {
        config: access('seeker'),
        schema: { tags, params: idParams, body: reasonSchema, response: { 200: agreementSchema } },
      },
      async (request) =>
        change(request, 'agreement.reject', (tx) =>
          rejectOffer(tx, actorOf(request), request.params.id, request.body.reason),
        ),
    );

    // ---------- college and school review ----------
    const reviewQuery = listQuerySchema.extend({
      graduationYear: z.coerce.number().int().min(2000).max(2100),
      filter: z.enum(reviewFilters).default('pending'),
    });
    for (const role of ['college', 'school'] as const) {
      app.get(
        `/api/${role}/agreements`,
        {
          config: access(role),
          schema: { tags, querystring: reviewQuery, response: { 200: agreementListSchema } },
        },
        async (request) => {
          const actor = actorOf(request);
          return listReviewAgreements(
            ctx.db,
            {
              schoolId: staffSchoolOf(actor),
              collegeId: role === 'college' ? actor.collegeId : null,
              stage: role,
            },
            request.query,
          );
        },
      );
      app.post(
        `/api/${role}/agreements/:id/approve`,
        {
          config: access(role),
          schema: { tags, params: idParams, body: emptyBody, response: { 200: agreementSchema } },
        },
        async (request) =>
          change(request, `agreement.${role}_approve`, (tx) =>
            approveAgreement(tx, actorOf(request), request.params.id),
          ),
      );
      app.post(
        `/api/${role}/agreements/:id/return`,
        {
          config: access(role),
          schema: {
            tags,
            params: idParams,
            body: reasonSchema,
            response: { 200: agreementSchema },
          },
        },
        async (request) =>
          change(request, `agreement.${role}_return`, (tx) =>
            returnAgreement(tx, actorOf(request), request.params.id, request.body.reason),
          ),
      );
    }
  };
}
