import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs } from '../../../test/fixtures.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { resetCounter } from '../../platform/rate-counter.ts';
import { knownCaptcha } from '../accounts/accounts.test-helpers.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { signInIdentifiers } from '../accounts/accounts.tables.ts';
import { admissions, organizations } from './organizations.tables.ts';
import {
  EXE_HEADER,
  PDF_MINI,
  PNG_1X1,
  makeCreditCode,
  multipart,
  registerEmployerViaApi,
  uploadLicence,
} from './test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_UPLOAD_MAX_MB: '0.01' });
});
afterAll(() => t.close());

describe('POST /api/uploads/licence', () => {
  it('judges the type by the bytes: a PNG named .pdf is stored as PNG', async () => {
    const res = await uploadLicence(t.app, PNG_1X1, '营业执照.pdf');
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(files).where(eq(files.id, res.json().fileId));
    expect(row!.mimeType).toBe('image/png');
    expect(row!.fileName).toBe('营业执照.png');
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.organizationId).toBeNull();
  });

  it('accepts a PDF', async () => {
    const res = await uploadLicence(t.app, PDF_MINI, 'licence.pdf');
    expect(res.statusCode).toBe(201);
  });

  it('refuses an .exe renamed .png', async () => {
    const res = await uploadLicence(t.app, EXE_HEADER, 'licence.png');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses a file over the size limit', async () => {
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(20_000, 1)]);
    const res = await uploadLicence(t.app, big, 'big.png');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
  });

  it('limits uploads per IP', async () => {
    await resetCounter(t.database.db, 'upload:licence:ip:127.0.0.1');
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await uploadLicence(t.app)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes[20]).toBe(429);
    await resetCounter(t.database.db, 'upload:licence:ip:127.0.0.1');
  });

  it('refuses a request without a file', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/uploads/licence',
      payload: {},
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('POST /api/employers (registration step 1)', () => {
  it('creates the company, the account with both sign-in names, and signs in', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const [org] = await t.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, e.organizationId));
    expect(org).toMatchObject({ kind: 'company', name: e.name, creditCode: e.creditCode });
    expect(org!.licenceFileId).toBe(e.licenceFileId);
    const ids = await t.database.db
      .select()
      .from(signInIdentifiers)
      .where(eq(signInIdentifiers.accountId, e.accountId));
    expect(ids.map((i) => i.kind).sort()).toEqual(['credit_code', 'org_name']);
    const [file] = await t.database.db.select().from(files).where(eq(files.id, e.licenceFileId));
    expect(file!.organizationId).toBe(e.organizationId);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, e.organizationId));
    expect(audit.map((a) => a.action)).toContain('employer.register');

    const profile = await t.app.inject({
      method: 'GET',
      url: '/api/employer/profile',
      headers: e.headers,
    });
    expect(profile.statusCode).toBe(200);
    expect(profile.json().creditCode).toBe(e.creditCode);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, and a readable CSRF cookie', async () => {
    const upload = await uploadLicence(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/employers',
      payload: {
        name: '上海饼干测试有限公司',
        creditCode: makeCreditCode(),
        licenceFileId: upload.json().fileId,
        contactName: '李',
        contactPhone: '13800001111',
        password: 'abcd1234',
        ...(await knownCaptcha(t.database.db)),
      },
    });
    expect(res.statusCode).toBe(201);
    const session = res.cookies.find((c) => c.name === 'hh_session')!;
    const csrf = res.cookies.find((c) => c.name === 'hh_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.path).toBe('/');
    expect(csrf.httpOnly).toBeFalsy();
    expect(res.json().account.role).toBe('employer');
    expect(res.json().csrfToken).toBe(csrf.value);
  });

  it('refuses a credit code with a wrong check character', async () => {
    const upload = await uploadLicence(t.app);
    const code = makeCreditCode();
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/employers',
      payload: {
        name: '校验位测试公司',
        creditCode: wrong,
        licenceFileId: upload.json().fileId,
        contactName: '李',
        contactPhone: '13800001111',
        password: 'abcd1234',
        ...(await knownCaptcha(t.database.db)),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('creditCode');
  });

  it('refuses weak passwords and a taken name or credit code', async () => {
    const first = await registerEmployerViaApi(t.app, t.database.db);
    await expect(
      registerEmployerViaApi(t.app, t.database.db, { password: '12345678' }),
    ).rejects.toThrow(/VALIDATION_FAILED/);
    await expect(
      registerEmployerViaApi(t.app, t.database.db, { name: first.name }),
    ).rejects.toThrow(/ACCOUNT_EXISTS/);
    await expect(
      registerEmployerViaApi(t.app, t.database.db, { creditCode: first.creditCode }),
    ).rejects.toThrow(/ACCOUNT_EXISTS/);
  });

  it('refuses a wrong or reused captcha and creates nothing', async () => {
    const name = '验证码测试有限公司';
    await expect(
      registerEmployerViaApi(t.app, t.database.db, { name }, async () => ({
        ...(await knownCaptcha(t.database.db, 'WXYZ')),
        captchaAnswer: 'abcd',
      })),
    ).rejects.toThrow(/CAPTCHA_INVALID/);
    const used = await knownCaptcha(t.database.db);
    await registerEmployerViaApi(t.app, t.database.db, {}, async () => used);
    await expect(
      registerEmployerViaApi(t.app, t.database.db, {}, async () => used),
    ).rejects.toThrow(/CAPTCHA_INVALID/);
    const rows = await t.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, name));
    expect(rows).toHaveLength(0);
  });

  it('refuses a licence already claimed by another registration', async () => {
    const first = await registerEmployerViaApi(t.app, t.database.db);
    await expect(
      registerEmployerViaApi(t.app, t.database.db, { licenceFileId: first.licenceFileId }),
    ).rejects.toThrow(/licenceFileId/);
  });
});

