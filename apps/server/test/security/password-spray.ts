import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { checkPin, idNumberCheckChar } from '@hirehall/shared/validators';
import type { Db } from '../../src/platform/db/database.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { insertAccount } from '../../src/modules/accounts/accounts.repo.ts';
import { seekerProfiles } from '../../src/modules/accounts/accounts.tables.ts';
import { devCaptchaAnswers } from '../../src/modules/accounts/accounts.captcha.ts';

/**
 * Password spraying against 6-digit PIN accounts (issue 9): the 50 most common 6-digit PINs
 * over many seeker accounts, every guess from its own address. Used by
 * password-spray.test.ts (a hundred accounts, in `npm test`) and
 * bench/security/password-spray.ts (1,000 accounts, docs/security-password-spray.md).
 *
 * The list: the most frequent 6-digit PINs of the leaked Chinese password sets studied in
 * Wang et al., "Understanding human-chosen PINs" (AsiaCCS 2017), in about that order.
 */
export const SPRAYED_PINS = [
  '123456', '111111', '000000', '123123', '666666', '888888', '112233', '654321', '121212',
  '520520', '123321', '147258', '159753', '555555', '100200', '222222', '789456', '456789',
  '999999', '147369', '123654', '333333', '777777', '987654', '111222', '258369', '521521',
  '123789', '101010', '159357', '131313', '520131', '369258', '147852', '741852', '110110',
  '201314', '321321', '456456', '112358', '102030', '246810', '135790', '131420', '584520',
  '852963', '666888', '888666', '010203', '121314',
]; // prettier-ignore

export interface SeekerAccount {
  id: string;
  idNumber: string;
  pin: string;
  /** created with a PIN the blocklist refuses today (an account older than the rule) */
  legacy: boolean;
}

/** A valid ID number (Shanghai Putuo, born in the 1990s), distinct for each `n`. */
export function seekerIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1990, 0, 1) + (n % 3650) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `310107${ymd}${String(Math.floor(n / 3650) * 2 + 1).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A random PIN the registration rules accept for this ID number. */
export function randomAllowedPin(idNumber: string): string {
  for (;;) {
    const pin = String(randomInt(1_000_000)).padStart(6, '0');
    if (checkPin(pin, { idNumber }).ok) return pin;
  }
}

/**
 * Seeker accounts straight in the database, hashed by the server's own argon2id. `legacyPins`
 * gives some accounts a PIN from before the blocklist (inserted without the registration check).
 */
export async function createSeekers(
  db: Db,
  count: number,
  options: { firstNumber?: number; legacyPins?: string[] } = {},
): Promise<SeekerAccount[]> {
  const first = options.firstNumber ?? 0;
  const legacy = options.legacyPins ?? [];
  const plans = Array.from({ length: count }, (_, i) => {
    const idNumber = seekerIdNumber(first + i);
    const pin = i < legacy.length ? legacy[i]! : randomAllowedPin(idNumber);
    return { idNumber, pin, legacy: i < legacy.length };
  });
  const out: SeekerAccount[] = [];
  for (let i = 0; i < plans.length; i += 16) {
    const batch = plans.slice(i, i + 16);
    const hashes = await Promise.all(batch.map((p) => hashPassword(p.pin)));
    await db.transaction(async (tx) => {
      for (const [j, p] of batch.entries()) {
        const account = await insertAccount(tx, {
          role: 'seeker',
          displayName: `求职者${first + i + j}`,
          passwordHash: hashes[j]!,
          identifiers: [{ kind: 'id_number', value: p.idNumber }],
        });
        await tx.insert(seekerProfiles).values({
          accountId: account.id,
          name: `求职者${first + i + j}`,
          documentKind: 'id_card',
          idNumber: p.idNumber,
        });
        out.push({ id: account.id, ...p });
      }
    });
  }
  return out;
}

let addressCounter = 0;
/** A fresh source address for every guess: 10.0.0.0/8 holds 16 million. */
export function nextAddress(): string {
  const n = ++addressCounter + 65_536;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export async function attemptSignIn(
  app: FastifyInstance,
  identifier: string,
  password: string,
  remoteAddress: string,
  captcha?: { captchaId: string; captchaAnswer: string },
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    remoteAddress,
    payload: { portal: 'seeker', identifier, password, ...captcha },
  });
  const code = res.statusCode === 200 ? 'OK' : (res.json().error.code as string);
  return { status: res.statusCode, code };
}

/**
 * The owner signing in from their own address as a person does: when the form asks for the
 * captcha, they fetch one and type what the picture shows (the development tools keep the
 * answer, standing in for the person's eyes).
 */
export async function signInAsOwner(app: FastifyInstance, account: SeekerAccount, ip: string) {
  const first = await attemptSignIn(app, account.idNumber, account.pin, ip);
  if (first.code !== 'CAPTCHA_REQUIRED') return { ...first, captchaShown: false };
  const res = await app.inject({ method: 'GET', url: '/api/auth/captcha', remoteAddress: ip });
  const { captchaId } = res.json() as { captchaId: string };
  const answer = devCaptchaAnswers.get(captchaId)?.answer ?? '';
  const second = await attemptSignIn(app, account.idNumber, account.pin, ip, {
    captchaId,
    captchaAnswer: answer,
  });
  return { ...second, captchaShown: true };
}

export interface SprayResult {
  attempts: number;
  byCode: Record<string, number>;
  /** accounts a sprayed PIN opened */
  compromised: SeekerAccount[];
  /** guesses that reached the password check (answered INVALID_CREDENTIALS or OK), per account */
  checkedPerAccount: Map<string, number>;
  seconds: number;
}

/**
 * Every PIN of `pins` at every account, one PIN after another over all accounts (a spray),
 * `concurrency` guesses in flight, each from a fresh address. `during` starts half-way.
 */
export async function spray(
  app: FastifyInstance,
  accounts: SeekerAccount[],
  options: { pins?: string[]; concurrency?: number; during?: () => Promise<void> } = {},
): Promise<SprayResult> {
  const pins = options.pins ?? SPRAYED_PINS;
  const jobs = pins.flatMap((pin) => accounts.map((account) => ({ pin, account })));
  const result: SprayResult = {
    attempts: 0,
    byCode: {},
    compromised: [],
    checkedPerAccount: new Map(),
    seconds: 0,
  };
  const started = performance.now();
  let next = 0;
  let during: Promise<void> | undefined;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      if (i === Math.floor(jobs.length / 2) && options.during) during = options.during();
      const { pin, account } = jobs[i]!;
      const { code } = await attemptSignIn(app, account.idNumber, pin, nextAddress());
      result.attempts++;
      result.byCode[code] = (result.byCode[code] ?? 0) + 1;
      if (code === 'OK') result.compromised.push(account);
      if (code === 'OK' || code === 'INVALID_CREDENTIALS') {
        result.checkedPerAccount.set(
          account.id,
          (result.checkedPerAccount.get(account.id) ?? 0) + 1,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
  await during;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
