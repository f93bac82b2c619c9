import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  admissionApplicationsSchema,
  admissionSchema,
  admissionStatuses,
  employerContextBodySchema,
  reasonBodySchema,
  schoolAdmissionSchema,
} from '@hirehall/shared/organizations';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { updateSessionContext } from '../../platform/auth/sessions.ts';
import { accessOf, authorize } from './organizations.policy.ts';
import {
  applyForAdmissions,
  assertAdmitted,
  listEmployerAdmissions,
  listSchoolAdmissions,
  reviewAdmission,
} from './admissions.ts';
import { sessionAccountSchema } from '@hirehall/shared/accounts';
import { loadSessionAccount } from '../accounts/accounts.session.ts';

const idParams = z.object({ id: z.uuid() });

/** Admissions (入驻): the employer applies and switches context; the school reviews. */
export function admissionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/employer/admissions',
      {
        config: { access: accessOf('applyForAdmission') },
        schema: {
          tags: ['organizations'],
          body: admissionApplicationsSchema,
          response: { 200: z.array(admissionSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'applyForAdmission');
        return ctx.db.transaction((tx) =>
          applyForAdmissions(tx, actor.organizationId!, request.body.applications),
        );
      },
    );

    app.get(
      '/api/employer/admissions',
      {
        config: { access: accessOf('listOwnAdmissions') },
        schema: { tags: ['organizations'], response: { 200: z.array(admissionSchema) } },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'listOwnAdmissions');
        return listEmployerAdmissions(ctx.db, actor.organizationId!);
      },
    );

    app.put(
      '/api/employer/context',
      {
        config: { access: accessOf('switchContext') },
        schema: {
          tags: ['organizations'],
          body: employerContextBodySchema,
          response: { 200: sessionAccountSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'switchContext');
        const { schoolId, graduationYear } = request.body;
        await assertAdmitted(ctx.db, actor.organizationId!, schoolId, graduationYear);
        const context = { schoolId, graduationYear };
        await updateSessionContext(ctx.db, actor.tokenHash, context);
        return loadSessionAccount(ctx.db, actor.accountId, context);
      },
    );

    app.get(
      '/api/school/admissions',
      {
        config: { access: accessOf('listSchoolAdmissions') },
        schema: {
          tags: ['organizations'],
          querystring: z.object({ status: z.enum(admissionStatuses).optional() }),
          response: { 200: z.array(schoolAdmissionSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'listSchoolAdmissions');
        return listSchoolAdmissions(ctx.db, actor.organizationId!, request.query.status);
      },
    );

    app.post(
      '/api/school/admissions/:id/approve',
      {
        config: { access: accessOf('reviewAdmission') },
        schema: {
          tags: ['organizations'],
          params: idParams,
          response: { 200: admissionSchema },
        },
      },
      async (request) =>
        ctx.db.transaction((tx) =>
          reviewAdmission(tx, actorOf(request), request.params.id, { approve: true }, request.ip),
        ),
    );

    app.post(
      '/api/school/admissions/:id/reject',
      {
        config: { access: accessOf('reviewAdmission') },
        schema: {
          tags: ['organizations'],
          params: idParams,
          body: reasonBodySchema,
          response: { 200: admissionSchema },
        },
      },
      async (request) =>
        ctx.db.transaction((tx) =>
          reviewAdmission(
            tx,
            actorOf(request),
            request.params.id,
            { approve: false, reason: request.body.reason },
            request.ip,
          ),
        ),
    );
  };
}