describe('registration steps 2 and 3', () => {
  it('applies at schools, re-applying changes nothing while pending, and stores the channel', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const school = await createOrganization(t.database.db, 'school');
    const year = new Date().getFullYear();
    const apply = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/employer/admissions',
        headers: e.headers,
        payload: { applications: [{ schoolId: school.id, graduationYear: year }] },
      });
    const res = await apply();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([
      { schoolId: school.id, schoolName: school.name, graduationYear: year, status: 'pending' },
    ]);
    expect((await apply()).json()).toHaveLength(1);
    const rows = await t.database.db
      .select()
      .from(admissions)
      .where(eq(admissions.employerId, e.organizationId));
    expect(rows).toHaveLength(1);

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/employer/admissions',
      headers: e.headers,
      payload: { applications: [{ schoolId: school.id, graduationYear: year - 5 }] },
    });
    expect(bad.statusCode).toBe(400);

    const channel = await t.app.inject({
      method: 'PUT',
      url: '/api/employer/notification-channel',
      headers: e.headers,
      payload: { channel: 'sms' },
    });
    expect(channel.statusCode).toBe(204);
    const profile = await t.app.inject({
      method: 'GET',
      url: '/api/employer/profile',
      headers: e.headers,
    });
    expect(profile.json().notificationChannel).toBe('sms');
  });
});

describe('GET /api/files/:id', () => {
  it('serves the licence to its owner, the admin, and staff of schools applied to only', async () => {
    const owner = await registerEmployerViaApi(t.app, t.database.db);
    const other = await registerEmployerViaApi(t.app, t.database.db);
    const admin = await signInAs(t.database.db, 'admin');
    const appliedSchool = await signInAs(t.database.db, 'school');
    const otherSchool = await signInAs(t.database.db, 'school');
    await t.app.inject({
      method: 'POST',
      url: '/api/employer/admissions',
      headers: owner.headers,
      payload: {
        applications: [
          { schoolId: appliedSchool.organizationId, graduationYear: new Date().getFullYear() },
        ],
      },
    });
    const get = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: `/api/files/${owner.licenceFileId}`, headers });

    const own = await get(owner.headers);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['content-disposition']).toMatch(/^inline; filename="licence\.png"/);
    // re-encoded on upload (pixels only): still a PNG, no longer the same bytes necessarily
    expect(own.rawPayload.subarray(0, 8).equals(PNG_1X1.subarray(0, 8))).toBe(true);
    expect((await get(admin.headers)).statusCode).toBe(200);
    expect((await get(appliedSchool.headers)).statusCode).toBe(200);
    expect((await get(other.headers)).statusCode).toBe(404);
    expect((await get(otherSchool.headers)).statusCode).toBe(404);
    expect((await get({})).statusCode).toBe(401);
    const seeker = await signInAs(t.database.db, 'seeker');
    expect((await get(seeker.headers)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown id', async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/files/00000000-0000-4000-8000-000000000000',
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('public look-ups', () => {
  it('lists schools with colleges and this year plus the next two', async () => {
    const years = await t.app.inject({ method: 'GET', url: '/api/public/graduation-years' });
    const y = new Date().getFullYear();
    expect(years.json()).toEqual([y, y + 1, y + 2]);
    const schools = await t.app.inject({ method: 'GET', url: '/api/public/schools' });
    expect(schools.statusCode).toBe(200);
    expect(Array.isArray(schools.json())).toBe(true);
  });

  it('multipart helper sanity', () => {
    expect(multipart('a.png', PNG_1X1).headers['content-type']).toMatch(/boundary/);
  });
});
