import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import pLimit from 'p-limit';
import type { Actor } from '../auth/actor.ts';
import { SESSION_COOKIE, loadActor } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { listenWithReconnect } from '../db/listen.ts';
import type { Config } from '../config.ts';
import type { ErrorCode } from '@hirehall/shared/errors';
import { AppError } from '../errors.ts';
import { keepSendsYoung } from './young-sends.ts';
import { makeAdapterCloseFinal } from './adapter-close.ts';

export interface SocketData {
  actor: Actor;
}
export type AppSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

export const accountRoom = (accountId: string) => `account:${accountId}`;
export const presenceRoom = (accountId: string) => `presence:${accountId}`;
/** The sockets opened with one session (by its token's hash). */
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;

/**
 * Triggers NOTIFY this channel after the commit that revokes a session (`s:<token hash>`:
 * sign-out, password change, suspension, …) or disables an account (`a:<account id>`).
 */
export const SESSIONS_CHANNEL = 'hirehall_sessions';

/** Between server processes: `{ rooms, event, data }` to emit to the receiver's local sockets. */
const RELAY_EVENT = 'hirehall:relay';

interface Relay {
  rooms: string[];
  event: string;
  data: unknown;
}

/**
 * Handshakes that may load their session at once. A restarted process is met by every client
 * at once; their session reads then wait here, a few at a time, instead of all standing in the
 * database's queue ahead of the HTTP requests (on PGlite one thread serves both).
 */
export const HANDSHAKE_CONCURRENCY = 4;

/** Server → client when a watched account comes online or leaves: `{ accountId, online }`. */
export const PRESENCE_EVENT = 'presence:changed';

/**
 * socket.io on the API's own HTTP server. A socket is authenticated by the session cookie at
 * the handshake and joins its account room; modules add handlers with `onConnection` and
 * join further rooms only after their own authorization. On PostgreSQL the postgres adapter
 * carries emits between server processes; on PGlite (one process) the in-memory adapter.
 * Delivery never depends on the adapter: messages are persisted before they are acknowledged.
 */
export class RealtimeHub {
  readonly io: Server;
  private readonly handlers: ((socket: AppSocket) => void)[] = [];
  /** the postgres adapter's own connections (its NOTIFYs never queue behind requests) */
  private readonly adapterPool: pg.Pool | null = null;
  private unlisten: Promise<() => Promise<void>>;
  /** the server is closing: its sockets are being ended and will reconnect elsewhere */
  private stopping = false;

