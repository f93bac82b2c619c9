import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { MessageRateLimiter } from './chat.rate.ts';

/** Two limiters on one database stand for two server processes sharing the counters. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
});
afterAll(() => t.close());

const hits = (limiter: MessageRateLimiter, accountId: string, n: number) => {
  let refused = 0;
  for (let i = 0; i < n; i++) {
    try {
      limiter.hit(accountId);
    } catch {
      refused++;
    }
  }
  return refused;
};

describe('chat rate limit shared between processes', () => {
  it('an account over the budget on two processes together is refused on both', async () => {
    const a = new MessageRateLimiter(t.database.db);
    const b = new MessageRateLimiter(t.database.db);
    const account = randomUUID();
    // 12 + 12 messages: each process alone is within 20 per 10 s
    expect(hits(a, account, 12)).toBe(0);
    await a.flush();
    expect(hits(b, account, 12)).toBe(0);
    await b.flush(); // the shared count is 24 now
    expect(() => b.hit(account)).toThrow('发送过于频繁');
    await a.flush();
    expect(hits(a, account, 1)).toBe(0); // a has not heard yet (no pending hits were flushed)
    await a.flush();
    expect(() => a.hit(account)).toThrow('发送过于频繁');
    // another account is untouched
    expect(hits(a, randomUUID(), 5)).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('without shared counters (one PGlite process) the local window alone decides', () => {
    const local = new MessageRateLimiter(null);
    const account = randomUUID();
    expect(hits(local, account, 20)).toBe(0);
    expect(() => local.hit(account)).toThrow('发送过于频繁');
    // the next window starts afresh
    expect(() => local.hit(account, 'send', Date.now() + 10_001)).not.toThrow();
  });

  it('HTTP reads have a wide budget of their own', () => {
    const local = new MessageRateLimiter(null);
    const account = randomUUID();
    for (let i = 0; i < 300; i++) local.hit(account, 'reads');
    expect(() => local.hit(account, 'reads')).toThrow('刷新过于频繁');
    expect(() => local.hit(account, 'ops')).not.toThrow();
    expect(() => local.hit(account, 'send')).not.toThrow();
  });

  it('budgets are separate: reading does not use up sending', () => {
    const local = new MessageRateLimiter(null);
    const account = randomUUID();
    for (let i = 0; i < 60; i++) local.hit(account, 'ops');
    expect(() => local.hit(account, 'ops')).toThrow('操作过于频繁');
    expect(() => local.hit(account, 'send')).not.toThrow();
  });
});
