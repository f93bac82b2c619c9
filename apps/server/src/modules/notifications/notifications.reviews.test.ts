import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { queryRows } from '../../platform/db/database.ts';
import { registerEmployerViaApi, type RegisteredEmployer } from '../organizations/test-helpers.ts';

/** Employer review results (入驻审核, 认证信息变更审核) notify the employer's staff. */
let t: TestApp;
let admin: SignedIn;
let school: SignedIn;
const year = new Date().getFullYear();

beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  admin = await signInAs(t.database.db, 'admin');
  school = await signInAs(t.database.db, 'school');
});
afterAll(() => t.close());

const eventsOf = (organizationId: string, kind: string) =>
  queryRows<{ payload: Record<string, unknown> }>(
    t.database.db,
    sql`select payload from outbox_events
        where kind = ${kind} and ${organizationId}::uuid = any(recipient_organization_ids)
        order by created_at`,
  );

async function inbox(e: RegisteredEmployer) {
  await t.app.dispatcher.runOnce();
  const res = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: e.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { kind: string; title: string; body: string }[]; unread: number };
}

async function applyAt(e: RegisteredEmployer) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/employer/admissions',
    headers: e.headers,
    payload: { applications: [{ schoolId: school.organizationId!, graduationYear: year }] },
  });
  expect(res.statusCode).toBeLessThan(300);
  return res.json()[0].id as string;
}

const review = (id: string, action: 'approve' | 'reject', reason?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/school/admissions/${id}/${action}`,
    headers: school.headers,
    ...(reason === undefined ? {} : { payload: { reason } }),
  });

describe('admission review results', () => {
  it('a rejection and a later approval each notify the employer, with the reason', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const id = await applyAt(e);
    expect(await eventsOf(e.organizationId, 'admission.reviewed')).toHaveLength(0);

    expect((await review(id, 'reject', '营业执照不清晰')).statusCode).toBe(200);
    const [rejected] = await eventsOf(e.organizationId, 'admission.reviewed');
    expect(rejected!.payload).toMatchObject({ admissionId: id, approved: false });
    let box = await inbox(e);
    expect(box.items[0]).toMatchObject({ kind: 'admission.reviewed' });
    expect(box.items[0]!.title).toContain('未通过');
    expect(box.items[0]!.body).toContain('营业执照不清晰');

    await applyAt(e); // reapply
    expect((await review(id, 'approve')).statusCode).toBe(200);
    const events = await eventsOf(e.organizationId, 'admission.reviewed');
    expect(events).toHaveLength(2);
    expect(events[1]!.payload).toMatchObject({ approved: true, graduationYear: year });
    box = await inbox(e);
    expect(box.items[0]!.title).toContain('已通过');
    expect(box.unread).toBe(2);
  });

  it('a refused decision (already decided) appends nothing', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const id = await applyAt(e);
    expect((await review(id, 'approve')).statusCode).toBe(200);
    expect((await review(id, 'reject', '重复')).statusCode).toBe(409);
    expect(await eventsOf(e.organizationId, 'admission.reviewed')).toHaveLength(1);
  });
});

describe('certification change results', () => {
  async function requestChange(e: RegisteredEmployer, name: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/employer/certification-changes',
      headers: e.headers,
      payload: { name, creditCode: e.creditCode, licenceFileId: e.licenceFileId },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  it('the admin’s rejection and approval notify the employer', async () => {
    const e = await registerEmployerViaApi(t.app, t.database.db);
    const first = await requestChange(e, `${e.name}（更名）`);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/admin/certification-changes/${first}/reject`,
      headers: admin.headers,
      payload: { reason: '执照与名称不符' },
    });
    expect(rejected.statusCode).toBe(200);
    let box = await inbox(e);
    expect(box.items[0]).toMatchObject({ kind: 'certification.reviewed' });
    expect(box.items[0]!.body).toContain('执照与名称不符');

    const second = await requestChange(e, `${e.name}（新名）`);
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/certification-changes/${second}/approve`,
      headers: admin.headers,
    });
    expect(approved.statusCode).toBe(200);
    const events = await eventsOf(e.organizationId, 'certification.reviewed');
    expect(events.map((x) => x.payload.approved)).toEqual([false, true]);
    box = await inbox(e);
    expect(box.items[0]!.title).toContain('已通过');
    expect(box.items[0]!.body).toContain(`${e.name}（新名）`);
  });
});
