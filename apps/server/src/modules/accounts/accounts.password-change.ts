import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ChangePasswordBody, passwordResetBodySchema } from '@hirehall/shared/accounts';
import { maskPhone } from '@hirehall/shared/validators';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { revokeOtherSessions } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter, peekCounter } from '../../platform/rate-counter.ts';
import { findAccountById, findAccountByPhone, setPassword } from './accounts.repo.ts';
import { assertPasswordAllowed, passwordRuleOf } from './accounts.passwords.ts';
import { consumeSmsCode, verifySmsCode } from './accounts.sms-codes.ts';
import { issueAndSend } from './accounts.sms-routes.ts';

const WRONG_CURRENT_PER_10_MIN = 5;

/**
 * The alternative identity check for a signed-in change: a code to the phone on the account
 * (never a phone from the request).
 */
export async function sendPasswordChangeCode(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
) {
  const account = await findAccountById(ctx.db, actor.accountId);
  if (!account?.phone) throw new AppError('NO_PHONE_ON_ACCOUNT');
  const sent = await issueAndSend(ctx, {
    phone: account.phone,
    purpose: 'change_password',
    ip: request.ip,
  });
  return { ...sent, maskedPhone: maskPhone(account.phone) };
}

/**
 * Signed-in change (seed 004 §8): the identity is checked by the current password or by an
 * SMS code sent to the account's phone; the other sessions of the account end.
 */
export async function changePassword(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  body: ChangePasswordBody,
) {
  const wrongKey = `password-change:wrong:${actor.accountId}`;
  if ((await peekCounter(ctx.db, wrongKey)) >= WRONG_CURRENT_PER_10_MIN) {
    throw new AppError('TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: 600 });
  }
  const account = await findAccountById(ctx.db, actor.accountId);
  let codeId: string | null = null;
  if (body.smsCode !== undefined) {
    if (!account?.phone) throw new AppError('NO_PHONE_ON_ACCOUNT');
    codeId = await verifySmsCode(ctx.db, {
      phone: account.phone,
      purpose: 'change_password',
      code: body.smsCode,
    });
  } else if (!(await verifyPassword(account?.passwordHash, body.currentPassword ?? ''))) {
    await hitCounter(ctx.db, wrongKey, 600);
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  assertPasswordAllowed(await passwordRuleOf(ctx.db, actor.accountId), body.newPassword);
  const unchanged =
    body.currentPassword !== undefined
      ? body.newPassword === body.currentPassword
      : await verifyPassword(account?.passwordHash, body.newPassword);
  if (unchanged) {
    const reason = '新密码不能与当前密码相同';
    throw new AppError('WEAK_PASSWORD', reason, { rule: 'unchanged', reason });
  }
  const hash = await hashPassword(body.newPassword);
  await ctx.db.transaction(async (tx) => {
    if (codeId) await consumeSmsCode(tx, codeId);
    await setPassword(tx, actor.accountId, hash);
    await revokeOtherSessions(tx, actor.accountId, actor.tokenHash);
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      action: 'auth.password_changed',
      targetType: 'account',
      targetId: actor.accountId,
      ip: request.ip,
      details: { forced: actor.mustChangePassword, via: codeId ? 'sms' : 'password' },
    });
  });
}

/**
 * Forgot password (seed 003 §1): SMS code to the account's phone → new password. Every
 * session of the account ends. A phone without an account never received a code, so it
 * fails like a wrong code and reveals nothing.
 */
export async function resetPassword(
  ctx: AppContext,
  request: FastifyRequest,
  body: z.infer<typeof passwordResetBodySchema>,
) {
  const codeId = await verifySmsCode(ctx.db, {
    phone: body.phone,
    purpose: 'reset_password',
    code: body.smsCode,
  });
  const account = await findAccountByPhone(ctx.db, body.phone);
  if (!account) throw new AppError('SMS_CODE_INVALID');
  assertPasswordAllowed(await passwordRuleOf(ctx.db, account.id), body.newPassword);
  const hash = await hashPassword(body.newPassword);
  await ctx.db.transaction(async (tx) => {
    await consumeSmsCode(tx, codeId);
    await setPassword(tx, account.id, hash);
    await revokeOtherSessions(tx, account.id);
    await recordAudit(tx, {
      actorAccountId: account.id,
      actorRole: account.role,
      action: 'auth.password_reset',
      targetType: 'account',
      targetId: account.id,
      ip: request.ip,
      details: { via: 'sms' },
    });
  });
}
