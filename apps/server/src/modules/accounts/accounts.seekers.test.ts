import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DevSmsProvider } from '../../platform/sms/dev-sms-provider.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../platform/db/database.ts';
import { seekerProfiles } from './accounts.tables.ts';
import { latestSmsCode, sessionHeaders, signInRequest } from './accounts.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sendCode = (phone: string, purpose = 'register') =>
  t.app.inject({ method: 'POST', url: '/api/auth/sms-codes', payload: { phone, purpose } });

const register = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/auth/seekers', payload });

const base = {
  name: '王小明',
  documentKind: 'id_card',
  idNumber: '440304199003071213',
  verification: { method: 'bank_card', bankCardNumber: '6228480012345678903' },
  password: '385926',
};

describe('identity provider', () => {
  it('tells the page it is the development provider and what passes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/identity-provider' });
    expect(res.json()).toMatchObject({ name: 'dev', isDevelopment: true });
    expect(res.json().hint).toContain('dev-face-ok');
  });
});

describe('public seeker real-name registration', () => {
  it('registers with ID number, SMS code, bank card and PIN, then signs in by ID number', async () => {
    const phone = '13900000001';
    expect((await sendCode(phone)).json()).toEqual({ cooldownSeconds: 60 });
    const code = await latestSmsCode(t.database.db, phone);
    const res = await register({ ...base, phone, smsCode: code });
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({
      role: 'seeker',
      displayName: '王小明',
      passwordRule: 'pin',
      seekerKinds: ['public'],
    });
    expect(res.json().generatedAccount).toBeUndefined();
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: sessionHeaders(res),
    });
    expect(me.statusCode).toBe(200);

    const [profile] = await t.database.db
      .select()
      .from(seekerProfiles)
      .where(eq(seekerProfiles.accountId, res.json().account.id));
    expect(profile).toMatchObject({
      gender: 'male',
      birthDate: '1990-03-07',
      verificationMethod: 'bank_card',
    });

    const signIn = await signInRequest(t.app, {
      portal: 'seeker',
      identifier: '440304199003071213',
      password: '385926',
    });
    expect(signIn.statusCode).toBe(200);

    // the audit row masks the ID number and holds neither phone nor code
    const rows = await queryRows<{ details: unknown }>(
      t.database.db,
      sql`select details from audit_log where action = 'seeker.registered'`,
    );
    const text = JSON.stringify(rows);
    expect(text).toContain('440***********1213');
    expect(text).not.toContain('440304199003071213');
    expect(text).not.toContain(phone);
    expect(text).not.toContain(code);
  });

  it('the same ID number cannot register twice', async () => {
    const phone = '13900000002';
    await sendCode(phone);
    const res = await register({
      ...base,
      phone,
      smsCode: await latestSmsCode(t.database.db, phone),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ACCOUNT_EXISTS');
  });

  it.each([
    ['123456', 'sequence'],
    ['888888', 'same_digit'],
    ['520520', 'repeated_pattern'],
    ['850612', 'birth_date'],
    ['12345a', 'format'],
  ])('refuses the weak PIN %s with a reason (%s)', async (password, rule) => {
    const res = await register({
      ...base,
      idNumber: '310115198506120034',
      phone: '13900000003',
      smsCode: '000000',
      password,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('WEAK_PASSWORD');
    expect(res.json().error.details.rule).toBe(rule);
    expect(res.json().error.details.reason).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses an ID number with a wrong check character', async () => {
    const res = await register({
      ...base,
      idNumber: '440304199003071214',
      phone: '13900000003',
      smsCode: '000000',
    });
    expect(res.json().error.code).toBe('ID_NUMBER_INVALID');
  });

  it('refuses a failed identity verification and keeps the code for another try', async () => {
    const phone = '13900000004';
    await sendCode(phone);
    const smsCode = await latestSmsCode(t.database.db, phone);
    const body = { ...base, idNumber: '310115198506120034', phone, smsCode };
    const bad = await register({
      ...body,
      verification: { method: 'bank_card', bankCardNumber: '6228480012345678904' },
    });
    expect(bad.json().error.code).toBe('IDENTITY_VERIFICATION_FAILED');
    expect(bad.json().error.details.reason).toBeTruthy();
    const alipay = await register({
      ...body,
      verification: { method: 'alipay', alipayAccount: 'w@dev.hirehall' },
    });
    expect(alipay.statusCode).toBe(200);
    expect(alipay.json().account.seekerKinds).toEqual(['public']);
  });

  it('face verification with the development token', async () => {
    const phone = '13900000005';
    await sendCode(phone);
    const res = await register({
      ...base,
      idNumber: '11010519491231002X',
      phone,
      smsCode: await latestSmsCode(t.database.db, phone),
      verification: { method: 'face', faceToken: 'dev-face-ok' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('a permit holder without a permit number receives a generated account once', async () => {
    const phone = '13900000006';
    await sendCode(phone);
    const res = await register({
      ...base,
      name: '陈大文',
      documentKind: 'permit',
      idNumber: undefined,
      phone,
      smsCode: await latestSmsCode(t.database.db, phone),
      verification: { method: 'face', faceToken: 'dev-face-ok' },
    });
    expect(res.statusCode).toBe(200);
    const generated = res.json().generatedAccount;
    expect(generated).toMatch(/^HH\d{10}$/);
    const signIn = await signInRequest(t.app, {
      portal: 'seeker',
      identifier: generated,
      password: '385926',
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('a residence permit number is the account itself', async () => {
    const phone = '13900000007';
    await sendCode(phone);
    const res = await register({
      ...base,
      name: '林志明',
      documentKind: 'permit',
      idNumber: undefined,
      permitNumber: '830000198505050021',
      phone,
      smsCode: await latestSmsCode(t.database.db, phone),
      verification: { method: 'face', faceToken: 'dev-face-ok' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().generatedAccount).toBeUndefined();
    const signIn = await signInRequest(t.app, {
      portal: 'seeker',
      identifier: '830000198505050021',
      password: '385926',
    });
    expect(signIn.statusCode).toBe(200);
  });
});

describe('SMS codes', () => {
  it('a wrong code is refused; five wrong tries use the code up', async () => {
    const phone = '13900000010';
    await sendCode(phone);
    const code = await latestSmsCode(t.database.db, phone);
    const wrong = code === '000000' ? '000001' : '000000';
    const body = { ...base, idNumber: '110101198001010010', phone };
    for (let i = 0; i < 5; i++) {
      const res = await register({ ...body, smsCode: wrong });
      expect(res.json().error.code).toBe('SMS_CODE_INVALID');
    }
    const right = await register({ ...body, smsCode: code });
    expect(right.json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('an expired code is refused', async () => {
    const phone = '13900000011';
    await sendCode(phone);
    await t.database.db.execute(
      sql`update sms_codes set expires_at = now() - interval '1 second' where phone = ${phone}`,
    );
    const res = await register({
      ...base,
      idNumber: '110101198001010010',
      phone,
      smsCode: await latestSmsCode(t.database.db, phone),
    });
    expect(res.json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('a used code cannot be used again', async () => {
    const phone = '13900000012';
    await sendCode(phone);
    const smsCode = await latestSmsCode(t.database.db, phone);
    const first = await register({ ...base, idNumber: '110101198001010010', phone, smsCode });
    expect(first.statusCode).toBe(200);
    const again = await register({ ...base, idNumber: '11010519491231002X', phone, smsCode });
    expect(again.json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('one code per phone per minute', async () => {
    const phone = '13900000013';
    expect((await sendCode(phone)).statusCode).toBe(200);
    const second = await sendCode(phone);
    expect(second.statusCode).toBe(429);
    expect(second.json().error.code).toBe('SMS_COOLDOWN');
    expect(second.json().error.details.retryAfterSeconds).toBeGreaterThan(50);
  });

  it('at most 10 codes a day per phone', async () => {
    const phone = '13900000014';
    for (let i = 0; i < 10; i++) {
      expect((await sendCode(phone)).statusCode).toBe(200);
      await t.database.db.execute(
        sql`update sms_codes set created_at = created_at - interval '2 minutes' where phone = ${phone}`,
      );
    }
    const eleventh = await sendCode(phone);
    expect(eleventh.json().error.code).toBe('SMS_DAILY_LIMIT');
  });

  it('at most 50 codes a day per IP', async () => {
    await t.database.db.execute(
      sql`insert into rate_counters (key, count, window_ends_at)
          values ('sms:ip:127.0.0.1', 50, now() + interval '1 hour')
          on conflict (key) do update set count = 50`,
    );
    const res = await sendCode('13900000015');
    expect(res.json().error.code).toBe('SMS_DAILY_LIMIT');
    await t.database.db.execute(sql`delete from rate_counters where key = 'sms:ip:127.0.0.1'`);
  });

  it('a code the provider failed to send does not hold the phone in its cooldown', async () => {
    const phone = '13900000016';
    const spy = vi
      .spyOn(DevSmsProvider.prototype, 'sendCode')
      .mockRejectedValueOnce(new AppError('SERVICE_UNAVAILABLE'));
    const failed = await sendCode(phone);
    expect(failed.statusCode).toBe(503);
    spy.mockRestore();
    expect((await sendCode(phone)).statusCode).toBe(200);
  });

  it('refuses a malformed phone number with a Chinese message', async () => {
    const res = await sendCode('12345');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('development outbox', () => {
  it('GET /api/dev/outbox lists messages newest first', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/dev/outbox' });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { createdAt: string; content: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]!.createdAt >= list.at(-1)!.createdAt).toBe(true);
  });

  it('/dev/outbox is a Chinese page that refreshes every 3 seconds', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('开发发件箱');
    expect(res.body).toContain('http-equiv="refresh" content="3"');
  });

  it('does not exist without development tools', async () => {
    const prod = await createTestApp({ HIREHALL_DEV_TOOLS: '0' });
    try {
      expect((await prod.app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode).toBe(404);
      expect((await prod.app.inject({ method: 'GET', url: '/api/dev/outbox' })).statusCode).toBe(
        404,
      );
    } finally {
      await prod.close();
    }
  });
});
