import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  captchaSchema,
  changePasswordBodySchema,
  identityProviderSchema,
  passwordResetBodySchema,
  passwordSmsCodeSentSchema,
  signedInSchema,
  signInBodySchema,
  smsCodeBodySchema,
  smsCodeSentSchema,
} from '@hirehall/shared/accounts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, clearSessionCookies } from '../../platform/auth/access.ts';
import { revokeSession } from '../../platform/auth/sessions.ts';
import { createIdentityVerifier } from '../../platform/identity/create-identity-verifier.ts';
import { createCaptcha } from './accounts.captcha.ts';
import { signIn } from './accounts.sign-in.ts';
import { accountsPolicy } from './accounts.policy.ts';
import { answerSignedIn, loadSessionAccount } from './accounts.session.ts';
import {
  changePassword,
  resetPassword,
  sendPasswordChangeCode,
} from './accounts.password-change.ts';
import { sendSmsCode } from './accounts.sms-routes.ts';
import { seekerRoutes } from './accounts.seekers.ts';
import { certifiedRoutes } from './accounts.certified.ts';
import { graduateRoutes } from './accounts.graduates.ts';
import { devRoutes } from './accounts.dev.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import { AppError } from '../../platform/errors.ts';

const signedIn = accountsPolicy.selfService;
const noContent = { 204: z.null().describe('no content') };

function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const verifier = createIdentityVerifier(ctx.config);
  return async (app) => {
    app.get(
      '/api/auth/captcha',
      {
        config: { access: 'public' },
        schema: { tags: ['accounts'], response: { 200: captchaSchema } },
      },
      async (request, reply) => {
        if ((await hitCounter(ctx.db, `captcha:ip:${request.ip}`, 60)) > 60) {
          throw new AppError('RATE_LIMITED');
        }
        reply.header('cache-control', 'no-store');
        return createCaptcha(ctx.db, { keepAnswerForDev: ctx.config.devTools });
      },
    );

    app.post(
      '/api/auth/sign-in',
      {
        config: { access: 'public' },
        schema: { tags: ['accounts'], body: signInBodySchema, response: { 200: signedInSchema } },
      },
      async (request, reply) => {
        const { accountId, session } = await signIn(ctx, request, request.body);
        return answerSignedIn(ctx, reply, accountId, session);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: signedIn },
        schema: { tags: ['accounts'], response: { 200: signedInSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        reply.header('cache-control', 'no-store');
        return {
          account: await loadSessionAccount(ctx.db, actor.accountId, actor.context),
          csrfToken: actor.csrfToken,
        };
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        config: { access: signedIn },
        schema: { tags: ['accounts'], response: noContent },
      },
      async (request, reply) => {
        await revokeSession(ctx.db, actorOf(request).tokenHash);
        clearSessionCookies(reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: signedIn },
        schema: { tags: ['accounts'], body: changePasswordBodySchema, response: noContent },
      },
      async (request, reply) => {
        await changePassword(ctx, request, actorOf(request), request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/password/sms-code',
      {
        config: { access: signedIn },
        schema: { tags: ['accounts'], response: { 200: passwordSmsCodeSentSchema } },
      },
      async (request) => sendPasswordChangeCode(ctx, request, actorOf(request)),
    );

    app.post(
      '/api/auth/password-reset',
      {
        config: { access: 'public' },
        schema: { tags: ['accounts'], body: passwordResetBodySchema, response: noContent },
      },
      async (request, reply) => {
        await resetPassword(ctx, request, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/sms-codes',
      {
        config: { access: 'public' },
        schema: {
          tags: ['accounts'],
          body: smsCodeBodySchema,
          response: { 200: smsCodeSentSchema },
        },
      },
      async (request) => sendSmsCode(ctx, request.ip, request.body),
    );

    app.get(
      '/api/auth/identity-provider',
      {
        config: { access: 'public' },
        schema: { tags: ['accounts'], response: { 200: identityProviderSchema } },
      },
      async () => ({
        name: verifier.name,
        isDevelopment: verifier.isDevelopment,
        hint: verifier.isDevelopment ? verifier.hint : '',
      }),
    );

    await app.register(seekerRoutes(ctx, verifier));
    await app.register(certifiedRoutes(ctx));
    await app.register(graduateRoutes(ctx));
    if (ctx.config.devTools) await app.register(devRoutes(ctx));
    // without development tools the page is gone, not served by the web app's page fallback
    else
      app.get('/dev/outbox', { config: { access: 'public' } }, (_req, reply) =>
        reply.callNotFound(),
      );
  };
}

/** Sign-in, sessions, passwords, registration and activation of every role. */
export async function registerAccounts(app: FastifyInstance, ctx: AppContext) {
  await app.register(authRoutes(ctx));
}
