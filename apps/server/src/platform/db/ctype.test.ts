import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/test-app.ts';
import { assertUtf8Ctype, openPostgres } from './database.ts';

/**
 * Start-up refuses a PostgreSQL database whose LC_CTYPE is C/POSIX (Chinese search needs a
 * UTF-8 ctype) with a message saying how to create it. With DATABASE_URL (npm run test:pg)
 * this creates such a database for real; without it, the same check runs against PGlite's
 * catalog set to C, so the file never passes without exercising the refusal.
 */
const url = process.env.DATABASE_URL;
const refusal =
  /LC_CTYPE 为 C，无法对中文建立索引[\s\S]*CREATE DATABASE \S+ TEMPLATE template0 ENCODING 'UTF8'/;

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe(`database ctype check (${url ? 'PostgreSQL' : 'PGlite catalog'})`, () => {
  it('refuses a C-ctype database with the command that creates a UTF-8 one, and accepts UTF-8', async () => {
    if (url) {
      const name = `hirehall_ctype_${randomBytes(5).toString('hex')}`;
      await withAdmin((c) =>
        c.query(
          `create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`,
        ),
      );
      try {
        const target = new URL(url);
        target.pathname = `/${name}`;
        await expect(openPostgres(target.toString())).rejects.toThrow(refusal);
        await expect(openPostgres(target.toString())).rejects.toThrow(name);
      } finally {
        await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
      }
      // the server's own database (UTF-8, as the test databases are made) opens
      const ok = await openPostgres(url);
      await ok.close();
      return;
    }
    const { database, drop } = await openTestDatabase();
    try {
      await expect(assertUtf8Ctype(database.db)).resolves.toBeUndefined();
      await database.db.execute(
        sql`update pg_database set datctype = 'C' where datname = current_database()`,
      );
      await expect(assertUtf8Ctype(database.db)).rejects.toThrow(refusal);
    } finally {
      await drop();
    }
  }, 60_000);
});
