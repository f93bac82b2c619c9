import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackTransitions, feedbackStates, feedbackEvents } from '@hirehall/shared/feedback';
import { nextState } from '@hirehall/shared/workflow';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { chatMessages, conversations } from '../chat/chat.tables.ts';

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(name: string, bytes: Buffer, mime: string) {
  const boundary = '----hh' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

let t: TestApp;
let seeker: SignedIn;
let admin: SignedIn;
let school: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  seeker = await signInAs(t.database.db, 'seeker');
  admin = await signInAs(t.database.db, 'admin');
  school = await signInAs(t.database.db, 'school');
});
afterAll(() => t.close());

describe('feedback transition table', () => {
  it('allows exactly new → in_progress → resolved, resolve from new, and reopen', () => {
    const allowed = feedbackStates.flatMap((s) =>
      feedbackEvents.map((e) => [s, e, nextState(feedbackTransitions, s, e) ?? null]),
    );
    expect(allowed).toEqual([
      ['new', 'start', 'in_progress'],
      ['new', 'resolve', 'resolved'],
      ['new', 'reopen', null],
      ['in_progress', 'start', null],
      ['in_progress', 'resolve', 'resolved'],
      ['in_progress', 'reopen', null],
      ['resolved', 'start', null],
      ['resolved', 'resolve', null],
      ['resolved', 'reopen', 'in_progress'],
    ]);
  });
});

describe('feedback → admin queue → reply reaches the sender', () => {
  it('takes a malfunction report with a screenshot, and the admin replies and resolves', async () => {
    const { body, contentType } = multipart('shot.png', PNG_1PX, 'image/png');
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/feedback/screenshots',
      headers: { ...seeker.headers, 'content-type': contentType },
      payload: body,
    });
    expect(up.statusCode).toBe(201);
    const fileId = up.json().fileId as string;

    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: seeker.headers,
      payload: {
        kind: 'malfunction',
        content: '职位搜索页点击后没有反应',
        screenshotFileIds: [fileId],
      },
    });
    expect(sent.statusCode).toBe(201);
    const item = sent.json();
    expect(item.status).toBe('new');
    expect(item.screenshotFileIds).toEqual([fileId]);

    // the screenshot: sender and admin yes, another person no
    const other = await signInAs(t.database.db, 'seeker');
    const shot = (h: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: `/api/feedback/screenshots/${fileId}`, headers: h });
    expect((await shot(seeker.headers)).statusCode).toBe(200);
    expect((await shot(admin.headers)).headers['content-type']).toBe('image/png');
    expect((await shot(other.headers)).statusCode).toBe(404);

    // another person cannot use someone else's screenshot
    const stolen = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: other.headers,
      payload: { kind: 'suggestion', content: '希望增加夜间模式', screenshotFileIds: [fileId] },
    });
    expect(stolen.statusCode).toBe(404);

    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/admin/feedback?status=new',
      headers: admin.headers,
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(item.id);
    expect(queue.json().counts.new).toBeGreaterThanOrEqual(1);

    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/admin/feedback/${item.id}/replies`,
      headers: admin.headers,
      payload: { body: '已修复，请更新后重试', resolve: true },
    });
    expect(replied.statusCode).toBe(201);
    expect(replied.json().status).toBe('resolved');
    expect(replied.json().resolutionMinutes).toBe(0);
    expect(replied.json().replies[0].body).toBe('已修复，请更新后重试');

    await t.app.dispatcher.runOnce();
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: seeker.headers,
    });
    expect(inbox.statusCode).toBe(200);
    const n = inbox.json().items.find((x: { kind: string }) => x.kind === 'feedback.replied');
    expect(n.title).toContain('功能异常');
    expect(n.body).toBe('已修复，请更新后重试');
    expect(n.link).toBe('/seeker/feedback');

    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/feedback/mine',
      headers: seeker.headers,
    });
    expect(mine.json()[0].replies).toHaveLength(1);
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/feedback/mine',
      headers: other.headers,
    });
    expect(theirs.json()).toEqual([]);
  });

  it('moves by the table only and answers CONFLICT otherwise', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: school.headers,
      payload: { kind: 'suggestion', content: '希望统计页能导出Excel' },
    });
    const id = sent.json().id as string;
    const move = (event: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/feedback/${id}/transition`,
        headers: admin.headers,
        payload: { event },
      });
    expect((await move('reopen')).statusCode).toBe(409);
    expect((await move('start')).json().status).toBe('in_progress');
    expect((await move('start')).statusCode).toBe(409);
    expect((await move('resolve')).json().status).toBe('resolved');
    expect((await move('reopen')).json().status).toBe('in_progress');
  });

  it('accepts abuse reports only with an existing target', async () => {
    const org = await createOrganization(t.database.db, 'company', '某某虚假招聘公司');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: seeker.headers,
      payload: { kind: 'abuse', content: '该公司以招聘为名收取培训费', reason: '欺诈' },
    });
    expect(missing.statusCode).toBe(400);
    const ghost = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: seeker.headers,
      payload: {
        kind: 'abuse',
        content: '该公司以招聘为名收取培训费',
        target: { type: 'organization', id: '00000000-0000-4000-8000-000000000000' },
      },
    });
    expect(ghost.statusCode).toBe(404);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: seeker.headers,
      payload: {
        kind: 'abuse',
        content: '该公司以招聘为名收取培训费',
        reason: '欺诈',
        target: { type: 'organization', id: org.id },
      },
    });
    expect(ok.statusCode).toBe(201);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/admin/feedback/${ok.json().id}`,
      headers: admin.headers,
    });
    expect(detail.json().targetLabel).toBe('某某虚假招聘公司');
  });

  it('takes a report against a chat message and shows the admin its words', async () => {
    const db = t.database.db;
    const org = await createOrganization(db, 'company');
    const [job] = await db
      .insert(jobPostings)
      .values({ organizationId: org.id, title: '客服', status: 'published' })
      .returning();
    const [application] = await db
      .insert(applications)
      .values({
        seekerAccountId: seeker.accountId,
        jobId: job!.id,
        organizationId: org.id,
        resumeSnapshot: {},
      })
      .returning();
    const [conversation] = await db
      .insert(conversations)
      .values({
        applicationId: application!.id,
        organizationId: org.id,
        seekerAccountId: seeker.accountId,
      })
      .returning();
    const [message] = await db
      .insert(chatMessages)
      .values({
        conversationId: conversation!.id,
        seq: 1,
        clientId: randomUUID(),
        senderSide: 'employer',
        kind: 'text',
        body: '先交500元培训费才能入职',
      })
      .returning();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: seeker.headers,
      payload: {
        kind: 'abuse',
        content: '招聘方要求先交培训费',
        reason: '欺诈',
        target: { type: 'message', id: message!.id },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().targetLabel).toBe('先交500元培训费才能入职');
  });

  it('keeps the queue to the platform admin', async () => {
    for (const who of [seeker, school]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/admin/feedback',
        headers: who.headers,
      });
      expect(res.statusCode).toBe(403);
    }
    const anon = await t.app.inject({ method: 'GET', url: '/api/admin/feedback' });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: { cookie: seeker.headers.cookie! },
      payload: { kind: 'suggestion', content: '希望增加夜间模式' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
