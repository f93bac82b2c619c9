import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { sql } from 'drizzle-orm';
import type { ChatMessage } from '@hirehall/shared/chat';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../platform/db/database.ts';
import { baseUrlOf, call, openedConversation, socketFor, text } from './chat.fixtures.ts';

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

const countRows = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(db(), query))[0]!.n;

describe('group commit of concurrent messages', () => {
  it('stores a burst from both sides with gapless sequences, each retry once, acks only stored messages', async () => {
    const a = await openedConversation(t.app, db());
    const b = await openedConversation(t.app, db());
    const sides = [
      track(await socketFor(base, a.employer)),
      track(await socketFor(base, a.seeker)),
      track(await socketFor(base, b.employer)),
      track(await socketFor(base, b.seeker)),
    ];
    const retried = randomUUID();
    // all at once: most of them share statements (batches)
    const sends = Array.from({ length: 16 }, (_, i) => {
      const socket = sides[i % 4]!;
      const conversationId = i % 4 < 2 ? a.conversationId : b.conversationId;
      return call<ChatMessage>(
        socket,
        'chat:send',
        text(conversationId, `第${i}条`, i === 0 || i === 4 ? retried : randomUUID()),
      );
    });
    const acks = await Promise.all(sends);
    // the same client id sent twice into one conversation: one message, both acks name it
    expect(acks.every((x) => x.ok)).toBe(true);
    const stored = acks.map((x) => (x.ok ? x.data : null)!);
    expect(stored[0]!.id).toBe(stored[4]!.id);
    for (const conversationId of [a.conversationId, b.conversationId]) {
      const seqs = (
        await queryRows<{ seq: number }>(
          db(),
          sql`select seq from chat_messages where conversation_id = ${conversationId} order by seq`,
        )
      ).map((r) => Number(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const [conv] = await queryRows<{ last_seq: number }>(
        db(),
        sql`select last_seq from conversations where id = ${conversationId}`,
      );
      expect(Number(conv!.last_seq)).toBe(seqs.length);
    }
    expect(
      await countRows(
        sql`select count(*)::int as n from chat_messages where conversation_id in (${a.conversationId}, ${b.conversationId})`,
      ),
    ).toBe(15);
    // a later retry returns the stored message without a new row
    const again = await call<ChatMessage>(
      sides[0]!,
      'chat:send',
      text(a.conversationId, '第0条', retried),
    );
    expect(again).toMatchObject({ ok: true, data: { id: stored[0]!.id, seq: stored[0]!.seq } });
    expect(
      await countRows(
        sql`select count(*)::int as n from chat_messages where client_id = ${retried}`,
      ),
    ).toBe(1);
  });

  it('a message into a conversation that is not the sender’s fails alone; the rest of the burst is stored', async () => {
    const mine = await openedConversation(t.app, db());
    const other = await openedConversation(t.app, db());
    const es = track(await socketFor(base, mine.employer));
    const acks = await Promise.all([
      call<ChatMessage>(es, 'chat:send', text(mine.conversationId, '一')),
      call<ChatMessage>(es, 'chat:send', text(other.conversationId, '越权')),
      call<ChatMessage>(es, 'chat:send', text(mine.conversationId, '二')),
      call<ChatMessage>(es, 'chat:send', text(mine.conversationId, '三')),
    ]);
    expect(acks.map((x) => x.ok)).toEqual([true, false, true, true]);
    expect(acks[1]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(acks.flatMap((x) => (x.ok ? [x.data.seq] : [])).sort()).toEqual([1, 2, 3]);
    expect(
      await countRows(
        sql`select count(*)::int as n from chat_messages where conversation_id = ${other.conversationId}`,
      ),
    ).toBe(0);
  });

  it('notifies the employer’s reply that starts an unread stretch, not replies while the seeker answers in place', async () => {
    const { employer, seeker, conversationId } = await openedConversation(t.app, db());
    const es = track(await socketFor(base, employer));
    const ss = track(await socketFor(base, seeker));
    const events = () =>
      countRows(
        sql`select count(*)::int as n from outbox_events where kind = 'chat.employer_replied' and payload->>'conversationId' = ${conversationId}`,
      );
    await Promise.all([
      call(es, 'chat:send', text(conversationId, '您好')),
      call(es, 'chat:send', text(conversationId, '在吗')),
    ]);
    expect(await events()).toBe(1);
    // the seeker answers in place; the employer's next replies arrive in the open chat
    await call(ss, 'chat:send', text(conversationId, '在的'));
    await call(es, 'chat:send', text(conversationId, '明天面试可以吗'));
    await call(ss, 'chat:send', text(conversationId, '可以'));
    await Promise.all([
      call(es, 'chat:send', text(conversationId, '好的')),
      call(ss, 'chat:send', text(conversationId, '谢谢')),
    ]);
    expect(await events()).toBe(1);
  });
});
