import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter, peekCounter, resetCounter } from '../../platform/rate-counter.ts';

/**
 * Brute-force and spraying defences of the sign-in forms:
 * - per IP: at most 30 failed sign-ins in 10 minutes and 200 a day (a school's shared NAT
 *   stays usable: successes do not count);
 * - a captcha once the identifier or the IP has 3 failures, and for everybody while the whole
 *   platform sees `config.signInSprayFails` failures in 10 minutes (spraying common PINs over
 *   many accounts from many addresses: each address and account stays under its own limits);
 * - per account: after 5 failures a lock of 1 minute, doubling with each further failure, at
 *   most 1 hour (`accounts.failed_sign_ins / locked_until`). The lock does not apply to an
 *   address the account signed in from in the last 30 days, so an attacker who solves
 *   captchas cannot lock the owner out. An identifier that names no account gets the same
 *   lock from `rate_counters`, so a lock reveals nothing.
 *
 * The per-identifier and per-IP failures are counted *before* the password is checked
 * (`chargeSignInAttempt`) and given back on success: concurrent guesses see each other, so
 * firing 50 at once gets no more past the captcha than firing them one by one.
 */
export const IP_FAILS_PER_10_MIN = 30;
export const IP_FAILS_PER_DAY = 200;
export const CAPTCHA_AFTER_FAILS = 3;
export const LOCK_AFTER_FAILS = 5;
const KNOWN_ADDRESS_DAYS = 30;

const keys = (ip: string, identifierKey: string) => ({
  ip10m: `signin:fail:ip10m:${ip}`,
  ipDay: `signin:fail:ipday:${ip}`,
  identifier: `signin:fail:id:${identifierKey}`,
  ghostLock: `signin:lock:id:${identifierKey}`,
  everyone: 'signin:fail:all10m',
});

async function secondsLeft(q: Queryable, key: string): Promise<number> {
  const [row] = await queryRows<{ wait: number }>(
    q,
    sql`select ceil(extract(epoch from window_ends_at - now()))::int as wait
        from rate_counters where key = ${key} and window_ends_at > now()`,
  );
  return Math.max(1, row?.wait ?? 0);
}

async function giveBack(q: Queryable, ...counterKeys: string[]) {
  await q.execute(
    sql`update rate_counters set count = greatest(count - 1, 0)
        where key in (${sql.join(
          counterKeys.map((k) => sql`${k}`),
          sql`, `,
        )})`,
  );
}

/**
 * While the platform counts `sprayFails` failed sign-ins in 10 minutes, every sign-in needs a
 * captcha: refused here first, with one read and before the account is even looked up.
 */
export async function refuseDuringSpray(
  q: Queryable,
  input: { captchaGiven: boolean; sprayFails: number },
) {
  if (input.captchaGiven) return;
  if ((await peekCounter(q, keys('', '').everyone)) >= input.sprayFails) {
    throw new AppError('CAPTCHA_REQUIRED', undefined, { captchaRequired: true });
  }
}

export interface SignInCharge {
  /** failures of the identifier and of the IP, this attempt included */
  identifierFails: number;
  ipFails10m: number;
}

/**
 * Counts this attempt as a failure of its identifier and IP before the password is checked.
 * Refused (and given back) with TOO_MANY_ATTEMPTS when the IP spent its budget, and with
 * CAPTCHA_REQUIRED when no solved captcha came with it and one is due.
 */
export async function chargeSignInAttempt(
  q: Queryable,
  input: { ip: string; identifierKey: string; captchaSolved: boolean; sprayFails: number },
): Promise<SignInCharge> {
  const k = keys(input.ip, input.identifierKey);
  if ((await peekCounter(q, k.ipDay)) >= IP_FAILS_PER_DAY) {
    throw new AppError('TOO_MANY_ATTEMPTS', undefined, {
      retryAfterSeconds: await secondsLeft(q, k.ipDay),
      captchaRequired: true,
    });
  }
  const ipFails10m = await hitCounter(q, k.ip10m, 600);
  const identifierFails = await hitCounter(q, k.identifier, 86_400);
  if (ipFails10m > IP_FAILS_PER_10_MIN) {
    await giveBack(q, k.ip10m, k.identifier);
    throw new AppError('TOO_MANY_ATTEMPTS', undefined, {
      retryAfterSeconds: await secondsLeft(q, k.ip10m),
      captchaRequired: true,
    });
  }
  const due =
    identifierFails > CAPTCHA_AFTER_FAILS ||
    ipFails10m > CAPTCHA_AFTER_FAILS ||
    (await peekCounter(q, k.everyone)) >= input.sprayFails;
  if (due && !input.captchaSolved) {
    await giveBack(q, k.ip10m, k.identifier);
    throw new AppError('CAPTCHA_REQUIRED', undefined, { captchaRequired: true });
  }
  return { identifierFails, ipFails10m };
}

