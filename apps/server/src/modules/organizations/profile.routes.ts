import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import {
  certificationChangeBodySchema,
  certificationChangeSchema,
  employerProfilePatchSchema,
  employerProfileSchema,
  reasonBodySchema,
} from '@hirehall/shared/organizations';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { organizations } from './organizations.tables.ts';
import { accessOf, authorize } from './organizations.policy.ts';
import { isUniqueViolation } from './organizations.repo.ts';
import {
  decideCertificationChange,
  getEmployerProfile,
  listPendingCertificationChanges,
  requestCertificationChange,
} from './certification.ts';

const idParams = z.object({ id: z.uuid() });

const duplicateAsConflict = (err: unknown) => {
  if (isUniqueViolation(err)) throw new AppError('DUPLICATE', '单位名称或统一社会信用代码已被使用');
  throw err;
};

/** 公司信息: basic fields save at once; certification fields go through the admin. */
export function profileRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/employer/profile',
      {
        config: { access: accessOf('readOwnProfile') },
        schema: { tags: ['organizations'], response: { 200: employerProfileSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'readOwnProfile');
        return getEmployerProfile(ctx.db, actor.organizationId!);
      },
    );

    app.patch(
      '/api/employer/profile',
      {
        config: { access: accessOf('editOwnProfile') },
        schema: {
          tags: ['organizations'],
          body: employerProfilePatchSchema,
          response: { 200: employerProfileSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        authorize(actor, 'editOwnProfile');
        if (Object.keys(request.body).length > 0) {
          await ctx.db
            .update(organizations)
            .set(request.body)
            .where(eq(organizations.id, actor.organizationId!));
        }
        return getEmployerProfile(ctx.db, actor.organizationId!);
      },
    );

    app.post(
      '/api/employer/certification-changes',
      {
        config: { access: accessOf('requestCertificationChange') },
        schema: {
          tags: ['organizations'],
          body: certificationChangeBodySchema,
          response: { 201: certificationChangeSchema },
        },
      },
      async (request, reply) => {
        const change = await ctx.db
          .transaction((tx) =>
            requestCertificationChange(tx, actorOf(request), request.body, request.ip),
          )
          .catch(duplicateAsConflict);
        return reply.status(201).send(change);
      },
    );

    app.get(
      '/api/admin/certification-changes',
      {
        config: { access: accessOf('listCertificationChanges') },
        schema: { tags: ['admin'], response: { 200: z.array(certificationChangeSchema) } },
      },
      async () => listPendingCertificationChanges(ctx.db),
    );

    app.post(
      '/api/admin/certification-changes/:id/approve',
      {
        config: { access: accessOf('reviewCertificationChange') },
        schema: {
          tags: ['admin'],
          params: idParams,
          response: { 200: certificationChangeSchema },
        },
      },
      async (request) =>
        ctx.db
          .transaction((tx) =>
            decideCertificationChange(
              tx,
              actorOf(request),
              request.params.id,
              { approve: true },
              request.ip,
            ),
          )
          .catch(duplicateAsConflict),
    );

    app.post(
      '/api/admin/certification-changes/:id/reject',
      {
        config: { access: accessOf('reviewCertificationChange') },
        schema: {
          tags: ['admin'],
          params: idParams,
          body: reasonBodySchema,
          response: { 200: certificationChangeSchema },
        },
      },
      async (request) =>
        ctx.db.transaction((tx) =>
          decideCertificationChange(
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
