import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../src/app.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import {
  migrateDatabase,
  openPglite,
  openPostgres,
  type Database,
} from '../src/platform/db/database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database per test file: PGlite loaded from the template, or — when
 * DATABASE_URL is set — a new PostgreSQL database (UTF-8 ctype) that is dropped afterwards.
 */
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const template = process.env.HIREHALL_TEST_TEMPLATE;
    if (!template) throw new Error('global setup did not build the PGlite template');
    const database = await openPglite({ loadDataDir: new Blob([fs.readFileSync(template)]) });
    return { database, drop: () => database.close() };
  }
  const name = `hirehall_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openPostgres(testUrl.toString());
  await migrateDatabase(database);
  return {
    database,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** `options`: a log stream to read, a (fake) web build to serve. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: Pick<BuildOptions, 'logStream' | 'webDist'> = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HIREHALL_DATA_DIR: dataDir,
    HIREHALL_DEMO: '0',
    ...env,
  });
  const { database, drop } = await openTestDatabase();
  const app = await buildApp({ config, database, ...options });
  await app.ready();
  return {
    app,
    database,
    config,
    dataDir,
    async close() {
      await app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
