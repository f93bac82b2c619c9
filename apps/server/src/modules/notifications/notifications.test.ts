import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { io as connect, type Socket } from 'socket.io-client';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs } from '../../../test/fixtures.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { devOutbox } from '../accounts/accounts.tables.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { mailAttachmentsOf } from './notifications.deliveries.ts';
import { queryRows } from '../../platform/db/database.ts';
import { parties, invite, post } from '../interviews/interviews.fixtures.ts';
import type { SignedIn } from '../../../test/fixtures.ts';
import { OfficialAccountWechat } from '../../platform/wechat/wechat.ts';

/** A local SMTP server that refuses the first `failFirst` messages, then keeps the rest. */
async function startSmtp(failFirst = 0) {
  const mails: { to: string[]; raw: string }[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refused < failFirst) {
          refused++;
          return callback(Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
        }
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  smtp = await startSmtp(2);
  t = await createTestApp({
    HIREHALL_DISPATCHER: '0',
    HIREHALL_MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_SECURE: '0',
    HIREHALL_PUBLIC_URL: 'https://hall.example.cn',
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
  await smtp.close();
});

const db = () => t.database.db;
const emit = (event: Parameters<typeof appendEvent>[1]) =>
  db().transaction((tx) => appendEvent(tx, event));

describe('notification centre', () => {
  it('lists an event for its recipient only, counts unread and marks read', async () => {
    const seeker = await signInAs(db(), 'seeker');
    const other = await signInAs(db(), 'seeker');
    await emit({
      kind: 'interview.invited',
      recipientAccountIds: [seeker.accountId],
      payload: {
        title: '面试邀约：前端开发',
        body: '5月20日 14:00 线上面试',
        link: '/seeker/interviews',
      },
    });
    await t.app.dispatcher.runOnce();

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: seeker.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().unread).toBe(1);
    expect(list.json().items[0]).toMatchObject({
      kind: 'interview.invited',
      title: '面试邀约：前端开发',
      link: '/seeker/interviews',
      readAt: null,
    });
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: other.headers,
    });
    expect(theirs.json().items).toEqual([]);

    const id = list.json().items[0].id;
    // someone else cannot mark it read
    await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: other.headers,
      payload: { ids: [id] },
    });
    const still = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/unread-count',
      headers: seeker.headers,
    });
    expect(still.json().unread).toBe(1);

    const read = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: seeker.headers,
      payload: { ids: [id] },
    });
    expect(read.json()).toEqual({ unread: 0 });
  });

  it('refuses anonymous callers and a missing CSRF header', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    const seeker = await signInAs(db(), 'seeker');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie: seeker.headers.cookie! },
      payload: { all: true },
    });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('a replayed event creates nothing twice', async () => {
    const seeker = await signInAs(db(), 'seeker');
    await emit({
      kind: 'system.broadcast',
      recipientAccountIds: [seeker.accountId],
      payload: { title: '维护通知' },
    });
    await t.app.dispatcher.runOnce();
    await db().execute(sql`update outbox_events set processed_at = null`);
    await t.app.dispatcher.runOnce();
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: seeker.headers,
    });
    expect(list.json().items).toHaveLength(1);
  });

  it('pushes the new notification and the unread count to the recipient socket', async () => {
    const seeker = await signInAs(db(), 'seeker');
    const socket = connect(baseUrl, {
      transports: ['websocket'],
      extraHeaders: { cookie: seeker.headers.cookie! },
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const pushed = new Promise<{ notification: { title: string }; unread: number }>((resolve) =>
      socket.on('notification:created', resolve),
    );
    await emit({
      kind: 'chat.employer_replied',
      recipientAccountIds: [seeker.accountId],
      payload: { title: '单位回复了您的消息' },
    });
    await t.app.dispatcher.runOnce();
    const got = await pushed;
    expect(got.notification.title).toBe('单位回复了您的消息');
    expect(got.unread).toBe(1);
  });

  it('refuses a socket without a valid session', async () => {
    const socket = connect(baseUrl, {
      transports: ['websocket'],
      extraHeaders: { cookie: 'hh_session=forged' },
    });
    sockets.push(socket);
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      socket.on('connect_error', resolve),
    );
    expect(err.data?.code).toBe('SESSION_EXPIRED');
  });

  it('sends an admin broadcast to the chosen roles only', async () => {
    const admin = await signInAs(db(), 'admin');
    const seeker = await signInAs(db(), 'seeker');
    const school = await signInAs(db(), 'school');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/broadcasts',
      headers: admin.headers,
      payload: { title: '春季双选会开幕', body: '欢迎参加', roles: ['seeker'] },
    });
    expect(res.statusCode).toBe(202);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/admin/broadcasts',
      headers: seeker.headers,
      payload: { title: 'x', body: 'y', roles: ['seeker'] },
    });
    expect(denied.statusCode).toBe(403);
    await t.app.dispatcher.runOnce();
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: seeker.headers,
    });
    expect(mine.json().items.map((n: { title: string }) => n.title)).toContain('春季双选会开幕');
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: school.headers,
    });
    expect(theirs.json().items).toEqual([]);
  });
});

