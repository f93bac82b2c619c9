import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/test-app.ts';
import { queryRows, type Database } from '../db/database.ts';
import { EventDispatcher } from './dispatcher.ts';

const noop = () => undefined;
const log = { info: noop, warn: noop, error: noop } as unknown as FastifyBaseLogger;
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/**
 * The dispatcher as the app runs it: started, hearing the outbox trigger's NOTIFY through
 * LISTEN, with one consumer and one worker that count what they see.
 */
describe('EventDispatcher passes', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let dispatcher: EventDispatcher | null = null;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = null;
    await database.db.execute(sql`update outbox_events set processed_at = now()`);
  });

  afterAll(async () => {
    await drop();
  });

  /** One commit (so one NOTIFY) appending an event; resolves to its id. */
  async function appendEvent() {
    const [row] = await queryRows<{ id: number | string }>(
      database.db,
      sql`insert into outbox_events (kind, recipient_account_ids, payload)
          values ('test.dispatcher', '{}', '{}'::jsonb) returning id`,
    );
    return Number(row!.id);
  }

  async function startDispatcher(options: {
    minPassGapMs: number;
    intervalMs?: number;
    /** runs in the worker, after the start pass: outside the claiming transaction */
    work?: () => Promise<void>;
  }) {
    const seen = { events: [] as { id: number; pass: number; at: number }[], workerRuns: 0 };
    const d = new EventDispatcher(database, log, options.intervalMs ?? HOUR, {
      minPassGapMs: options.minPassGapMs,
    });
    d.addConsumer('test', async (_tx, event) => {
      seen.events.push({ id: event.id, pass: d.passCount, at: performance.now() });
    });
    d.addWorker('test', async () => {
      seen.workerRuns++;
      if (seen.workerRuns > 1) await options.work?.();
      return 0;
    });
    dispatcher = d;
    await d.start();
    await waitUntil(() => seen.workerRuns === 1); // the start pass
    return { d, seen };
  }

  it('a lone event after a quiet spell is handled at once; a nudge right after waits for the gap', async () => {
    const gap = 400;
    const { d, seen } = await startDispatcher({ minPassGapMs: gap });
    await sleep(gap + 50);

    const before = d.passCount;
    const committed = performance.now();
    const id = await appendEvent();
    await waitUntil(() => seen.events.some((e) => e.id === id));
    expect(performance.now() - committed).toBeLessThan(gap / 2);
    expect(d.passCount).toBe(before + 1);

    // a nudge while the last pass is younger than the gap does not start one ...
    const lastPass = seen.events.at(-1)!.at;
    d.nudge();
    expect(d.passCount).toBe(before + 1);
    // ... but one follows once the gap is over: the nudge is not lost
    const second = await appendEvent();
    await waitUntil(() => seen.events.some((e) => e.id === second));
    expect(d.passCount).toBe(before + 2);
    expect(seen.events.at(-1)!.at - lastPass).toBeGreaterThanOrEqual(gap - 100);
  });

  it('a nudge after a quiet spell starts a pass before nudge() returns', async () => {
    const { d } = await startDispatcher({ minPassGapMs: 100 });
    await sleep(150);
    const before = d.passCount;
    d.nudge();
    expect(d.passCount).toBe(before + 1);
  });

  it('50 nudges within a few milliseconds make 2 passes', async () => {
    const gap = 500;
    const { d } = await startDispatcher({ minPassGapMs: gap });
    await sleep(gap + 20);
    const before = d.passCount;
    const began = performance.now();
    for (let i = 0; i < 50; i++) {
      d.nudge();
      await new Promise(setImmediate);
    }
    expect(performance.now() - began).toBeLessThan(gap);
    await sleep(gap * 2);
    expect(d.passCount - before).toBe(2);
  });

  it('events committed one after another are folded into a pass per gap, each handled once', async () => {
    const gap = 50;
    const { d, seen } = await startDispatcher({ minPassGapMs: gap });
    const before = d.passCount;
    const began = performance.now();
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(await appendEvent());
      await sleep(4);
    }
    const elapsed = performance.now() - began;
    await waitUntil(() => ids.every((id) => seen.events.some((e) => e.id === id)));
    await sleep(gap * 3);

    expect(seen.events.map((e) => e.id).sort((a, b) => a - b)).toEqual(ids);
    const passes = d.passCount - before;
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(passes).toBeLessThanOrEqual(Math.ceil(elapsed / gap) + 2);
  });

  /** A worker that holds its pass until released (PGlite runs nothing during a transaction). */
  function gate() {
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    return { opened, release };
  }

  it('an event committed during a pass is handled by a later pass, without the interval', async () => {
    const hold = gate();
    let isHolding = true;
    const { d, seen } = await startDispatcher({
      minPassGapMs: 30,
      work: () => (isHolding ? hold.opened : Promise.resolve()),
    });
    const first = await appendEvent();
    await waitUntil(() => seen.workerRuns === 2); // the pass that handled `first` is in its workers
    const during = [await appendEvent(), await appendEvent()];
    await sleep(50);
    expect(seen.events.map((e) => e.id)).toEqual([first]);
    isHolding = false;
    hold.release();
    await waitUntil(() => during.every((id) => seen.events.some((e) => e.id === id)));

    const passOf = (id: number) => seen.events.find((e) => e.id === id)!.pass;
    expect(passOf(during[0]!)).toBeGreaterThan(passOf(first));
    expect(seen.events.map((e) => e.id)).toEqual([first, ...during]);
    expect(d.passCount).toBeGreaterThanOrEqual(3);
  });

  it('stop() waits for the running pass, and no pass starts afterwards', async () => {
    const hold = gate();
    const { d, seen } = await startDispatcher({ minPassGapMs: 30, work: () => hold.opened });
    const first = await appendEvent();
    await waitUntil(() => seen.workerRuns === 2);
    d.nudge(); // due after the running pass

    let isStopped = false;
    const stopping = d.stop().then(() => (isStopped = true));
    await sleep(100);
    expect(isStopped).toBe(false);
    hold.release();
    await stopping;
    const passes = d.passCount;
    d.nudge();
    await appendEvent();
    await sleep(100);
    expect(d.passCount).toBe(passes);
    expect(seen.events.map((e) => e.id)).toEqual([first]);
  });

  it('workers run after passes that handled events, not after nudges that found none', async () => {
    const gap = 30;
    const { d, seen } = await startDispatcher({ minPassGapMs: gap });
    await sleep(gap + 10);
    const before = d.passCount;
    d.nudge(); // finds no event
    expect(d.passCount).toBe(before + 1);
    const id = await appendEvent();
    await waitUntil(() => seen.events.some((e) => e.id === id) && seen.workerRuns >= 2);
    await sleep(gap * 3);
    expect(d.passCount).toBeGreaterThanOrEqual(before + 2);
    expect(seen.workerRuns).toBe(2); // the start pass and the one that handled the event
  });

  it('workers run on every interval pass, with no event', async () => {
    const { seen } = await startDispatcher({ minPassGapMs: 30, intervalMs: 100 });
    await waitUntil(() => seen.workerRuns >= 4, 2_000);
    expect(seen.events).toHaveLength(0);
  });
});
