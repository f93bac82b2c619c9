import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { expect, it, vi } from 'vitest';
import { listenWithReconnect } from './listen.ts';

/** A pooled client whose queries answer when the test says so. */
class FakeClient extends EventEmitter {
  readonly queries: string[] = [];
  readonly release = vi.fn();
  private answer: (() => void) | null = null;
  /** the LISTEN waits until `answerListen()` when set */
  holdListen = false;

  query(text: string) {
    this.queries.push(text);
    if (this.holdListen && text.startsWith('listen')) {
      return new Promise<void>((resolve) => (this.answer = resolve));
    }
    return Promise.resolve();
  }

  answerListen() {
    this.answer?.();
  }
}

function fakePool(clients: FakeClient[]) {
  const handed: FakeClient[] = [];
  const pool = {
    connect: vi.fn(async () => {
      const client = clients.shift()!;
      handed.push(client);
      return client;
    }),
  };
  return { pool: pool as unknown as pg.Pool, handed };
}

it('stopping while a reconnection is listening waits for it and closes that client', async () => {
  const first = new FakeClient();
  const second = new FakeClient();
  second.holdListen = true;
  const { pool, handed } = fakePool([first, second]);
  const onReconnect = vi.fn();
  const stop = await listenWithReconnect(pool, 'hirehall_outbox', {
    onNotification: () => undefined,
    onReconnect,
  });
  // the connection is lost; 0.5 s later the next client is LISTENing, not answered yet
  first.emit('end');
  expect(first.release).toHaveBeenCalledTimes(1);
  await vi.waitFor(() => expect(handed).toContain(second), { timeout: 2000 });
  await vi.waitFor(() => expect(second.queries).toEqual(['listen hirehall_outbox']));

  let stopped = false;
  const stopping = stop().then(() => (stopped = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(stopped).toBe(false);
  second.answerListen();
  await stopping;
  // given back closed (true: not pooled while LISTENing), nothing else asked of it
  expect(second.release).toHaveBeenCalledWith(true);
  expect(second.listenerCount('notification')).toBe(0);
  expect(onReconnect).not.toHaveBeenCalled();
  expect(pool.connect).toHaveBeenCalledTimes(2);
});

it('a stop during a quiet spell unlistens and gives the client back', async () => {
  const only = new FakeClient();
  const { pool } = fakePool([only]);
  const stop = await listenWithReconnect(pool, 'hirehall_sessions', {
    onNotification: () => undefined,
  });
  await stop();
  expect(only.queries).toEqual(['listen hirehall_sessions', 'unlisten hirehall_sessions']);
  expect(only.release).toHaveBeenCalledWith();
});
