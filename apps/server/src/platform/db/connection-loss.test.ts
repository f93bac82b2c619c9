import Fastify from 'fastify';
import pg from 'pg';
import { DrizzleQueryError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { isDatabaseDown, registerErrorHandler } from '../http/error-handler.ts';

/**
 * PostgreSQL going away (restart, fast shutdown): requests answer 503 SERVICE_UNAVAILABLE and
 * the process recovers by itself. bench/faults/pg-restart.ts stops and starts a real cluster
 * under load (docs/faults-pg-restart.md); this file checks the pieces in the suite. With
 * DATABASE_URL (npm run test:pg) it terminates the app's own backends the way a fast shutdown
 * does (57P01) and watches the LISTEN connections come back.
 */
const url = process.env.DATABASE_URL;

describe('database errors answer 503', () => {
  it('recognises the driver errors of a database that is down, also wrapped by drizzle', () => {
    const terminated = {
      code: '57P01',
      message: 'terminating connection due to administrator command',
    };
    expect(isDatabaseDown(new DrizzleQueryError('select 1', [], terminated as never))).toBe(true);
    expect(
      isDatabaseDown({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }),
    ).toBe(true);
    expect(isDatabaseDown({ message: 'timeout exceeded when trying to connect' })).toBe(true);
    expect(isDatabaseDown({ code: '23505', message: 'duplicate key value' })).toBe(false);
    expect(isDatabaseDown(new DrizzleQueryError('select 1', [], { code: '42P01' } as never))).toBe(
      false,
    );
  });

  it('answers 503 SERVICE_UNAVAILABLE with the Chinese message, details only in the log', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandler(app);
    app.get('/down', async () => {
      throw new DrizzleQueryError('select 1', [], {
        code: '57P03',
        message: 'the database system is starting up',
      } as never);
    });
    const res = await app.inject({ method: 'GET', url: '/down' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: '服务暂不可用，请稍后再试' },
    });
    await app.close();
  });
});

describe.runIf(url)('PostgreSQL connections terminated (as by a fast shutdown)', () => {
  let t: TestApp;
  let admin: pg.Client;
  let dbName: string;
  beforeAll(async () => {
    t = await createTestApp();
    const [row] = (await t.database.pool!.query<{ db: string }>('select current_database() as db'))
      .rows;
    dbName = row!.db;
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.close();
  });

  const listeners = async () =>
    (
      await admin.query<{ query: string }>(
        `select query from pg_stat_activity where datname = $1 and query ilike 'listen %'`,
        [dbName],
      )
    ).rows
      .map((r) => r.query)
      .sort();
  // the socket.io adapter's own listener reconnects by itself too (its pool must not keep the
  // dead client, or closing the app below would wait for ever)
  const expected = ['LISTEN "socket.io#/"', 'listen hirehall_outbox', 'listen hirehall_sessions'];

  it('the LISTEN connections come back by themselves; requests go on; the app closes', async () => {
    await expect.poll(listeners, { timeout: 5000 }).toEqual(expected);
    const before = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [dbName],
    );
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [dbName],
    );
    // the process is still here (an unhandled 'error' would have ended the test run) and
    // the pool opens new connections for the next requests
    await expect
      .poll(async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode, {
        timeout: 5000,
      })
      .toBe(200);
    await expect.poll(listeners, { timeout: 8000 }).toEqual(expected);
    const after = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = $1 and query ilike 'listen %'`,
      [dbName],
    );
    const old = new Set(before.rows.map((r) => r.pid));
    expect(after.rows.every((r) => !old.has(r.pid))).toBe(true);
  });
});
