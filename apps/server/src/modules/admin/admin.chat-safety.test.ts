import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { createApplication } from '../chat/chat.fixtures.ts';
import { chatMessages, conversations } from '../chat/chat.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  admin = await signInAs(t.database.db, 'admin');
});
afterAll(() => t.close());

const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers, payload });

/** A conversation of a new employer with messages as the chat module stores them. */
async function conversationWith(messages: { body: string; flags: string[] }[]) {
  const db = t.database.db;
  const employer = await signInAs(db, 'employer');
  const seeker = await signInAs(db, 'seeker');
  const { application } = await createApplication(db, employer, seeker);
  const [conv] = await db
    .insert(conversations)
    .values({
      applicationId: application.id,
      organizationId: employer.organizationId!,
      seekerAccountId: seeker.accountId,
    })
    .returning();
  const ids: string[] = [];
  for (const [i, m] of messages.entries()) {
    const [row] = await db
      .insert(chatMessages)
      .values({
        conversationId: conv!.id,
        seq: i + 1,
        clientId: randomUUID(),
        senderAccountId: employer.accountId,
        senderSide: 'employer',
        kind: 'text',
        body: m.body,
        flags: m.flags,
      })
      .returning({ id: chatMessages.id });
    ids.push(row!.id);
  }
  return { employer, seeker, ids };
}

describe('flagged chat messages', () => {
  it('lists flagged messages with text, flags, sender organization and time, newest first', async () => {
    const { employer, ids } = await conversationWith([
      { body: '入职前需交300元押金', flags: ['deposit'] },
      { body: '请于周二上午十点到公司面试', flags: [] },
      { body: '加我微信 hr888 详谈', flags: ['off_platform'] },
    ]);
    const res = await inject(
      'GET',
      `/api/admin/chat/flagged?organizationId=${employer.organizationId}`,
      admin.headers,
    );
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(2);
    expect(page.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[0]]);
    const deposit = page.items.find((m: { id: string }) => m.id === ids[0]);
    expect(deposit).toMatchObject({
      body: '入职前需交300元押金',
      flags: ['deposit'],
      organizationId: employer.organizationId,
      organizationStatus: 'active',
      review: null,
    });
    expect(deposit.organizationName).toMatch(/^测试company/);
    expect(deposit.senderName).toMatch(/^employer-/);
    expect(Date.parse(deposit.createdAt)).not.toBeNaN();

    const byFlag = await inject(
      'GET',
      `/api/admin/chat/flagged?organizationId=${employer.organizationId}&flag=off_platform`,
      admin.headers,
    );
    expect(byFlag.json().items.map((m: { id: string }) => m.id)).toEqual([ids[2]]);
    const paged = await inject(
      'GET',
      `/api/admin/chat/flagged?organizationId=${employer.organizationId}&pageSize=1&page=2`,
      admin.headers,
    );
    expect(paged.json()).toMatchObject({ total: 2 });
    expect(paged.json().items).toHaveLength(1);
  });

  it('marks a message reviewed or dismissed once, and moves it out of the open queue', async () => {
    const { employer, ids } = await conversationWith([
      { body: '先交培训费500元', flags: ['deposit'] },
      { body: '看看 www.example.com', flags: ['outside_link'] },
    ]);
    const url = (id: string) => `/api/admin/chat/flagged/${id}/review`;
    const dismissed = await inject('POST', url(ids[1]!), admin.headers, { decision: 'dismissed' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json().review).toMatchObject({
      decision: 'dismissed',
      suspendedOrganization: false,
    });
    const again = await inject('POST', url(ids[1]!), admin.headers, { decision: 'reviewed' });
    expect(again.statusCode).toBe(409);
    const reviewed = await inject('POST', url(ids[0]!), admin.headers, {
      decision: 'reviewed',
      note: '收取培训费',
    });
    expect(reviewed.json().review).toMatchObject({ decision: 'reviewed', note: '收取培训费' });
    expect(reviewed.json().review.reviewerName).toMatch(/^admin-/);

    const q = `organizationId=${employer.organizationId}`;
    const open = await inject('GET', `/api/admin/chat/flagged?${q}`, admin.headers);
    expect(open.json().total).toBe(0);
    const done = await inject('GET', `/api/admin/chat/flagged?${q}&state=dismissed`, admin.headers);
    expect(done.json().items.map((m: { id: string }) => m.id)).toEqual([ids[1]]);
    const all = await inject('GET', `/api/admin/chat/flagged?${q}&state=all`, admin.headers);
    expect(all.json().total).toBe(2);

    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, ids[0]!));
    expect(audit.map((a) => a.action)).toEqual(['chat.flag.confirm']);
  });

  it('can suspend the sender organization through the ordinary suspension', async () => {
    const { employer, ids } = await conversationWith([
      { body: '入职需交保证金', flags: ['deposit'] },
    ]);
    const url = `/api/admin/chat/flagged/${ids[0]}/review`;
    const noReason = await inject('POST', url, admin.headers, {
      decision: 'reviewed',
      suspendOrganization: true,
    });
    expect(noReason.statusCode).toBe(400);
    const dismissAndSuspend = await inject('POST', url, admin.headers, {
      decision: 'dismissed',
      note: '原因说明',
      suspendOrganization: true,
    });
    expect(dismissAndSuspend.statusCode).toBe(400);
    const res = await inject('POST', url, admin.headers, {
      decision: 'reviewed',
      note: '在洽谈中收取保证金',
      suspendOrganization: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      organizationStatus: 'suspended',
      review: { decision: 'reviewed', suspendedOrganization: true },
    });
    const [org] = await t.database.db
      .select({ status: organizations.status })
      .from(organizations)
      .where(eq(organizations.id, employer.organizationId!));
    expect(org?.status).toBe('suspended');
    const info = await inject(
      'GET',
      `/api/admin/organizations/${employer.organizationId}/info`,
      admin.headers,
    );
    expect(info.json().suspension).toMatchObject({ cause: 'admin', reason: '在洽谈中收取保证金' });
  });

  it('answers 404 for an unknown or unflagged message', async () => {
    const { ids } = await conversationWith([{ body: '您好', flags: [] }]);
    for (const id of [ids[0]!, randomUUID()]) {
      const res = await inject('POST', `/api/admin/chat/flagged/${id}/review`, admin.headers, {
        decision: 'dismissed',
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('only the platform admin reads or decides them', async () => {
    const { employer, seeker, ids } = await conversationWith([
      { body: '交押金', flags: ['deposit'] },
    ]);
    const school = await signInAs(t.database.db, 'school');
    for (const who of [employer, seeker, school]) {
      const list = await inject('GET', '/api/admin/chat/flagged', who.headers);
      expect(list.statusCode).toBe(403);
      const review = await inject('POST', `/api/admin/chat/flagged/${ids[0]}/review`, who.headers, {
        decision: 'dismissed',
      });
      expect(review.statusCode).toBe(403);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/chat/flagged' });
    expect(anonymous.statusCode).toBe(401);
  });
});
