import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import svgCaptcha from 'svg-captcha';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { captchas } from './accounts.tables.ts';

const CAPTCHA_SECONDS = 120;

const answerHash = (id: string, answer: string) =>
  createHash('sha256').update(`${id}:${answer.trim().toLowerCase()}`).digest('hex');

/**
 * Development tools only: the answers of recent captchas, so browser tests can read them
 * (`GET /api/dev/captchas/:id`). Empty unless `config.devTools`.
 */
export const devCaptchaAnswers = new Map<string, { answer: string; expiresAt: number }>();

/** Stores a captcha answer (only its hash) and returns its id; single use, 2 minutes. */
export async function storeCaptcha(q: Queryable, answer: string): Promise<string> {
  const id = randomUUID();
  await q.insert(captchas).values({
    id,
    answerHash: answerHash(id, answer),
    expiresAt: sql`now() + make_interval(secs => ${CAPTCHA_SECONDS})` as unknown as Date,
  });
  return id;
}

/** A 4-character image captcha without look-alike characters. */
export async function createCaptcha(q: Queryable, options: { keepAnswerForDev: boolean }) {
  const image = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1iIlL', color: true });
  const captchaId = await storeCaptcha(q, image.text);
  if (options.keepAnswerForDev) {
    const now = Date.now();
    for (const [k, v] of devCaptchaAnswers) if (v.expiresAt < now) devCaptchaAnswers.delete(k);
    devCaptchaAnswers.set(captchaId, {
      answer: image.text,
      expiresAt: now + CAPTCHA_SECONDS * 1000,
    });
  }
  // expired rows are of no use to anyone
  await q.execute(sql`delete from captchas where expires_at < now() - interval '1 hour'`);
  return { captchaId, svg: image.data };
}

/** Checks and uses up a captcha (right or wrong, it cannot be tried again). Case-insensitive. */
export async function consumeCaptcha(
  q: Queryable,
  captchaId: string,
  answer: string,
): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(captchaId)) return false;
  const [row] = await queryRows<{ answer_hash: string; live: boolean }>(
    q,
    sql`update captchas set consumed_at = now()
        where id = ${captchaId} and consumed_at is null
        returning answer_hash, expires_at > now() as live`,
  );
  if (!row || !row.live) return false;
  const expected = Buffer.from(row.answer_hash, 'hex');
  const sent = Buffer.from(answerHash(captchaId, answer), 'hex');
  return timingSafeEqual(expected, sent);
}

/** For other modules' forms (employer registration): throws `CAPTCHA_INVALID` when wrong. */
export async function verifyCaptcha(q: Queryable, captchaId: string, answer: string) {
  if (!(await consumeCaptcha(q, captchaId, answer))) throw new AppError('CAPTCHA_INVALID');
}
