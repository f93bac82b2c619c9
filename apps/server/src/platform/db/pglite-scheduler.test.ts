import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, queryRows, type Database } from './database.ts';
import { PgliteScheduler } from './pglite-scheduler.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A call that holds the database for `ms` and records when it ended. */
const work = (done: string[], name: string, ms: number) => async () => {
  await sleep(ms);
  done.push(name);
  return name;
};

describe('PgliteScheduler', () => {
  it('gives a single statement its turn after about one transaction, not after the backlog', async () => {
    const scheduler = new PgliteScheduler();
    const done: string[] = [];
    const backlog = Array.from({ length: 8 }, (_, i) =>
      scheduler.run('transaction', work(done, `tx${i}`, 15)),
    );
    await sleep(5); // tx0 holds the database
    const read = scheduler.run('statement', work(done, 'read', 1));
    expect(scheduler.waiting).toEqual({ statement: 1, transaction: 7 });
    expect(await read).toBe('read');
    expect(done).toEqual(['tx0', 'read']);
    await Promise.all(backlog);
    expect(done).toEqual(['tx0', 'read', 'tx1', 'tx2', 'tx3', 'tx4', 'tx5', 'tx6', 'tx7']);
  });

  it('shares the time when both kinds wait: statements do not starve transactions', async () => {
    const scheduler = new PgliteScheduler();
    const done: string[] = [];
    const calls = [
      ...Array.from({ length: 20 }, (_, i) => scheduler.run('statement', work(done, `s${i}`, 2))),
      ...Array.from({ length: 3 }, (_, i) => scheduler.run('transaction', work(done, `tx${i}`, 2))),
    ];
    await Promise.all(calls);
    // about every other turn goes to the waiting transactions (timers are not exact: ± a turn)
    const lastTx = done.indexOf('tx2');
    expect(lastTx).toBeGreaterThanOrEqual(4);
    expect(lastTx).toBeLessThanOrEqual(8);
    expect(done.filter((d) => d.startsWith('s'))).toEqual(
      Array.from({ length: 20 }, (_, i) => `s${i}`),
    );
  });

  it('lets the process read new work between two calls: concurrent requests take turns', async () => {
    const scheduler = new PgliteScheduler();
    const done: string[] = [];
    // a call that finishes at once (as PGlite's synchronous ones do)
    const instant = (name: string) => () => {
      done.push(name);
      return Promise.resolve(name);
    };
    const requestA = (async () => {
      await scheduler.run('statement', instant('a1'));
      await scheduler.run('statement', instant('a2'));
      await scheduler.run('statement', instant('a3'));
    })();
    // B arrives as I/O after A's first call was queued (a macrotask, like a socket read)
    setImmediate(() => void scheduler.run('statement', instant('b1')));
    await requestA;
    expect(done).toEqual(['a1', 'a2', 'b1', 'a3']);
  });

  it('passes errors through and keeps serving', async () => {
    const scheduler = new PgliteScheduler();
    await expect(
      scheduler.run('statement', () => Promise.reject(new Error('syntax error'))),
    ).rejects.toThrow('syntax error');
    await expect(
      scheduler.run('transaction', () => {
        throw new Error('thrown before a promise');
      }),
    ).rejects.toThrow('thrown before a promise');
    expect(await scheduler.run('statement', () => Promise.resolve(1))).toBe(1);
  });
});

describe('PGlite through the scheduler', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite({});
    await database.db.execute(sql`create table counter (id int primary key, n int not null)`);
    await database.db.execute(sql`insert into counter values (1, 0)`);
  });
  afterAll(() => database.close());

  it('keeps transactions atomic: concurrent read-modify-write loses no update', async () => {
    await Promise.all(
      Array.from({ length: 40 }, () =>
        database.db.transaction(async (tx) => {
          const [row] = await queryRows<{ n: number }>(tx, sql`select n from counter where id = 1`);
          await tx.execute(sql`update counter set n = ${row!.n + 1} where id = 1`);
        }),
      ),
    );
    const [row] = await queryRows<{ n: number }>(database.db, sql`select n from counter`);
    expect(row!.n).toBe(40);
  });

  it('answers a read while a backlog of transactions waits', async () => {
    const finished: string[] = [];
    const backlog = Array.from({ length: 30 }, (_, i) =>
      database.db
        .transaction(async (tx) => {
          for (let k = 0; k < 5; k++) {
            await tx.execute(sql`select count(*) from generate_series(1, 20000)`);
          }
        })
        .then(() => finished.push(`tx${i}`)),
    );
    await sleep(0);
    const [row] = await queryRows<{ n: number }>(database.db, sql`select n from counter`);
    finished.push('read');
    expect(row!.n).toBe(40);
    await Promise.all(backlog);
    expect(finished.indexOf('read')).toBeLessThanOrEqual(2);
  });

  it('rolls back a failing transaction and runs the next', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`update counter set n = 0 where id = 1`);
        await tx.execute(sql`select * from missing_table`);
      }),
    ).rejects.toThrow();
    const [row] = await queryRows<{ n: number }>(database.db, sql`select n from counter`);
    expect(row!.n).toBe(40);
  });
});
