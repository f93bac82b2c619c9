import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  seekerRegisteredSchema,
  seekerRegistrationBodySchema,
  type SeekerRegistrationBody,
} from '@hirehall/shared/accounts';
import {
  idNumberFacts,
  isValidIdNumber,
  isValidPermitNumber,
  maskIdNumber,
} from '@hirehall/shared/validators';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { revokeOtherSessions } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter } from '../../platform/rate-counter.ts';
import type { IdentityVerifier } from '../../platform/identity/identity-verifier.ts';
import {
  addIdentifier,
  findAccountByIdentifiers,
  findAccountByPhone,
  findSeekerProfile,
  insertAccount,
  setPassword,
  type IdentifierKind,
} from './accounts.repo.ts';
import { seekerProfiles } from './accounts.tables.ts';
import { assertPasswordAllowed } from './accounts.passwords.ts';
import { consumeSmsCode, verifySmsCode } from './accounts.sms-codes.ts';
import { answerSignedIn, isUniqueViolation, openSession } from './accounts.session.ts';

const IDENTITY_TRIES_PER_PHONE_PER_DAY = 5;

interface Document {
  kind: 'id_card' | 'permit';
  /** what is stored on the profile and signs in: ID number or permit number */
  number: string | null;
  /** an ID-format number (ID card or residence permit): birth date and gender derive from it */
  idFormat: string | null;
  identifier: { kind: IdentifierKind; value: string } | null;
}

function readDocument(body: SeekerRegistrationBody): Document {
  if (body.documentKind === 'id_card') {
    const id = body.idNumber ?? '';
    if (!isValidIdNumber(id)) throw new AppError('ID_NUMBER_INVALID');
    return {
      kind: 'id_card',
      number: id,
      idFormat: id,
      identifier: { kind: 'id_number', value: id },
    };
  }
  const permit = body.permitNumber || null;
  if (permit && !isValidPermitNumber(permit)) {
    throw new AppError('VALIDATION_FAILED', '通行证或居住证号码格式不正确', [
      { path: 'permitNumber', message: '通行证或居住证号码格式不正确' },
    ]);
  }
  return {
    kind: 'permit',
    number: permit,
    idFormat: permit && permit.length === 18 ? permit : null,
    identifier: permit ? { kind: 'permit', value: permit } : null,
  };
}

async function uniqueGeneratedAccount(tx: Tx): Promise<string> {
  for (;;) {
    const candidate = `HH${String(randomInt(0, 1e10)).padStart(10, '0')}`;
    if (!(await findAccountByIdentifiers(tx, [{ kind: 'generated', value: candidate }]))) {
      return candidate;
    }
  }
}

/**
 * Real-name registration (seed 004 §1). Order: form rules → SMS code (checked, not yet used)
 * → identity verification (bounded per phone, so the endpoint is no free identity oracle) →
 * one transaction that uses the code and creates or completes the account.
 */
async function registerSeeker(
  ctx: AppContext,
  verifier: IdentityVerifier,
  request: FastifyRequest,
  body: SeekerRegistrationBody,
) {
  const doc = readDocument(body);
  assertPasswordAllowed({ kind: 'pin', idNumber: doc.idFormat }, body.password);
  const codeId = await verifySmsCode(ctx.db, {
    phone: body.phone,
    purpose: 'register',
    code: body.smsCode,
  });
  if (
    (await hitCounter(ctx.db, `idv:phone:${body.phone}`, 86_400)) > IDENTITY_TRIES_PER_PHONE_PER_DAY
  ) {
    throw new AppError('TOO_MANY_ATTEMPTS');
  }
  const v = body.verification;
  const verdict = await verifier.verify({
    name: body.name,
    documentNumber: doc.number ?? '',
    method: v.method,
    bankCardNumber: v.bankCardNumber,
    alipayAccount: v.alipayAccount,
    faceToken: v.faceToken,
  });
  if (!verdict.ok) {
    throw new AppError('IDENTITY_VERIFICATION_FAILED', undefined, { reason: verdict.reason });
  }
  const passwordHash = await hashPassword(body.password);

  return ctx.db
    .transaction(async (tx) => {
      await consumeSmsCode(tx, codeId);
      if (doc.identifier && (await findAccountByIdentifiers(tx, [doc.identifier]))) {
        throw new AppError('ACCOUNT_EXISTS');
      }
      // one person, one account: a graduate or certified person registering adds the profile
      const byPhone = await findAccountByPhone(tx, body.phone);
      if (byPhone && (byPhone.role !== 'seeker' || (await findSeekerProfile(tx, byPhone.id)))) {
        throw new AppError('PHONE_IN_USE');
      }
      let accountId: string;
      if (byPhone) {
        accountId = byPhone.id;
        await setPassword(tx, accountId, passwordHash);
        await revokeOtherSessions(tx, accountId);
        if (doc.identifier)
          await addIdentifier(tx, accountId, doc.identifier.kind, doc.identifier.value);
      } else {
        accountId = (
          await insertAccount(tx, {
            role: 'seeker',
            displayName: body.name,
            passwordHash,
            phone: body.phone,
            identifiers: [
              { kind: 'phone', value: body.phone },
              ...(doc.identifier ? [doc.identifier] : []),
            ],
          })
        ).id;
      }
      const generatedAccount = doc.identifier ? undefined : await uniqueGeneratedAccount(tx);
      if (generatedAccount) await addIdentifier(tx, accountId, 'generated', generatedAccount);
      const facts = doc.idFormat ? idNumberFacts(doc.idFormat) : null;
      await tx.insert(seekerProfiles).values({
        accountId,
        name: body.name,
        documentKind: doc.kind,
        idNumber: doc.number,
        gender: facts?.gender ?? null,
        birthDate: facts?.birthDate ?? null,
        verificationMethod: v.method,
        verifiedAt: new Date(),
      });
      await recordAudit(tx, {
        actorAccountId: accountId,
        actorRole: 'seeker',
        action: 'seeker.registered',
        targetType: 'account',
        targetId: accountId,
        ip: request.ip,
        details: {
          documentKind: doc.kind,
          document: doc.number ? maskIdNumber(doc.number) : null,
          verification: v.method,
          joinedExistingAccount: !!byPhone,
        },
      });
      const session = await openSession(tx, ctx, request, accountId);
      return { accountId, session, generatedAccount };
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? new AppError('ACCOUNT_EXISTS') : err;
    });
}

export function seekerRoutes(ctx: AppContext, verifier: IdentityVerifier): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/seekers',
      {
        config: { access: 'public' },
        schema: {
          tags: ['accounts'],
          body: seekerRegistrationBodySchema,
          response: { 200: seekerRegisteredSchema },
        },
      },
      async (request, reply) => {
        const r = await registerSeeker(ctx, verifier, request, request.body);
        const signedIn = await answerSignedIn(ctx, reply, r.accountId, r.session);
        return r.generatedAccount
          ? { ...signedIn, generatedAccount: r.generatedAccount }
          : signedIn;
      },
    );
  };
}
