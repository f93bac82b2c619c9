import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  graduateActivateBodySchema,
  graduateActivationCodeSentSchema,
  graduateLookupBodySchema,
  signedInSchema,
} from '@hirehall/shared/accounts';
import { isValidPhone, maskPhone } from '@hirehall/shared/validators';
import type { AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { revokeOtherSessions } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter, peekCounter } from '../../platform/rate-counter.ts';
import {
  addIdentifier,
  attachPhone,
  findAccountByIdentifiers,
  findAccountByPhone,
  insertAccount,
  setPassword,
} from './accounts.repo.ts';
import { activateGraduateRecord, findGraduateRecord } from './accounts.records.repo.ts';
import { assertPasswordAllowed, passwordRuleOf, type PasswordRule } from './accounts.passwords.ts';
import { consumeSmsCode, verifySmsCode } from './accounts.sms-codes.ts';
import { issueAndSend } from './accounts.sms-routes.ts';
import { answerSignedIn, isUniqueViolation, openSession } from './accounts.session.ts';

type Lookup = z.infer<typeof graduateLookupBodySchema>;

const LOOKUPS_PER_IP_PER_10_MIN = 30;
const WRONG_ID_PER_RECORD_PER_DAY = 10;

/**
 * The graduate record behind student number + last 6 of the ID number. Unknown, rejected and
 * mismatching all answer GRADUATE_NOT_FOUND; guesses are bounded per IP and per record.
 */
async function getActivatableRecord(ctx: AppContext, ip: string, body: Lookup) {
  if ((await hitCounter(ctx.db, `graduate:lookup:ip:${ip}`, 600)) > LOOKUPS_PER_IP_PER_10_MIN) {
    throw new AppError('RATE_LIMITED');
  }
  const record = await findGraduateRecord(ctx.db, body.schoolId, body.studentNumber);
  if (!record || record.status === 'rejected') throw new AppError('GRADUATE_NOT_FOUND');
  const wrongKey = `graduate:wrong-id:${record.id}`;
  if ((await peekCounter(ctx.db, wrongKey)) >= WRONG_ID_PER_RECORD_PER_DAY) {
    throw new AppError('TOO_MANY_ATTEMPTS');
  }
  if (record.idNumber.trim().toUpperCase().slice(-6) !== body.idLast6) {
    await hitCounter(ctx.db, wrongKey, 86_400);
    throw new AppError('GRADUATE_NOT_FOUND');
  }
  if (record.accountId) throw new AppError('ALREADY_ACTIVATED');
  if (!record.phone || !isValidPhone(record.phone)) throw new AppError('GRADUATE_NO_PHONE');
  return { ...record, phone: record.phone.trim() };
}

/** The account this graduate already has (by ID number, then by phone), if any. */
async function findExistingAccount(ctx: AppContext, idNumber: string, phone: string) {
  const byId = await findAccountByIdentifiers(ctx.db, [{ kind: 'id_number', value: idNumber }]);
  if (byId?.role === 'seeker') return byId;
  const byPhone = await findAccountByPhone(ctx.db, phone);
  return byPhone?.role === 'seeker' ? byPhone : null;
}

async function activateGraduate(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.infer<typeof graduateActivateBodySchema>,
) {
  const record = await getActivatableRecord(ctx, request.ip, body);
  const existing = await findExistingAccount(ctx, record.idNumber, record.phone);
  const rule: PasswordRule = existing
    ? await passwordRuleOf(ctx.db, existing.id)
    : { kind: 'standard' };
  assertPasswordAllowed(rule, body.password);
  const codeId = await verifySmsCode(ctx.db, {
    phone: record.phone,
    purpose: 'graduate_activate',
    code: body.smsCode,
  });
  const passwordHash = await hashPassword(body.password);
  return ctx.db
    .transaction(async (tx) => {
      await consumeSmsCode(tx, codeId);
      const studentIdentifier = `${record.schoolId}:${record.studentNumber}`;
      let accountId: string;
      if (existing) {
        accountId = existing.id;
        await setPassword(tx, accountId, passwordHash);
        await revokeOtherSessions(tx, accountId);
        await addIdentifier(tx, accountId, 'student_number', studentIdentifier);
      } else {
        accountId = (
          await insertAccount(tx, {
            role: 'seeker',
            displayName: record.name,
            passwordHash,
            identifiers: [{ kind: 'student_number', value: studentIdentifier }],
          })
        ).id;
      }
      await attachPhone(tx, accountId, record.phone);
      if (!(await activateGraduateRecord(tx, record.id, accountId))) {
        throw new AppError('ALREADY_ACTIVATED');
      }
      await recordAudit(tx, {
        actorAccountId: accountId,
        actorRole: 'seeker',
        action: 'graduate.activated',
        targetType: 'graduate_record',
        targetId: record.id,
        ip: request.ip,
        details: { schoolId: record.schoolId, joinedExistingAccount: !!existing },
      });
      return { accountId, session: await openSession(tx, ctx, request, accountId) };
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? new AppError('ALREADY_ACTIVATED') : err;
    });
}

export function graduateRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/graduates/activation-code',
      {
        config: { access: 'public' },
        schema: {
          tags: ['accounts'],
          body: graduateLookupBodySchema,
          response: { 200: graduateActivationCodeSentSchema },
        },
      },
      async (request) => {
        const record = await getActivatableRecord(ctx, request.ip, request.body);
        const sent = await issueAndSend(ctx, {
          phone: record.phone,
          purpose: 'graduate_activate',
          ip: request.ip,
        });
        return { maskedPhone: maskPhone(record.phone), ...sent };
      },
    );

    app.post(
      '/api/auth/graduates/activate',
      {
        config: { access: 'public' },
        schema: {
          tags: ['accounts'],
          body: graduateActivateBodySchema,
          response: { 200: signedInSchema },
        },
      },
      async (request, reply) => {
        const { accountId, session } = await activateGraduate(ctx, request, request.body);
        return answerSignedIn(ctx, reply, accountId, session);
      },
    );
  };
}
