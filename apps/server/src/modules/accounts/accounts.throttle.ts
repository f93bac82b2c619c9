import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { hitCounter, resetCounter } from '../../platform/rate-counter.ts';

/**
 * Brute-force defences of the sign-in forms:
 * - per IP: at most 30 failed sign-ins in 10 minutes and 200 a day (a school's shared NAT
 *   stays usable: successes do not count);
 * - per account: after 5 failures a lock of 1 minute, doubling with each further failure, at
 *   most 1 hour (`accounts.failed_sign_ins / locked_until`). An identifier that names no
 *   account gets the same treatment from `rate_counters`, so a lock reveals nothing;
 * - a captcha once the identifier or the IP has 3 failures.
 */
export const IP_FAILS_PER_10_MIN = 30;
export const IP_FAILS_PER_DAY = 200;
export const CAPTCHA_AFTER_FAILS = 3;
export const LOCK_AFTER_FAILS = 5;

const keys = (ip: string, identifierKey: string) => ({
  ip10m: `signin:fail:ip10m:${ip}`,
  ipDay: `signin:fail:ipday:${ip}`,
  identifier: `signin:fail:id:${identifierKey}`,
  ghostLock: `signin:lock:id:${identifierKey}`,
});

interface Window {
  count: number;
  retryAfterSeconds: number;
}

async function readWindow(q: Queryable, key: string): Promise<Window> {
  const [row] = await queryRows<{ count: number; wait: number }>(
    q,
    sql`select count, ceil(extract(epoch from window_ends_at - now()))::int as wait
        from rate_counters where key = ${key} and window_ends_at > now()`,
  );
  return { count: row?.count ?? 0, retryAfterSeconds: Math.max(1, row?.wait ?? 0) };
}

export interface ThrottleState {
  /** the IP spent its budget: answer TOO_MANY_ATTEMPTS with this wait */
  ipBlockedFor: number | null;
  captchaRequired: boolean;
  ipFails10m: number;
}

export async function readThrottle(
  q: Queryable,
  ip: string,
  identifierKey: string,
): Promise<ThrottleState> {
  const k = keys(ip, identifierKey);
  const ip10m = await readWindow(q, k.ip10m);
  const ipDay = await readWindow(q, k.ipDay);
  const identifier = await readWindow(q, k.identifier);
  let ipBlockedFor: number | null = null;
  if (ipDay.count >= IP_FAILS_PER_DAY) ipBlockedFor = ipDay.retryAfterSeconds;
  else if (ip10m.count >= IP_FAILS_PER_10_MIN) ipBlockedFor = ip10m.retryAfterSeconds;
  return {
    ipBlockedFor,
    ipFails10m: ip10m.count,
    captchaRequired: identifier.count >= CAPTCHA_AFTER_FAILS || ip10m.count >= CAPTCHA_AFTER_FAILS,
  };
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
  const w = await readWindow(q, keys('', target.identifierKey).ghostLock);
  return w.count > 0 ? w.retryAfterSeconds : 0;
}

const lockSecondsFor = (failures: number) =>
  Math.min(3600, 60 * 2 ** Math.min(6, failures - LOCK_AFTER_FAILS));

/** Counts a failure everywhere; returns whether the next attempt needs a captcha. */
export async function recordSignInFailure(
  tx: Queryable,
  input: { ip: string; identifierKey: string; accountId: string | null },
): Promise<{ captchaRequired: boolean }> {
  const k = keys(input.ip, input.identifierKey);
  const ip10m = await hitCounter(tx, k.ip10m, 600);
  await hitCounter(tx, k.ipDay, 86_400);
  const identifierFails = await hitCounter(tx, k.identifier, 86_400);
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
  } else if (identifierFails >= LOCK_AFTER_FAILS) {
    const seconds = lockSecondsFor(identifierFails);
    await tx.execute(
      sql`insert into rate_counters (key, count, window_ends_at)
          values (${k.ghostLock}, 1, now() + make_interval(secs => ${seconds}))
          on conflict (key) do update set count = 1, window_ends_at = excluded.window_ends_at`,
    );
  }
  return {
    captchaRequired: identifierFails >= CAPTCHA_AFTER_FAILS || ip10m >= CAPTCHA_AFTER_FAILS,
  };
}

export async function clearSignInFailures(
  tx: Queryable,
  input: { identifierKey: string; accountId: string },
) {
  const k = keys('', input.identifierKey);
  await resetCounter(tx, k.identifier);
  await resetCounter(tx, k.ghostLock);
  await tx.execute(
    sql`update accounts set failed_sign_ins = 0, locked_until = null where id = ${input.accountId}`,
  );
}
