import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization } from '../../../test/fixtures.ts';
import { graduateRecords, personnelRegistry } from '../organizations/organizations.tables.ts';
import {
  createAccountWithPassword,
  latestSmsCode,
  sessionHeaders,
  signInRequest,
} from './accounts.test-helpers.ts';

let t: TestApp;
let schoolId: string;
beforeAll(async () => {
  t = await createTestApp();
  schoolId = (await createOrganization(t.database.db, 'school', '福建理工大学')).id;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

async function addRegistry(phone: string, name = '李认证') {
  await t.database.db
    .insert(personnelRegistry)
    .values({ phone, name, certificateNumber: 'CCAA-1' });
}

describe('certified person, phone first', () => {
  it('a phone outside the registry is refused', async () => {
    const res = await post('/api/auth/certified/lookup', { phone: '13700000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PHONE_NOT_IN_REGISTRY');
    const code = await post('/api/auth/sms-codes', {
      phone: '13700000000',
      purpose: 'certified_bind',
    });
    expect(code.json().error.code).toBe('PHONE_NOT_IN_REGISTRY');
  });

  it('unbound → SMS code → password → signed in; then bound → password sign-in', async () => {
    const phone = '13700000001';
    await addRegistry(phone);
    expect((await post('/api/auth/certified/lookup', { phone })).json()).toEqual({
      state: 'unbound',
    });
    expect(
      (await post('/api/auth/sms-codes', { phone, purpose: 'certified_bind' })).statusCode,
    ).toBe(200);
    const smsCode = await latestSmsCode(t.database.db, phone);

    const weak = await post('/api/auth/certified/bind', { phone, smsCode, password: 'short1' });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');

    const bound = await post('/api/auth/certified/bind', {
      phone,
      smsCode,
      password: 'Cert2025ok',
    });
    expect(bound.statusCode).toBe(200);
    expect(bound.json().account).toMatchObject({
      role: 'seeker',
      displayName: '李认证',
      seekerKinds: ['certified'],
    });
    const [entry] = await t.database.db
      .select()
      .from(personnelRegistry)
      .where(eq(personnelRegistry.phone, phone));
    expect(entry!.accountId).toBe(bound.json().account.id);
    expect(entry!.boundAt).not.toBeNull();

    expect((await post('/api/auth/certified/lookup', { phone })).json()).toEqual({
      state: 'bound',
    });
    const again = await post('/api/auth/certified/bind', {
      phone,
      smsCode,
      password: 'Cert2025ok',
    });
    expect(again.json().error.code).toBe('ALREADY_ACTIVATED');

    const signIn = await signInRequest(t.app, {
      portal: 'certified',
      identifier: phone,
      password: 'Cert2025ok',
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().account.id).toBe(bound.json().account.id);
  });

  it('binds to the account that already has the phone: one person, one account', async () => {
    const phone = '13700000002';
    await addRegistry(phone, '周同人');
    const existing = await createAccountWithPassword(t.database.db, {
      role: 'seeker',
      password: 'Old2025pass',
      phone,
      identifiers: [{ kind: 'phone', value: phone }],
    });
    await post('/api/auth/sms-codes', { phone, purpose: 'certified_bind' });
    const res = await post('/api/auth/certified/bind', {
      phone,
      smsCode: await latestSmsCode(t.database.db, phone),
      password: 'New2025pass',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.id).toBe(existing.id);
  });

  it('a wrong SMS code does not bind', async () => {
    const phone = '13700000003';
    await addRegistry(phone);
    await post('/api/auth/sms-codes', { phone, purpose: 'certified_bind' });
    const code = await latestSmsCode(t.database.db, phone);
    const res = await post('/api/auth/certified/bind', {
      phone,
      smsCode: code === '123456' ? '654321' : '123456',
      password: 'Cert2025ok',
    });
    expect(res.json().error.code).toBe('SMS_CODE_INVALID');
    expect((await post('/api/auth/certified/lookup', { phone })).json().state).toBe('unbound');
  });
});

describe('forgot password', () => {
  it('SMS code → new password; old password and every session end', async () => {
    const phone = '13700000001'; // bound above with Cert2025ok
    const before = await signInRequest(t.app, {
      portal: 'certified',
      identifier: phone,
      password: 'Cert2025ok',
    });
    const headers = sessionHeaders(before);
    // the binding code was sent less than a minute ago
    await t.database.db.execute(
      sql`update sms_codes set created_at = created_at - interval '2 minutes' where phone = ${phone}`,
    );
    expect(
      (await post('/api/auth/sms-codes', { phone, purpose: 'reset_password' })).statusCode,
    ).toBe(200);
    const smsCode = await latestSmsCode(t.database.db, phone);
    const reset = await post('/api/auth/password-reset', {
      phone,
      smsCode,
      newPassword: 'Reset2025ok',
    });
    expect(reset.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(
      401,
    );
    const old = await signInRequest(t.app, {
      portal: 'certified',
      identifier: phone,
      password: 'Cert2025ok',
    });
    expect(old.json().error.code).toBe('INVALID_CREDENTIALS');
    const fresh = await signInRequest(t.app, {
      portal: 'certified',
      identifier: phone,
      password: 'Reset2025ok',
    });
    expect(fresh.statusCode).toBe(200);
    const reused = await post('/api/auth/password-reset', {
      phone,
      smsCode,
      newPassword: 'Again2025ok',
    });
    expect(reused.json().error.code).toBe('SMS_CODE_INVALID');
  });

  it('a phone without an account answers the same but receives nothing', async () => {
    const phone = '13700000099';
    const res = await post('/api/auth/sms-codes', { phone, purpose: 'reset_password' });
    expect(res.json()).toEqual({ cooldownSeconds: 60 });
    await expect(latestSmsCode(t.database.db, phone)).rejects.toThrow();
    const reset = await post('/api/auth/password-reset', {
      phone,
      smsCode: '482913',
      newPassword: 'Reset2025ok',
    });
    expect(reset.json().error.code).toBe('SMS_CODE_INVALID');
  });
});

describe('graduate activation', () => {
  async function addGraduate(
    studentNumber: string,
    values: Partial<typeof graduateRecords.$inferInsert> = {},
  ) {
    const [row] = await t.database.db
      .insert(graduateRecords)
      .values({
        schoolId,
        graduationYear: 2026,
        studentNumber,
        name: '张毕业',
        idNumber: '440304199003071213',
        phone: '13600000001',
        status: 'approved',
        ...values,
      })
      .returning();
    return row!;
  }

  it('student number + last 6 → SMS to the phone on record → password → signed in', async () => {
    const record = await addGraduate('2022010101');
    const lookup = { schoolId, studentNumber: '2022010101', idLast6: '071213' };
    const sent = await post('/api/auth/graduates/activation-code', lookup);
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ maskedPhone: '136****0001', cooldownSeconds: 60 });
    const smsCode = await latestSmsCode(t.database.db, '13600000001');

    const weak = await post('/api/auth/graduates/activate', {
      ...lookup,
      smsCode,
      password: '12345678',
    });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');

    const res = await post('/api/auth/graduates/activate', {
      ...lookup,
      smsCode,
      password: 'Grad2026ok',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({
      role: 'seeker',
      displayName: '张毕业',
      seekerKinds: ['graduate'],
    });
    const [row] = await t.database.db
      .select()
      .from(graduateRecords)
      .where(eq(graduateRecords.id, record.id));
    expect(row!.accountId).toBe(res.json().account.id);
    expect(row!.activatedAt).not.toBeNull();

    const byNumber = await signInRequest(t.app, {
      portal: 'graduate',
      schoolId,
      identifier: '2022010101',
      password: 'Grad2026ok',
    });
    expect(byNumber.statusCode).toBe(200);
    const byPhone = await signInRequest(t.app, {
      portal: 'graduate',
      identifier: '13600000001',
      password: 'Grad2026ok',
    });
    expect(byPhone.statusCode).toBe(200);

    const again = await post('/api/auth/graduates/activation-code', lookup);
    expect(again.json().error.code).toBe('ALREADY_ACTIVATED');
  });

  it('unknown student, wrong ID digits and rejected records all answer GRADUATE_NOT_FOUND', async () => {
    await addGraduate('2022010102', { phone: '13600000002', status: 'rejected' });
    await addGraduate('2022010103', { phone: '13600000003' });
    for (const body of [
      { schoolId, studentNumber: 'nobody', idLast6: '071213' },
      { schoolId, studentNumber: '2022010102', idLast6: '071213' },
      { schoolId, studentNumber: '2022010103', idLast6: '000000' },
    ]) {
      const res = await post('/api/auth/graduates/activation-code', body);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('GRADUATE_NOT_FOUND');
    }
  });

  it('a record without a phone cannot be activated by SMS', async () => {
    await addGraduate('2022010104', { phone: null, idNumber: '11010519491231002X' });
    const res = await post('/api/auth/graduates/activation-code', {
      schoolId,
      studentNumber: '2022010104',
      idLast6: '31002x',
    });
    expect(res.json().error.code).toBe('GRADUATE_NO_PHONE');
  });

  it('links to the seeker account already holding the ID number', async () => {
    const phone = '13600000005';
    const existing = await createAccountWithPassword(t.database.db, {
      role: 'seeker',
      password: 'Seeker2025x',
      identifiers: [{ kind: 'id_number', value: '310115198506120034' }],
    });
    await addGraduate('2022010105', { phone, idNumber: '310115198506120034' });
    const lookup = { schoolId, studentNumber: '2022010105', idLast6: '120034' };
    await post('/api/auth/graduates/activation-code', lookup);
    const res = await post('/api/auth/graduates/activate', {
      ...lookup,
      smsCode: await latestSmsCode(t.database.db, phone),
      password: 'Grad2026ok',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.id).toBe(existing.id);
    const byPhone = await signInRequest(t.app, {
      portal: 'graduate',
      identifier: phone,
      password: 'Grad2026ok',
    });
    expect(byPhone.json().account.id).toBe(existing.id);
  });

  it('bounds guesses of the last six digits per record', async () => {
    await addGraduate('2022010106', { phone: '13600000006' });
    await t.database.db.execute(
      sql`delete from rate_counters where key like 'graduate:lookup:ip:%'`,
    );
    const guess = (idLast6: string) =>
      post('/api/auth/graduates/activation-code', {
        schoolId,
        studentNumber: '2022010106',
        idLast6,
      });
    for (let i = 0; i < 10; i++)
      expect((await guess(String(100000 + i))).json().error.code).toBe('GRADUATE_NOT_FOUND');
    expect((await guess('071213')).json().error.code).toBe('TOO_MANY_ATTEMPTS');
  });
});
