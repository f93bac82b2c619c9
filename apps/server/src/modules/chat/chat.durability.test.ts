import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatAck, ChatMessage } from '@hirehall/shared/chat';
import { queryRows } from '../../platform/db/database.ts';
import { socketFor, text } from './chat.fixtures.ts';
import {
  createPairs,
  createProcessDatabase,
  startServerProcess,
  type ServerProcess,
} from './chat.processes.ts';

/**
 * `kill -9` of a real server process in the middle of a stream of chat messages: every
 * message the server acknowledged is in the database, exactly once, after a restart on the
 * same data (PGlite data folder, or the same PostgreSQL database when DATABASE_URL is set).
 */
const PAIRS = 8;
/** per sender: the chat rate limit (20 per 10 s) */
const PER_SENDER = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-durable-'));
const running: ServerProcess[] = [];
const sockets: Socket[] = [];
let dropDatabase: () => Promise<void> = async () => undefined;

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const r of running) await r.kill();
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`chat messages survive kill -9 of the server (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it(
    'every acknowledged message is stored exactly once after a restart',
    { timeout: 400_000 },
    async () => {
      const prepared = await createProcessDatabase(dataDir);
      dropDatabase = prepared.drop;
      // employers and seekers, one conversation each, written before the server starts
      const setup = await prepared.open();
      const pairs = await createPairs(setup, PAIRS);
      await setup.close(); // PGlite: one process owns the folder

      const first = await startServerProcess(dataDir, prepared.url);
      running.push(first);
      const senders: { socket: Socket; conversationId: string }[] = [];
      for (const p of pairs) {
        for (const who of [p.employer, p.seeker]) {
          const socket = await socketFor(first.baseUrl, who);
          sockets.push(socket);
          senders.push({ socket, conversationId: p.conversationId });
        }
      }

      // a steady stream, round robin over the senders; kill -9 once enough were acknowledged
      const acked = new Map<string, string>(); // clientId → conversationId
      const sent: { clientId: string; conversationId: string; sender: number }[] = [];
      const killAfter = Math.floor((senders.length * PER_SENDER) / 3);
      let killed = false;
      const inFlight: Promise<void>[] = [];
      for (let round = 0; round < PER_SENDER && !killed; round++) {
        for (const [sender, s] of senders.entries()) {
          if (killed) break;
          const msg = text(s.conversationId, `第${round}条 ${randomUUID().slice(0, 8)}`);
          sent.push({ clientId: msg.clientId, conversationId: s.conversationId, sender });
          inFlight.push(
            (
              s.socket.timeout(15_000).emitWithAck('chat:send', msg) as Promise<
                ChatAck<ChatMessage>
              >
            )
              .then((ack) => {
                if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
                if (!killed) acked.set(msg.clientId, s.conversationId);
                if (!killed && acked.size >= killAfter) {
                  killed = true;
                  first.child.kill('SIGKILL');
                }
              })
              .catch((err: Error) => {
                // after the kill: no ack (disconnected or timed out) is the expected answer
                if (!killed) throw err;
              }),
          );
          await new Promise((r) => setImmediate(r));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await Promise.all(inFlight);
      expect(killed).toBe(true);
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      // messages were still being sent when the server died
      expect(sent.length).toBeGreaterThan(acked.size);

      // the restart recovers the database; resending everything (acked or not) adds no duplicate
      const second = await startServerProcess(dataDir, prepared.url);
      running.push(second);
      const again = await socketFor(second.baseUrl, pairs[0]!.employer);
      sockets.push(again);
      // the first employer (sender 0) sends all its messages again with the same client ids
      const resent = sent.filter((m) => m.sender === 0);
      for (const m of resent) {
        const ack = (await again
          .timeout(10_000)
          .emitWithAck(
            'chat:send',
            text(m.conversationId, '重发', m.clientId),
          )) as ChatAck<ChatMessage>;
        expect(ack.ok).toBe(true);
        if (ack.ok && acked.has(m.clientId)) expect(ack.data.body).not.toBe('重发');
      }
      expect(resent.length).toBeGreaterThan(0);
      again.close();
      second.child.kill('SIGTERM');
      await second.exited;

      const check = await prepared.open();
      try {
        const rows = await queryRows<{ client_id: string; conversation_id: string; n: number }>(
          check.db,
          sql`select client_id, conversation_id, count(*)::int as n from chat_messages group by 1, 2`,
        );
        const stored = new Map(rows.map((r) => [r.client_id, r]));
        for (const [clientId, conversationId] of acked) {
          const row = stored.get(clientId);
          expect(row, `acknowledged message ${clientId} is stored`).toBeDefined();
          expect(row!.n).toBe(1);
          expect(row!.conversation_id).toBe(conversationId);
        }
        expect(rows.every((r) => r.n === 1)).toBe(true);
        for (const m of resent) expect(stored.get(m.clientId)?.n).toBe(1);
        // sequence numbers stay dense and match each conversation's counter
        const seqs = await queryRows<{ id: string; last_seq: number; n: number; max: number }>(
          check.db,
          sql`select c.id, c.last_seq, count(m.id)::int as n, coalesce(max(m.seq), 0)::int as max
            from conversations c left join chat_messages m on m.conversation_id = c.id
            group by c.id, c.last_seq`,
        );
        for (const s of seqs) {
          expect(s.n).toBe(s.last_seq);
          expect(s.max).toBe(s.last_seq);
        }
      } finally {
        await check.close();
      }
    },
  );
});
