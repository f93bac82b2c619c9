import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth/sessions.ts';

/**
 * An in-process cache of whole responses for public GET routes that opt in with
 * `config: { httpCache: true }` (or `{ ttlMs }`). It holds only what an anonymous visitor
 * receives: a request carrying a session cookie is never answered from the cache nor stored —
 * unless the route declares `sameForEveryone` (its handler never reads the viewer, as on the
 * fair page) — and neither is a response that sets a cookie or is not a 200. Every cached answer carries an
 * ETag, and `If-None-Match` gets a 304 without a body.
 *
 * Stampedes: while one request computes a missing entry, other cacheable requests for the same
 * URL wait for it (at most `leaderWaitMs`) and are then answered from the cache; only when it
 * stored nothing (a 404, an error, a cookie) do they each go on to the handler.
 *
 * Freshness: entries expire after `ttlMs` (5 s by default). Besides, any successful write
 * (POST/PUT/PATCH/DELETE) by staff — an employer, a school or an admin, the only people whose
 * writes change what the public pages show — clears this process's cache at once. Writes by
 * seekers and anonymous visitors (applying, chatting, counting a fair visit) keep it. Other
 * server processes behind the same proxy serve their own copy until it expires.
 */
export interface HttpCacheOptions {
  /** default time to live of an entry, ms */
  ttlMs?: number;
  /** most entries kept; the oldest goes first */
  maxEntries?: number;
  /** larger bodies are not kept */
  maxBodyBytes?: number;
  /** the clock, for tests */
  now?: () => number;
  /** how long a request waits for another one computing the same entry; 2 s by default */
  leaderWaitMs?: number;
}

interface Entry {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  expires: number;
}

/** A request computing an entry that others wait for. */
interface Computing {
  key: string;
  done: Promise<void>;
  finish: () => void;
  since: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** headers a cached answer repeats; the rest (date, content-length, …) the server sets anew */
const KEPT_HEADERS = ['content-type', 'cache-control', 'vary', 'content-language'];

export class HttpCache {
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBodyBytes: number;
  readonly now: () => number;
  readonly leaderWaitMs: number;
  private readonly entries = new Map<string, Entry>();
  /** keys being computed by a request, and how the others wait for it */
  private readonly computing = new Map<string, Computing>();
  /** bumped by clear(): an answer computed before a write is not stored after it */
  generation = 0;
  hits = 0;
  misses = 0;

  constructor(options: HttpCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBodyBytes = options.maxBodyBytes ?? 512 * 1024;
    this.now = options.now ?? Date.now;
    this.leaderWaitMs = options.leaderWaitMs ?? 2000;
  }