describe('external channels', () => {
  it("honours the employer's registration channel; a failing SMTP server that recovers delivers exactly once", async () => {
    const org = await createOrganization(db(), 'company');
    await db()
      .update(organizations)
      .set({ notificationChannel: 'email', contactEmail: 'hr@example.cn' })
      .where(eq(organizations.id, org.id));
    const employer = await signInAs(db(), 'employer', { organizationId: org.id });
    const prefs = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/preferences',
      headers: employer.headers,
    });
    expect(
      prefs.json().items.find((i: { kind: string }) => i.kind === 'agreement.accepted').channels,
    ).toEqual(['email']);

    await emit({
      kind: 'agreement.accepted',
      recipientOrganizationIds: [org.id],
      payload: {
        title: '毕业生张三已接受三方协议',
        body: '请等待学院审核',
        link: '/employer/agreements',
      },
    });
    await t.app.dispatcher.runOnce(); // the SMTP server refuses: attempt 1
    const [first] = await db()
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.accountId, employer.accountId));
    expect(first).toMatchObject({ channel: 'email', status: 'pending', attempts: 1 });
    expect(first!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // backoff
    expect(first!.lastError).toContain('mailbox busy');

    // an immediate pass leaves it alone; once due, two processes race for it
    await t.app.dispatcher.runOnce();
    expect(smtp.mails).toHaveLength(0);
    await db().execute(sql`update notification_deliveries set next_attempt_at = now()`);
    await t.app.dispatcher.runOnce(); // attempt 2 refused
    await db().execute(sql`update notification_deliveries set next_attempt_at = now()`);
    await Promise.all([
      t.app.dispatcher.runOnce(),
      t.app.dispatcher.runOnce(),
      t.app.dispatcher.runOnce(),
    ]);
    await t.app.dispatcher.runOnce();

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['hr@example.cn']);
    const [, ...bodyParts] = smtp.mails[0]!.raw.split(/\r?\n\r?\n/);
    const text = Buffer.from(bodyParts.join('').replace(/\s/g, ''), 'base64').toString('utf8');
    expect(text).toContain('毕业生张三已接受三方协议');
    expect(text).toContain('https://hall.example.cn/employer/agreements');
    const [done] = await db()
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, first!.id));
    expect(done).toMatchObject({ status: 'sent', attempts: 3 });
    // in-app as well
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: employer.headers,
    });
    expect(list.json().items[0].title).toBe('毕业生张三已接受三方协议');
  });

  it('a seeker who chose SMS and WeChat for invitations gets both through the dev providers', async () => {
    const seeker = await signInAs(db(), 'seeker');
    await db().execute(
      sql`update accounts set phone = '13812345678' where id = ${seeker.accountId}`,
    );
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: seeker.headers,
      payload: {
        items: [{ kind: 'interview.invited', channels: ['sms', 'wechat'] }],
        wechatOpenId: 'oPENID-test-1',
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().contacts).toEqual({
      email: null,
      phoneMasked: '138****5678',
      wechatBound: true,
    });
    await emit({
      kind: 'interview.invited',
      recipientAccountIds: [seeker.accountId],
      payload: { title: '面试邀约', body: '明天 10:00' },
    });
    await emit({
      kind: 'system.broadcast',
      recipientAccountIds: [seeker.accountId],
      payload: { title: '不发短信' },
    });
    await t.app.dispatcher.runOnce();
    const sms = await db().select().from(devOutbox).where(eq(devOutbox.recipient, '13812345678'));
    expect(sms.map((m) => m.content)).toEqual([expect.stringContaining('面试邀约：明天 10:00')]);
    const wx = await db().select().from(devOutbox).where(eq(devOutbox.recipient, 'oPENID-test-1'));
    expect(wx).toHaveLength(1);
  });
});

