import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
// the class the adapter uses for its LISTEN connection (not exported from the package's index)
import { PubSubClient } from '@socket.io/postgres-adapter/dist/util.js';
import { makeAdapterCloseFinal } from './adapter-close.ts';

class FakeClient extends EventEmitter {
  readonly release = vi.fn();
  private answer: (() => void) | null = null;
  query() {
    return new Promise<void>((resolve) => (this.answer = resolve));
  }
  answerListen() {
    this.answer?.();
  }
}

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((p) => p.close()));

/** A PubSubClient (as the adapter makes it) whose first LISTEN is still on its way. */
async function listeningPubSub() {
  const client = new FakeClient();
  const pool = { connect: vi.fn(async () => client), query: vi.fn(async () => ({ rows: [] })) };
  const pubsub = new PubSubClient(
    pool as unknown as pg.Pool,
    {
      channelPrefix: 'socket.io',
      tableName: 't',
      payloadThreshold: 8000,
      cleanupInterval: 30_000,
      errorHandler: () => {},
    },
    () => false,
    () => {},
  );
  opened.push(pubsub);
  pubsub.addNamespace('/');
  await vi.waitFor(() => expect(pool.connect).toHaveBeenCalled());
  return { pubsub, client, pool };
}

it('a client the adapter gets after its close is given back at once', async () => {
  const { pubsub, client } = await listeningPubSub();
  expect(makeAdapterCloseFinal({ client: pubsub })).toBe(true);
  pubsub.close();
  client.answerListen();
  await vi.waitFor(() => expect(client.release).toHaveBeenCalledTimes(1));
  expect((pubsub as unknown as { client: unknown }).client).toBeUndefined();
  expect(client.listenerCount('end')).toBe(0);
});

it('without it the adapter keeps that client (what made the pool end wait for ever)', async () => {
  const { pubsub, client } = await listeningPubSub();
  pubsub.close();
  client.answerListen();
  await vi.waitFor(() => expect((pubsub as unknown as { client: unknown }).client).toBe(client));
  expect(client.release).not.toHaveBeenCalled();
  client.release.mockClear();
});

it('schedules no reconnection after the close', async () => {
  vi.useFakeTimers();
  try {
    const { pubsub, client } = await listeningPubSub();
    makeAdapterCloseFinal({ client: pubsub });
    client.answerListen();
    await vi.waitFor(() => expect((pubsub as unknown as { client: unknown }).client).toBe(client));
    pubsub.close();
    (pubsub as unknown as { scheduleReconnection(): void }).scheduleReconnection();
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

it('leaves any other adapter alone', () => {
  expect(makeAdapterCloseFinal({})).toBe(false);
  expect(makeAdapterCloseFinal(null)).toBe(false);
});
