import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { queryRows } from '../../platform/db/database.ts';
import { accounts } from './accounts.tables.ts';
import {
  createAccountWithPassword,
  knownCaptcha,
  sessionHeaders,
  signInRequest,
} from './accounts.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const clearIpCounters = () =>
  t.database.db.execute(sql`delete from rate_counters where key like 'signin:fail:ip%'`);

/** POST /api/auth/sign-in with these credentials, and a captcha when one is given. */
const signIn = (
  portal: 'staff' | 'employer',
  identifier: string,
  password: string,
  captcha: { captchaId?: string; captchaAnswer?: string } = {},
) => signInRequest(t.app, { portal, identifier, password, ...captcha });

/** GET /api/auth/me, with the session of `headers` when given. */
const getMe = (headers?: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

/** POST /api/auth/password as the session of `headers`. */
const changePassword = (
  headers: Record<string, string>,
  currentPassword: string,
  newPassword: string,
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers,
    payload: { currentPassword, newPassword },
  });

/** A GET route without path parameters, closed to an account until it changes its password. */
const routeClosedUntilPasswordChange = () =>
  t.app.accessTable.find(
    (r) =>
      r.access !== 'public' &&
      !r.access.duringPasswordChange &&
      r.method === 'GET' &&
      !r.url.includes(':'),
  );