/** Whether the account signed in from this address in the last 30 days (sessions keep the IP). */
export async function isKnownAddress(q: Queryable, accountId: string, ip: string) {
  const rows = await queryRows<{ one: number }>(
    q,
    sql`select 1 as one from sessions
        where account_id = ${accountId} and ip = ${ip}
          and created_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})
        limit 1`,
  );
  return rows.length > 0;
}

/** Seconds left of the lock on an account, or on an identifier that names no account. */
export async function lockSecondsLeft(
  q: Queryable,
  target: { accountId: string } | { identifierKey: string },
): Promise<number> {
  if ('accountId' in target) {
    const [row] = await queryRows<{ wait: number | null }>(
      q,
      sql`select ceil(extract(epoch from locked_until - now()))::int as wait
          from accounts where id = ${target.accountId}`,
    );
    return Math.max(0, row?.wait ?? 0);
  }
  const ghostLock = keys('', target.identifierKey).ghostLock;
  return (await peekCounter(q, ghostLock)) > 0 ? secondsLeft(q, ghostLock) : 0;
}

const lockSecondsFor = (failures: number) =>
  Math.min(3600, 60 * 2 ** Math.min(6, failures - LOCK_AFTER_FAILS));

/**
 * After a wrong password (the attempt was charged already): the daily and platform-wide
 * counts and the account's lock. Returns whether the next attempt needs a captcha.
 */
export async function recordSignInFailure(
  tx: Queryable,
  input: {
    ip: string;
    identifierKey: string;
    accountId: string | null;
    charge: SignInCharge;
    sprayFails: number;
  },
): Promise<{ captchaRequired: boolean }> {
  const k = keys(input.ip, input.identifierKey);
  await hitCounter(tx, k.ipDay, 86_400);
  const everyone = await hitCounter(tx, k.everyone, 600);
  if (input.accountId) {
    // a failure long after the last lock starts the count again
    await tx.execute(
      sql`update accounts set
            failed_sign_ins = n.f,
            locked_until = case when n.f >= ${LOCK_AFTER_FAILS}
              then now() + make_interval(secs => least(3600, 60 * power(2, least(6, n.f - ${LOCK_AFTER_FAILS}))))
              else accounts.locked_until end
          from (select id, case when locked_until < now() - interval '1 day' then 1
                                else failed_sign_ins + 1 end as f
                from accounts where id = ${input.accountId}) n
          where accounts.id = n.id`,
    );
  } else if (input.charge.identifierFails >= LOCK_AFTER_FAILS) {
    const seconds = lockSecondsFor(input.charge.identifierFails);
    await tx.execute(
      sql`insert into rate_counters (key, count, window_ends_at)
          values (${k.ghostLock}, 1, now() + make_interval(secs => ${seconds}))
          on conflict (key) do update set count = 1, window_ends_at = excluded.window_ends_at`,
    );
  }
  return {
    captchaRequired:
      input.charge.identifierFails >= CAPTCHA_AFTER_FAILS ||
      input.charge.ipFails10m >= CAPTCHA_AFTER_FAILS ||
      everyone >= input.sprayFails,
  };
}

/** After a right password: the identifier and account start again, the IP gets its charge back. */
export async function clearSignInFailures(
  tx: Queryable,
  input: { ip: string; identifierKey: string; accountId: string },
) {
  const k = keys(input.ip, input.identifierKey);
  await giveBack(tx, k.ip10m);
  await resetCounter(tx, k.identifier);
  await resetCounter(tx, k.ghostLock);
  await tx.execute(
    sql`update accounts set failed_sign_ins = 0, locked_until = null where id = ${input.accountId}`,
  );
}
