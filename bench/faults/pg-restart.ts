/**
 * PostgreSQL restarted under load (issue 9): requests fail with a clear 503 while it is down,
 * and the service recovers by itself.
 *
 *   npx tsx bench/faults/pg-restart.ts [--workers 16] [--down-seconds 8]
 *
 * Starts a private PostgreSQL cluster (initdb in a temporary folder, its own port; the
 * machine's shared PostgreSQL is never touched), the server bundle on it with the demo data,
 * and fetch loops against database-backed routes (the session behind /api/auth/me, the job
 * search). Then stops PostgreSQL (fast mode: sessions are terminated), keeps the load on,
 * starts it again and measures how soon every route answers 200 again, without any restart of
 * the server. Writes docs/faults-pg-restart.md.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { demo, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';
import { freePort, machine, root, startServer } from '../lib/server.ts';
import { writeFormatted } from '../lib/write-formatted.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const WORKERS = arg('--workers', 16);
const DOWN_MS = arg('--down-seconds', 8) * 1000;
const BEFORE_MS = 5000;
const AFTER_MS = 10_000;

function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => +b - +a) : [];
  const bin = versions.map((v) => path.join(base, v, 'bin')).find((b) => fs.existsSync(b));
  if (!bin)
    throw new AppError('INTERNAL', 'PostgreSQL server binaries not found (postgresql package)');
  return bin;
}

/**
 * initdb and postgres refuse to run as root: run them as the postgres user then. Never
 * synchronous: the load loops keep running meanwhile.
 */
async function asPostgres(command: string, args: string[]) {
  const isRoot = process.getuid?.() === 0;
  try {
    const r = isRoot
      ? await promisify(execFile)('runuser', ['-u', 'postgres', '--', command, ...args])
      : await promisify(execFile)(command, args);
    return r.stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new AppError('INTERNAL', `${path.basename(command)} failed: ${e.stderr || e.message}`);
  }
}

interface Sample {
  at: number;
  route: string;
  status: number;
  code?: string;
  message?: string;
  ms: number;
}

