import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findFile, sendFile } from '../../platform/storage/uploads.ts';
import { accessOf, authorize } from './organizations.policy.ts';
import { appliedSchoolIds } from './admissions.ts';

/**
 * `GET /api/files/:id`: the owner organization (or uploading account), school staff of a
 * school the organization applied to, and the admin. Everyone else gets 404.
 */
export function filesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/files/:id',
      {
        config: { access: accessOf('readFile') },
        schema: { tags: ['files'], params: z.object({ id: z.uuid() }) },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await findFile(ctx.db, request.params.id);
        if (!file) throw new AppError('NOT_FOUND');
        const schools =
          actor.role === 'school' && file.organizationId
            ? await appliedSchoolIds(ctx.db, file.organizationId)
            : [];
        authorize(actor, 'readFile', {
          organizationId: file.organizationId,
          ownerAccountId: file.ownerAccountId,
          appliedSchoolIds: schools,
        });
        return sendFile(reply, ctx.storage, file);
      },
    );
  };
}
