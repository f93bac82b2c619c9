import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/test-app.ts';
import { queryRows, type Database } from './database.ts';
import { queryPrepared } from './prepared.ts';

describe('queryPrepared', () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(() => drop());

  const statement = (n: number) =>
    sql`select ${n}::int as n, now() as at, array[${n}::int, ${n + 1}::int] as pair, 'x' || ${String(n)} as text`;

  it('returns the rows queryRows returns, with the same types', async () => {
    for (const n of [1, 2, 3]) {
      const [plain] = await queryRows<Record<string, unknown>>(database.db, statement(n));
      const [prepared] = await queryPrepared<Record<string, unknown>>(
        database.db,
        'test_prepared_rows',
        statement(n),
      );
      expect({ ...prepared, at: typeof prepared!.at }).toEqual({ ...plain, at: typeof plain!.at });
      expect(prepared!.n).toBe(n);
      expect(prepared!.pair).toEqual([n, n + 1]);
    }
  });

  it('is a named prepared statement on PostgreSQL, reused with new values', async () => {
    const names = await database.db.transaction(async (tx) => {
      await queryPrepared(tx, 'test_prepared_named', statement(7));
      const [again] = await queryPrepared<{ n: number }>(tx, 'test_prepared_named', statement(8));
      expect(again!.n).toBe(8);
      return (
        await queryRows<{ name: string }>(tx, sql`select name from pg_prepared_statements`)
      ).map((r) => r.name);
    });
    // PGlite runs the statement without a server-side name
    if (database.kind === 'postgres') expect(names).toContain('test_prepared_named');
    else expect(names).not.toContain('test_prepared_named');
  });

  it.runIf(process.env.DATABASE_URL)(
    'is planned for its values on PostgreSQL (no generic plan)',
    async () => {
      const [row] = await queryRows<{ plan_cache_mode: string }>(
        database.db,
        sql`show plan_cache_mode`,
      );
      expect(row!.plan_cache_mode).toBe('force_custom_plan');
    },
  );
});