describe('application and interview events: one notification per event', () => {
  const inbox = async (who: SignedIn) =>
    (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: who.headers })).json()
      .items as { kind: string; title: string; body: string; link: string | null }[];

  it('an invitation, an answer and a cancellation each notify once, with words', async () => {
    const p = await parties(db());
    // the employer opens the application: the seeker learns it was viewed
    await t.app.inject({
      method: 'GET',
      url: `/api/employer/applications/${p.application.id}`,
      headers: p.employer.headers,
    });
    const id = (await invite(t.app, p.employer, p.application.id)).json().id as string;
    await t.app.dispatcher.runOnce();
    let seekerInbox = await inbox(p.seeker);
    expect(seekerInbox.map((n) => n.kind).sort()).toEqual([
      'application.view',
      'interview.invited',
    ]);
    expect(seekerInbox.find((n) => n.kind === 'application.view')).toMatchObject({
      title: '简历已被查看',
      body: expect.stringContaining(`“${p.job.title}”`),
      link: '/seeker/applications',
    });
    expect(seekerInbox.every((n) => n.title !== '其他通知')).toBe(true);

    await post(t.app, p.employer, `/api/interviews/${id}/cancel`, { reason: '岗位已招满' });
    await t.app.dispatcher.runOnce();
    seekerInbox = await inbox(p.seeker);
    expect(seekerInbox.filter((n) => n.kind !== 'application.view').map((n) => n.title)).toEqual([
      '面试取消',
      '面试邀约',
    ]);

    // a new invitation, declined: the employer hears it once (not also application.decline_interview)
    const again = (await invite(t.app, p.employer, p.application.id)).json().id as string;
    await post(t.app, p.seeker, `/api/interviews/${again}/decline`);
    await t.app.dispatcher.runOnce();
    const employerInbox = await inbox(p.employer);
    expect(
      employerInbox.filter((n) => n.kind.startsWith('interview.')).map((n) => n.title),
    ).toEqual(['求职者不参加面试']);
    expect(employerInbox.some((n) => n.kind.startsWith('application.decline'))).toBe(false);
    expect(employerInbox.every((n) => n.title !== '其他通知')).toBe(true);

    // no silent event left a notification behind for anybody
    const [silent] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from notifications
          where kind in ('application.invite', 'application.cancel_invitation',
                         'application.decline_interview', 'application.mark')`,
    );
    expect(silent!.n).toBe(0);
  });

  it('tells the employer of a new application and of a withdrawal after an invitation only', async () => {
    const employer = await signInAs(db(), 'employer');
    await emit({
      kind: 'application.submitted',
      recipientOrganizationIds: [employer.organizationId!],
      payload: { applicationId: '00000000-0000-4000-8000-000000000000', jobTitle: '不存在' },
    });
    const p = await parties(db());
    await emit({
      kind: 'application.submitted',
      recipientOrganizationIds: [p.employer.organizationId!],
      payload: { applicationId: p.application.id, jobId: p.job.id, jobTitle: p.job.title },
    });
    for (const from of ['submitted', 'invited']) {
      await emit({
        kind: 'application.withdraw',
        recipientOrganizationIds: [p.employer.organizationId!],
        payload: { applicationId: p.application.id, jobId: p.job.id, from, to: 'withdrawn' },
      });
    }
    await t.app.dispatcher.runOnce();
    expect(await inbox(employer)).toEqual([]);
    const items = await inbox(p.employer);
    expect(items.map((n) => n.title).sort()).toEqual(['收到新的应聘', '求职者撤销应聘'].sort());
    expect(items.find((n) => n.title === '收到新的应聘')!.link).toBe(
      `/employer/applications?jobId=${p.job.id}`,
    );
  });

  it('an email delivery carries only well-formed small text attachments', () => {
    const ics = { filename: 'a.ics', content: 'BEGIN:VCALENDAR', contentType: 'text/calendar' };
    expect(mailAttachmentsOf(undefined)).toEqual([]);
    expect(mailAttachmentsOf('x')).toEqual([]);
    expect(
      mailAttachmentsOf([ics, { filename: 'b' }, { ...ics, content: 'x'.repeat(70_000) }, null]),
    ).toEqual([ics]);
  });
});

describe('WeChat official-account adapter', () => {
  it('fetches an access_token, caches it, sends template messages and renews an expired token', async () => {
    const calls: { path: string; body?: unknown }[] = [];
    let tokens = 0;
    let expireNext = false;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (url.pathname === '/cgi-bin/token') {
          calls.push({ path: url.pathname });
          expect(url.searchParams.get('appid')).toBe('wx123');
          expect(url.searchParams.get('grant_type')).toBe('client_credential');
          return res.end(JSON.stringify({ access_token: `tok${++tokens}`, expires_in: 7200 }));
        }
        const body = JSON.parse(raw);
        calls.push({ path: `${url.pathname}?${url.searchParams.get('access_token')}`, body });
        if (expireNext) {
          expireNext = false;
          return res.end(JSON.stringify({ errcode: 42001, errmsg: 'access_token expired' }));
        }
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: 1 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const wx = new OfficialAccountWechat({
      appId: 'wx123',
      appSecret: 'secret',
      templateId: 'TPL',
      templateKeys: { title: 'thing1', body: 'thing2', time: 'time3' },
      apiBase,
    });
    const notice = {
      title: '面试邀约',
      body: '请于明天上午十点参加线上面试',
      url: 'https://h/x',
      time: new Date('2025-05-20T02:00:00Z'),
    };
    await wx.sendTemplate('openid-1', notice);
    await wx.sendTemplate('openid-2', notice);
    expireNext = true;
    await wx.sendTemplate('openid-3', notice);
    server.close();
    expect(calls.map((c) => c.path)).toEqual([
      '/cgi-bin/token',
      '/cgi-bin/message/template/send?tok1',
      '/cgi-bin/message/template/send?tok1',
      '/cgi-bin/message/template/send?tok1',
      '/cgi-bin/token',
      '/cgi-bin/message/template/send?tok2',
    ]);
    expect(calls[1]!.body).toEqual({
      touser: 'openid-1',
      template_id: 'TPL',
      url: 'https://h/x',
      data: {
        thing1: { value: '面试邀约' },
        thing2: { value: '请于明天上午十点参加线上面试' },
        time3: { value: '2025-05-20 10:00' },
      },
    });
  });
});
