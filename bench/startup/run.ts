// Start-up time: from spawning the server to a healthy /api/health, on an empty data folder
// (migrations + demo data) and on the same folder again (existing data). Target ≤ 3 s.
// Usage: tsx bench/startup/run.ts [--runs 3] [--json out.json]
import fs from 'node:fs';
import { machine, startServer } from '../lib/server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const runs = Number(arg('runs', '3'));
const out = arg('json', '');

const empty: number[] = [];
const existing: number[] = [];
for (let i = 0; i < runs; i++) {
  const first = await startServer();
  empty.push(first.startupMs);
  await first.stop();
  const again = await startServer({ dataDir: first.dataDir });
  existing.push(again.startupMs);
  await again.stop();
  fs.rmSync(first.dataDir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const report = {
  bench: 'startup',
  date: new Date().toISOString(),
  machine: machine(),
  runs,
  emptyMs: Math.round(median(empty)),
  existingMs: Math.round(median(existing)),
  samples: { empty: empty.map(Math.round), existing: existing.map(Math.round) },
  targets: { existingMs: 3000 },
  pass: median(existing) <= 3000,
};
console.log(`start-up: empty ${report.emptyMs} ms, existing ${report.existingMs} ms`);
if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report, null, 2));
