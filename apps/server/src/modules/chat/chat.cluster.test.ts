import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '@hirehall/shared/chat';
import { call, socketFor, text } from './chat.fixtures.ts';
import {
  createPairs,
  createPostgresDatabase,
  startServerProcess,
  type ProcessDatabase,
  type ServerProcess,
} from './chat.processes.ts';

const url = process.env.DATABASE_URL;
const servers: ServerProcess[] = [];
const sockets: Socket[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-cluster-'));
let database: ProcessDatabase | undefined;

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const s of servers) await s.kill();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Two real server processes (`apps/server/src/main.ts`), each on its own port, sharing one
 * PostgreSQL database: the postgres adapter carries socket.io emits between them.
 */
describe.skipIf(!url)(
  'two server processes on one PostgreSQL database (runs under npm run test:pg; skipped without DATABASE_URL)',
  () => {
    it(
      'a message sent through one process reaches a client of the other, with presence and sign-out across both',
      { timeout: 400_000 },
      async () => {
        database = await createPostgresDatabase(url!);
        const setup = await database.open();
        const [pair] = await createPairs(setup, 1);
        await setup.close();
        const { employer, seeker, conversationId } = pair!;

        const [a, b] = await Promise.all([
          startServerProcess(dataDir, database.url),
          startServerProcess(dataDir, database.url),
        ]);
        servers.push(a!, b!);
        expect(a!.child.pid).not.toBe(b!.child.pid);
        expect(a!.baseUrl).not.toBe(b!.baseUrl);

        const es = await socketFor(a!.baseUrl, employer);
        const ss = await socketFor(b!.baseUrl, seeker);
        sockets.push(es, ss);
        const got = new Promise<ChatMessage>((resolve) => ss.on('chat:message', resolve));
        // the adapters LISTEN on their own connections: wait until each process sees the other
        await waitFor(async () => {
          const res = await fetch(`${a!.baseUrl}/api/chat/hall`, { headers: employer.headers });
          const body = (await res.json()) as { candidates: { online: boolean }[] };
          return body.candidates[0]?.online === true;
        });
        const ack = await call<ChatMessage>(es, 'chat:send', text(conversationId, '跨进程的消息'));
        expect(ack.ok).toBe(true);
        const received = await got;
        expect(received).toMatchObject({ conversationId, seq: 1, body: '跨进程的消息' });

        // process A sees the seeker connected to process B as online
        const hall = await fetch(`${a!.baseUrl}/api/chat/hall`, { headers: employer.headers });
        expect(((await hall.json()) as { candidates: unknown[] }).candidates[0]).toMatchObject({
          seekerAccountId: seeker.accountId,
          online: true,
        });

        // and the reply goes the other way
        const back = new Promise<ChatMessage>((resolve) =>
          es.on('chat:message', (m: ChatMessage) => m.senderSide === 'seeker' && resolve(m)),
        );
        await call(ss, 'chat:send', text(conversationId, '收到'));
        expect(await back).toMatchObject({ seq: 2, body: '收到' });

        // signing out through process A ends the seeker's socket on process B
        const ended = new Promise<string>((resolve) => ss.once('disconnect', resolve));
        const out = await fetch(`${a!.baseUrl}/api/auth/sign-out`, {
          method: 'POST',
          headers: seeker.headers,
        });
        expect(out.status).toBe(204);
        expect(await ended).toBe('io server disconnect');
        expect(es.connected).toBe(true);
      },
    );
  },
);

async function waitFor(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
