import type pg from 'pg';

/** The members of @socket.io/postgres-adapter's PubSubClient (0.5) this relies on (`client`
 * is assigned once its first LISTEN is answered). */
interface PubSubClient {
  client: pg.PoolClient | undefined;
  scheduleReconnection(): void;
  close(): void;
}

function isPubSubClient(value: unknown): value is PubSubClient {
  const v = value as Partial<PubSubClient> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.scheduleReconnection === 'function' &&
    typeof v.close === 'function'
  );
}

/**
 * Makes the postgres adapter's close() final. Its PubSubClient takes a pooled client and
 * LISTENs on it at start and again 1–3 s after a lost connection; closed while that is under
 * way, it keeps the client it then gets — never released, so the pool's end() at shutdown
 * waits for ever — and an attempt that fails after the close schedules another. Here a client
 * arriving after the close is given back at once, and no reconnection is scheduled after it.
 * `adapter` is a namespace's adapter; anything else (another adapter, another version) is left
 * alone, and false returned.
 */
export function makeAdapterCloseFinal(adapter: unknown): boolean {
  const pubsub = (adapter as { client?: unknown } | null)?.client;
  if (!isPubSubClient(pubsub)) return false;
  let closed = false;
  let current = pubsub.client;
  Object.defineProperty(pubsub, 'client', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (client: pg.PoolClient | undefined) => {
      if (closed && client) {
        client.removeAllListeners('end');
        client.removeAllListeners('notification');
        client.release();
        return;
      }
      current = client;
    },
  });
  const schedule = pubsub.scheduleReconnection.bind(pubsub);
  pubsub.scheduleReconnection = () => {
    if (!closed) schedule();
  };
  const close = pubsub.close.bind(pubsub);
  pubsub.close = () => {
    closed = true;
    close();
  };
  return true;
}
