import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { baseUrlOf, socketFor } from '../../modules/chat/chat.fixtures.ts';

let t: TestApp;
let closed = false;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  if (!closed) await t.close();
});

const reasonOf = (socket: Socket) =>
  new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

it('a stopping server ends its sockets without announcing their accounts offline', async () => {
  const baseUrl = baseUrlOf(t.app);
  for (let i = 0; i < 4; i++) {
    sockets.push(await socketFor(baseUrl, await signInAs(t.database.db, 'seeker')));
  }
  const presence = vi.spyOn(t.app.realtime, 'onlineAmong');
  // while running, a socket that goes away is looked up for presence
  const gone = sockets.shift()!;
  const serverSaw = new Promise<void>((resolve) => {
    presence.mockImplementationOnce(async () => {
      resolve();
      return new Set<string>();
    });
  });
  gone.close();
  await serverSaw;
  expect(presence).toHaveBeenCalledTimes(1);

  const reasons = sockets.map(reasonOf);
  closed = true;
  await t.close();
  expect(await Promise.all(reasons)).toEqual(sockets.map(() => 'io server disconnect'));
  expect(presence).toHaveBeenCalledTimes(1);
});
