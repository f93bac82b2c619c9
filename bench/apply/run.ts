/**
 * npm run bench:apply [-- --seekers 1000 --per-seeker 50 --parallel-seekers 20 --pgbench-seconds 20
 *                         --json out.json]
 *
 * On PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): a fresh
 * database, one employer with `per-seeker` published postings, `seekers` signed-in seekers.
 * Each seeker fires `per-seeker` applies at once (one per posting) through the real route
 * (app.inject: access hook, CSRF, zod, transaction with the seeker lock, serialization);
 * `parallel-seekers` seekers run at the same time. Prints applies/s, p50/p95/p99 latency and
 * the number of seekers over the quota (must be 0), then runs pgbench TPC-B on the same server
 * and prints the ratio. Writes docs/benchmarks-apply.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import {
  migrateDatabase,
  openPostgres,
  queryRows,
} from '../../apps/server/src/platform/db/database.ts';
import {
  createSession,
  CSRF_COOKIE,
  SESSION_COOKIE,
} from '../../apps/server/src/platform/auth/sessions.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SEEKERS = Number(arg('seekers', '1000'));
const PER_SEEKER = Number(arg('per-seeker', '50'));
const PARALLEL = Number(arg('parallel-seekers', '20'));
const PGBENCH_SECONDS = Number(arg('pgbench-seconds', '20'));
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = 'hirehall_bench_apply';
const PGBENCH_DB = 'hirehall_bench_pgbench';
const QUOTA = loadConfig().hiring.applicationQuota;

function urlFor(db: string) {
  const u = new URL(PG_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

async function recreate(db: string) {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.query(
    `create database ${db} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await admin.end();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const loadAtStart = os.loadavg()[0]!;

async function main() {
  console.log(
    `bench:apply — ${SEEKERS} seekers × ${PER_SEEKER} concurrent applies, quota ${QUOTA}`,
  );
  await recreate(BENCH_DB);
  const database = await openPostgres(urlFor(BENCH_DB));
  await migrateDatabase(database);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-apply-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HIREHALL_DATA_DIR: dataDir,
    HIREHALL_DEMO: '0',
  });
  const app = await buildApp({ config, database });
  await app.ready();
  const db = database.db;

  // one employer, PER_SEEKER published postings, SEEKERS seekers with sessions
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into organizations (kind, name) values ('company', ${'压测单位' + randomBytes(3).toString('hex')}) returning id`,
  );
  const jobs = await queryRows<{ id: string }>(
    db,
    sql`insert into job_postings (organization_id, status, title, published_at)
        select ${org!.id}, 'published', '电话销售' || g, now() from generate_series(1, ${PER_SEEKER}) g
        returning id`,
  );
  const seekers = await queryRows<{ id: string }>(
    db,
    sql`insert into accounts (role, display_name)
        select 'seeker', '求职者' || g from generate_series(1, ${SEEKERS}) g returning id`,
  );
  const headers: Record<string, string>[] = [];
  for (const s of seekers) {
    const session = await createSession(db, { accountId: s.id, days: 1 });
    headers.push({
      cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    });
  }
  console.log(`seeded: ${jobs.length} postings, ${seekers.length} seekers`);

  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let next = 0;
  const runSeeker = async (h: Record<string, string>) => {
    await Promise.all(
      jobs.map(async (job) => {
        const t0 = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: '/api/applications',
          headers: h,
          payload: JSON.stringify({ jobId: job.id }),
        });
        latencies.push(performance.now() - t0);
        const key =
          res.statusCode === 201 ? 'applied' : (res.json().error?.code ?? String(res.statusCode));
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      }),
    );
  };
  const worker = async () => {
    while (next < headers.length) await runSeeker(headers[next++]!);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(PARALLEL, headers.length) }, worker));
  const seconds = (performance.now() - started) / 1000;

  const [over] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select seeker_account_id from applications where status <> 'withdrawn'
          group by seeker_account_id having count(*) > ${QUOTA}) x`,
  );
  const [exact] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (
          select seeker_account_id from applications where status <> 'withdrawn'
          group by seeker_account_id having count(*) = ${QUOTA}) x`,
  );
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  const result = {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    appliedPerSecond: (outcomes.applied ?? 0) / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    outcomes,
    seekersOverQuota: over!.n,
    seekersAtQuota: exact!.n,
  };
  console.log(
    `applies: ${requests} requests in ${seconds.toFixed(1)} s = ${result.requestsPerSecond.toFixed(0)} applies/s ` +
      `(${result.appliedPerSecond.toFixed(0)} accepted/s); p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
  );
  console.log(`outcomes: ${JSON.stringify(outcomes)}`);
  console.log(
    `seekers over quota: ${result.seekersOverQuota} (must be 0); seekers at exactly ${QUOTA}: ${result.seekersAtQuota}/${SEEKERS}`,
  );

  const tps = runPgbench();
  const ratio = tps ? result.requestsPerSecond / tps : null;
  console.log(
    tps
      ? `pgbench TPC-B: ${tps.toFixed(0)} tps; applies/s ÷ tps = ${ratio!.toFixed(2)}`
      : 'pgbench: not available',
  );
  writeReport(result, tps, ratio);
  const jsonOut = arg('json', '');
  if (jsonOut) {
    const summary = {
      bench: 'apply',
      seekers: SEEKERS,
      perSeeker: PER_SEEKER,
      appliesPerSecond: Math.round(result.requestsPerSecond),
      p99Ms: Math.round(result.p99),
      seekersOverQuota: result.seekersOverQuota,
      pgbenchTps: tps ? Math.round(tps) : null,
      ratio: ratio ? Number(ratio.toFixed(2)) : null,
      pass: result.seekersOverQuota === 0,
    };
    fs.writeFileSync(jsonOut, JSON.stringify(summary, null, 2));
  }
  await recreateDrop();
  if (result.seekersOverQuota !== 0) process.exitCode = 1;
}

/** TPC-B (pgbench's default script) on the same server, scale 10, 10 clients, 2 threads. */
function runPgbench(): number | null {
  try {
    execFileSync(
      'bash',
      [
        '-c',
        `psql "${PG_URL}" -qc "drop database if exists ${PGBENCH_DB} with (force)" -c "create database ${PGBENCH_DB}"`,
      ],
      { stdio: 'pipe' },
    );
    execFileSync('pgbench', ['-i', '-q', '-s', '10', urlFor(PGBENCH_DB)], { stdio: 'pipe' });
    const out = execFileSync(
      'pgbench',
      ['-c', '10', '-j', '2', '-T', String(PGBENCH_SECONDS), urlFor(PGBENCH_DB)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const m = /tps = ([\d.]+)/.exec(out);
    execFileSync(
      'bash',
      ['-c', `psql "${PG_URL}" -qc "drop database if exists ${PGBENCH_DB} with (force)"`],
      { stdio: 'pipe' },
    );
    return m ? Number(m[1]) : null;
  } catch (err) {
    console.error('pgbench failed:', (err as Error).message);
    return null;
  }
}

async function recreateDrop() {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
  await admin.end();
}

function writeReport(
  r: Record<string, unknown> & { [k: string]: unknown },
  tps: number | null,
  ratio: number | null,
) {
  const f = (n: unknown, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n));
  const file = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '../../docs/benchmarks-apply.md',
  );
  const text = `# bench:apply — applications under the quota

Generated by \`npm run bench:apply -- --seekers ${SEEKERS} --per-seeker ${PER_SEEKER} --parallel-seekers ${PARALLEL} --pgbench-seconds ${PGBENCH_SECONDS}\` on ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} CPU × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, PostgreSQL on 127.0.0.1, pool of 10 connections; 1-minute load average ${loadAtStart.toFixed(1)} when the run started — the machine was shared with other work).

Each of ${SEEKERS} seekers fires ${PER_SEEKER} applies at once (one per published posting) through
\`POST /api/applications\` via \`app.inject\` (session, CSRF, validation, the read-only checks,
the short transaction that locks the seeker's account row and inserts within the quota,
serialization); ${PARALLEL} seekers run at the same time. The route queues one seeker's
applies in the process (a promise chain per seeker) before taking a pooled connection, so
the seeker's row lock — still the guarantee across processes — is rarely waited on. The quota is ${QUOTA}, so ${QUOTA} of each seeker's ${PER_SEEKER} applies succeed
and the rest are refused with QUOTA_EXCEEDED.

| measure | value |
|---|---|
| applies (requests) | ${r.requests} in ${f(r.seconds)} s |
| applies/s | ${f(r.requestsPerSecond, 0)} (accepted: ${f(r.appliedPerSecond, 0)}/s) |
| latency p50 / p95 / p99 | ${f(r.p50)} / ${f(r.p95)} / ${f(r.p99)} ms |
| outcomes | ${Object.entries(r.outcomes as Record<string, number>)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} |
| seekers over quota | **${r.seekersOverQuota}** (must be 0) |
| seekers at exactly ${QUOTA} | ${r.seekersAtQuota} of ${SEEKERS} |
| pgbench TPC-B (scale 10, 10 clients, ${PGBENCH_SECONDS} s) | ${tps ? `${f(tps, 0)} tps` : 'not run'} |
| applies/s ÷ TPC-B tps | ${ratio ? f(ratio, 2) : '—'} |

Latency is measured per request while ${PARALLEL * PER_SEEKER} requests are in flight: a seeker's
${PER_SEEKER} applies run one after another, so the last one waits for the ${PER_SEEKER - 1} before it — the
p95 is mostly that queue, not the work of one apply. One apply is about as much database work as one TPC-B transaction (a row
lock, a count, an insert, two selects), so a ratio near 1 means the route adds little beyond
the database. Both figures come from the same run on the same machine, so the ratio is the
fairer number when the machine is busy.

Before the per-seeker queue (2026-11-22, \`--seekers 40\`), every apply took a pooled
connection and then waited for the seeker's row lock, so the 10 connections queued behind one
seeker: 35 applies/s, p95 33 s, ratio 0.04 to pgbench.
`;
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
