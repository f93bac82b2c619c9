// `npm run bench`: every benchmark on this machine, one report in docs/benchmarks.md + .json.
// The issue's figures by default (1M postings, 10,000 chat sockets, 500 fair users …);
// `--quick` for small sizes while developing; `--only http,startup` to pick (the others keep their latest
// full-size results in the report, marked with when they ran).
// Each benchmark also writes its own document (docs/benchmarks-<name>.md); this report
// gathers their figures, targets and the load average they ran under.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { machine, root } from './lib/server.ts';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1]!.split(',') : null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-'));
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const docs = path.join(root, 'docs');

interface Step {
  name: string;
  script: string;
  args: string[];
  /** the JSON result the script writes */
  json: string;
  /** a PostgreSQL database created fresh for the step, passed as DATABASE_URL */
  database?: string;
}
const jsonOf = (name: string) => path.join(tmp, `${name}.json`);
const steps: Step[] = [
  { name: 'http', script: 'bench/http/run.ts', args: ['--seconds', quick ? '10' : '30'] },
  { name: 'startup', script: 'bench/startup/run.ts', args: ['--runs', quick ? '3' : '5'] },
  {
    name: 'search',
    script: 'bench/search/run.ts',
    // --keep: the generated rows of an earlier run are reused (a 1M PGlite load is long)
    args: quick
      ? ['--rows', '100000', '--iterations', '20']
      : ['--rows', '1000000', '--keep', '--out', 'docs/benchmarks-search.md'],
  },
  {
    name: 'apply',
    script: 'bench/apply/run.ts',
    args: quick ? ['--seekers', '200', '--per-seeker', '20', '--pgbench-seconds', '10'] : [],
  },
  {
    name: 'chat',
    script: 'bench/chat/bench.ts',
    args: quick ? ['--sockets', '2000', '--seconds', '20'] : [],
    database: 'hirehall_bench_chat',
  },
  {
    name: 'fair',
    script: 'bench/fair/run.ts',
    args: quick ? ['--users', '100', '--seconds', '20', '--ramp', '5'] : [],
  },
].map((s) => ({ ...s, json: jsonOf(s.name) }));
// the fair benchmark writes its Markdown and JSON beside each other in docs/
const fairStep = steps.find((s) => s.name === 'fair')!;
fairStep.json = path.join(docs, 'benchmarks-fair.json');

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(
    `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
  );
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const results: Record<string, unknown> = {};
/**
 * With `--only`, the other benchmarks keep their latest full-size results from
 * docs/benchmarks.json, each marked with the time it ran, so a partial run does not drop them.
 */
const carried: Record<string, string> = {};
const previousReport = path.join(docs, 'benchmarks.json');
if (only && !quick && fs.existsSync(previousReport)) {
  const previous = JSON.parse(fs.readFileSync(previousReport, 'utf8')) as {
    date: string;
    quick?: boolean;
    results: Record<string, { ranAt?: string }>;
  };
  for (const step of steps) {
    const earlier = previous.results[step.name];
    if (only.includes(step.name) || !earlier || previous.quick) continue;
    results[step.name] = { ...earlier, ranAt: earlier.ranAt ?? previous.date };
    carried[step.name] = earlier.ranAt ?? previous.date;
  }
}
for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const loadBefore = Math.round(os.loadavg()[0]! * 10) / 10;
  const env = { ...process.env };
  if (step.database) env.DATABASE_URL = await freshDatabase(step.database);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', step.script, ...step.args, '--json', step.json],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 90 * 60 * 1000,
    },
  );
  process.stdout.write(r.stdout.slice(-4000));
  if (r.status !== 0) process.stderr.write(r.stderr.slice(-3000));
  results[step.name] = {
    ranAt: new Date(started).toISOString(),
    exitCode: r.status,
    seconds: Math.round((Date.now() - started) / 1000),
    loadAverageBefore: loadBefore,
    result: fs.existsSync(step.json)
      ? JSON.parse(fs.readFileSync(step.json, 'utf8'))
      : { output: r.stdout.slice(-3000), stderr: r.stderr.slice(-2000) },
  };
}

// Results of the runs by command that are not timed here (their own documents)
const other = Object.fromEntries(
  [
    ['lighthouse', 'benchmarks-lighthouse.json'],
    ['cluster', 'benchmarks-cluster.json'],
    ['kill9', 'faults-kill9.json'],
    ['pgRestart', 'faults-pg-restart.json'],
  ]
    .filter(([, f]) => fs.existsSync(path.join(docs, f!)))
    .map(([k, f]) => [k, f]),
);

const report = {
  date: new Date().toISOString(),
  machine: machine(),
  quick,
  only,
  carried,
  results,
  other,
};
fs.writeFileSync(path.join(docs, 'benchmarks.json'), JSON.stringify(report, null, 2) + '\n');
fs.writeFileSync(path.join(docs, 'benchmarks.md'), markdown(report));
// the repository's formatting check covers docs/ (tables aligned)
spawnSync('npx', ['prettier', '--write', 'docs/*.md', 'docs/*.json'], {
  cwd: root,
  stdio: 'ignore',
});
fs.rmSync(tmp, { recursive: true, force: true });
console.log('\nwrote docs/benchmarks.md and docs/benchmarks.json');

type Any = Record<string, never> & Record<string, unknown>;
function utc(iso: string) {
  return iso.slice(0, 16).replace('T', ' ');
}
function resultOf(name: string): Any | null {
  const x = report.results[name] as { result?: Any } | undefined;
  return x?.result && !('output' in x.result) ? x.result : null;
}
function yes(ok: unknown) {
  return ok ? 'met' : '**NOT met**';
}

function markdown(r: typeof report): string {
  const m = r.machine;
  const lines = [
    '# Benchmarks',
    '',
    `Run by \`npm run bench${r.quick ? ' -- --quick' : ''}${r.only ? ` -- --only ${r.only.join(',')}` : ''}\` on ${utc(r.date)} UTC.`,
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}.`,
    'Every ratio is against a baseline measured in the same run. Raw figures: `benchmarks.json`;',
    'each benchmark also writes its own document (linked).',
    '',
    '## Summary',
    '',
    '| benchmark | figure | target | | load average before |',
    '|---|---|---|---|---|',
  ];
  const load = (name: string) =>
    (r.results[name] as { loadAverageBefore?: number } | undefined)?.loadAverageBefore ?? '–';
  const http = resultOf('http') as { results?: Any[] } | null;
  for (const x of (http?.results ?? []) as unknown as {
    name: string;
    full: { requestsPerSec: number; p99Ms: number };
    ratio: number;
    pass: boolean;
  }[]) {
    lines.push(
      `| HTTP ${x.name} | ${x.ratio}× bare req/s, p99 ${x.full.p99Ms} ms | ≥ 0.6×, p99 ≤ 30 ms | ${yes(x.pass)} | ${load('http')} |`,
    );
  }
  const st = resultOf('startup') as {
    existingMs: number;
    emptyMs: number;
    pass: boolean;
  } | null;
  if (st) {
    lines.push(
      `| start-up, existing data | ${st.existingMs} ms (empty folder: ${st.emptyMs} ms) | ≤ 3000 ms | ${yes(st.pass)} | ${load('startup')} |`,
    );
  }
  const se = resultOf('search') as {
    rows: number;
    summary: Record<string, { worstP95Ms: number; targetMs: number; pass: boolean }>;
  } | null;
  for (const [backend, x] of Object.entries(se?.summary ?? {})) {
    lines.push(
      `| [search](benchmarks-search.md) ${backend}, ${se!.rows.toLocaleString('en')} postings | worst route p95 ${x.worstP95Ms} ms | ≤ ${x.targetMs} ms | ${yes(x.pass)} | ${load('search')} |`,
    );
  }
  const ap = resultOf('apply') as {
    appliesPerSecond: number;
    seekersOverQuota: number;
    ratio: number | null;
    pass: boolean;
  } | null;
  if (ap) {
    lines.push(
      `| [apply](benchmarks-apply.md) | ${ap.appliesPerSecond} applies/s (${ap.ratio ?? '–'}× pgbench TPC-B), ${ap.seekersOverQuota} over quota | 0 over quota | ${yes(ap.pass)} | ${load('apply')} |`,
    );
  }
  const ch = resultOf('chat') as {
    sockets: number;
    rate: number;
    backend: string;
    hirehall: { p99Ms: number; maxRssMb: number; lost: number; duplicated: number };
    ratio: number;
    pass: boolean;
  } | null;
  if (ch) {
    lines.push(
      `| [chat](benchmarks-chat.md) ${ch.backend}, ${ch.sockets} sockets, ${ch.rate} msg/s | p99 ${ch.hirehall.p99Ms} ms, RSS ${ch.hirehall.maxRssMb} MB, lost ${ch.hirehall.lost}, dup ${ch.hirehall.duplicated}, ${ch.ratio}× bare ws | p99 ≤ 100 ms, RSS ≤ 400 MB, 0, 0 | ${yes(ch.pass)} | ${load('chat')} |`,
    );
  }
  const fa = resultOf('fair') as {
    options: { seekers: number };
    targetsMet: boolean;
    missed: string[];
  } | null;
  if (fa) {
    lines.push(
      `| [fair morning](benchmarks-fair.md) PGlite, ${fa.options.seekers} users | ${fa.targetsMet ? 'every request kind p95 ≤ 200 ms' : fa.missed.join('; ')} | p95 ≤ 200 ms per kind | ${yes(fa.targetsMet)} | ${load('fair')} |`,
    );
  }
  for (const [name, x] of Object.entries(r.results)) {
    const e = x as { exitCode: number | null; result: { output?: string } };
    if (e.result && 'output' in e.result) {
      lines.push(
        `| ${name} | failed to run (exit ${e.exitCode}) | | **NOT met** | ${load(name)} |`,
      );
    }
  }
  lines.push('');
  const kept = Object.entries(r.carried);
  if (kept.length > 0) {
    lines.push(
      `Not run this time (\`--only\`), so from their latest full run: ${kept.map(([name, at]) => `${name} (${utc(at)} UTC)`).join(', ')}.`,
      '',
    );
  }
  if (Object.keys(r.other).length > 0) {
    lines.push('Run by their own commands (latest results committed beside this file):', '');
    const names: Record<string, string> = {
      lighthouse: 'Lighthouse and JavaScript size — `npm run bench:lighthouse`',
      cluster: 'two processes behind HAProxy — `npm run bench:cluster`',
      kill9: 'kill -9 under chat and apply load — `npm run bench:faults`',
      pgRestart: 'PostgreSQL restarted under load',
    };
    for (const [k, f] of Object.entries(r.other)) {
      lines.push(`- [${names[k] ?? k}](${(f as string).replace(/\.json$/, '.md')})`);
    }
    lines.push('');
  }
  if (http?.results) {
    const rounds = (http as { rounds?: number }).rounds;
    lines.push('## HTTP (autocannon, 100 connections)', '');
    if (rounds) {
      lines.push(
        `Bare and full stack measured in ${rounds} alternating rounds each (${(http as { seconds?: number }).seconds} s per side in all), so that load from elsewhere on the machine falls on both; p99 is the worst round's. The full stack is the server bundle \`npm start\` runs, with \`LOG_LEVEL=warn\` (no access-log line per request).`,
        '',
      );
    }
    lines.push(
      '| endpoint | req/s full stack | req/s bare node:http | ratio (≥ 0.6) | p99 ms (≤ 30) | bare p99 ms | server CPU µs/request (bare) |',
    );
    lines.push('|---|---|---|---|---|---|---|');
    for (const x of http.results as unknown as {
      name: string;
      full: { requestsPerSec: number; p99Ms: number; cpuUsPerRequest?: number };
      baseline: { requestsPerSec: number; p99Ms: number; cpuUsPerRequest?: number };
      ratio: number;
    }[]) {
      lines.push(
        `| ${x.name} | ${x.full.requestsPerSec.toFixed(0)} | ${x.baseline.requestsPerSec.toFixed(0)} | ${x.ratio} | ${x.full.p99Ms} | ${x.baseline.p99Ms} | ${x.full.cpuUsPerRequest ?? '–'} (${x.baseline.cpuUsPerRequest ?? '–'}) |`,
      );
    }
    lines.push('');
  }
  const stFull = resultOf('startup') as {
    samples?: Record<string, number[]>;
    emptyCpuMs?: number;
    existingCpuMs?: number;
    loadAverage?: number[];
  } | null;
  if (stFull?.samples) {
    lines.push('## Start-up (spawn of the server bundle → healthy /api/health)', '');
    lines.push(`- existing data folder, each run: ${stFull.samples.existing!.join(', ')} ms`);
    lines.push(
      `- empty data folder (migrations + demo data): ${stFull.samples.empty!.join(', ')} ms`,
    );
    lines.push(
      `- server CPU until healthy (median): existing ${stFull.existingCpuMs ?? '–'} ms, empty ${stFull.emptyCpuMs ?? '–'} ms`,
    );
    if (stFull.loadAverage)
      lines.push(`- load average at each run: ${stFull.loadAverage.join(', ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
