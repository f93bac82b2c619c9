import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { Actor } from './auth/actor.ts';
import { SESSION_COOKIE } from './auth/sessions.ts';
import { registerHttpCache, type HttpCache } from './http-cache.ts';

/** A tiny app: the session cookie's value is the role; the handler counts its calls. */
let app: FastifyInstance;
let cache: HttpCache;
let clock = 0;
let calls = 0;
let content = 'first';
/** while set, /slow waits for it: a request still computing its answer */
let gate: Promise<void> | null = null;
let slowStatus = 200;

beforeEach(async () => {
  clock = 1_000_000;
  calls = 0;
  content = 'first';
  gate = null;
  slowStatus = 200;
  app = Fastify();
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const role = request.cookies[SESSION_COOKIE];
    request.actor = role ? ({ role, accountId: 'a1' } as unknown as Actor) : null;
  });
  cache = registerHttpCache(app, { ttlMs: 5000, now: () => clock, leaderWaitMs: 300 });
  app.get('/page/:id', { config: { httpCache: true } }, async (request, reply) => {
    calls++;
    reply.header('cache-control', request.actor ? 'private, no-store' : 'public, max-age=30');
    return { id: (request.params as { id: string }).id, content, for: request.actor?.role ?? null };
  });
  app.get('/plain', async () => {
    calls++;
    return { content };
  });
  app.get('/sets-cookie', { config: { httpCache: true } }, async (_request, reply) => {
    calls++;
    reply.setCookie('hh_csrf', 'x');
    return { content };
  });
  app.get('/missing', { config: { httpCache: true } }, async (_request, reply) => {
    calls++;
    return reply.code(404).send({ content });
  });
  app.get(
    '/shared/:id',
    { config: { httpCache: { sameForEveryone: true } } },
    async (request, reply) => {
      calls++;
      reply.header('cache-control', 'public, max-age=15');
      return { id: (request.params as { id: string }).id, content };
    },
  );
  app.get('/slow/:id', { config: { httpCache: true } }, async (_request, reply) => {
    calls++;
    await gate;
    return reply.code(slowStatus).send({ content, call: calls });
  });
  app.post('/write', async () => ({ ok: true }));
  await app.ready();
});

afterEach(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('http cache', () => {
  it('answers a repeated anonymous GET from the cache with the same body and an ETag', async () => {
    const first = await get('/page/1');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    content = 'changed';
    const second = await get('/page/1');
    expect(calls).toBe(1);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['cache-control']).toBe('public, max-age=30');
    expect(cache.hits).toBe(1);
    // another URL (or query) is another entry
    await get('/page/2');
    await get('/page/1?x=1');
    expect(calls).toBe(3);
  });

  it('expires an entry after its time to live', async () => {
    await get('/page/1');
    content = 'changed';
    clock += 4999;
    expect((await get('/page/1')).json().content).toBe('first');
    clock += 2;
    expect((await get('/page/1')).json().content).toBe('changed');
    expect(calls).toBe(2);
  });

  it('answers If-None-Match with 304 and no body, on a hit and on a miss', async () => {
    const first = await get('/page/1');
    const etag = first.headers.etag as string;
    const hit = await get('/page/1', { 'if-none-match': etag });
    expect(hit.statusCode).toBe(304);
    expect(hit.body).toBe('');
    expect(hit.headers.etag).toBe(etag);
    expect((await get('/page/1', { 'if-none-match': '"other"' })).statusCode).toBe(200);
    clock += 6000;
    const miss = await get('/page/1', { 'if-none-match': `W/${etag}` });
    expect(miss.statusCode).toBe(304);
    expect(calls).toBe(2);
    content = 'changed';
    clock += 6000;
    expect((await get('/page/1', { 'if-none-match': etag })).statusCode).toBe(200);
  });

  it('never answers nor stores a request with a session, a Set-Cookie or a non-200', async () => {
    await get('/page/1');
    const signedIn = await get('/page/1', { cookie: `${SESSION_COOKIE}=seeker` });
    expect(signedIn.json().for).toBe('seeker');
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(signedIn.headers.etag).toBeUndefined();
    await get('/page/3', { cookie: `${SESSION_COOKIE}=seeker` });
    expect((await get('/page/3')).json().for).toBeNull();
    expect(calls).toBe(4);

    await get('/sets-cookie');
    await get('/sets-cookie');
    await get('/missing');
    await get('/missing');
    await get('/plain');
    await get('/plain');
    expect(calls).toBe(10);
    expect(cache.size).toBe(2);
  });

  it('a route that is the same for everyone shares its entry with signed-in viewers', async () => {
    const seeker = { cookie: `${SESSION_COOKIE}=seeker` };
    expect((await get('/shared/1', seeker)).json()).toEqual({ id: '1', content: 'first' });
    content = 'changed';
    expect((await get('/shared/1')).json().content).toBe('first');
    const again = await get('/shared/1', { cookie: `${SESSION_COOKIE}=school` });
    expect(again.json().content).toBe('first');
    expect(again.headers.etag).toBeDefined();
    expect(calls).toBe(1);
    // a staff write still clears it
    await app.inject({ method: 'POST', url: '/write', cookies: { [SESSION_COOKIE]: 'employer' } });
    expect((await get('/shared/1', seeker)).json().content).toBe('changed');
    expect(calls).toBe(2);
  });

  it("a staff member's write clears the cache; a seeker's or an anonymous one does not", async () => {
    await get('/page/1');
    content = 'changed';
    await app.inject({ method: 'POST', url: '/write' });
    await app.inject({ method: 'POST', url: '/write', cookies: { [SESSION_COOKIE]: 'seeker' } });
    expect((await get('/page/1')).json().content).toBe('first');
    await app.inject({ method: 'POST', url: '/write', cookies: { [SESSION_COOKIE]: 'employer' } });
    expect((await get('/page/1')).json().content).toBe('changed');
    expect(calls).toBe(2);
  });

  describe('a stampede on one missing entry', () => {
    const open = () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    };
    const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

    it('computes it once; the requests that came meanwhile are answered from the cache', async () => {
      const release = open();
      const answers = Promise.all([1, 2, 3, 4, 5].map(() => get('/slow/1')));
      await settled();
      expect(calls).toBe(1);
      release();
      const bodies = (await answers).map((r) => r.body);
      expect(new Set(bodies).size).toBe(1);
      expect(calls).toBe(1);
      expect(cache.hits).toBe(4);
      expect(cache.computingCount).toBe(0);
      // another URL is computed on its own
      await get('/slow/2');
      expect(calls).toBe(2);
    });

    it('when the first answer is not stored (a 404), the waiters each go to the handler', async () => {
      slowStatus = 404;
      const release = open();
      const answers = Promise.all([1, 2, 3].map(() => get('/slow/1')));
      await settled();
      expect(calls).toBe(1);
      release();
      expect((await answers).map((r) => r.statusCode)).toEqual([404, 404, 404]);
      expect(calls).toBe(3);
      expect(cache.computingCount).toBe(0);
    });

    it('a request that hangs holds the others back for leaderWaitMs at most', async () => {
      const release = open();
      const first = get('/slow/1');
      await settled();
      const second = get('/slow/1');
      await settled();
      expect(calls).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(calls).toBe(2);
      // a claim older than leaderWaitMs is taken over: the next one leads at once
      clock += 301;
      const third = get('/slow/1');
      await settled();
      expect(calls).toBe(3);
      release();
      await Promise.all([first, second, third]);
      expect(cache.computingCount).toBe(0);
      expect(cache.size).toBe(1);
    });
  });
});
