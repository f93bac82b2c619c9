import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { clauseKeys } from '@hirehall/shared/agreements';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { outboxEvents } from '../../platform/events/outbox.tables.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { agreements } from './agreements.tables.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
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

describe('offers', () => {
  it('needs the school-and-year context and an approved admission', async () => {
    const hr = await signInAs(db(), 'employer');
    const res = await t.app.inject({ url: '/api/employer/signing/signable', headers: hr.headers });
    expect(res.json().error.code).toBe('SIGNING_CONTEXT_REQUIRED');
  });

  it('lists only approved graduates as signable; others get the seed explanation', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const ok = await w.graduate();
    const pending = await w.graduate('imported');
    const list = await t.app.inject({ url: '/api/employer/signing/signable', headers: hr.headers });
    const ids = list.json().items.map((g: { id: string }) => g.id);
    expect(ids).toContain(ok.record.id);
    expect(ids).not.toContain(pending.record.id);
    const res = await post(t.app, hr, '/api/employer/agreements', {
      graduateId: pending.record.id,
      terms,
      confirmedClauses: clauseKeys,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('GRADUATE_NOT_FOUND');
    expect(res.json().error.message).toContain('尚未导入或学院尚未审核');
  });

  it('sends only when every clause is confirmed; withdraw, edit and resend before the answer', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const saved = await post(t.app, hr, '/api/employer/agreements', {
      graduateId: record.id,
      terms,
      confirmedClauses: ['position'],
    });
    expect(saved.json()).toMatchObject({ status: 'draft', employer: { contactName: '李经理' } });
    const id = saved.json().id;
    const early = await post(t.app, hr, `/api/employer/agreements/${id}/send`);
    expect(early.json().error.code).toBe('CLAUSES_NOT_CONFIRMED');
    // the graduate does not see drafts
    const hidden = await t.app.inject({ url: `/api/agreements/${id}`, headers: seeker.headers });
    expect(hidden.statusCode).toBe(404);

    await t.app.inject({
      method: 'PUT',
      url: `/api/employer/agreements/${id}`,
      headers: hr.headers,
      payload: { terms, confirmedClauses: clauseKeys },
    });
    const sent = await post(t.app, hr, `/api/employer/agreements/${id}/send`);
    expect(sent.json().status).toBe('sent');
    const deadline = new Date(sent.json().deadlineAt).getTime();
    expect(Math.round((deadline - Date.now()) / 86_400_000)).toBe(5);
    const [event] = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.offer_received'));
    expect(event!.recipientAccountIds).toEqual([seeker.accountId]);

    const editWhileSent = await t.app.inject({
      method: 'PUT',
      url: `/api/employer/agreements/${id}`,
      headers: hr.headers,
      payload: { terms, confirmedClauses: clauseKeys },
    });
    expect(editWhileSent.statusCode).toBe(409);
    expect((await post(t.app, hr, `/api/employer/agreements/${id}/withdraw`)).json().status).toBe(
      'draft',
    );
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/employer/agreements/${id}`,
      headers: hr.headers,
      payload: { terms: { ...terms, monthlySalary: 15000 }, confirmedClauses: clauseKeys },
    });
    expect(edited.json().terms.monthlySalary).toBe(15000);
    expect((await post(t.app, hr, `/api/employer/agreements/${id}/send`)).json().status).toBe(
      'sent',
    );

    // another employer sees nothing of it
    const other = await admittedEmployer(db(), w.schoolId);
    expect(
      (await t.app.inject({ url: `/api/agreements/${id}`, headers: other.headers })).statusCode,
    ).toBe(404);
    expect((await post(t.app, other, `/api/employer/agreements/${id}/withdraw`)).statusCode).toBe(
      404,
    );
  });

  it('graduate inbox shows pending offers with deadlines; reject needs a reason', async () => {
    const a = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, a, record.id);
    const inbox = await t.app.inject({ url: '/api/graduate/agreements', headers: seeker.headers });
    expect(inbox.json().items[0]).toMatchObject({ id, status: 'sent' });
    expect(inbox.json().items[0].deadlineAt).toBeTruthy();
    expect(
      (await post(t.app, seeker, `/api/graduate/agreements/${id}/reject`, { reason: '' }))
        .statusCode,
    ).toBe(400);
    const rej = await post(t.app, seeker, `/api/graduate/agreements/${id}/reject`, {
      reason: '已选择读研',
    });
    expect(rej.json()).toMatchObject({ status: 'rejected', responseReason: '已选择读研' });
    const stranger = await signInAs(db(), 'seeker');
    expect((await post(t.app, stranger, `/api/graduate/agreements/${id}/accept`)).statusCode).toBe(
      404,
    );
  });

  it('expired offers close themselves and cannot be accepted', async () => {
    const a = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, a, record.id);
    await db()
      .update(agreements)
      .set({ deadlineAt: sql`now() - interval '1 minute'` })
      .where(eq(agreements.id, id));
    const acc = await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    expect(acc.json().error.code).toBe('OFFER_EXPIRED');
    const inbox = await t.app.inject({ url: '/api/graduate/agreements', headers: seeker.headers });
    expect(inbox.json().items.find((x: { id: string }) => x.id === id).status).toBe('expired');
    const audits = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'agreement.expire'));
    expect(audits.some((x) => x.targetId === id)).toBe(true);
  });

  it('accepting locks the graduate and closes the other pending offers with a notice', async () => {
    const a = await admittedEmployer(db(), w.schoolId);
    const b = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const offerA = await sendOfferVia(t.app, a, record.id);
    const offerB = await sendOfferVia(t.app, b, record.id);
    const acc = await post(t.app, seeker, `/api/graduate/agreements/${offerA}/accept`);
    expect(acc.json()).toMatchObject({ status: 'accepted', reviewStatus: 'college_pending' });
    const closedB = await t.app.inject({ url: `/api/agreements/${offerB}`, headers: b.headers });
    expect(closedB.json().status).toBe('superseded');
    const notices = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.offer_closed'));
    expect(notices.some((e) => e.recipientOrganizationIds.includes(b.organizationId!))).toBe(true);
    const accepted = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.accepted'));
    expect(accepted.some((e) => e.recipientOrganizationIds.includes(a.organizationId!))).toBe(true);
    // no longer signable, and no new offer can be made
    const c = await admittedEmployer(db(), w.schoolId);
    const list = await t.app.inject({ url: '/api/employer/signing/signable', headers: c.headers });
    expect(list.json().items.map((g: { id: string }) => g.id)).not.toContain(record.id);
    const res = await post(t.app, c, '/api/employer/agreements', {
      graduateId: record.id,
      terms,
      confirmedClauses: clauseKeys,
    });
    expect(res.json().error.code).toBe('GRADUATE_LOCKED');
  });

  it('two offers accepted at the same instant: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await admittedEmployer(db(), w.schoolId);
      const b = await admittedEmployer(db(), w.schoolId);
      const { seeker, record } = await w.graduate();
      const offerA = await sendOfferVia(t.app, a, record.id);
      const offerB = await sendOfferVia(t.app, b, record.id);
      const results = await Promise.all([
        post(t.app, seeker, `/api/graduate/agreements/${offerA}/accept`),
        post(t.app, seeker, `/api/graduate/agreements/${offerB}/accept`),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const accepted = await db()
        .select()
        .from(agreements)
        .where(and(eq(agreements.graduateRecordId, record.id), eq(agreements.status, 'accepted')));
      expect(accepted).toHaveLength(1);
    }
  });

  it('the database refuses a second accepted agreement for one graduate', async () => {
    const a = await admittedEmployer(db(), w.schoolId);
    const b = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const offerA = await sendOfferVia(t.app, a, record.id);
    const offerB = await sendOfferVia(t.app, b, record.id);
    await post(t.app, seeker, `/api/graduate/agreements/${offerA}/accept`);
    await expect(
      db().update(agreements).set({ status: 'accepted' }).where(eq(agreements.id, offerB)),
    ).rejects.toThrow();
  });

  it('a replayed accept (same Idempotency-Key) has one effect', async () => {
    const a = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, a, record.id);
    const headers = { ...seeker.headers, 'idempotency-key': 'accept-once' };
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/graduate/agreements/${id}/accept`,
      headers,
    });
    const second = await t.app.inject({
      method: 'POST',
      url: `/api/graduate/agreements/${id}/accept`,
      headers,
    });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.kind, 'agreement.accepted'));
    expect(events.filter((e) => e.payload.agreementId === id)).toHaveLength(1);
  });
});
