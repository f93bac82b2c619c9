import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { scheduledClient } from './pglite-scheduler.ts';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: repos accept both. */
export type Queryable = Db | Tx;

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Only on PostgreSQL: the pool, for LISTEN/NOTIFY and adapters. */
  pool?: pg.Pool;
  pglite?: PGlite;
}

/** Rows of a raw `db.execute(sql…)`: both drivers return `{ rows }`. */
export async function queryRows<T>(q: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    relaxedDurability: false,
  });
  // requests take turns call by call, and a transaction backlog does not hold up single reads
  const db = drizzlePglite({ client: scheduledClient(client) as PGlite }) as unknown as Db;
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

export async function openPostgres(url: string): Promise<Database> {
  // the node-postgres driver is loaded only when PostgreSQL is used (PGlite starts without it)
  const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
  // a database that does not answer fails the request in 5 s (503) instead of holding it
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // Named statements (`queryPrepared`) skip parsing but are still planned for their values:
    // a generic plan of the chat writer's batch statement cost PostgreSQL about 40 % more CPU
    // under load, and grew with the tables. Unnamed statements are always planned so.
    options: '-c plan_cache_mode=force_custom_plan',
  });
  pool.on('error', () => {
    /* a broken idle client is dropped by the pool; requests surface the failure */
  });
  // A client checked out between two queries (inside a transaction) that loses its connection
  // (PostgreSQL restarted) emits 'error' with no listener of the pool's: without this the
  // process would crash. Its next query fails instead (503) and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg({ client: pool }) as unknown as Db;
  const database: Database = { db, kind: 'postgres', pool, close: () => pool.end() };
  try {
    await assertUtf8Ctype(db);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return database;
}

/** Chinese search needs a UTF-8 ctype; a `C` database cannot index Chinese text. */
export async function assertUtf8Ctype(db: Db) {
  const [row] = await queryRows<{ ctype: string; name: string }>(
    db,
    sql`select datctype as ctype, datname as name from pg_database where datname = current_database()`,
  );
  if (row && ['C', 'POSIX'].includes(row.ctype)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `数据库 ${row.name} 的 LC_CTYPE 为 ${row.ctype}，无法对中文建立索引。请用 UTF-8 重新创建：\n` +
        `  CREATE DATABASE ${row.name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';`,
    );
  }
}

export async function migrateDatabase(database: Database) {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  // Several processes may start together: one migrates, the others wait for the lock.
  const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(7365001)');
    await migratePg(database.db as never, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7365001)').catch(() => undefined);
    client.release();
  }
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

export async function appliedMigrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

export async function openDatabase(config: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<Database> {
  const database = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite({ dataDir: path.join(config.dataDir, 'pglite') });
  await migrateDatabase(database);
  return database;
}
