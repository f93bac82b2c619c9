import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { assertAdmitted } from './admissions.ts';
import { registerEmployerViaApi, type RegisteredEmployer } from './test-helpers.ts';

let t: TestApp;
let employer: RegisteredEmployer;
let schoolA: SignedIn;
let schoolB: SignedIn;
const year = new Date().getFullYear();

beforeAll(async () => {
  t = await createTestApp();
  employer = await registerEmployerViaApi(t.app, t.database.db);
  schoolA = await signInAs(t.database.db, 'school');
  schoolB = await signInAs(t.database.db, 'school');
});
afterAll(() => t.close());

const apply = (e: RegisteredEmployer, schoolId: string, graduationYear = year) =>
  t.app.inject({
    method: 'POST',
    url: '/api/employer/admissions',
    headers: e.headers,
    payload: { applications: [{ schoolId, graduationYear, note: '我司招聘计算机类毕业生' }] },
  });

const queue = (school: SignedIn, status = 'pending') =>
  t.app.inject({
    method: 'GET',
    url: `/api/school/admissions?status=${status}`,
    headers: school.headers,
  });

const review = (school: SignedIn, id: string, action: 'approve' | 'reject', reason?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/school/admissions/${id}/${action}`,
    headers: school.headers,
    ...(reason === undefined ? {} : { payload: { reason } }),
  });

const context = (e: RegisteredEmployer, schoolId: string, graduationYear = year) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/employer/context',
    headers: e.headers,
    payload: { schoolId, graduationYear },
  });

describe('admission review', () => {
  it('goes pending → rejected with reason → (reapply) pending → approved', async () => {
    const applied = await apply(employer, schoolA.organizationId!);
    const id = applied.json()[0].id;

    const list = await queue(schoolA);
    expect(list.statusCode).toBe(200);
    const item = list.json().find((a: { id: string }) => a.id === id);
    expect(item.employer.name).toBe(employer.name);
    expect(item.employer.contactPhone).toBe('139****5678');
    expect(item.note).toBe('我司招聘计算机类毕业生');

    // the other school neither sees nor reviews it
    expect((await queue(schoolB)).json()).toHaveLength(0);
    expect((await review(schoolB, id, 'approve')).statusCode).toBe(404);
    expect((await review(schoolB, id, 'reject', '不符合')).statusCode).toBe(404);

    expect((await review(schoolA, id, 'reject', '')).statusCode).toBe(400);
    const rejected = await review(schoolA, id, 'reject', '营业执照不清晰');
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '营业执照不清晰' });
    expect(rejected.json().reviewedAt).not.toBeNull();

    // the employer sees the state and the reason
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/employer/admissions',
      headers: employer.headers,
    });
    expect(mine.json()[0]).toMatchObject({ id, status: 'rejected', reason: '营业执照不清晰' });

    // a second decision on a decided admission conflicts
    expect((await review(schoolA, id, 'approve')).statusCode).toBe(409);

    // re-applying after rejection goes back to pending
    const again = await apply(employer, schoolA.organizationId!);
    expect(again.json()[0]).toMatchObject({
      id,
      status: 'pending',
      reason: null,
      reviewedAt: null,
    });

    const approved = await review(schoolA, id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');

    // re-applying while approved changes nothing
    expect((await apply(employer, schoolA.organizationId!)).json()[0].status).toBe('approved');

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'admission'), eq(auditLog.targetId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['admission.approve', 'admission.reject']);
    expect(audit.find((a) => a.action === 'admission.reject')!.details).toMatchObject({
      reason: '营业执照不清晰',
    });
  });

  it('answers 404 for an unknown admission', async () => {
    const res = await review(schoolA, '00000000-0000-4000-8000-000000000000', 'approve');
    expect(res.statusCode).toBe(404);
  });

  it('only one of two concurrent decisions wins', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const id = (await apply(e, schoolA.organizationId!)).json()[0].id;
    const results = await Promise.all([
      review(schoolA, id, 'approve'),
      review(schoolA, id, 'reject', '重复'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});

describe('employer context and assertAdmitted', () => {
  it('switches only to a school and year where approved', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const id = (await apply(e, schoolB.organizationId!)).json()[0].id;

    const refused = await context(e, schoolB.organizationId!);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('NOT_ADMITTED');
    await expect(
      assertAdmitted(t.database.db, e.organizationId, schoolB.organizationId!, year),
    ).rejects.toMatchObject({ code: 'NOT_ADMITTED' });

    await review(schoolB, id, 'approve');
    const ok = await context(e, schoolB.organizationId!);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().context).toEqual({ schoolId: schoolB.organizationId, graduationYear: year });
    await assertAdmitted(t.database.db, e.organizationId, schoolB.organizationId!, year);

    // another year at the same school is not admitted
    expect((await context(e, schoolB.organizationId!, year + 1)).statusCode).toBe(403);
    // an unapplied school neither
    expect((await context(e, schoolA.organizationId!)).statusCode).toBe(403);
  });
});
