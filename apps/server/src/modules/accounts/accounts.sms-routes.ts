import type { z } from 'zod';
import type { smsCodeBodySchema } from '@hirehall/shared/accounts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findAccountByPhone } from './accounts.repo.ts';
import { findRegistryEntry } from './accounts.records.repo.ts';
import {
  SMS_COOLDOWN_SECONDS,
  issueSmsCode,
  withdrawSmsCode,
  purposeLabel,
  type CodePurpose,
} from './accounts.sms-codes.ts';

/** Issues a code in a transaction, then sends it (the side effect after commit). */
export async function issueAndSend(
  ctx: AppContext,
  input: { phone: string; purpose: CodePurpose; ip: string; deliver?: boolean },
) {
  const { id, code } = await ctx.db.transaction((tx) => issueSmsCode(tx, input));
  if (input.deliver !== false) {
    try {
      await ctx.sms.sendCode(input.phone, code, purposeLabel[input.purpose]);
    } catch (err) {
      await withdrawSmsCode(ctx.db, id);
      throw err;
    }
  }
  return { cooldownSeconds: SMS_COOLDOWN_SECONDS };
}

/**
 * `POST /api/auth/sms-codes`. Certified binding needs an unbound registry entry (the lookup
 * already tells that much). A reset code is only delivered to a phone that has an account,
 * but the answer is the same either way.
 */
export async function sendSmsCode(
  ctx: AppContext,
  ip: string,
  body: z.infer<typeof smsCodeBodySchema>,
) {
  let deliver = true;
  if (body.purpose === 'certified_bind') {
    const entry = await findRegistryEntry(ctx.db, body.phone);
    if (!entry) throw new AppError('PHONE_NOT_IN_REGISTRY');
    if (entry.accountId) throw new AppError('ALREADY_ACTIVATED');
  }
  if (body.purpose === 'reset_password') {
    deliver = (await findAccountByPhone(ctx.db, body.phone)) !== null;
  }
  return issueAndSend(ctx, { phone: body.phone, purpose: body.purpose, ip, deliver });
}
