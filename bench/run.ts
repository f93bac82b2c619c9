// `npm run bench`: every benchmark on this machine, one report in docs/benchmarks.md + .json.
// Moderate sizes by default; `--full` for the figures. `--only http,startup` to pick.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, root } from './lib/server.ts';

const full = process.argv.includes('--full');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1]!.split(',') : null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-'));

interface Step {
  name: string;
  script: string;
  args: string[];
  /** the script writes JSON to this file (ours), or prints it (the others': last JSON block) */
  json?: string;
}
const steps: Step[] = [
  {
    name: 'http',
    script: 'bench/http/run.ts',
    args: ['--seconds', full ? '30' : '10'],
    json: path.join(tmp, 'http.json'),
  },
  {
    name: 'startup',
    script: 'bench/startup/run.ts',
    args: ['--runs', full ? '5' : '3'],
    json: path.join(tmp, 'startup.json'),
  },
  { name: 'search', script: 'bench/search/run.ts', args: full ? ['--full'] : [] },
  { name: 'apply', script: 'bench/apply/run.ts', args: full ? ['--full'] : [] },
  { name: 'chat', script: 'bench/chat/bench.ts', args: full ? ['--full'] : [] },
];

/** The last top-level JSON object printed by a benchmark, if any. */
function lastJson(text: string): unknown {
  for (let i = text.lastIndexOf('{'); i >= 0; i = text.lastIndexOf('{', i - 1)) {
    if (i > 0 && text[i - 1] !== '\n') continue;
    try {
      return JSON.parse(text.slice(i));
    } catch {
      /* keep looking */
    }
  }
  return null;
}

const results: Record<string, unknown> = {};
for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  if (!fs.existsSync(path.join(root, step.script))) {
    results[step.name] = { skipped: `${step.script} not present` };
    continue;
  }
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', step.script, ...step.args, ...(step.json ? ['--json', step.json] : [])],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60 * 60 * 1000 },
  );
  process.stdout.write(r.stdout.slice(-4000));
  const parsed =
    step.json && fs.existsSync(step.json)
      ? JSON.parse(fs.readFileSync(step.json, 'utf8'))
      : lastJson(r.stdout);
  results[step.name] = {
    exitCode: r.status,
    seconds: Math.round((Date.now() - started) / 1000),
    result: parsed ?? { output: r.stdout.slice(-3000), stderr: r.stderr.slice(-2000) },
  };
}

const report = { date: new Date().toISOString(), machine: machine(), full, results };
const docs = path.join(root, 'docs');
fs.writeFileSync(path.join(docs, 'benchmarks.json'), JSON.stringify(report, null, 2) + '\n');
fs.writeFileSync(path.join(docs, 'benchmarks.md'), markdown(report));
fs.rmSync(tmp, { recursive: true, force: true });
console.log('\nwrote docs/benchmarks.md and docs/benchmarks.json');

function markdown(r: typeof report): string {
  const m = r.machine;
  const lines = [
    '# Benchmarks',
    '',
    `Run by \`npm run bench${r.full ? ' -- --full' : ''}\` on ${r.date.slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}.`,
    'Every ratio is against a baseline measured in the same run. Raw figures: `benchmarks.json`.',
    '',
  ];
  const http = (r.results.http as { result?: { results?: Record<string, never>[] } })?.result;
  if (http?.results) {
    lines.push('## HTTP (autocannon, 100 connections)', '');
    lines.push(
      '| endpoint | req/s full stack | req/s bare node:http | ratio (≥ 0.6) | p99 ms (≤ 30) | pass | server CPU µs/request (bare) | load average |',
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const x of http.results as unknown as {
      name: string;
      full: {
        requestsPerSec: number;
        p99Ms: number;
        cpuUsPerRequest?: number;
        loadAverage?: number;
      };
      baseline: { requestsPerSec: number; cpuUsPerRequest?: number; loadAverage?: number };
      ratio: number;
      pass: boolean;
    }[]) {
      lines.push(
        `| ${x.name} | ${x.full.requestsPerSec.toFixed(0)} | ${x.baseline.requestsPerSec.toFixed(0)} | ${x.ratio} | ${x.full.p99Ms} | ${x.pass ? 'yes' : 'no'} | ${x.full.cpuUsPerRequest ?? '–'} (${x.baseline.cpuUsPerRequest ?? '–'}) | ${x.full.loadAverage ?? '–'} (${x.baseline.loadAverage ?? '–'}) |`,
      );
    }
    lines.push('');
  }
  const st = (
    r.results.startup as {
      result?: {
        emptyMs: number;
        existingMs: number;
        emptyCpuMs?: number;
        existingCpuMs?: number;
        loadAverage?: number[];
        pass: boolean;
      };
    }
  )?.result;
  if (st?.emptyMs !== undefined) {
    lines.push('## Start-up (spawn → healthy /api/health)', '');
    lines.push(
      `- existing data folder: ${st.existingMs} ms (target ≤ 3000 ms) — ${st.pass ? 'pass' : 'FAIL'}; server CPU ${st.existingCpuMs ?? '–'} ms`,
    );
    lines.push(
      `- empty data folder (migrations + demo data): ${st.emptyMs} ms; server CPU ${st.emptyCpuMs ?? '–'} ms`,
    );
    if (st.loadAverage) lines.push(`- load average at each run: ${st.loadAverage.join(', ')}`);
    lines.push('');
  }
  for (const name of ['search', 'apply', 'chat']) {
    const x = r.results[name];
    if (!x) continue;
    lines.push(
      `## ${name} (bench:${name})`,
      '',
      '```json',
      JSON.stringify(x, null, 2).slice(0, 4000),
      '```',
      '',
    );
  }
  return lines.join('\n');
}
