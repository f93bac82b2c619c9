// HTTP benchmark: public job detail and fair page through the full stack vs a bare node:http
// JSON server answering the same bytes (its own process, like the full stack's); autocannon,
// 100 connections, after a 2 s warm-up of each. The two are measured in alternating rounds
// (bare, full, full, bare, …) so that a spell of load from elsewhere on a shared machine falls
// on both alike; each side's requests/s is its total over its rounds, its p99 the worst
// round's. Besides requests/s it records the server's CPU time per request (user + system,
// /proc) — the figure a busy machine disturbs least — and the load average.
// Usage: tsx bench/http/run.ts [--seconds 15] [--rounds 3] [--json out.json]
// (--seconds: each side's total time under load, split into the rounds)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { cpuMs, freePort, machine, startServer } from '../lib/server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const seconds = Number(arg('seconds', '15'));
const rounds = Number(arg('rounds', '3'));
const out = arg('json', '');

interface Side {
  url: string;
  pid: number;
  requests: number;
  seconds: number;
  cpuMs: number | null;
  p50s: number[];
  p99s: number[];
  non2xx: number;
  errors: number;
}

const side = (url: string, pid: number): Side => ({
  url,
  pid,
  requests: 0,
  seconds: 0,
  cpuMs: 0,
  p50s: [],
  p99s: [],
  non2xx: 0,
  errors: 0,
});

async function round(s: Side, duration: number) {
  const cpuBefore = cpuMs(s.pid);
  const r = await autocannon({ url: s.url, connections: 100, duration, pipelining: 1 });
  const cpuAfter = cpuMs(s.pid);
  s.requests += r.requests.total;
  s.seconds += r.duration;
  s.cpuMs =
    s.cpuMs !== null && cpuBefore !== null && cpuAfter !== null
      ? s.cpuMs + cpuAfter - cpuBefore
      : null;
  s.p50s.push(r.latency.p50);
  s.p99s.push(r.latency.p99);
  s.non2xx += r.non2xx;
  s.errors += r.errors;
}

function summary(s: Side, loadAverage: number) {
  const sorted = [...s.p50s].sort((a, b) => a - b);
  return {
    requestsPerSec: Math.round(s.requests / s.seconds),
    p50Ms: sorted[sorted.length >> 1]!,
    p99Ms: Math.max(...s.p99s),
    non2xx: s.non2xx,
    errors: s.errors,
    cpuUsPerRequest:
      s.cpuMs !== null && s.requests > 0 ? Math.round((s.cpuMs * 1000) / s.requests) : null,
    loadAverage,
  };
}

/** A bare node:http server in its own process answering `body` to every request. */
async function bareServer(body: Buffer, port: number) {
  const code = `const body = Buffer.from(process.env.BODY, 'base64');
  require('node:http').createServer((q, s) => {
    s.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    s.end(body);
  }).listen(${port}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', code], {
    env: { ...process.env, BODY: body.toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => child.stdout.once('data', r));
  return child;
}

const server = await startServer();
const results: Record<string, unknown>[] = [];
try {
  const firstId = async (url: string) => {
    const body = (await (await fetch(server.baseUrl + url)).json()) as
      { items?: { id: string }[] } | { id: string }[];
    return (Array.isArray(body) ? body : (body.items ?? []))[0]!.id;
  };
  const targets = [
    { name: 'public job detail', path: `/api/public/jobs/${await firstId('/api/public/jobs')}` },
    { name: 'fair page', path: `/api/public/fairs/${await firstId('/api/public/fairs')}` },
  ];
  for (const target of targets) {
    const body = Buffer.from(await (await fetch(server.baseUrl + target.path)).arrayBuffer());
    const port = await freePort();
    const bare = await bareServer(body, port);
    const bareSide = side(`http://127.0.0.1:${port}${target.path}`, bare.pid!);
    const fullSide = side(server.baseUrl + target.path, server.child.pid!);
    const loadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
    try {
      for (const s of [bareSide, fullSide]) {
        await autocannon({ url: s.url, connections: 100, duration: 2, pipelining: 1 });
      }
      for (let i = 0; i < rounds; i++) {
        for (const s of i % 2 ? [fullSide, bareSide] : [bareSide, fullSide]) {
          await round(s, seconds / rounds);
        }
      }
    } finally {
      bare.kill();
    }
    const baseline = summary(bareSide, loadAverage);
    const full = summary(fullSide, loadAverage);
    const ratio = full.requestsPerSec / baseline.requestsPerSec;
    results.push({
      name: target.name,
      path: target.path.replace(/[0-9a-f-]{36}/, ':id'),
      bodyBytes: body.length,
      full,
      baseline,
      ratio: Math.round(ratio * 100) / 100,
      cpuRatio:
        full.cpuUsPerRequest && baseline.cpuUsPerRequest
          ? Math.round((baseline.cpuUsPerRequest / full.cpuUsPerRequest) * 100) / 100
          : null,
      targets: { ratio: 0.6, p99Ms: 30 },
      pass: ratio >= 0.6 && full.p99Ms <= 30 && full.non2xx === 0 && full.errors === 0,
    });
    console.log(
      `${target.name}: ${full.requestsPerSec.toFixed(0)} req/s (bare ${baseline.requestsPerSec.toFixed(0)}, ×${ratio.toFixed(2)}), p99 ${full.p99Ms} ms, CPU ${full.cpuUsPerRequest} µs/request (bare ${baseline.cpuUsPerRequest}), load ${full.loadAverage}`,
    );
  }
} finally {
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}
const report = {
  bench: 'http',
  date: new Date().toISOString(),
  machine: machine(),
  seconds,
  rounds,
  results,
};
if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report, null, 2));
