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

/** The server side of the one connected test socket: engine.io transport, ws socket, TCP socket. */
function serverWire() {
  const [server] = [...hub.io.of('/').sockets.values()];
  const transport = (server!.conn as unknown as { transport: Record<string, unknown> }).transport;
  const ws = transport.socket as {
    _socket: { cork(): void };
    _receiver: Record<string, unknown> & NodeJS.WritableStream;
  };
  return { server: server!, transport, ws };
}

describe('what a message leaves behind on the server (young-sends.ts)', () => {
  it('writes each frame once, empties the packets it sent, and forgets the mask of a frame it read', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const socket = await socketFor(baseUrl, seeker);
    sockets.push(socket);
    const { server, transport, ws } = serverWire();

    let corks = 0;
    const cork = ws._socket.cork.bind(ws._socket);
    ws._socket.cork = () => {
      corks++;
      cork();
    };
    const sent: unknown[][] = [];
    const send = (transport.send as (p: unknown[]) => void).bind(transport);
    transport.send = (packets: unknown[]) => {
      sent.push(packets);
      send(packets);
    };

    const conn = server.conn as unknown as { writeBuffer: unknown[] };
    const writeBuffer = conn.writeBuffer;
    const fragments = ws._receiver._fragments;
    const got: unknown[] = [];
    socket.on('test:data', (d) => got.push(d));
    const big = '长'.repeat(20_000); // 60 KB of UTF-8: over the single-write limit
    hub.toAccount(seeker.accountId, 'test:data', { n: 1, text: '您好' }); // a pre-encoded broadcast
    server.emit('test:data', { n: 2, text: '面试' }); // encoded for this socket
    server.emit('test:data', { n: 3, text: big });
    await expect.poll(() => got.length).toBe(3);
    expect(got).toEqual([
      { n: 1, text: '您好' },
      { n: 2, text: '面试' },
      { n: 3, text: big },
    ]);
    expect(corks).toBe(1); // only the large frame took ws's corked path
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((packets) => packets.length === 0)).toBe(true);

    expect(conn.writeBuffer).toBe(writeBuffer); // emptied and kept, not replaced

    const echoed = new Promise((resolve) => server.once('test:echo', resolve));
    socket.emit('test:echo', { text: '收到', bytes: Buffer.from([1, 2, 3]) }); // text + binary frame
    expect(await echoed).toEqual({ text: '收到', bytes: Buffer.from([1, 2, 3]) });
    expect(ws._receiver._mask).toBeUndefined();
    expect(ws._receiver._fragments).toBe(fragments);
    expect(fragments).toEqual([]);
  });

  it('still unmasks a frame whose payload arrives in two TCP chunks', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    sockets.push(await socketFor(baseUrl, seeker));
    const { ws } = serverWire();
    const Receiver = ws._receiver.constructor as new (options: object) => NodeJS.WritableStream;
    const receiver = new Receiver({ isServer: true, maxPayload: 1024 });
    const messages: string[] = [];
    receiver.on('message', (data: Buffer) => messages.push(data.toString()));

    const payload = Buffer.from('4{"分两次":"到达"}');
    const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    const frame = Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
    const cut = 2 + 4 + 5; // header and mask, then 5 bytes of the payload
    await new Promise<void>((resolve) => receiver.write(frame.subarray(0, cut), () => resolve()));
    expect(messages).toEqual([]);
    await new Promise<void>((resolve) => receiver.write(frame.subarray(cut), () => resolve()));
    expect(messages).toEqual(['4{"分两次":"到达"}']);
  });
});
