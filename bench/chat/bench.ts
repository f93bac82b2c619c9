// npm run bench:chat [-- --sockets N --seconds S --rate R --connect-over S --json out.json]
// One server process with N authenticated sockets (N/2 employer–seeker pairs, one conversation
// each); 1:1 messages at R msg/s for S s, each persisted before its ack; send→receive latency
// at the peer, lost and duplicated counts, server RSS. Then a bare `ws` relay with the same
// clients and rate as the baseline, and our throughput as a ratio to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { ensureServerBundle } from '../lib/server.ts';
import { seedChatPairs, type ChatPair } from '../lib/seed-chat.ts';
import { WireSocket } from './wire-client.ts';

const root = path.resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SOCKETS = Math.max(2, Math.floor(arg('sockets', 10_000) / 2) * 2);
const SECONDS = arg('seconds', 60);
// the chat rate limit allows 20 messages per 10 s per user: stay under it on small runs
const RATE = arg('rate', Math.min(2000, Math.floor(SOCKETS * 1.5)));
const PAIRS = SOCKETS / 2;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Accounts, sessions, applications and conversations, written straight into the database. */
async function seed(dataDir: string, databaseUrl?: string): Promise<ChatPair[]> {
  const database = await openDatabase({ dataDir, databaseUrl });
  try {
    return await seedChatPairs(database, PAIRS);
  } finally {
    await database.close();
  }
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssOf(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Result {
  sent: number;
  acked: number;
  received: number;
  lost: number;
  duplicated: number;
  latencies: number[];
  /** p99 per 5 s of the run (by send time): where the slow messages were */
  p99ByWindow: number[];
  seconds: number;
  maxRss: number;
  /** the load generator's own event-loop delay (ms): high values mean the client, not the server, was slow */
  clientLoopDelay: { p99: number; max: number };
  /** SIGTERM → exit of the server with every socket still open (HireHall only) */
  stopMs?: number;
}

/** Sends at RATE for SECONDS, alternating sides; the peer records the latency. */
async function drive(
  send: (pair: number, fromEmployer: boolean, id: string) => Promise<boolean>,
  onReceive: (cb: (id: string) => void) => void,
  rssPid: number | null,
): Promise<Result> {
  const sentAt = new Map<string, number>();
  const got = new Map<string, number>();
  const latencies: number[] = [];
  const byWindow: number[][] = [];
  let started = performance.now();
  let acked = 0;
  let duplicated = 0;
  onReceive((id) => {
    const t = sentAt.get(id);
    if (t === undefined) return;
    const n = (got.get(id) ?? 0) + 1;
    got.set(id, n);
    if (n > 1) duplicated++;
    else {
      const latency = performance.now() - t;
      latencies.push(latency);
      (byWindow[Math.floor((t - started) / 5_000)] ??= []).push(latency);
    }
  });
  let maxRss = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  started = performance.now();
  let sent = 0;
  let turn = 0;
  const inflight: Promise<void>[] = [];
  while (performance.now() - started < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    while (sent < due) {
      const id = randomUUID();
      const pair = sent % PAIRS;
      const fromEmployer = (Math.floor(sent / PAIRS) + turn) % 2 === 0;
      sentAt.set(id, performance.now());
      sent++;
      inflight.push(send(pair, fromEmployer, id).then((ok) => void (ok && acked++)));
    }
    if (rssPid && sent % 200 === 0) maxRss = Math.max(maxRss, rssOf(rssPid));
    await new Promise((r) => setTimeout(r, 5));
  }
  turn++;
  const seconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  const clientLoopDelay = {
    p99: loopDelay.percentile(99) / 1e6,
    max: loopDelay.max / 1e6,
  };
  await Promise.all(inflight);
  const deadline = Date.now() + 5000;
  while (got.size < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (rssPid) maxRss = Math.max(maxRss, rssOf(rssPid));
  latencies.sort((a, b) => a - b);
  const p99ByWindow = byWindow.map((w) =>
    percentile(
      w.sort((a, b) => a - b),
      99,
    ),
  );
  return {
    p99ByWindow,
    sent,
    acked,
    received: got.size,
    lost: sent - got.size,
    duplicated,
    latencies,
    seconds,
    maxRss,
    clientLoopDelay,
  };
}

function report(name: string, r: Result) {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`\n${name}`);
  console.log(
    `  sent ${r.sent}, acked ${r.acked}, received ${r.received}, lost ${r.lost}, duplicated ${r.duplicated}`,
  );
  console.log(
    `  throughput ${(r.received / r.seconds).toFixed(0)} msg/s over ${r.seconds.toFixed(1)} s`,
  );
  console.log(
    `  latency p50 ${ms(percentile(r.latencies, 50))}  p95 ${ms(percentile(r.latencies, 95))}  p99 ${ms(percentile(r.latencies, 99))}`,
  );
  console.log(`  p99 per 5 s: ${r.p99ByWindow.map((v) => v.toFixed(0)).join(', ')} ms`);
  console.log(
    `  load generator event-loop delay p99 ${ms(r.clientLoopDelay.p99)}, max ${ms(r.clientLoopDelay.max)}`,
  );
  if (r.maxRss) console.log(`  server RSS (max) ${(r.maxRss / 1024 / 1024).toFixed(0)} MB`);
  if (r.stopMs !== undefined) {
    console.log(`  graceful stop with every socket open: ${(r.stopMs / 1000).toFixed(1)} s`);
  }
}

async function waitHealthy(base: string, child: ChildProcess, log: string) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) fail(fs.readFileSync(log, 'utf8').slice(-2000));
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  fail('server did not start');
}

