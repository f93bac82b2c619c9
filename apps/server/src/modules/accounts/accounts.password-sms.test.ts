import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../platform/db/database.ts';
import {
  createAccountWithPassword,
  latestSmsCode,
  sessionHeaders,
  signInRequest,
} from './accounts.test-helpers.ts';

/** Change password (seed 004 §8) with an SMS code to the account's phone instead of the password. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PHONE = '13912340001';

async function signedIn(username: string, phone: string | undefined, password = 'Change2025') {
  await createAccountWithPassword(t.database.db, {
    role: 'school',
    password,
    identifiers: [{ kind: 'username', value: username }],
    organizationKind: 'school',
    phone,
  });
  const res = await signInRequest(t.app, { portal: 'staff', identifier: username, password });
  expect(res.statusCode).toBe(200);
  return sessionHeaders(res);
}

const sendCode = (headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password/sms-code', headers });
const change = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload });
const signInWith = (identifier: string, password: string) =>
  signInRequest(t.app, { portal: 'staff', identifier, password });

describe('change password with an SMS code', () => {
  it('sends the code to the phone on the account, shown masked, and the code changes the password', async () => {
    const headers = await signedIn('sms-change', PHONE);
    const other = sessionHeaders(await signInWith('sms-change', 'Change2025'));
    const sent = await sendCode(headers);
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ cooldownSeconds: 60, maskedPhone: '139****0001' });

    const wrong = await change(headers, { smsCode: '000000', newPassword: 'Changed2026' });
    const code = await latestSmsCode(t.database.db, PHONE);
    if (code !== '000000') {
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('SMS_CODE_INVALID');
    }
    const ok = await change(headers, { smsCode: code, newPassword: 'Changed2026' });
    expect(ok.statusCode).toBe(204);
    expect((await signInWith('sms-change', 'Changed2026')).statusCode).toBe(200);
    // the other session ended, this one stays
    const me = (h: Record<string, string>) => t.app.inject({ url: '/api/auth/me', headers: h });
    expect((await me(headers)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    // single use
    const again = await change(headers, { smsCode: code, newPassword: 'Changed2027' });
    expect(again.json().error.code).toBe('SMS_CODE_INVALID');

    const [audit] = await queryRows<{ details: { via: string } }>(
      t.database.db,
      sql`select details from audit_log where action = 'auth.password_changed'
          order by id desc limit 1`,
    );
    expect(audit!.details.via).toBe('sms');
    await t.database.db.execute(sql`delete from rate_counters`);
  });

  it('refuses a code sent for another purpose, and the unchanged password', async () => {
    const phone = '13912340002';
    const headers = await signedIn('sms-purpose', phone);
    // a forgot-password code for the same phone is not a change-password code
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sms-codes',
      payload: { phone, purpose: 'reset_password' },
    });
    expect(reset.statusCode).toBe(200);
    const resetCode = await latestSmsCode(t.database.db, phone);
    const res = await change(headers, { smsCode: resetCode, newPassword: 'Other2026x' });
    expect(res.json().error.code).toBe('SMS_CODE_INVALID');

    await t.database.db.execute(sql`delete from sms_codes where phone = ${phone}`);
    expect((await sendCode(headers)).statusCode).toBe(200);
    const code = await latestSmsCode(t.database.db, phone);
    const same = await change(headers, { smsCode: code, newPassword: 'Change2025' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details.rule).toBe('unchanged');
  });

  it('an account without a phone is told to use its password', async () => {
    const headers = await signedIn('sms-nophone', undefined);
    const res = await sendCode(headers);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NO_PHONE_ON_ACCOUNT');
    const viaCode = await change(headers, { smsCode: '123456', newPassword: 'Other2026x' });
    expect(viaCode.json().error.code).toBe('NO_PHONE_ON_ACCOUNT');
  });

  it('takes exactly one of the current password and the code', async () => {
    const headers = await signedIn('sms-either', '13912340003');
    const neither = await change(headers, { newPassword: 'Other2026x' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.code).toBe('VALIDATION_FAILED');
    const both = await change(headers, {
      currentPassword: 'Change2025',
      smsCode: '123456',
      newPassword: 'Other2026x',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('VALIDATION_FAILED');
    // the password route still works
    const byPassword = await change(headers, {
      currentPassword: 'Change2025',
      newPassword: 'Other2026x',
    });
    expect(byPassword.statusCode).toBe(204);
  });

  it('the code route needs a signed-in session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password/sms-code' });
    expect(res.statusCode).toBe(401);
  });
});
