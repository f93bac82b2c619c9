import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import {
  employerRegistrationSchema,
  graduationYears,
  notificationChannelBodySchema,
  publicSchoolSchema,
  uploadedFileSchema,
} from '@hirehall/shared/organizations';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/access.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import { receiveUpload, saveUpload, uploadPurposes } from '../../platform/storage/uploads.ts';
import { organizations } from './organizations.tables.ts';
import { accessOf, authorize } from './organizations.policy.ts';
import { isUniqueViolation, listSchoolsWithColleges } from './organizations.repo.ts';
import { registerEmployer } from './registration.ts';
import { signedInSchema } from '@hirehall/shared/accounts';
import { answerSignedIn } from '../accounts/accounts.session.ts';
import { verifyCaptcha } from '../accounts/accounts.captcha.ts';
import { acceptUploads } from '../../platform/storage/multipart.ts';

const UPLOADS_PER_IP_PER_10_MIN = 20;
const REGISTRATIONS_PER_IP_PER_HOUR = 10;

/** Public look-ups, licence upload and employer registration (steps 1 and 3). */
export function registrationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await acceptUploads(app, ctx.config);
    app.get(
      '/api/public/schools',
      {
        config: { access: 'public' },
        schema: { tags: ['organizations'], response: { 200: z.array(publicSchoolSchema) } },
      },
      async () => listSchoolsWithColleges(ctx.db),
    );

    app.get(
      '/api/public/graduation-years',
      {
        config: { access: 'public' },
        schema: { tags: ['organizations'], response: { 200: z.array(z.number()) } },
      },
      async () => graduationYears(),
    );

    app.post(
      '/api/uploads/licence',
      {
        config: { access: 'public' },
        schema: {
          tags: ['organizations'],
          consumes: ['multipart/form-data'],
          response: { 201: uploadedFileSchema },
        },
      },
      async (request, reply) => {
        const hits = await hitCounter(ctx.db, `upload:licence:ip:${request.ip}`, 600);
        if (hits > UPLOADS_PER_IP_PER_10_MIN) throw new AppError('RATE_LIMITED');
        const upload = await receiveUpload(request, uploadPurposes.licence);
        const actor = request.actor;
        const owned = actor?.role === 'employer' && actor.organizationId;
        const { id } = await saveUpload(ctx.db, ctx.storage, {
          upload,
          purpose: 'licence',
          ownerAccountId: owned ? actor.accountId : null,
          organizationId: owned ? actor.organizationId : null,
        });
        return reply.status(201).send({ fileId: id });
      },
    );

    app.post(
      '/api/employers',
      {
        config: { access: 'public' },
        schema: {
          tags: ['organizations'],
          body: employerRegistrationSchema,
          response: { 201: signedInSchema },
        },
      },
      async (request, reply) => {
        const hits = await hitCounter(ctx.db, `register:employer:ip:${request.ip}`, 3600);
        if (hits > REGISTRATIONS_PER_IP_PER_HOUR) throw new AppError('RATE_LIMITED');
        const { captchaId, captchaAnswer, ...input } = request.body;
        await verifyCaptcha(ctx.db, captchaId, captchaAnswer);
        let result;
        try {
          result = await ctx.db.transaction((tx) =>
            registerEmployer(tx, input, {
              ip: request.ip,
              userAgent: request.headers['user-agent'],
              sessionDays: ctx.config.sessionDays,
            }),
          );
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('ACCOUNT_EXISTS');
          throw err;
        }
        const signedIn = await answerSignedIn(ctx, reply, result.accountId, result.session);
        return reply.status(201).send(signedIn);
      },
    );

    app.put(
      '/api/employer/notification-channel',
      {
        config: { access: accessOf('chooseNotificationChannel') },
        schema: { tags: ['organizations'], body: notificationChannelBodySchema },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        authorize(actor, 'chooseNotificationChannel');
        await ctx.db
          .update(organizations)
          .set({ notificationChannel: request.body.channel })
          .where(eq(organizations.id, actor.organizationId!));
        return reply.status(204).send();
      },
    );
  };
}
