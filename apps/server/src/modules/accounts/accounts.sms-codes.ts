import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { hitCounter } from '../../platform/rate-counter.ts';

export type CodePurpose =
  'register' | 'certified_bind' | 'reset_password' | 'graduate_activate' | 'change_password';

export const SMS_COOLDOWN_SECONDS = 60;
const CODE_SECONDS = 300;
const MAX_TRIES = 5;
const DAILY_PER_PHONE = 10;
const DAILY_PER_IP = 50;

export const purposeLabel: Record<CodePurpose, string> = {
  register: '注册',
  certified_bind: '认证人员绑定手机',
  reset_password: '重置密码',
  graduate_activate: '毕业生账号激活',
  change_password: '修改密码',
};

const codeHash = (id: string, code: string) =>
  createHash('sha256').update(`${id}:${code}`).digest('hex');

/**
 * Creates a code for `phone` (only its hash is kept) and returns it for sending after commit.
 * One code per phone per minute; at most 10 a day per phone and 50 a day per IP.
 */
export async function issueSmsCode(
  tx: Queryable,
  input: { phone: string; purpose: CodePurpose; ip: string },
): Promise<{ id: string; code: string }> {
  // concurrent requests for one phone queue here, so the cooldown cannot be raced
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sms:${input.phone}`}))`);
  const [last] = await queryRows<{ wait: number }>(
    tx,
    sql`select ceil(extract(epoch from created_at + make_interval(secs => ${SMS_COOLDOWN_SECONDS}) - now()))::int as wait
        from sms_codes where phone = ${input.phone} order by created_at desc limit 1`,
  );
  if (last && last.wait > 0) {
    throw new AppError('SMS_COOLDOWN', `验证码发送过于频繁，请${last.wait}秒后再试`, {
      retryAfterSeconds: last.wait,
    });
  }
  if ((await hitCounter(tx, `sms:phone:${input.phone}`, 86_400)) > DAILY_PER_PHONE) {
    throw new AppError('SMS_DAILY_LIMIT');
  }
  if ((await hitCounter(tx, `sms:ip:${input.ip}`, 86_400)) > DAILY_PER_IP) {
    throw new AppError('SMS_DAILY_LIMIT');
  }
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.execute(
    sql`insert into sms_codes (id, phone, purpose, code_hash, ip, expires_at)
        values (${id}, ${input.phone}, ${input.purpose}, ${codeHash(id, code)}, ${input.ip},
                now() + make_interval(secs => ${CODE_SECONDS}))`,
  );
  return { id, code };
}

/** A code that could not be sent must not hold the phone in its cooldown. */
export async function withdrawSmsCode(q: Queryable, id: string) {
  await q.execute(sql`delete from sms_codes where id = ${id}`);
}

/**
 * Checks `code` against the newest code of this phone and purpose without using it up, and
 * returns its id for `consumeSmsCode` in the transaction of the change. Each check takes one
 * of five tries first (atomically, so parallel guesses cannot exceed it); a right answer
 * gives the try back. Wrong, expired, used or exhausted → `SMS_CODE_INVALID`.
 */
export async function verifySmsCode(
  q: Queryable,
  input: { phone: string; purpose: CodePurpose; code: string },
): Promise<string> {
  const [row] = await queryRows<{ id: string; code_hash: string }>(
    q,
    sql`update sms_codes set attempts = attempts + 1
        where id = (select id from sms_codes where phone = ${input.phone} and purpose = ${input.purpose}
                    order by created_at desc limit 1)
          and consumed_at is null and expires_at > now() and attempts < ${MAX_TRIES}
        returning id, code_hash`,
  );
  if (!row) throw new AppError('SMS_CODE_INVALID');
  const expected = Buffer.from(row.code_hash, 'hex');
  const sent = Buffer.from(codeHash(row.id, input.code), 'hex');
  if (!timingSafeEqual(expected, sent)) throw new AppError('SMS_CODE_INVALID');
  await q.execute(sql`update sms_codes set attempts = attempts - 1 where id = ${row.id}`);
  return row.id;
}

/** Uses up a verified code; a code used meanwhile by a parallel request → `SMS_CODE_INVALID`. */
export async function consumeSmsCode(tx: Queryable, codeId: string): Promise<void> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update sms_codes set consumed_at = now()
        where id = ${codeId} and consumed_at is null and expires_at > now() returning id`,
  );
  if (rows.length === 0) throw new AppError('SMS_CODE_INVALID');
}
