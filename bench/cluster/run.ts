/**
 * npm run bench:cluster [-- --users 500 --employers 25 --seconds 60 --interviews 10 …]
 *
 * Two server processes behind HAProxy on one PostgreSQL database of its own, started by
 * scripts/cluster/start.sh (the layout of the README's deployment section). Then, through the
 * proxy: a session signed in on one process is used and ended on the other; polling-only
 * sockets connect (sticky cookie); and the fair simulation (bench/fair) runs with every
 * employer's socket pinned to one process and its candidates' sockets to the other, so chat
 * messages and interview calls' signalling cross processes (socket.io PostgreSQL adapter).
 * Checks 0 lost / 0 duplicated messages and every signalling event delivered; writes
 * docs/benchmarks-cluster.md and .json; exits 1 when a check fails.
 * Options as bench:fair; --pg postgres://…/postgres for the server to create the database on.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { openPostgres } from '../../apps/server/src/platform/db/database.ts';
import { freePort, machine, root } from '../lib/server.ts';
import { arg, missingStored, seedOptionsFromArgs, simArgs } from '../fair/options.ts';
import { sampleResources } from '../fair/report.ts';
import { seedFair } from '../fair/seed.ts';
import { runSimulation } from '../fair/sim.ts';
import { checkPolling, checkSessionAcrossProcesses, haproxyServers } from './checks.ts';
import { writeClusterReport } from './report.ts';

const DB = 'fairbench_cluster';
const admin = arg('pg', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const dbUrl = (() => {
  const u = new URL(admin);
  u.pathname = `/${DB}`;
  return u.toString();
})();

async function recreateDatabase() {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`drop database if exists ${DB} with (force)`);
  await c.query(
    `create database ${DB} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await c.end();
}

/** The processes start.sh started: the two servers and HAProxy. */
function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    let kids: number[] = [];
    try {
      kids = fs
        .readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return;
    }
    for (const k of kids) {
      const cmd = fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: k, cmd });
      walk(k);
    }
  };
  walk(pid);
  return out;
}

async function waitFor(url: string, ms: number, alive: () => boolean) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive()) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main() {
  const o = seedOptionsFromArgs();
  const sim = simArgs();
  o.interviews = Number(arg('interviews', '10'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-cluster-'));
  const statsSocket = path.join(tmp, 'haproxy.sock');
  fs.writeFileSync(
    path.join(tmp, 'stats.cfg'),
    `global\n    stats socket ${statsSocket} mode 600 level user\n`,
  );
  if (spawnSync('bash', ['-c', 'command -v haproxy']).status !== 0) {
    console.log('installing HAProxy (Debian package) …');
    spawnSync('apt-get', ['install', '-y', 'haproxy'], { stdio: 'inherit' });
  }
  await recreateDatabase();
  const [bind, p1, p2] = [await freePort(), await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${bind}`;
  const log = fs.openSync(path.join(tmp, 'cluster.log'), 'a');
  console.log(`starting the cluster (scripts/cluster/start.sh) on ${DB} …`);
  const cluster = spawn('bash', ['scripts/cluster/start.sh'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      HH_BIND: `127.0.0.1:${bind}`,
      HH_PORT1: String(p1),
      HH_PORT2: String(p2),
      // every virtual user comes from 127.0.0.1: lift the per-address budget for this run
      HH_REQ_PER_10S: '1000000',
      HH_HAPROXY_EXTRA: path.join(tmp, 'stats.cfg'),
      HIREHALL_DATA_DIR: path.join(tmp, 'data'),
      HIREHALL_ADMIN_PASSWORD: 'Bench-admin-2026',
      LOG_LEVEL: 'warn',
    },
  });
  const stop = () => {
    try {
      process.kill(-cluster.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  process.on('exit', stop);
  try {
    const up = await waitFor(`${baseUrl}/api/health`, 400_000, () => cluster.exitCode === null);
    if (!up) {
      const tail = fs.readFileSync(path.join(tmp, 'cluster.log'), 'utf8').slice(-3000);
      throw new AppError('INTERNAL', `the cluster did not start:\n${tail}`);
    }
    const procs = childrenOf(cluster.pid!);
    const servers = procs.filter((p) => p.cmd.includes('main.mjs'));
    const haproxy = procs.find((p) => p.cmd.startsWith('haproxy'));
    console.log(
      `cluster up: servers ${servers.map((s) => s.pid).join(', ')}, haproxy ${haproxy?.pid}`,
    );

    const database = await openPostgres(dbUrl);
    console.log(`seeding ${o.seekers} seekers, ${o.employers} employers …`);
    const seed = await seedFair(database.db, o);
    const session = await checkSessionAcrossProcesses(baseUrl, seed.fairJobIds[0]!);
    console.log(`session across processes: ${session.ok ? 'ok' : 'FAILED'}`);
    const pollingSticky = await checkPolling(baseUrl, seed.seekers[0]!.token, 20, true);
    const pollingNoCookie = await checkPolling(baseUrl, seed.seekers[1]!.token, 20, false);
    console.log(
      `polling sockets: sticky ${pollingSticky.connected}/20, without the cookie ${pollingNoCookie.connected}/20`,
    );

    // an employer's socket on one process, its candidates' sockets on the other
    const employerNode = (e: number) => (e % 2 === 0 ? 'app1' : 'app2');
    const seekerNode = (s: number) =>
      employerNode(seed.seekers[s]!.employer) === 'app1' ? 'app2' : 'app1';
    const samples = sampleResources([
      ...servers.map((s) => s.pid),
      ...(haproxy ? [haproxy.pid] : []),
    ]);
    let socketsPerServer: Awaited<ReturnType<typeof haproxyServers>> = [];
    const statsTimer = setTimeout(
      () => void haproxyServers(statsSocket).then((s) => (socketsPerServer = s)),
      (sim.rampSeconds + 5) * 1000,
    );
    console.log(`${o.seekers} virtual seekers for ${sim.seconds} s through HAProxy …`);
    const r = await runSimulation(seed, { baseUrl, ...sim, seekerNode, employerNode });
    clearTimeout(statsTimer);
    const resources = samples.stop();
    const storedMissing = await missingStored(database.db, r.ackedClientIds);
    const totals = await haproxyServers(statsSocket);
    // HAProxy's own lines: health checks that took a server out of rotation
    const clusterLog = fs.readFileSync(path.join(tmp, 'cluster.log'), 'utf8');
    const downEvents = clusterLog.split('\n').filter((l) => /is DOWN/.test(l));
    await database.close();
    const failed = writeClusterReport({
      date: new Date().toISOString(),
      machine: machine(),
      options: { ...o, ...sim },
      processes: { servers: servers.map((s) => s.pid), haproxy: haproxy?.pid ?? null },
      session,
      pollingSticky,
      pollingNoCookie,
      socketsPerServer,
      totals,
      resources,
      storedMissing,
      downEvents,
      result: r,
    });
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 1000));
    fs.copyFileSync(
      path.join(tmp, 'cluster.log'),
      path.join(os.tmpdir(), 'hirehall-bench-cluster.log'),
    );
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!process.argv.includes('--keep-database')) {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${DB} with (force)`);
      await c.end();
    }
  }
}

await main();
process.exit(process.exitCode ?? 0);
