import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  certifiedBindBodySchema,
  certifiedLookupBodySchema,
  certifiedLookupResultSchema,
  signedInSchema,
} from '@hirehall/shared/accounts';
import type { AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { revokeOtherSessions } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import { addIdentifier, findAccountByPhone, insertAccount, setPassword } from './accounts.repo.ts';
import { bindRegistryEntry, findRegistryEntry } from './accounts.records.repo.ts';
import { assertPasswordAllowed, passwordRuleOf, type PasswordRule } from './accounts.passwords.ts';
import { consumeSmsCode, verifySmsCode } from './accounts.sms-codes.ts';
import { answerSignedIn, isUniqueViolation, openSession } from './accounts.session.ts';

const LOOKUPS_PER_IP_PER_10_MIN = 30;

async function getUnboundEntry(ctx: AppContext, phone: string) {
  const entry = await findRegistryEntry(ctx.db, phone);
  if (!entry) throw new AppError('PHONE_NOT_IN_REGISTRY');
  if (entry.accountId) throw new AppError('ALREADY_ACTIVATED');
  return entry;
}

/**
 * Seed 003 part two §1: an unbound registry phone proves itself by SMS code and sets a
 * password. One person, one account: when an account already has this phone, the entry is
 * bound to it (and its password replaced, which the SMS code entitles).
 */
async function bindCertified(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.infer<typeof certifiedBindBodySchema>,
) {
  const entry = await getUnboundEntry(ctx, body.phone);
  const existing = await findAccountByPhone(ctx.db, body.phone);
  if (existing && existing.role !== 'seeker') throw new AppError('PHONE_IN_USE');
  const rule: PasswordRule = existing
    ? await passwordRuleOf(ctx.db, existing.id)
    : { kind: 'standard' };
  assertPasswordAllowed(rule, body.password);
  const codeId = await verifySmsCode(ctx.db, {
    phone: body.phone,
    purpose: 'certified_bind',
    code: body.smsCode,
  });
  const passwordHash = await hashPassword(body.password);
  return ctx.db
    .transaction(async (tx) => {
      await consumeSmsCode(tx, codeId);
      let accountId: string;
      if (existing) {
        accountId = existing.id;
        await setPassword(tx, accountId, passwordHash);
        await revokeOtherSessions(tx, accountId);
        await addIdentifier(tx, accountId, 'phone', body.phone);
      } else {
        accountId = (
          await insertAccount(tx, {
            role: 'seeker',
            displayName: entry.name,
            passwordHash,
            phone: body.phone,
            identifiers: [{ kind: 'phone', value: body.phone }],
          })
        ).id;
      }
      if (!(await bindRegistryEntry(tx, body.phone, accountId))) {
        throw new AppError('ALREADY_ACTIVATED');
      }
      await recordAudit(tx, {
        actorAccountId: accountId,
        actorRole: 'seeker',
        action: 'certified.bound',
        targetType: 'account',
        targetId: accountId,
        ip: request.ip,
        details: { joinedExistingAccount: !!existing },
      });
      return { accountId, session: await openSession(tx, ctx, request, accountId) };
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? new AppError('ALREADY_ACTIVATED') : err;
    });
}

export function certifiedRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/certified/lookup',
      {
        config: { access: 'public' },
        schema: {
          tags: ['accounts'],
          body: certifiedLookupBodySchema,
          response: { 200: certifiedLookupResultSchema },
        },
      },
      async (request) => {
        const n = await hitCounter(ctx.db, `certified:lookup:ip:${request.ip}`, 600);
        if (n > LOOKUPS_PER_IP_PER_10_MIN) throw new AppError('RATE_LIMITED');
        const entry = await findRegistryEntry(ctx.db, request.body.phone);
        if (!entry) throw new AppError('PHONE_NOT_IN_REGISTRY');
        return { state: entry.accountId ? ('bound' as const) : ('unbound' as const) };
      },
    );

    app.post(
      '/api/auth/certified/bind',
      {
        config: { access: 'public' },
        schema: {
          tags: ['accounts'],
          body: certifiedBindBodySchema,
          response: { 200: signedInSchema },
        },
      },
      async (request, reply) => {
        const { accountId, session } = await bindCertified(ctx, request, request.body);
        return answerSignedIn(ctx, reply, accountId, session);
      },
    );
  };
}