  get size() {
    return this.entries.size;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, body: Buffer, headers: Record<string, string>, ttlMs: number): Entry | null {
    if (body.length > this.maxBodyBytes) return null;
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const entry = { body, etag, headers, expires: this.now() + ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }

  clear() {
    this.entries.clear();
    this.generation++;
  }

  /**
   * Called on a miss: the caller's claim when it is now the one computing `key` (to `settle`
   * once answered), or null when another request is (then `waitFor` it). A claim older than
   * `leaderWaitMs` (its end went unnoticed) no longer counts: the caller takes its place.
   */
  claim(key: string): Computing | null {
    const current = this.computing.get(key);
    if (current && this.now() - current.since <= this.leaderWaitMs) return null;
    current?.finish();
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const claim = { key, done, finish, since: this.now() };
    this.computing.set(key, claim);
    return claim;
  }

  /** Resolves once the request computing `key` is answered, or after `leaderWaitMs` at most. */
  async waitFor(key: string): Promise<void> {
    const current = this.computing.get(key);
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      current.done,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.leaderWaitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** The claiming request is answered (its entry stored or not): its waiters go on. */
  settle(claim: Computing) {
    if (this.computing.get(claim.key) === claim) this.computing.delete(claim.key);
    claim.finish();
  }

  /** keys being computed now */
  get computingCount() {
    return this.computing.size;
  }
}

/** `If-None-Match` lists the ETag (or is `*`). */
function notModified(request: FastifyRequest, etag: string) {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function routeTtl(request: FastifyRequest, cache: HttpCache): number | null {
  const flag = request.routeOptions.config?.httpCache;
  if (!flag) return null;
  return flag === true ? cache.ttlMs : (flag.ttlMs ?? cache.ttlMs);
}

/** Anonymous: no session cookie at all (a stale one gets a Set-Cookie that clears it). */
function anonymous(request: FastifyRequest) {
  return !request.cookies?.[SESSION_COOKIE] && !request.headers.authorization;
}

/**
 * Whether this request may be answered from (and stored in) the cache: anonymous ones, and
 * on routes whose answer never depends on the viewer (`sameForEveryone`) signed-in ones too.
 */
function cacheable(request: FastifyRequest) {
  const flag = request.routeOptions.config?.httpCache;
  return anonymous(request) || (typeof flag === 'object' && flag.sameForEveryone === true);
}

const served = Symbol('served from the http cache');
const generation = Symbol('cache generation when the request began');
const leading = Symbol('the claim of a request computing an entry for the others');
type Marked = FastifyRequest & {
  [served]?: boolean;
  [generation]?: number;
  [leading]?: Computing;
};

/**
 * Registers the hooks on `app`. Call after the cookie plugin and the access control hook
 * and before the routes.
 */
export function registerHttpCache(app: FastifyInstance, options: HttpCacheOptions = {}) {
  const cache = new HttpCache(options);
  app.decorate('httpCache', cache);

  const answer = (request: Marked, reply: FastifyReply, entry: Entry) => {
    cache.hits++;
    request[served] = true;
    reply.headers(entry.headers).header('etag', entry.etag);
    if (notModified(request, entry.etag)) reply.code(304).send();
    else reply.code(200).send(entry.body);
  };
  const compute = (request: Marked, claim: Computing | null) => {
    if (claim) request[leading] = claim;
    cache.misses++;
    request[generation] = cache.generation;
  };

  // Callback-style hooks, the common path synchronous: this runs on every request. A hook that
  // answers calls reply.send and not done.
  app.addHook('onRequest', (request: Marked, reply: FastifyReply, done: () => void) => {
    if (request.method !== 'GET' || routeTtl(request, cache) === null || !cacheable(request)) {
      return done();
    }
    const key = request.url;
    const entry = cache.get(key);
    if (entry) return answer(request, reply, entry);
    const claim = cache.claim(key);
    if (claim) {
      compute(request, claim);
      return done();
    }
    void cache.waitFor(key).then(() => {
      const computed = cache.get(key);
      if (computed) return answer(request, reply, computed);
      compute(request, null);
      done();
    });
  });

  app.addHook(
    'onSend',
    (
      request: Marked,
      reply: FastifyReply,
      payload: unknown,
      done: (err: null, p: unknown) => void,
    ) => {
      const sent = request[served] ? payload : store(request, reply, payload);
      // whatever became of its answer, the requests waiting for this one go on now
      const claim = request[leading];
      if (claim) {
        request[leading] = undefined;
        cache.settle(claim);
      }
      done(null, sent);
    },
  );

  /** Keeps a cacheable answer (or, on a staff write, clears the cache); returns what to send. */
  function store(request: Marked, reply: FastifyReply, payload: unknown): unknown {
    if (WRITES.has(request.method)) {
      const role = request.actor?.role;
      if (reply.statusCode < 400 && role && role !== 'seeker') cache.clear();
      return payload;
    }
    if (request.method !== 'GET' || reply.statusCode !== 200 || !cacheable(request)) {
      return payload;
    }
    const ttl = routeTtl(request, cache);
    if (ttl === null || reply.hasHeader('set-cookie')) return payload;
    if (request[generation] !== cache.generation) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const entry = cache.set(request.url, body, headers, ttl);
    if (!entry) return payload;
    reply.header('etag', entry.etag);
    if (notModified(request, entry.etag)) {
      reply.code(304);
      return '';
    }
    return body;
  }
  return cache;
}

declare module 'fastify' {
  interface FastifyInstance {
    httpCache: HttpCache;
  }
  interface FastifyContextConfig {
    /**
     * answer anonymous GETs from the in-process cache (platform/http-cache.ts);
     * `sameForEveryone`: the handler never reads the viewer, so signed-in GETs share the entry
     */
    httpCache?: boolean | { ttlMs?: number; sameForEveryone?: boolean };
  }
}
