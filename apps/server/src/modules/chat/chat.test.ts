import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import { eq, sql } from 'drizzle-orm';
import type { ChatMessage } from '@hirehall/shared/chat';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../platform/db/database.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { multipart } from '../applications/applications.fixtures.ts';
import { chatMessages } from './chat.tables.ts';
import {
  baseUrlOf,
  call,
  createApplication,
  openedConversation,
  socketFor,
  text,
} from './chat.fixtures.ts';

let t: TestApp;
let base: string;
const sockets: Socket[] = [];
const db = () => t.database.db;
const track = (s: Socket) => (sockets.push(s), s);

beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = baseUrlOf(t.app);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

describe('opening a conversation', () => {
  it('the employer of the application opens it once; others get 404, a seeker cannot open', async () => {
    const employer = await signInAs(db(), 'employer');
    const rival = await signInAs(db(), 'employer');
    const seeker = await signInAs(db(), 'seeker');
    const { application } = await createApplication(db(), employer, seeker);
    const open = (who: typeof employer) =>
      t.app.inject({
        method: 'POST',
        url: '/api/chat/conversations',
        headers: who.headers,
        payload: { applicationId: application.id },
      });
    const first = await open(employer);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ applicationId: application.id, lastSeq: 0, unread: 0 });
    expect((await open(employer)).json().id).toBe(first.json().id);
    expect((await open(rival)).statusCode).toBe(404);
    expect((await open(seeker)).statusCode).toBe(403);
  });
});