  constructor(app: FastifyInstance, database: Database, config: Config) {
    this.io = new Server(app.server, {
      path: '/socket.io',
      serveClient: false,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: 64 * 1024,
      pingInterval: 25_000,
      pingTimeout: 20_000,
      allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers, config)),
      connectionStateRecovery: undefined,
    });
    if (database.kind === 'postgres' && database.pool) {
      // one connection LISTENs, the others publish
      this.adapterPool = new pg.Pool({ ...database.pool.options, max: 3 });
      this.adapterPool.on('error', () => undefined);
      releaseAbandonedClients(this.adapterPool);
      this.io.adapter(
        createAdapter(this.adapterPool, {
          tableName: 'socket_io_attachments',
          errorHandler: (err) => app.log.warn({ err: err.message }, 'socket.io adapter error'),
        }),
      );
      makeAdapterCloseFinal(this.io.of('/').adapter);
      this.io.of('/').on(RELAY_EVENT, (relay: Relay) => {
        this.io.local.to(relay.rooms).emit(relay.event, relay.data);
      });
    }

    releaseUpgradeRequests(this.io);
    keepSendsYoung(this.io);

    const handshakes = pLimit(HANDSHAKE_CONCURRENCY);
    this.io.use((socket, next) => {
      const cookies = app.parseCookie(socket.handshake.headers.cookie ?? '');
      const token = cookies[SESSION_COOKIE];
      if (!token) return next(authError('UNAUTHENTICATED'));
      handshakes(() => loadActor(database.db, token)).then(
        (actor) => {
          if (!actor) return next(authError('SESSION_EXPIRED'));
          if (actor.mustChangePassword) return next(authError('PASSWORD_CHANGE_REQUIRED'));
          (socket as AppSocket).data.actor = actor;
          next();
        },
        () => next(authError('INTERNAL')),
      );
    });

    this.io.on('connection', (raw) => {
      const socket = raw as AppSocket;
      // The handshake is built: drop the engine's reference to the first HTTP request, as
      // socket.io's memory guide advises, and the headers (the session cookie among them)
      // that the handshake would keep for the socket's life.
      (socket.conn as unknown as { request: unknown }).request = null;
      socket.handshake.headers = {};
      const { accountId } = socket.data.actor;
      void socket.join([accountRoom(accountId), sessionRoom(socket.data.actor.tokenHash)]);
      this.emitTo(presenceRoom(accountId), PRESENCE_EVENT, { accountId, online: true });
      socket.on('disconnect', () => {
        // A stopping server's clients reconnect (to another process, or to it restarted):
        // they are not going offline, and asking the adapter per socket made a stop with
        // 10,000 sockets take 5 s.
        if (this.stopping) return;
        void this.onlineAmong([accountId]).then((online) => {
          if (!online.has(accountId)) {
            this.emitTo(presenceRoom(accountId), PRESENCE_EVENT, { accountId, online: false });
          }
        });
      });
      for (const handler of this.handlers) handler(socket);
    });

    // every process hears the NOTIFY itself: no adapter is needed to end its own sockets
    this.unlisten = listenForRevocations(database, (payload) => this.endSockets(payload)).catch(
      (err: unknown) => {
        app.log.warn({ err: (err as Error).message }, 'sessions LISTEN unavailable');
        return async () => undefined;
      },
    );

    app.addHook('preClose', async () => {
      this.stopping = true;
      this.io.local.disconnectSockets(true);
    });
    app.addHook('onClose', async () => {
      await (await this.unlisten)().catch(() => undefined);
      // the HTTP server itself is Fastify's to close
      this.io.engine.close();
      await this.io.of('/').adapter.close();
      await this.adapterPool?.end().catch(() => undefined);
    });
  }

  /** `s:<token hash>` ends that session's sockets here; `a:<account id>` the account's. */
  private endSockets(payload: string) {
    const room = payload.startsWith('s:')
      ? sessionRoom(payload.slice(2))
      : payload.startsWith('a:')
        ? accountRoom(payload.slice(2))
        : null;
    if (room) this.io.local.in(room).disconnectSockets(true);
  }

  /**
   * Ends the account's sockets on every process (through the adapter), e.g. when its
   * permissions change in a way the cached actor of a socket would not see.
   */
  disconnectAccount(accountId: string) {
    this.io.in(accountRoom(accountId)).disconnectSockets(true);
  }

  /** Modules register their socket handlers once, at build time. */
  onConnection(handler: (socket: AppSocket) => void) {
    this.handlers.push(handler);
  }

  /**
   * Emits to the sockets in these rooms (each socket once): this process's sockets at once,
   * then the other processes through the adapter, only when there are any. (A cluster
   * adapter's own broadcast waits for the NOTIFY round trip before emitting locally.)
   * `exceptSocketId` leaves out one local socket: a sender whose ack already carries the data.
   */
  emitTo(rooms: string | string[], event: string, data: unknown, exceptSocketId?: string) {
    const local = this.io.local.to(rooms);
    (exceptSocketId ? local.except(exceptSocketId) : local).emit(event, data);
    if (!this.adapterPool) return;
    void this.io
      .of('/')
      .adapter.serverCount()
      .then((servers) => {
        if (servers > 1) {
          const relay: Relay = { rooms: typeof rooms === 'string' ? [rooms] : rooms, event, data };
          this.io.serverSideEmit(RELAY_EVENT, relay);
        }
      });
  }

  toAccount(accountId: string, event: string, data: unknown) {
    this.emitTo(accountRoom(accountId), event, data);
  }

  toRoom(room: string, event: string, data: unknown) {
    this.emitTo(room, event, data);
  }

  /** Which of these accounts have a socket on any server process. */
  async onlineAmong(accountIds: string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const sockets = await this.socketsIn(accountIds.map(accountRoom));
    return new Set(sockets.map((s) => s.data.actor.accountId));
  }

  /** The rooms among these that hold at least one socket on any process. */
  async roomsOnline(rooms: string[]): Promise<Set<string>> {
    if (rooms.length === 0) return new Set();
    const sockets = await this.socketsIn(rooms);
    return new Set(sockets.flatMap((s) => [...s.rooms].filter((r) => rooms.includes(r))));
  }

  private async socketsIn(rooms: string[]) {
    try {
      return (await this.io.in(rooms).timeout(2000).fetchSockets()) as unknown as {
        data: SocketData;
        rooms: Set<string>;
      }[];
    } catch {
      // another process did not answer in time: report what this one knows
      return (await this.io.local.in(rooms).fetchSockets()) as unknown as {
        data: SocketData;
        rooms: Set<string>;
      }[];
    }
  }
}

