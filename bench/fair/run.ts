/**
 * npm run bench:fair [-- --users 500 --employers 25 --seconds 60 --think 5000-15000 --ramp 20
 *                        --interviews 5 --database-url postgres://… --url http://host:port]
 *
 * A fair morning in embedded mode: seeds a published fair (employers, postings, seekers with
 * sessions, one application + conversation each, some confirmed video interviews) straight into
 * the database, starts the real server as `npm start` does (production bundle, PGlite unless
 * --database-url), and runs the virtual users (bench/fair/users.ts). Records latency per request
 * kind, chat lost/duplicated, call signalling, the server's RSS and the load average; writes
 * docs/benchmarks-fair.md and .json; exits 1 when a target is missed (p95 ≤ 200 ms per kind,
 * 0 errors, 0 lost or duplicated messages).
 * With --url, runs against an already running deployment; seeding then needs --database-url.
 * --cost: server CPU per request kind instead (bench/fair/cost.ts).
 * HH_FAIR_DEBUG=1 prints every step slower than 300 ms with its time into the run (stalls).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { machine, root, startServer } from '../lib/server.ts';
import { chatLines, kindTable, missedTargets, sampleResources, type Resources } from './report.ts';
import { arg, argv, missingStored, seedOptionsFromArgs, simArgs } from './options.ts';
import { seedFair, type SeedOptions } from './seed.ts';
import { runSimulation, type SimResult } from './sim.ts';

/** HTTP requests and acknowledged socket calls of the run. */
const steps = (r: SimResult) =>
  Object.entries(r.kinds)
    .filter(([k]) => /^(GET|POST)|\(ack\)$/.test(k))
    .reduce((n, [, v]) => n + v.count, 0);
const cpuPerStep = (r: SimResult, cpuMs: number) =>
  Math.round((cpuMs / Math.max(1, steps(r))) * 10) / 10;

