import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createCollege, signInAs } from '../../../test/fixtures.ts';
import { clauseKeys } from '@hirehall/shared/agreements';
import { outboxEvents } from '../../platform/events/outbox.tables.ts';
import { graduateRecords } from '../organizations/organizations.tables.ts';
import { agreements } from './agreements.tables.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
  signedAgreement,
  signingWorld,
  terms,
} from './agreements.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  w = await signingWorld(db());
});
afterAll(() => t.close());

describe('review', () => {
  it('accepted → college → school → signed, with notices at each pass', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, hr, record.id);
    // the school cannot skip the college
    expect((await post(t.app, w.school, `/api/school/agreements/${id}/approve`)).statusCode).toBe(
      404,
    );
    await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    expect((await post(t.app, w.school, `/api/school/agreements/${id}/approve`)).statusCode).toBe(
      409,
    );
    const queue = await t.app.inject({
      url: '/api/college/agreements?graduationYear=2026',
      headers: w.college.headers,
    });
    expect(queue.json().items.map((a: { id: string }) => a.id)).toContain(id);
    const c = await post(t.app, w.college, `/api/college/agreements/${id}/approve`);
    expect(c.json().reviewStatus).toBe('school_pending');
    const s = await post(t.app, w.school, `/api/school/agreements/${id}/approve`);
    expect(s.json()).toMatchObject({ status: 'accepted', reviewStatus: 'approved' });
    expect(s.json().agreementNumber).toMatch(/^2026-\d{6}$/);
    expect(s.json().verificationCode).toMatch(/^[A-Z2-9]{16}$/);
    expect(s.json().reviews.map((r: { stage: string }) => r.stage)).toEqual(['college', 'school']);
    const passed = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.review_passed'));
    expect(passed.filter((e) => e.payload.agreementId === id)).toHaveLength(2);
    expect(passed[0]!.recipientOrganizationIds).toEqual([hr.organizationId]);
    // employer's 已签约 tab
    const tab = await t.app.inject({
      url: '/api/employer/agreements?tab=signed',
      headers: hr.headers,
    });
    expect(tab.json().items.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it('a return goes back to the employer with the reason; amend, resend, accept, review again', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, hr, record.id);
    await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    const ret = await post(t.app, w.college, `/api/college/agreements/${id}/return`, {
      reason: '薪资填写有误',
    });
    expect(ret.json()).toMatchObject({
      status: 'draft',
      reviewStatus: 'returned',
      returnReason: '薪资填写有误',
    });
    const notice = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.returned'));
    expect(notice[0]!.recipientOrganizationIds).toEqual([hr.organizationId]);
    expect(notice[0]!.recipientAccountIds).toEqual([seeker.accountId]);
    // the graduate still sees it, with the reason, while the employer amends it
    const inbox = await t.app.inject({ url: '/api/graduate/agreements', headers: seeker.headers });
    expect(inbox.json().items).toEqual([
      expect.objectContaining({ id, reviewStatus: 'returned', returnReason: '薪资填写有误' }),
    ]);
    expect((await post(t.app, hr, `/api/employer/agreements/${id}/send`)).json().status).toBe(
      'sent',
    );
    const again = await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    expect(again.json()).toMatchObject({
      status: 'accepted',
      reviewStatus: 'college_pending',
      returnReason: null,
    });
    await post(t.app, w.college, `/api/college/agreements/${id}/approve`);
    const sret = await post(t.app, w.school, `/api/school/agreements/${id}/return`, {
      reason: '请补充福利',
    });
    expect(sret.json().reviewStatus).toBe('returned');
  });

  it('a returned agreement keeps the graduate bound until the employer resends or gives it up', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const rival = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, hr, record.id);
    await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    await post(t.app, w.college, `/api/college/agreements/${id}/return`, { reason: '岗位不符' });
    // not signable for anyone else while the employer amends it
    const list = await t.app.inject({
      url: '/api/employer/signing/signable',
      headers: rival.headers,
    });
    expect(list.json().items.map((g: { id: string }) => g.id)).not.toContain(record.id);
    const offer = await post(t.app, rival, '/api/employer/agreements', {
      graduateId: record.id,
      terms,
      confirmedClauses: clauseKeys,
    });
    expect(offer.json().error.code).toBe('GRADUATE_LOCKED');
    // the employer gives it up: the graduate is released and told so
    const discarded = await post(t.app, hr, `/api/employer/agreements/${id}/discard`);
    expect(discarded.json().status).toBe('discarded');
    const [released] = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.released'));
    expect(released!.recipientAccountIds).toEqual([seeker.accountId]);
    const signable = await t.app.inject({
      url: '/api/employer/signing/signable',
      headers: rival.headers,
    });
    expect(signable.json().items.map((g: { id: string }) => g.id)).toContain(record.id);
  });

  it('accepting re-checks that the graduate is still approved', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, hr, record.id);
    // a re-import changed the record: it is back in college review
    await db()
      .update(graduateRecords)
      .set({ status: 'imported' })
      .where(eq(graduateRecords.id, record.id));
    const res = await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('GRADUATE_NOT_FOUND');
    const [row] = await db().select().from(agreements).where(eq(agreements.id, id));
    expect(row!.status).toBe('sent');
  });

  it('numbers run per school and year without gaps or duplicates, also when approvals race', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const hr = await admittedEmployer(db(), w.schoolId);
      const { seeker, record } = await w.graduate();
      const id = await sendOfferVia(t.app, hr, record.id);
      await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
      await post(t.app, w.college, `/api/college/agreements/${id}/approve`);
      ids.push(id);
    }
    // a failed approval (wrong state) must not consume a number
    expect(
      (await post(t.app, w.school, `/api/school/agreements/${ids[0]}/return`, { reason: 'x' }))
        .statusCode,
    ).toBe(200);
    const results = await Promise.all(
      ids.map((id) => post(t.app, w.school, `/api/school/agreements/${id}/approve`)),
    );
    expect(results.map((r) => r.statusCode)).toEqual([409, 200, 200, 200]);
    const all = await t.app.inject({
      url: '/api/school/agreements?graduationYear=2026&filter=signed&pageSize=200',
      headers: w.school.headers,
    });
    const numbers = all
      .json()
      .items.map((a: { agreementNumber: string }) => Number(a.agreementNumber.slice(5)))
      .sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(numbers.map((_: number, i: number) => i + 1));
  });

  it('a college sees only its own graduates; a school only its own; other roles nothing', async () => {
    const { id } = await signedAgreement(t.app, db(), w);
    const otherCollege = await signInAs(db(), 'college', {
      organizationId: w.schoolId,
      collegeId: (await createCollege(db(), w.schoolId)).id,
    });
    const otherSchool = await signInAs(db(), 'school');
    const stranger = await signInAs(db(), 'seeker');
    for (const who of [otherCollege, otherSchool, stranger]) {
      expect(
        (await t.app.inject({ url: `/api/agreements/${id}`, headers: who.headers })).statusCode,
      ).toBe(404);
    }
    const q = await t.app.inject({
      url: '/api/college/agreements?graduationYear=2026&filter=all',
      headers: otherCollege.headers,
    });
    expect(q.json().total).toBe(0);
    expect(
      (await t.app.inject({ url: `/api/agreements/${id}`, headers: w.college.headers })).statusCode,
    ).toBe(200);
  });
});
