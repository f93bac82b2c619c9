// HTTP benchmark: public job detail and fair page through the full stack vs a bare node:http
// JSON server answering the same bytes (its own process, like the full stack's); autocannon,
// 100 connections, after a 2 s warm-up of each. Besides requests/s it records the server's CPU
// time per request (user + system, /proc) — the figure a busy shared machine disturbs least —
// and the load average, so runs on a busy machine can be read for what they are.
// Usage: tsx bench/http/run.ts [--seconds 10] [--json out.json]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { cpuMs, freePort, machine, startServer } from '../lib/server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const seconds = Number(arg('seconds', '10'));
const out = arg('json', '');

async function load(url: string, pid: number) {
  await autocannon({ url, connections: 100, duration: 2, pipelining: 1 });
  const loadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
  const cpuBefore = cpuMs(pid);
  const r = await autocannon({ url, connections: 100, duration: seconds, pipelining: 1 });
  const cpuAfter = cpuMs(pid);
  const total = r.requests.total;
  return {
    requestsPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    cpuUsPerRequest:
      cpuBefore !== null && cpuAfter !== null && total > 0
        ? Math.round(((cpuAfter - cpuBefore) * 1000) / total)
        : null,
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
    const baseline = await load(`http://127.0.0.1:${port}${target.path}`, bare.pid!);
    bare.kill();
    const full = await load(server.baseUrl + target.path, server.child.pid!);
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
      pass: ratio >= 0.6 && full.p99Ms <= 30 && full.non2xx === 0,
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
  results,
};
if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
else console.log(JSON.stringify(report, null, 2));