async function main() {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-pgfault-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pgCtl = (...args: string[]) => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  await asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--locale=C.UTF-8',
    '--encoding=UTF8',
  ]);
  const pgOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const startPostgres = () =>
    pgCtl('-o', pgOptions, '-l', path.join(dir, 'postgres.log'), '-w', 'start');
  await startPostgres();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(
    `create database hirehall template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await admin.end();

  const server = await startServer({
    env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/hirehall` },
  });
  try {
    const base = server.baseUrl;
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        portal: 'seeker',
        identifier: demo.seeker.idNumber,
        password: DEMO_PIN,
      }),
    });
    if (!signIn.ok) throw new AppError('INTERNAL', `sign-in: ${signIn.status}`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

    const listeners = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      const { rows } = await c.query<{ query: string }>(
        `select query from pg_stat_activity where datname = 'hirehall' and query ilike 'listen%' order by query`,
      );
      await c.end();
      return rows.map((r) => r.query);
    };
    const listenBefore = await listeners();

    const t0 = performance.now();
    const now = () => performance.now() - t0;
    const samples: Sample[] = [];
    let stop = false;
    const routes: { name: string; url: () => string; headers: Record<string, string> }[] = [
      { name: 'GET /api/auth/me', url: () => '/api/auth/me', headers: { cookie } },
      {
        name: 'GET /api/public/jobs',
        url: () =>
          `/api/public/jobs?q=${encodeURIComponent(`工程师${Math.floor(Math.random() * 1e6)}`)}`,
        headers: {},
      },
    ];
    const worker = async (w: number) => {
      for (let i = w; !stop; i++) {
        const route = routes[i % routes.length]!;
        const at = now();
        try {
          const res = await fetch(`${base}${route.url()}`, {
            headers: route.headers,
            signal: AbortSignal.timeout(15_000),
          });
          const body = (await res.json().catch(() => ({}))) as {
            error?: { code: string; message: string };
          };
          samples.push({
            at,
            route: route.name,
            status: res.status,
            code: body.error?.code,
            message: body.error?.message,
            ms: now() - at,
          });
        } catch (err) {
          samples.push({
            at,
            route: route.name,
            status: 0,
            code: (err as Error).name,
            ms: now() - at,
          });
        }
      }
    };
    const running = Array.from({ length: WORKERS }, (_, w) => worker(w));

    await new Promise((r) => setTimeout(r, BEFORE_MS));
    const stopAt = now();
    await pgCtl('-m', 'fast', '-w', 'stop');
    const stoppedAt = now();
    const healthDown: { status: number; body: unknown }[] = [];
    const downUntil = stoppedAt + DOWN_MS;
    while (now() < downUntil) {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(15_000) });
      healthDown.push({ status: res.status, body: await res.json() });
      await new Promise((r) => setTimeout(r, 1000));
    }
    const startAt = now();
    await startPostgres();
    const startedAt = now();
    await new Promise((r) => setTimeout(r, AFTER_MS));
    stop = true;
    await Promise.all(running);
    const healthAfter = await fetch(`${base}/api/health`);
    const serverAlive = server.child.exitCode === null;
    await new Promise((r) => setTimeout(r, 1000));
    const listenAfter = await listeners();

    // ---- figures
    // by when each request started and ended: `down` ones saw no running PostgreSQL at all
    const phase = (s: Sample) => {
      const end = s.at + s.ms;
      if (end < stopAt) return 'before';
      if (s.at < stoppedAt) return 'stopping';
      if (end < startAt) return 'down';
      return s.at < startedAt ? 'starting' : 'after';
    };
    const byPhase = new Map<string, Map<string, number>>();
    for (const s of samples) {
      const key = `${s.status}${s.code ? ` ${s.code}` : ''}`;
      const m = byPhase.get(phase(s)) ?? new Map<string, number>();
      m.set(key, (m.get(key) ?? 0) + 1);
      byPhase.set(phase(s), m);
    }
    const down = samples.filter((s) => phase(s) === 'down');
    const downOther = down.filter((s) => s.status !== 503 || s.code !== 'SERVICE_UNAVAILABLE');
    const messages = [...new Set(down.map((s) => s.message).filter(Boolean))];
    const chinese = messages.every((m) => /[\u4e00-\u9fa5]/.test(m!));
    const maxDownMs = Math.max(0, ...down.map((s) => s.ms));
    const maxMs = Math.max(0, ...samples.map((s) => s.ms));
    const after = samples.filter((s) => s.at + s.ms >= startAt).sort((a, b) => a.at - b.at);
    const firstOk = after.find((s) => s.status === 200);
    const lastBad = [...after].reverse().find((s) => s.status !== 200);
    // measured from the moment `pg_ctl start` was issued
    const recoveredAfterMs = Math.max(0, lastBad ? lastBad.at + lastBad.ms - startAt : 0);
    const firstOkAfterMs = firstOk ? firstOk.at + firstOk.ms - startAt : NaN;
    const healthDownOk = healthDown.every(
      (h) =>
        h.status === 503 &&
        (h.body as { database: { reachable: boolean } }).database.reachable === false,
    );
    const pass =
      downOther.length === 0 &&
      down.length > 0 &&
      chinese &&
      maxDownMs < 6000 &&
      healthDownOk &&
      healthAfter.status === 200 &&
      recoveredAfterMs <= 5000 &&
      serverAlive &&
      listenAfter.length === listenBefore.length;

    const table = (name: string) =>
      [...(byPhase.get(name) ?? new Map<string, number>())]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ') || '—';
    const sec = (ms: number) => (ms / 1000).toFixed(1);
    const lines = [
      '# PostgreSQL restarted under load',
      '',
      `Run ${new Date().toISOString()} by \`npx tsx bench/faults/pg-restart.ts\` ` +
        `(${machine().cpus} cores, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${machine().node}, ` +
        `PostgreSQL ${path.basename(path.dirname(bin))}).`,
      '',
      `**Result: ${pass ? 'pass' : 'FAIL'}** — while PostgreSQL was down every request answered 503 ` +
        `\`SERVICE_UNAVAILABLE\` (${down.length} requests, ${downOther.length} otherwise, slowest ${maxDownMs.toFixed(0)} ms); ` +
        'after `pg_ctl start` the service answered 200 by itself, without a restart of the server: ' +
        `the first 200 ${sec(firstOkAfterMs)} s after the start was issued, the last failure ended ` +
        `${sec(recoveredAfterMs)} s after it (target ≤ 5 s).`,
      '',
      '## What ran',
      '',
      '- A private PostgreSQL cluster (initdb in a temporary folder, its own port), the server bundle on it ' +
        '(`npm start` mode, demo data).',
      `- ${WORKERS} fetch loops without pause, alternating \`GET /api/auth/me\` (the session row) and ` +
        '`GET /api/public/jobs?q=…` (a search), each request with a 15 s client timeout.',
      `- ${sec(BEFORE_MS)} s of load, then \`pg_ctl stop -m fast\` (took ${sec(stoppedAt - stopAt)} s), ` +
        `${sec(DOWN_MS)} s down with \`/api/health\` asked every second, \`pg_ctl start\` ` +
        `(took ${sec(startedAt - startAt)} s), ${sec(AFTER_MS)} s more load.`,
      '',
      '## Figures',
      '',
      '| phase | answers (status code: count) |',
      '| --- | --- |',
      `| before the stop | ${table('before')} |`,
      `| while stopping | ${table('stopping')} |`,
      `| down | ${table('down')} |`,
      `| while starting | ${table('starting')} |`,
      `| after the start | ${table('after')} |`,
      '',
      `- Messages while down: ${messages.map((m) => `「${m}」`).join(', ') || '—'}.`,
      `- \`/api/health\` while down: ${healthDown.map((h) => h.status).join(', ')} ` +
        `(database.reachable false: ${healthDownOk ? 'every time' : 'NOT every time'}); after: ${healthAfter.status}.`,
      `- Slowest request of the whole run: ${maxMs.toFixed(0)} ms (nothing hangs: a connection PostgreSQL ` +
        'does not accept fails at once, one it does not answer after 5 s).',
      `- Server process still running: ${serverAlive ? 'yes' : 'NO'}.`,
      `- LISTEN connections before: ${listenBefore.length} (${listenBefore.join('; ')}); ` +
        `after: ${listenAfter.length} (the outbox and session-revocation listeners reconnect by ` +
        'themselves, the socket.io adapter too).',
      '',
    ];
    await writeFormatted(path.join(root, 'docs/faults-pg-restart.md'), lines.join('\n'));
    console.log(lines.join('\n'));
    process.exitCode = pass ? 0 : 1;
  } finally {
    await server.stop();
    try {
      await pgCtl('-m', 'immediate', 'stop');
    } catch {
      /* already stopped */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
