import type { FastifyRequest } from 'fastify';
import type { SignInBody } from '@hirehall/shared/accounts';
import { isValidPhone, maskIdNumber, maskPhone } from '@hirehall/shared/validators';
import type { AppContext } from '../../platform/context.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import {
  findAccountByIdentifiers,
  normalizeIdentifier,
  type IdentifierKind,
} from './accounts.repo.ts';
import { consumeCaptcha } from './accounts.captcha.ts';
import { mayUsePortal } from './accounts.policy.ts';
import { openSession, type NewSession } from './accounts.session.ts';
import {
  chargeSignInAttempt,
  clearSignInFailures,
  isKnownAddress,
  lockSecondsLeft,
  recordSignInFailure,
  refuseDuringSpray,
} from './accounts.throttle.ts';

/** Which identifiers a portal's account field may name, tried in this order. */
export function identifierCandidates(body: SignInBody): { kind: IdentifierKind; value: string }[] {
  const v = body.identifier.trim();
  switch (body.portal) {
    case 'seeker':
      return [
        { kind: 'id_number', value: v },
        { kind: 'permit', value: v },
        { kind: 'generated', value: v },
      ];
    case 'graduate': {
      const byPhone = isValidPhone(v) ? [{ kind: 'phone' as const, value: v }] : [];
      return body.schoolId
        ? [{ kind: 'student_number', value: `${body.schoolId}:${v}` }, ...byPhone]
        : byPhone;
    }
    case 'certified':
      return isValidPhone(v) ? [{ kind: 'phone', value: v }] : [];
    case 'employer':
      return [
        { kind: 'credit_code', value: v },
        { kind: 'org_name', value: v },
      ];
    case 'staff':
      return [{ kind: 'username', value: v }];
  }
}

/** For the audit log: enough to recognise, never the whole value (it may even be a password). */
export function maskIdentifier(value: string): string {
  const v = value.trim();
  if (isValidPhone(v)) return maskPhone(v);
  if (v.length === 18) return maskIdNumber(v);
  if (v.length <= 4) return '*'.repeat(v.length);
  return `${[...v].slice(0, 2).join('')}***${[...v].slice(-2).join('')}`;
}

/**
 * Unknown identifier and wrong password take the same path: one password verification
 * (against a dummy hash when there is no account), one failure recorded, one answer.
 * The limits (accounts.throttle.ts) refuse before the password is hashed.
 */
export async function signIn(
  ctx: AppContext,
  request: FastifyRequest,
  body: SignInBody,
): Promise<{ accountId: string; session: NewSession }> {
  const ip = request.ip;
  const identifierKey = `${body.portal}:${body.schoolId ?? ''}:${normalizeIdentifier(body.identifier)}`;
  const sprayFails = ctx.config.signInSprayFails;
  await refuseDuringSpray(ctx.db, { captchaGiven: Boolean(body.captchaId), sprayFails });
  const account = await findAccountByIdentifiers(ctx.db, identifierCandidates(body));
  await refuseWhileLocked(ctx, account?.id ?? null, identifierKey, ip);
  if (body.captchaId && !(await consumeCaptcha(ctx.db, body.captchaId, body.captchaAnswer ?? ''))) {
    throw new AppError('CAPTCHA_INVALID', undefined, { captchaRequired: true });
  }
  const charge = await chargeSignInAttempt(ctx.db, {
    ip,
    identifierKey,
    captchaSolved: Boolean(body.captchaId),
    sprayFails,
  });

  const passwordOk = await verifyPassword(account?.passwordHash, body.password);
  if (!account || !passwordOk || !mayUsePortal(body.portal, account.role)) {
    const { captchaRequired } = await ctx.db.transaction(async (tx) => {
      const result = await recordSignInFailure(tx, {
        ip,
        identifierKey,
        accountId: account?.id ?? null,
        charge,
        sprayFails,
      });
      await recordAudit(tx, {
        action: 'auth.sign_in_failed',
        targetType: account ? 'account' : null,
        targetId: account?.id ?? null,
        ip,
        details: { portal: body.portal, identifier: maskIdentifier(body.identifier) },
      });
      return result;
    });
    throw new AppError('INVALID_CREDENTIALS', undefined, { captchaRequired });
  }
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const session = await ctx.db.transaction(async (tx) => {
    await clearSignInFailures(tx, { ip, identifierKey, accountId: account.id });
    await recordAudit(tx, {
      actorAccountId: account.id,
      actorRole: account.role,
      action: 'auth.signed_in',
      targetType: 'account',
      targetId: account.id,
      ip,
      details: { portal: body.portal },
    });
    return openSession(tx, ctx, request, account.id);
  });
  return { accountId: account.id, session };
}

/** A locked account (or unknown identifier) answers TOO_MANY_ATTEMPTS, except to its owner's usual address. */
async function refuseWhileLocked(
  ctx: AppContext,
  accountId: string | null,
  identifierKey: string,
  ip: string,
) {
  const locked = await lockSecondsLeft(ctx.db, accountId ? { accountId } : { identifierKey });
  if (locked === 0 || (accountId && (await isKnownAddress(ctx.db, accountId, ip)))) return;
  throw new AppError('TOO_MANY_ATTEMPTS', `尝试次数过多，请${locked}秒后再试`, {
    retryAfterSeconds: locked,
    captchaRequired: true,
  });
}