function writeReport(
  o: SeedOptions,
  sim: ReturnType<typeof simArgs>,
  mode: string,
  r: SimResult,
  res: Resources | null,
  storedMissing: number | null,
  missed: string[],
) {
  const json = {
    date: new Date().toISOString(),
    machine: machine(),
    mode,
    options: { ...o, ...sim },
    resources: res,
    storedMissing,
    targetsMet: missed.length === 0,
    missed,
    result: { ...r, ackedClientIds: undefined },
  };
  const out = arg('json', path.join(root, 'docs/benchmarks-fair.json'));
  fs.writeFileSync(out, JSON.stringify(json, null, 2) + '\n');
  if (argv.includes('--no-md')) return;
  const rss = res?.rss[0];
  const md = `# Fair-morning benchmark (\`npm run bench:fair\`)

${json.date.slice(0, 16).replace('T', ' ')} UTC · ${mode} · ${json.machine.cpus} × ${json.machine.cpuModel}, ${json.machine.memoryGb} GB, Node ${json.machine.node}

${o.seekers} seekers and ${o.employers} employers (one account each) at one published online fair
(${o.employers * o.postingsPerEmployer} postings at the fair, ${o.backgroundPostings} other postings for the search),
for ${r.seconds.toFixed(0)} s. Seekers start over ${sim.rampSeconds} s and think ${sim.thinkMs[0] / 1000}–${sim.thinkMs[1] / 1000} s
between steps: open the fair page, search jobs (Chinese terms, district, education, salary,
sort), open job details, favourite, apply to fair postings (10-active quota: QUOTA_EXCEEDED is
an expected answer), open their conversations and send messages over socket.io, read
notifications. Employers read their fair candidate list, open candidates' resumes, open
conversations with new applicants and reply to messages (within the 20-per-10-s chat budget).
${o.interviews} confirmed video interviews are called (start → ring → accept → offer/answer →
4 ICE candidates → hang-up). The server is the production bundle \`npm start\` runs.
Every step is one request as the web app makes it (session cookie, CSRF header).

**Targets: ${missed.length === 0 ? 'all met' : 'NOT all met — ' + missed.join('; ')}.**

## Latency per request kind

${r.requests} HTTP requests (${r.requestsPerSecond}/s).

${kindTable(r.kinds)}

## Chat and calls

${chatLines(r)}
- acknowledged messages missing from the database afterwards: ${storedMissing ?? 'not checked'}

## Server

- RSS: ${rss ? `${rss.startMb} MB after start-up, ${rss.maxMb} MB at most, ${rss.endMb} MB at the end` : 'not measured (--url)'}
- CPU of the server process during the run: ${rss ? `${rss.cpuPercent} % of one core; its threads together waited for a CPU (runnable, in the run queue: /proc/<pid>/schedstat) for ${rss.runQueueWaitPercent} % of the run's time` : '—'}
- server CPU per step (HTTP requests and acknowledged socket calls): ${rss ? `${cpuPerStep(r, rss.cpuMs)} ms, so one core of its own would carry about ${Math.round(1000 / cpuPerStep(r, rss.cpuMs))} steps/s of this mix (this run completed ${Math.round(steps(r) / r.seconds)}/s)` : '—'}
- load average (1 min) during the run: ${res ? `start ${res.loadAverage1m.start}, mean ${res.loadAverage1m.mean}, max ${res.loadAverage1m.max}, end ${res.loadAverage1m.end}` : '—'} (2 cores; the virtual users run on the same machine, and other work shares it)

${r.errorSamples.length ? `First errors:\n\n${r.errorSamples.map((e) => `- ${e}`).join('\n')}\n` : ''}`;
  fs.writeFileSync(arg('md', path.join(root, 'docs/benchmarks-fair.md')), md);
}

async function main() {
  const o = seedOptionsFromArgs();
  const sim = simArgs();
  const url = arg('url', '');
  const databaseUrl = arg('database-url', '') || undefined;
  if (url && !databaseUrl) {
    console.error('bench:fair --url needs --database-url (the deployment’s database) to seed');
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-fair-'));
  console.log(
    `seeding ${o.seekers} seekers, ${o.employers} employers on ${databaseUrl ? 'PostgreSQL' : 'PGlite'} …`,
  );
  let database = await openDatabase({ dataDir, databaseUrl });
  const seed = await seedFair(database.db, o);
  if (!databaseUrl) await database.close(); // PGlite: one process at a time

  const server = url
    ? null
    : await startServer({
        dataDir,
        env: {
          HIREHALL_DEMO: '0',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          // e.g. "--trace-gc", or "--import /tmp/profiler.mjs" to profile the server process
          ...(process.env.BENCH_SERVER_NODE_OPTIONS
            ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
            : {}),
        },
      });
  const baseUrl = url || server!.baseUrl;
  const pid = server?.child.pid;
  const samples = pid ? sampleResources([pid]) : null;
  console.log(
    `${o.seekers} virtual seekers for ${sim.seconds} s against ${baseUrl}${pid ? ` (server pid ${pid})` : ''} …`,
  );
  const r = await runSimulation(seed, { baseUrl, ...sim });
  const res = samples ? samples.stop() : null;
  await server?.stop();

  if (!databaseUrl) database = await openDatabase({ dataDir, databaseUrl });
  const storedMissing = await missingStored(database.db, r.ackedClientIds);
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const missed = missedTargets(r, storedMissing);
  writeReport(
    o,
    sim,
    databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)',
    r,
    res,
    storedMissing,
    missed,
  );
  for (const [kind, k] of Object.entries(r.kinds)) {
    console.log(
      `  ${kind.padEnd(32)} n=${String(k.count).padStart(6)}  p50 ${k.p50}  p95 ${k.p95}  p99 ${k.p99}  errors ${k.errors}`,
    );
  }
  console.log(chatLines(r));
  if (res)
    console.log(`  RSS ${JSON.stringify(res.rss)}; load ${JSON.stringify(res.loadAverage1m)}`);
  console.log(missed.length === 0 ? 'targets met' : `targets NOT met:\n  ${missed.join('\n  ')}`);
  process.exit(missed.length === 0 ? 0 : 1);
}

if (argv.includes('--cost')) await import('./cost.ts');
else await main();
