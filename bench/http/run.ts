// HTTP benchmark: public job detail and fair page through the full stack vs a bare node:http
// JSON server answering the same bytes; autocannon, 100 connections.
// Usage: tsx bench/http/run.ts [--seconds 10] [--json out.json]
import http from 'node:http';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { freePort, machine, startServer } from '../lib/server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const seconds = Number(arg('seconds', '10'));
const out = arg('json', '');

async function load(url: string) {
  const r = await autocannon({ url, connections: 100, duration: seconds, pipelining: 1 });
  return {
    requestsPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
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
    const bare = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((r) => bare.listen(port, '127.0.0.1', r));
    const baseline = await load(`http://127.0.0.1:${port}${target.path}`);
    await new Promise((r) => bare.close(r));
    const full = await load(server.baseUrl + target.path);
    const ratio = full.requestsPerSec / baseline.requestsPerSec;
    results.push({
      name: target.name,
      path: target.path.replace(/[0-9a-f-]{36}/, ':id'),
      bodyBytes: body.length,
      full,
      baseline,
      ratio: Math.round(ratio * 100) / 100,
      targets: { ratio: 0.6, p99Ms: 30 },
      pass: ratio >= 0.6 && full.p99Ms <= 30 && full.non2xx === 0,
    });
    console.log(
      `${target.name}: ${full.requestsPerSec.toFixed(0)} req/s (bare ${baseline.requestsPerSec.toFixed(0)}, ×${ratio.toFixed(2)}), p99 ${full.p99Ms} ms`,
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
