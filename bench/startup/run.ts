// Start-up time: from spawning the server (node on the bundle, as `npm start` runs it; the
// bundle is built beforehand, untimed) to a healthy /api/health, on an empty data folder
// (migrations + demo data) and on the same folder again (existing data). Target ≤ 3 s.
// Also the server's CPU time until healthy and the load average: on a shared machine the
// wall time mostly measures the other processes.
// Usage: tsx bench/startup/run.ts [--runs 3] [--json out.json]
import fs from 'node:fs';
import os from 'node:os';
import { machine, startServer } from '../lib/server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const runs = Number(arg('runs', '3'));
const out = arg('json', '');

const empty: number[] = [];
const existing: number[] = [];
const emptyCpu: number[] = [];
const existingCpu: number[] = [];
const loads: number[] = [];
for (let i = 0; i < runs; i++) {
  loads.push(Math.round(os.loadavg()[0]! * 10) / 10);
  const first = await startServer();
  empty.push(first.startupMs);
  emptyCpu.push(first.startupCpuMs ?? NaN);
  await first.stop();
  const again = await startServer({ dataDir: first.dataDir });
  existing.push(again.startupMs);
  existingCpu.push(again.startupCpuMs ?? NaN);
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
  emptyCpuMs: Math.round(median(emptyCpu)),
  existingCpuMs: Math.round(median(existingCpu)),
  loadAverage: loads,
  samples: {
    empty: empty.map(Math.round),
    existing: existing.map(Math.round),
    emptyCpu: emptyCpu.map(Math.round),
    existingCpu: existingCpu.map(Math.round),
  },
  targets: { existingMs: 3000 },
  pass: median(existing) <= 3000,
};
console.log(
  `start-up: empty ${report.emptyMs} ms (CPU ${report.emptyCpuMs}), existing ${report.existingMs} ms (CPU ${report.existingCpuMs}), load ${loads.join(', ')}`,
);
if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report, null, 2));