/** The response is the error `code` with HTTP status `status`. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.json().error.code).toBe(code);
}

describe('staff sign-in', () => {
  it('signs in with user name and password, sets both cookies, and /me answers', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'school',
      password: 'Initial123',
      identifiers: [{ kind: 'username', value: 'zhaojiu' }],
      organizationKind: 'school',
    });
    const res = await signIn('staff', 'ZhaoJiu', 'Initial123');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({
      role: 'school',
      mustChangePassword: false,
      passwordRule: 'standard',
      seekerKinds: [],
    });
    expect(body.account.organization.kind).toBe('school');
    const cookies = res.cookies as Record<string, unknown>[];
    const session = cookies.find((c) => c.name === 'hh_session')!;
    const csrf = cookies.find((c) => c.name === 'hh_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf.httpOnly).toBeUndefined();
    expect(csrf.value).toBe(body.csrfToken);
    expect(String(session.expires)).toBe(String(csrf.expires));

    const me = await getMe(sessionHeaders(res));
    expect(me.statusCode).toBe(200);
    expect(me.json().account.id).toBe(body.account.id);
    expect(me.json().csrfToken).toBe(body.csrfToken);
  });

  it('refuses a staff account at the employer portal like a wrong password', async () => {
    const res = await signIn('employer', 'zhaojiu', 'Initial123');
    expectError(res, 401, 'INVALID_CREDENTIALS');
    await clearIpCounters();
  });
});

describe('employer sign-in', () => {
  it('accepts the credit code or the full company name', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'employer',
      password: 'Hr2025abc',
      identifiers: [
        { kind: 'credit_code', value: '91350100M000100Y43' },
        { kind: 'org_name', value: '福州海纳科技有限公司' },
      ],
      organizationKind: 'company',
    });
    for (const identifier of ['91350100m000100y43', '福州海纳科技有限公司']) {
      const res = await signInRequest(t.app, {
        portal: 'employer',
        identifier,
        password: 'Hr2025abc',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().account.role).toBe('employer');
    }
  });
});

describe('unknown account and wrong password', () => {
  it('answer with the same code, message and status', async () => {
    await clearIpCounters();
    const wrong = await signIn('employer', '福州海纳科技有限公司', 'Wrong1234');
    const unknown = await signIn('employer', '不存在的公司', 'Wrong1234');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    await clearIpCounters();
  });

  it('writes masked identifiers to the audit log, never the password', async () => {
    const rows = await queryRows<{ details: Record<string, string> }>(
      t.database.db,
      sql`select details from audit_log where action = 'auth.sign_in_failed'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Wrong1234');
    expect(text).not.toContain('不存在的公司');
  });
});

describe('captcha after failures', () => {
  it('is required after 3 failures for an identifier, then checked and single use', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'admin',
      password: 'Admin2025x',
      identifiers: [{ kind: 'username', value: 'captcha-admin' }],
    });
    const attempt = () => signIn('staff', 'captcha-admin', 'nope12345');
    expect((await attempt()).json().error.details.captchaRequired).toBe(false);
    expect((await attempt()).json().error.details.captchaRequired).toBe(false);
    const third = await attempt();
    expect(third.json().error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      details: { captchaRequired: true },
    });

    const noCaptcha = await signIn('staff', 'captcha-admin', 'Admin2025x');
    expectError(noCaptcha, 400, 'CAPTCHA_REQUIRED');

    const bad = await knownCaptcha(t.database.db, 'WXYZ');
    const wrongCaptcha = await signIn('staff', 'captcha-admin', 'Admin2025x', {
      captchaId: bad.captchaId,
      captchaAnswer: 'abcd',
    });
    expect(wrongCaptcha.json().error.code).toBe('CAPTCHA_INVALID');

    const good = await knownCaptcha(t.database.db, 'K7pQ');
    const ok = await signIn('staff', 'captcha-admin', 'Admin2025x', good);
    expect(ok.statusCode).toBe(200);

    // the same captcha cannot be used twice
    const again = await signIn('staff', 'captcha-admin', 'Admin2025x', good);
    expect(again.json().error.code).toBe('CAPTCHA_INVALID');
    await clearIpCounters();
  });

  it('an expired captcha is refused', async () => {
    const c = await knownCaptcha(t.database.db, 'Late');
    await t.database.db.execute(
      sql`update captchas set expires_at = now() - interval '1 second' where id = ${c.captchaId}`,
    );
    const res = await signIn('staff', 'captcha-admin', 'Admin2025x', c);
    expect(res.json().error.code).toBe('CAPTCHA_INVALID');
  });

  it('GET /api/auth/captcha returns an SVG image', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/captcha' });
    expect(res.statusCode).toBe(200);
    expect(res.json().svg).toMatch(/^<svg/);
    expect(res.json().captchaId).toMatch(/^[0-9a-f-]{36}$/);
    const dev = await t.app.inject({
      method: 'GET',
      url: `/api/dev/captchas/${res.json().captchaId}`,
    });
    expect(dev.json().answer).toHaveLength(4);
  });
});

describe('lockout', () => {
  it('locks an account for a minute after 5 failures, doubling, even for the right password', async () => {
    const account = await createAccountWithPassword(t.database.db, {
      role: 'college',
      password: 'College2025',
      identifiers: [{ kind: 'username', value: 'lock-me' }],
    });
    const fail = async () =>
      signIn('staff', 'lock-me', 'bad-guess-1', await knownCaptcha(t.database.db));
    for (let i = 0; i < 5; i++)
      expect((await fail()).json().error.code).toBe('INVALID_CREDENTIALS');
    const locked = await signIn(
      'staff',
      'lock-me',
      'College2025',
      await knownCaptcha(t.database.db),
    );
    expectError(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(locked.json().error.details.retryAfterSeconds).toBeGreaterThan(50);
    expect(locked.json().error.details.retryAfterSeconds).toBeLessThanOrEqual(60);

    // the minute passes; one more failure locks for two minutes
    await t.database.db
      .update(accounts)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(accounts.id, account.id));
    await fail();
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    const seconds = (row!.lockedUntil!.getTime() - Date.now()) / 1000;
    expect(row!.failedSignIns).toBe(6);
    expect(seconds).toBeGreaterThan(110);
    expect(seconds).toBeLessThanOrEqual(120);
    await clearIpCounters();
  });

  it('an unknown identifier gets the same lock answer', async () => {
    const fail = async () =>
      signIn('staff', 'nobody-here', 'bad-guess-1', await knownCaptcha(t.database.db));
    for (let i = 0; i < 5; i++)
      expect((await fail()).json().error.code).toBe('INVALID_CREDENTIALS');
    const res = await fail();
    expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    expect(res.json().error.details.retryAfterSeconds).toBeGreaterThan(50);
    await clearIpCounters();
  });

  it('stops an IP after 30 failures in 10 minutes', async () => {
    await t.database.db.execute(
      sql`insert into rate_counters (key, count, window_ends_at)
          values ('signin:fail:ip10m:127.0.0.1', 30, now() + interval '5 minutes')`,
    );
    const res = await signIn('staff', 'zhaojiu', 'Initial123');
    expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    await clearIpCounters();
  });
});

describe('forced password change', () => {
  it('blocks other routes until changed, and needs the CSRF header', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'institution',
      password: 'Given2025pw',
      identifiers: [{ kind: 'username', value: 'inst-first' }],
      mustChangePassword: true,
      organizationKind: 'institution',
    });
    const res = await signIn('staff', 'inst-first', 'Given2025pw');
    expect(res.json().account.mustChangePassword).toBe(true);
    const headers = sessionHeaders(res);

    // a route of another module is blocked with PASSWORD_CHANGE_REQUIRED
    const other = routeClosedUntilPasswordChange();
    expect(other).toBeDefined();
    const blocked = await t.app.inject({ method: 'GET', url: other!.url, headers });
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await getMe(headers)).statusCode).toBe(200);

    const noCsrf = await changePassword({ cookie: headers.cookie! }, 'Given2025pw', 'Chosen2025pw');
    expectError(noCsrf, 403, 'CSRF_FAILED');

    const wrongCurrent = await changePassword(headers, 'Nope2025pw', 'Chosen2025pw');
    expect(wrongCurrent.json().error.code).toBe('CURRENT_PASSWORD_WRONG');

    const weak = await changePassword(headers, 'Given2025pw', 'abcdefgh');
    expect(weak.json().error).toMatchObject({
      code: 'WEAK_PASSWORD',
      details: { rule: 'letters_and_digits' },
    });

    const changed = await changePassword(headers, 'Given2025pw', 'Chosen2025pw');
    expect(changed.statusCode).toBe(204);
    const me = await getMe(headers);
    expect(me.json().account.mustChangePassword).toBe(false);
    const open = await t.app.inject({ method: 'GET', url: other!.url, headers });
    expect(open.json().error?.code).not.toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('a fixture account with forced change is blocked the same way', async () => {
    const user = await signInAs(t.database.db, 'school', { mustChangePassword: true });
    const other = routeClosedUntilPasswordChange();
    if (!other) return;
    const res = await t.app.inject({ method: 'GET', url: other.url, headers: user.headers });
    expectError(res, 403, 'PASSWORD_CHANGE_REQUIRED');
  });
});

describe('sessions', () => {
  const signInTwice = async () => {
    const first = await signIn('staff', 'sess-user', 'Session2025');
    const second = await signIn('staff', 'sess-user', 'Session2025');
    return [sessionHeaders(first), sessionHeaders(second)] as const;
  };

  it('sign-out revokes the session and clears the cookies', async () => {
    await createAccountWithPassword(t.database.db, {
      role: 'admin',
      password: 'Session2025',
      identifiers: [{ kind: 'username', value: 'sess-user' }],
    });
    const [a] = await signInTwice();
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: a });
    expect(out.statusCode).toBe(204);
    const cleared = (out.cookies as { name: string; value: string }[]).find(
      (c) => c.name === 'hh_session',
    );
    expect(cleared?.value).toBe('');
    const me = await getMe(a);
    expectError(me, 401, 'SESSION_EXPIRED');
  });

  it('sign-out without the CSRF header is refused', async () => {
    const [a] = await signInTwice();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: a.cookie! },
    });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('a password change ends the other sessions but keeps this one', async () => {
    const [a, b] = await signInTwice();
    const res = await changePassword(a, 'Session2025', 'Session2026');
    expect(res.statusCode).toBe(204);
    expect((await getMe(a)).statusCode).toBe(200);
    expect((await getMe(b)).statusCode).toBe(401);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'auth.password_changed'`,
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
  });

  it('signing in from a browser that still carries a session ends that session', async () => {
    const first = await signIn('staff', 'sess-user', 'Session2026');
    const a = sessionHeaders(first);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { cookie: a.cookie! },
      payload: { portal: 'staff', identifier: 'sess-user', password: 'Session2026' },
    });
    expect(second.statusCode).toBe(200);
    expect((await getMe(a)).statusCode).toBe(401);
  });

  it('/me without a session is UNAUTHENTICATED', async () => {
    const res = await getMe();
    expectError(res, 401, 'UNAUTHENTICATED');
  });
});
