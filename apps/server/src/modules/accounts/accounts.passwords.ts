import { checkPin, checkStandardPassword, type PasswordCheck } from '@hirehall/shared/validators';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { findSeekerProfile } from './accounts.repo.ts';

/**
 * Public seekers (those with a real-name profile) sign in with a 6-digit PIN (seed 004);
 * every other account uses at least 8 characters with letters and digits.
 */
export type PasswordRule = { kind: 'pin'; idNumber: string | null } | { kind: 'standard' };

export async function passwordRuleOf(q: Queryable, accountId: string): Promise<PasswordRule> {
  const profile = await findSeekerProfile(q, accountId);
  return profile ? { kind: 'pin', idNumber: profile.idNumber } : { kind: 'standard' };
}

export function checkPassword(rule: PasswordRule, password: string): PasswordCheck {
  return rule.kind === 'pin'
    ? checkPin(password, { idNumber: rule.idNumber })
    : checkStandardPassword(password);
}

/** Throws `WEAK_PASSWORD` with `details: { rule, reason }` (reason is Chinese, shown as is). */
export function assertPasswordAllowed(rule: PasswordRule, password: string) {
  const result = checkPassword(rule, password);
  if (!result.ok) {
    throw new AppError('WEAK_PASSWORD', result.reason, {
      rule: result.rule,
      reason: result.reason,
    });
  }
}
