import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { Socket } from 'socket.io-client';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { baseUrlOf, socketFor } from '../../modules/chat/chat.fixtures.ts';
import { RealtimeHub } from './realtime.ts';

/** What a connected socket keeps: 10,000 of them must fit the memory budget. */
let t: TestApp;
/** a hub of its own on a bare server: the test reaches into it */
let app: FastifyInstance;
let hub: RealtimeHub;
let baseUrl: string;
const sockets: Socket[] = [];

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  app = Fastify();
  await app.register(cookie);
  hub = new RealtimeHub(app, t.database, t.config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = baseUrlOf(app);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
  await t.close();
});

async function collected(ref: WeakRef<object>) {
  for (let i = 0; i < 10 && ref.deref(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref.deref() === undefined;
}

describe('a connected socket', () => {
  it('keeps neither its upgrade request nor its handshake headers, and still works', async () => {
    const requests: WeakRef<IncomingMessage>[] = [];
    const onHeaders = (_headers: unknown, req: IncomingMessage) => requests.push(new WeakRef(req));
    hub.io.engine.on('initial_headers', onHeaders);
    const seeker = await signInAs(t.database.db, 'seeker');
    const socket = await socketFor(baseUrl, seeker);
    sockets.push(socket);
    hub.io.engine.off('initial_headers', onHeaders);

    const [server] = [...hub.io.of('/').sockets.values()];
    expect(server!.handshake.headers).toEqual({});
    expect(requests).toHaveLength(1);
    expect(await collected(requests[0]!)).toBe(true);

    // the socket still reaches its client, and still notices when the client leaves
    const received = new Promise((resolve) => socket.once('test:ping', resolve));
    hub.toAccount(seeker.accountId, 'test:ping', { n: 1 });
    expect(await received).toEqual({ n: 1 });
    const left = new Promise((resolve) => server!.once('disconnect', resolve));
    socket.close();
    expect(await left).toBe('client namespace disconnect');
  });
});
