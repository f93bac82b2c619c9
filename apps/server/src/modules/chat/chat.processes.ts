/** Test helpers: real server processes (`apps/server/src/main.ts`) and the database they share. */
/* eslint-disable no-restricted-syntax -- a test helper: plain errors fail the test */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  migrateDatabase,
  openPglite,
  openPostgres,
  type Database,
} from '../../platform/db/database.ts';
import type { SignedIn } from '../../../test/fixtures.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { conversations } from './chat.tables.ts';
import { createApplication } from './chat.fixtures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<void>;
  /** SIGKILL if still running, then wait for the exit */
  kill(): Promise<void>;
}

/**
 * `node apps/server/src/main.ts` as in production, on `dataDir` (PGlite in `dataDir/pglite`)
 * or on `databaseUrl`; resolves once `/api/health` answers.
 */
export async function startServerProcess(
  dataDir: string,
  databaseUrl?: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const logFile = path.join(dataDir, `server-${port}.log`);
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HIREHALL_DEMO: '0',
    HIREHALL_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    HIREHALL_ADMIN_PASSWORD: 'Admin-process-2026',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', log, log],
    env,
  });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const server: ServerProcess = {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    exited,
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!running()) {
      throw new Error(`server exited early:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    try {
      const res = await fetch(`${server.baseUrl}/api/health`);
      if (res.ok) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error('server did not become healthy in 120 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface ProcessDatabase {
  /** opens the database in this process (PGlite: only while no server owns the folder) */
  open(): Promise<Database>;
  /** the PostgreSQL database the servers use; undefined on PGlite */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database (UTF-8 ctype), migrated; dropped by `drop()`. */
export async function createPostgresDatabase(url: string): Promise<ProcessDatabase> {
  const name = `hirehall_proc_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const migrated = await openPostgres(dbUrl.toString());
  await migrateDatabase(migrated);
  await migrated.close();
  return {
    url: dbUrl.toString(),
    open: () => openPostgres(dbUrl.toString()),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** PostgreSQL when DATABASE_URL is set, else a PGlite folder in `dataDir` from the template. */
export async function createProcessDatabase(dataDir: string): Promise<ProcessDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return createPostgresDatabase(url);
  const template = process.env.HIREHALL_TEST_TEMPLATE;
  if (!template) throw new Error('global setup did not build the PGlite template');
  const dir = path.join(dataDir, 'pglite');
  const first = await openPglite({
    dataDir: dir,
    loadDataDir: new Blob([fs.readFileSync(template)]),
  });
  await first.close();
  return { open: () => openPglite({ dataDir: dir }), drop: async () => undefined };
}

export interface Pair {
  employer: SignedIn;
  seeker: SignedIn;
  conversationId: string;
}

/** `n` employers and seekers, each pair with an application and its conversation. */
export async function createPairs(database: Database, n: number): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) {
    const employer = await signInAs(database.db, 'employer');
    const seeker = await signInAs(database.db, 'seeker');
    const { application } = await createApplication(database.db, employer, seeker);
    const [c] = await database.db
      .insert(conversations)
      .values({
        applicationId: application.id,
        organizationId: employer.organizationId!,
        seekerAccountId: seeker.accountId,
        openedBy: employer.accountId,
      })
      .returning();
    pairs.push({ employer, seeker, conversationId: c!.id });
  }
  return pairs;
}