function fail(message: string): never {
  console.error(`bench:chat failed: ${message}`);
  process.exit(1);
}

/**
 * --connect-over S: the sockets connect spread over S seconds, as people arrive, instead of
 * in one burst (a burst lines up every socket's 25 s heartbeat on the same few seconds).
 */
const CONNECT_OVER_MS = arg('connect-over', 0) * 1000;

async function connectAll<T>(n: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i += 250) {
    const due = (i / n) * CONNECT_OVER_MS - (performance.now() - started);
    if (due > 0) await new Promise((r) => setTimeout(r, due));
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(250, n - i) }, (_, k) => open(i + k)))),
    );
  }
  return out;
}

async function benchSocketIo(): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-chat-'));
  const databaseUrl = process.env.DATABASE_URL;
  console.log(
    `seeding ${PAIRS} conversations (${SOCKETS} accounts) on ${databaseUrl ? 'PostgreSQL' : 'PGlite'} …`,
  );
  const pairs = await seed(dataDir, databaseUrl);
  const port = await freePort();
  // BENCH_SERVER_LOG=/tmp/chat-server.log keeps the server's output (e.g. --trace-gc) after the run
  const log = process.env.BENCH_SERVER_LOG ?? path.join(dataDir, 'server.log');
  const fd = fs.openSync(log, 'a');
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server process
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(
    process.execPath,
    [...nodeArgs, '--enable-source-maps', ensureServerBundle()],
    {
      cwd: root,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        HIREHALL_DATA_DIR: dataDir,
        HIREHALL_DEMO: '0',
        HIREHALL_ADMIN_PASSWORD: 'Bench-admin-2026',
      },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base, server, log);
    console.log(`connecting ${SOCKETS} sockets …`);
    const open = (token: string) => WireSocket.open(base, `hh_session=${token}`);
    const sockets = await connectAll(SOCKETS, (i) =>
      open(i % 2 === 0 ? pairs[i / 2]!.employerToken : pairs[(i - 1) / 2]!.seekerToken),
    );
    // as the web client does when a conversation is opened: join it (authorization, room,
    // presence) before the first message; untimed
    console.log(`joining ${SOCKETS} sockets to their conversations …`);
    for (let i = 0; i < SOCKETS; i += 250) {
      const joined = await Promise.all(
        sockets
          .slice(i, i + 250)
          .map((s, k) =>
            s
              .emitWithAck(
                'chat:join',
                { conversationId: pairs[Math.floor((i + k) / 2)]!.conversationId },
                30_000,
              )
              .then((a) => (a as { ok?: boolean } | undefined)?.ok === true),
          ),
      );
      if (joined.includes(false)) fail('chat:join was refused or timed out');
    }
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      // with BENCH_SERVER_NODE_ARGS=--heapsnapshot-signal=SIGUSR2: what the idle sockets hold
      server.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 30_000));
    }
    console.log(
      `server RSS with ${SOCKETS} sockets idle: ${(rssOf(server.pid!) / 1024 / 1024).toFixed(0)} MB; sending ${RATE} msg/s for ${SECONDS} s …`,
    );
    const result = await drive(
      async (pair, fromEmployer, id) => {
        const s = sockets[pair * 2 + (fromEmployer ? 0 : 1)]!;
        const ack = (await s.emitWithAck('chat:send', {
          conversationId: pairs[pair]!.conversationId,
          clientId: id,
          kind: 'text',
          body: '您好，请问这个岗位还在招聘吗？',
        })) as { ok: boolean } | undefined;
        return ack?.ok === true;
      },
      (cb) => {
        sockets.forEach((s, i) => {
          const side = i % 2 === 0 ? 'employer' : 'seeker';
          s.on('chat:message', (data) => {
            const m = data as { clientId: string; senderSide: string };
            if (m.senderSide !== side) cb(m.clientId); // the peer's copy
          });
        });
      },
      server.pid!,
    );
    // a graceful stop with every socket still open (a deployment's restart)
    const exited = new Promise((r) => server.once('exit', r));
    const stopping = performance.now();
    server.kill('SIGTERM');
    await exited;
    result.stopMs = performance.now() - stopping;
    for (const s of sockets) s.close();
    return result;
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Baseline: a bare `ws` server that relays each message to the paired client. */
async function benchWs(): Promise<Result> {
  const port = await freePort();
  const code = `
    const { WebSocketServer } = require('ws');
    const peers = new Map();
    const wss = new WebSocketServer({ port: ${port}, host: '127.0.0.1' });
    wss.on('connection', (ws, req) => {
      const id = Number(new URL(req.url, 'http://x').searchParams.get('id'));
      peers.set(id, ws);
      ws.on('message', (data) => { const p = peers.get(id ^ 1); if (p) p.send(data); ws.send('ack'); });
    });`;
  const server = spawn(process.execPath, ['-e', code], { cwd: root, stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 500));
  try {
    const clients = await connectAll(
      SOCKETS,
      (i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/?id=${i}`);
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        }),
    );
    return await drive(
      async (pair, fromEmployer, id) => {
        clients[pair * 2 + (fromEmployer ? 0 : 1)]!.send(
          JSON.stringify({ clientId: id, body: '您好，请问这个岗位还在招聘吗？' }),
        );
        return true;
      },
      (cb) => {
        for (const c of clients) {
          c.on('message', (data) => {
            const text = data.toString();
            if (text !== 'ack') cb((JSON.parse(text) as { clientId: string }).clientId);
          });
        }
      },
      server.pid!,
    ).finally(() => clients.forEach((c) => c.close()));
  } finally {
    server.kill('SIGTERM');
  }
}

const ours = await benchSocketIo();
report(
  `HireHall socket.io chat: ${SOCKETS} sockets, ${RATE} msg/s target, persisted before ack`,
  ours,
);
const baseline = await benchWs();
report(
  `bare ws relay (baseline): ${SOCKETS} sockets, ${RATE} msg/s target, nothing persisted`,
  baseline,
);
const ratio = ours.received / ours.seconds / (baseline.received / baseline.seconds);
console.log(`\nthroughput ratio HireHall / bare ws: ${ratio.toFixed(2)}`);
const p99 = percentile(ours.latencies, 99);
console.log(
  `targets: p99 ≤ 100 ms ${p99 <= 100 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms); RSS ≤ 400 MB ${ours.maxRss <= 400 * 1024 * 1024 ? 'met' : 'NOT met'}; ` +
    `lost ${ours.lost}, duplicated ${ours.duplicated}`,
);
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) {
  const summary = (r: Result) => ({
    sent: r.sent,
    acked: r.acked,
    received: r.received,
    lost: r.lost,
    duplicated: r.duplicated,
    msgPerSec: Math.round(r.received / r.seconds),
    p50Ms: Number(percentile(r.latencies, 50).toFixed(1)),
    p95Ms: Number(percentile(r.latencies, 95).toFixed(1)),
    p99Ms: Number(percentile(r.latencies, 99).toFixed(1)),
    maxRssMb: Math.round(r.maxRss / 1024 / 1024),
    p99ByWindowMs: r.p99ByWindow.map((v) => Math.round(v)),
    clientLoopDelayP99Ms: Number(r.clientLoopDelay.p99.toFixed(1)),
    clientLoopDelayMaxMs: Number(r.clientLoopDelay.max.toFixed(1)),
    ...(r.stopMs !== undefined ? { stopMs: Math.round(r.stopMs) } : {}),
  });
  const result = {
    bench: 'chat',
    date: new Date().toISOString(),
    backend: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    sockets: SOCKETS,
    rate: RATE,
    seconds: SECONDS,
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    hirehall: summary(ours),
    bareWs: summary(baseline),
    ratio: Number(ratio.toFixed(2)),
    targets: { p99Ms: 100, maxRssMb: 400, lost: 0, duplicated: 0 },
    pass:
      p99 <= 100 && ours.maxRss <= 400 * 1024 * 1024 && ours.lost === 0 && ours.duplicated === 0,
  };
  fs.writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(result, null, 2));
}
process.exit(0);