describe('authorization', () => {
  it('no one joins, reads or writes a conversation that is not theirs', async () => {
    const { conversationId } = await openedConversation(t.app, db());
    const rival = await signInAs(db(), 'employer');
    const stranger = await signInAs(db(), 'seeker');
    for (const who of [rival, stranger]) {
      const s = track(await socketFor(base, who));
      expect(await call(s, 'chat:join', { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(s, 'chat:send', text(conversationId, '你好'))).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await call(s, 'chat:sync', { conversationId, afterSeq: 0 })).toMatchObject({
        ok: false,
      });
      const rest = await t.app.inject({
        method: 'GET',
        url: `/api/chat/conversations/${conversationId}/messages`,
        headers: who.headers,
      });
      expect(rest.statusCode).toBe(404);
      const post = await t.app.inject({
        method: 'POST',
        url: `/api/chat/conversations/${conversationId}/messages`,
        headers: who.headers,
        payload: { clientId: randomUUID(), kind: 'text', body: '插一句' },
      });
      expect(post.statusCode).toBe(404);
    }
    const [stored] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from chat_messages where conversation_id = ${conversationId}`,
    );
    expect(stored!.n).toBe(0);
  });

  it('refuses a socket without a session', async () => {
    const { io } = await import('socket.io-client');
    const s = track(io(base, { transports: ['websocket'], reconnection: false }));
    const err = await new Promise<Error & { data?: { code: string } }>((r) =>
      s.once('connect_error', r),
    );
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });
});

describe('messages', () => {
  it('persists before the ack, delivers to the other side, and a retry never duplicates', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    const ss = track(await socketFor(base, seeker));
    // the seeker's second tab: it hears both sides
    const otherTab = track(await socketFor(base, seeker));
    const received: ChatMessage[] = [];
    const receivedByOtherTab: ChatMessage[] = [];
    ss.on('chat:message', (m: ChatMessage) => received.push(m));
    otherTab.on('chat:message', (m: ChatMessage) => receivedByOtherTab.push(m));

    const msg = text(conversationId, '您好，请问下周二可以来面试吗？😊');
    const ack = await call<ChatMessage>(es, 'chat:send', msg);
    expect(ack.ok).toBe(true);
    // the ack came after the commit: the row is there
    const rows = await db()
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.clientId, msg.clientId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: 1, body: msg.body, senderSide: 'employer' });

    // retries, even concurrent ones, return the stored message
    const retries = await Promise.all([
      call<ChatMessage>(es, 'chat:send', msg),
      call<ChatMessage>(es, 'chat:send', msg),
    ]);
    for (const r of retries)
      expect(r).toMatchObject({ ok: true, data: { seq: 1, clientId: msg.clientId } });
    const next = await call<ChatMessage>(ss, 'chat:send', text(conversationId, '可以的，谢谢！'));
    expect(next).toMatchObject({ ok: true, data: { seq: 2, senderSide: 'seeker' } });
    await expect.poll(() => receivedByOtherTab.length).toBe(2);
    expect(receivedByOtherTab.map((m) => m.seq)).toEqual([1, 2]);
    // the sending socket has its message in the ack: no echo frame
    expect(received.map((m) => m.seq)).toEqual([1]);
    const count = await db()
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.conversationId, conversationId));
    expect(count).toHaveLength(2);

    // someone else reusing the client id is refused
    const other = await openedConversation(t.app, db());
    const os = track(await socketFor(base, other.employer));
    expect(
      await call(os, 'chat:send', { ...msg, conversationId: other.conversationId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE' },
    });
  });

  it('catches up after a reconnect from the last sequence number', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    let ss = track(await socketFor(base, seeker));
    await call(es, 'chat:send', text(conversationId, '第一条'));
    const seen = await call<{ items: ChatMessage[] }>(ss, 'chat:sync', {
      conversationId,
      afterSeq: 0,
    });
    const lastSeq = seen.ok ? seen.data.items.at(-1)!.seq : -1;
    expect(lastSeq).toBe(1);
    ss.close();
    for (const body of ['第二条', '第三条', '第四条'])
      await call(es, 'chat:send', text(conversationId, body));
    ss = track(await socketFor(base, seeker));
    const missed = await call<{ items: ChatMessage[]; hasMore: boolean }>(ss, 'chat:sync', {
      conversationId,
      afterSeq: lastSeq,
    });
    expect(missed.ok && missed.data.items.map((m) => [m.seq, m.body])).toEqual([
      [2, '第二条'],
      [3, '第三条'],
      [4, '第四条'],
    ]);
    // history paging, newest page first
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/chat/conversations/${conversationId}/messages?limit=2`,
      headers: seeker.headers,
    });
    expect(page.json().items.map((m: ChatMessage) => m.seq)).toEqual([3, 4]);
    expect(page.json().hasMore).toBe(true);
    const older = await t.app.inject({
      method: 'GET',
      url: `/api/chat/conversations/${conversationId}/messages?limit=2&beforeSeq=3`,
      headers: seeker.headers,
    });
    expect(older.json()).toMatchObject({ hasMore: false });
    expect(older.json().items.map((m: ChatMessage) => m.seq)).toEqual([1, 2]);
  });

  it('counts unread, marks read with receipts, and notifies one reply per unread stretch', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    for (const body of ['在吗', '方便聊聊吗'])
      await call(es, 'chat:send', text(conversationId, body));
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/chat/conversations',
      headers: seeker.headers,
    });
    expect(list.json().unread).toBe(2);
    expect(list.json().items[0]).toMatchObject({
      id: conversationId,
      unread: 2,
      lastMessage: '方便聊聊吗',
      peerOnline: true,
    });
    const receipts: unknown[] = [];
    es.on('chat:read-by', (r) => receipts.push(r));
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/chat/conversations/${conversationId}/read`,
      headers: seeker.headers,
      payload: { seq: 2 },
    });
    expect(read.json()).toEqual({ seq: 2 });
    await expect.poll(() => receipts).toEqual([{ conversationId, side: 'seeker', seq: 2 }]);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/chat/conversations',
      headers: seeker.headers,
    });
    expect(after.json().unread).toBe(0);
    const events = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from outbox_events where kind = 'chat.employer_replied' and payload->>'conversationId' = ${conversationId}`,
    );
    expect(events[0]!.n).toBe(1);
    await call(es, 'chat:send', text(conversationId, '期待您的回复'));
    const again = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from outbox_events where kind = 'chat.employer_replied' and payload->>'conversationId' = ${conversationId}`,
    );
    expect(again[0]!.n).toBe(2);
  });

  it('limits input length and rate per user', async () => {
    const { employer, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    expect(await call(es, 'chat:send', text(conversationId, '长'.repeat(1001)))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await call(es, 'chat:send', text(conversationId, '   '))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const answers = [];
    for (let i = 0; i < 21; i++)
      answers.push(await call(es, 'chat:send', text(conversationId, `第${i}条`)));
    expect(answers.slice(0, 20).every((a) => a.ok)).toBe(true);
    expect(answers[20]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('limits join, sync and read calls per user too', async () => {
    const { seeker, conversationId } = await openedConversation(t.app, db());
    const ss = track(await socketFor(base, seeker));
    const answers = [];
    for (let i = 0; i < 20; i++) {
      answers.push(await call(ss, 'chat:join', { conversationId }));
      answers.push(await call(ss, 'chat:sync', { conversationId, afterSeq: 0 }));
      answers.push(await call(ss, 'chat:read', { conversationId, seq: 0 }));
    }
    expect(answers.every((a) => a.ok)).toBe(true); // 60 calls: the budget
    expect(await call(ss, 'chat:sync', { conversationId, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await call(ss, 'chat:join', { conversationId })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
  });

  it('flags deposits, 加微信/QQ and outside links for the seeker and counts them for the admin', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    const ack = await call<ChatMessage>(
      es,
      'chat:send',
      text(
        conversationId,
        '入职前需交300元押金，加我微信 hr888 详谈，或看 http://jobs.example.top',
      ),
    );
    expect(ack.ok && ack.data.flags).toEqual(['deposit', 'off_platform', 'outside_link']);
    const ok = await call<ChatMessage>(
      es,
      'chat:send',
      text(conversationId, '请于周二上午十点到公司面试'),
    );
    expect(ok.ok && ok.data.flags).toEqual([]);
    const conv = await t.app.inject({
      method: 'GET',
      url: `/api/chat/conversations/${conversationId}`,
      headers: seeker.headers,
    });
    expect(conv.json().flagged).toBe(true);
    const admin = await signInAs(db(), 'admin');
    const stats = await t.app.inject({
      method: 'GET',
      url: '/api/admin/chat/safety',
      headers: admin.headers,
    });
    expect(stats.json().byFlag).toMatchObject({ deposit: 1, off_platform: 1, outside_link: 1 });
    expect(stats.json().organizations).toContainEqual(
      expect.objectContaining({ organizationId: employer.organizationId, flaggedMessages: 1 }),
    );
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/chat/safety',
          headers: employer.headers,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('sends images: sniffed, re-encoded, with a thumbnail only the two sides can fetch', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const png = await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#3366cc' },
    })
      .png()
      .toBuffer();
    const up = multipart('photo.gif', png, 'image/gif');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/chat/conversations/${conversationId}/images`,
      headers: { ...employer.headers, ...up.headers },
      payload: up.payload,
    });
    expect(res.statusCode).toBe(200);
    const { fileId } = res.json();
    const bad = multipart('x.png', Buffer.from('%PDF-1.4 not an image'), 'image/png');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/chat/conversations/${conversationId}/images`,
      headers: { ...employer.headers, ...bad.headers },
      payload: bad.payload,
    });
    expect(refused.statusCode).toBe(415);

    const es = track(await socketFor(base, employer));
    const ack = await call<ChatMessage>(es, 'chat:send', {
      conversationId,
      clientId: randomUUID(),
      kind: 'image',
      imageFileId: fileId,
    });
    expect(ack.ok).toBe(true);
    const m = ack.ok ? ack.data : null;
    expect(m!.imageUrl).toBe(`/api/chat/files/${fileId}`);
    const thumb = await t.app.inject({ method: 'GET', url: m!.thumbUrl!, headers: seeker.headers });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(240);
    const stranger = await signInAs(db(), 'seeker');
    expect(
      (await t.app.inject({ method: 'GET', url: m!.imageUrl!, headers: stranger.headers }))
        .statusCode,
    ).toBe(404);
    // an image uploaded by someone else cannot be sent
    const ss = track(await socketFor(base, seeker));
    expect(
      await call(ss, 'chat:send', {
        conversationId,
        clientId: randomUUID(),
        kind: 'image',
        imageFileId: fileId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('negotiation hall', () => {
  it('lists the candidates who applied with presence and conversation, filtered by mark', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const ss = track(await socketFor(base, seeker));
    const hall = await t.app.inject({
      method: 'GET',
      url: '/api/chat/hall',
      headers: employer.headers,
    });
    expect(hall.statusCode).toBe(200);
    expect(hall.json().candidates).toEqual([
      expect.objectContaining({
        seekerAccountId: seeker.accountId,
        online: true,
        conversationId,
        mark: null,
      }),
    ]);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/chat/hall?mark=qualified',
      headers: employer.headers,
    });
    expect(none.json().candidates).toEqual([]);
    // presence updates for watched candidates only
    const es = track(await socketFor(base, employer));
    const watch = await call<{ online: string[] }>(es, 'presence:watch', {
      accountIds: [seeker.accountId, randomUUID()],
    });
    expect(watch).toEqual({ ok: true, data: { online: [seeker.accountId] } });
    const changed = new Promise((r) => es.on('presence:changed', r));
    ss.close();
    expect(await changed).toEqual({ accountId: seeker.accountId, online: false });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/chat/hall', headers: seeker.headers }))
        .statusCode,
    ).toBe(403);
  });
});

describe('presence peer', () => {
  it('joining tells each side whose presence events are its peer', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    const ss = track(await socketFor(base, seeker));
    expect(await call(es, 'chat:join', { conversationId })).toMatchObject({
      ok: true,
      data: { peerOnline: true, peer: { accountId: seeker.accountId } },
    });
    expect(await call(ss, 'chat:join', { conversationId })).toMatchObject({
      ok: true,
      data: { peerOnline: true, peer: { organizationId: employer.organizationId } },
    });
  });
});

describe('HTTP reads', () => {
  it('are rate-limited per account with a coded Chinese answer; another account is unaffected', async () => {
    const { seeker } = await openedConversation(t.app, db());
    const other = await signInAs(db(), 'seeker');
    const list = (who: typeof seeker) =>
      t.app.inject({ method: 'GET', url: '/api/chat/conversations', headers: who.headers });
    for (let i = 0; i < 300; i++) expect((await list(seeker)).statusCode).toBe(200);
    const refused = await list(seeker);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      error: { code: 'RATE_LIMITED', message: '刷新过于频繁，请稍后再试' },
    });
    expect((await list(other)).statusCode).toBe(200);
  });
});