/**
 * The socket.io postgres adapter listens on a pooled client and, when PostgreSQL restarts, takes
 * a new one without giving the dead one back: the pool would count it for ever (3 restarts
 * and no client is left for publishing; `end()` at shutdown waits for it). A checked-out client
 * whose connection ends goes back to the pool as broken, which drops it.
 */
function releaseAbandonedClients(pool: pg.Pool) {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    client.on('end', () => {
      if (checkedOut.has(client as pg.PoolClient)) (client as pg.PoolClient).release(true);
    });
  });
}

/**
 * engine.io answers a WebSocket upgrade through a stand-in response that listens for the TCP
 * socket's `close` (`() => this.emit("close")`, for HTTP middlewares, which this server does
 * not give the engine) and so keeps the upgrade request, its headers and buffers alive for the
 * connection's life: about 2 KB per socket, 20 MB at 10,000 sockets. That one listener is
 * removed as soon as it is added; the `ws` library's own listeners stay. Should engine.io
 * change it, nothing is removed (a test notices the request is kept again).
 */
function releaseUpgradeRequests(io: Server) {
  type Upgrade = (req: unknown, socket: Duplex, head: Buffer) => void;
  const engine = io.engine as unknown as { handleUpgrade: Upgrade };
  const handleUpgrade = engine.handleUpgrade.bind(engine);
  engine.handleUpgrade = (req, socket, head) => {
    const before = new Set(socket.rawListeners('close'));
    handleUpgrade(req, socket, head);
    for (const raw of socket.rawListeners('close')) {
      if (before.has(raw)) continue;
      const listener = (raw as { listener?: unknown }).listener ?? raw;
      if (String(listener) === RESPONSE_CLOSE_LISTENER) {
        socket.removeListener('close', raw as () => void);
      }
    }
  };
}
const RESPONSE_CLOSE_LISTENER = '() => this.emit("close")';

/** LISTEN on the sessions channel (PGlite or a dedicated PostgreSQL connection). */
async function listenForRevocations(
  database: Database,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  if (database.kind === 'pglite' && database.pglite) {
    return database.pglite.listen(SESSIONS_CHANNEL, onPayload);
  }
  if (!database.pool) return async () => undefined;
  return listenWithReconnect(database.pool, SESSIONS_CHANNEL, {
    onNotification: (payload) => {
      if (payload) onPayload(payload);
    },
  });
}

/** A refused handshake: the client reads `err.data.code` on `connect_error`. */
function authError(code: ErrorCode) {
  return Object.assign(new AppError(code), { data: { code } });
}

/** Cookies ride along on cross-site WebSocket handshakes: refuse other origins. */
function isAllowedOrigin(
  headers: Record<string, string | string[] | undefined>,
  config: Config,
): boolean {
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === '') return true; // not a browser
  const host = headers['x-forwarded-host'] ?? headers.host;
  try {
    const url = new URL(origin);
    if (url.host === (Array.isArray(host) ? host[0] : host)) return true;
    if (url.host === new URL(config.publicUrl).host) return true;
    // the Vite dev server proxies from another local port
    return config.env !== 'production' && ['localhost', '127.0.0.1'].includes(url.hostname);
  } catch {
    return false;
  }
}
