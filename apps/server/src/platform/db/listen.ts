import type pg from 'pg';
import { AppError } from '../errors.ts';

export interface ListenHandlers {
  onNotification(payload: string | undefined): void;
  /** after a lost connection listens again (notifications sent meanwhile are lost) */
  onReconnect?(): void;
  onConnectionLost?(err: Error): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5_000;

/**
 * LISTEN on a dedicated PostgreSQL connection that comes back by itself: when the connection
 * breaks (PostgreSQL restarted, the network cut), the broken client is destroyed and a new one
 * listens after 0.5 s, then 1, 2, up to 5 s between tries. The first LISTEN throws when it
 * fails; later failures only retry. Returns the function that stops listening.
 */
export async function listenWithReconnect(
  pool: pg.Pool,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
  let current: pg.PoolClient | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = FIRST_RETRY_MS;
  let detach = () => {};
  /** a reconnection under way: stopping waits for it */
  let connecting: Promise<void> | null = null;

  const connect = async () => {
    const client = await pool.connect();
    if (stopped) return client.release();
    let broken = false;
    const drop = (err: Error) => {
      if (broken) return;
      broken = true;
      client.removeAllListeners('notification');
      client.release(err); // a released error destroys the client instead of pooling it
      if (current !== client) return;
      current = null;
      handlers.onConnectionLost?.(err);
      retry();
    };
    const ended = () => drop(new AppError('SERVICE_UNAVAILABLE', 'LISTEN connection ended'));
    client.on('error', drop);
    client.on('end', ended);
    client.on('notification', (n) => {
      if (n.channel === channel) handlers.onNotification(n.payload);
    });
    try {
      await client.query(`listen ${channel}`);
    } catch (err) {
      drop(err as Error);
      throw err;
    }
    if (stopped) {
      // stopped while this LISTEN was on its way: the client is closed (drop is now a no-op)
      broken = true;
      client.removeAllListeners('notification');
      return client.release(true);
    }
    current = client;
    detach = () => {
      broken = true;
      client.removeListener('error', drop);
      client.removeListener('end', ended);
      client.removeAllListeners('notification');
    };
  };

  const retry = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      connecting = connect().then(
        () => {
          delay = FIRST_RETRY_MS;
          if (!stopped) handlers.onReconnect?.();
        },
        () => {
          delay = Math.min(delay * 2, MAX_RETRY_MS);
          retry();
        },
      );
    }, delay);
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await connecting;
    const client = current;
    current = null;
    if (!client) return;
    await client.query(`unlisten ${channel}`).catch(() => undefined);
    detach();
    client.release();
  };
}
