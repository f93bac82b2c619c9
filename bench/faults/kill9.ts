/**
 * npm run bench:faults [-- --kills 20 --backends pglite,postgres --conversations 100
 *                         --seekers 100 --postings 40 --min-gap 3 --max-gap 9
 *                         --chat-interval-ms 5000 --think-ms 2500]
 *
 * `kill -9` of the server process at random moments under chat and apply load, on PGlite (a
 * file-backed data folder) and on PostgreSQL (a database of our own). The server runs as
 * `npm start` runs it (node on the server bundle, NODE_ENV=production) and is restarted on the
 * same data and port after every kill; the clients retry what was not acknowledged (chat: the
 * same client id; apply: the same seeker and posting). After the last kill the database is
 * opened straight from the crashed state and compared with every acknowledged write.
 * Writes docs/faults-kill9.md and .json (formatted by prettier; a backend left out of
 * `--backends` keeps its earlier results there, marked with their run); exits 1 when a write
 * was lost or duplicated, the quota was exceeded, or the service took more than 5 s to serve
 * again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import { cpuMs, ensureServerBundle, freePort, machine, root } from '../lib/server.ts';
import { createOwnPostgres, seed, verify, type Seed, type Verdict } from './kill9-db.ts';
import { ApplyLoad, ChatLoad } from './kill9-load.ts';
import { writeReport, type BackendResult, type KillRecord, type Report } from './kill9-report.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const KILLS = Number(arg('kills', '20'));
const BACKENDS = arg('backends', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const SIZE = {
  conversations: Number(arg('conversations', '100')),
  applySeekers: Number(arg('seekers', '100')),
  postings: Number(arg('postings', '40')),
};
const MIN_GAP_S = Number(arg('min-gap', '3'));
const MAX_GAP_S = Number(arg('max-gap', '9'));
const CHAT_INTERVAL_MS = Number(arg('chat-interval-ms', '5000'));
const THINK_MS = Number(arg('think-ms', '2500'));
const RECOVERY_TARGET_MS = 5000;
const PG_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const QUOTA = loadConfig({ NODE_ENV: 'production', HIREHALL_DATA_DIR: os.tmpdir() }).hiring
  .applicationQuota;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  child: ChildProcess;
  exited: Promise<void>;
}

/** node on the bundle, as scripts/start.mjs runs it; output appended to the data folder's log. */
function spawnServer(
  bundle: string,
  dataDir: string,
  port: number,
  databaseUrl: string | undefined,
): Server {
  const log = fs.openSync(path.join(dataDir, 'server.log'), 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info', // the start-up phases (`ready in … ms`)
    HIREHALL_DEMO: '0',
    HIREHALL_DEV_TOOLS: '0',
    HIREHALL_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    HIREHALL_ADMIN_PASSWORD: 'Kill9-admin-2026',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: root,
    stdio: ['ignore', log, log],
    env,
  });
  fs.closeSync(log);
  return { child, exited: new Promise((r) => child.once('exit', () => r())) };
}

/** ms from `since` until `ok()` first resolves true (polled every 25 ms); NaN after `limitMs`. */
async function until(since: number, server: Server, ok: () => Promise<boolean>, limitMs = 120_000) {
  for (;;) {
    if (server.child.exitCode !== null) return Number.NaN;
    if (await ok().catch(() => false)) return performance.now() - since;
    if (performance.now() - since > limitMs) return Number.NaN;
    await sleep(25);
  }
}

async function runBackend(bundle: string, backend: 'pglite' | 'postgres'): Promise<BackendResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kill9-${backend}-`));
  const own = backend === 'postgres' ? await createOwnPostgres(PG_ADMIN_URL) : undefined;
  const where = { dataDir, databaseUrl: own?.url };
  console.log(`\n[${backend}] seeding ${JSON.stringify(SIZE)} in ${own?.name ?? dataDir} …`);
  const seeded = await seed(where, SIZE);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // a probe without an answer in 5 s counts as not serving and is sent again (counted: an
  // earlier run without this limit saw single probes wait 140–220 s while other requests passed)
  let probeTimeouts = 0;
  const ask = async (url: string, headers?: Record<string, string>) => {
    try {
      return (await fetch(url, { headers, signal: AbortSignal.timeout(5000) })).ok;
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') probeTimeouts++;
      return false;
    }
  };
  const health = () => ask(`${baseUrl}/api/health`);
  const probe = seeded.applySeekers[0]!;
  const serving = () => ask(`${baseUrl}/api/applications/quota`, probe.headers);

  let server = spawnServer(bundle, dataDir, port, where.databaseUrl);
  const firstStartMs = await until(performance.now(), server, health);
  if (Number.isNaN(firstStartMs)) return failStart(backend, dataDir);
  const chat = new ChatLoad(baseUrl, seeded.chatSides, CHAT_INTERVAL_MS);
  await chat.start();
  const apply = new ApplyLoad(baseUrl, seeded.applySeekers, seeded.postingIds, THINK_MS);
  apply.start();
  console.log(`[${backend}] first start ${(firstStartMs / 1000).toFixed(1)} s; load running`);

  const kills: KillRecord[] = [];
  const started = performance.now();
  for (let k = 1; k <= KILLS; k++) {
    await sleep((MIN_GAP_S + Math.random() * (MAX_GAP_S - MIN_GAP_S)) * 1000);
    const before = { messages: chat.acked.size, applications: apply.applications.size };
    const at = performance.now();
    probeTimeouts = 0;
    server.child.kill('SIGKILL');
    await server.exited;
    // answers the dead process had already sent may still arrive: count only from here on
    await sleep(20);
    chat.firstAckAt = apply.firstOkAt = Number.NaN;
    server = spawnServer(bundle, dataDir, port, where.databaseUrl);
    const healthyMs = await until(at, server, health);
    const startCpuMs = cpuMs(server.child.pid!);
    const servingMs = await until(at, server, serving);
    // the loads' first success after the kill (waited for up to 30 s past serving, not longer)
    await until(
      at,
      server,
      async () => !Number.isNaN(chat.firstAckAt + apply.firstOkAt),
      (Number.isNaN(servingMs) ? 0 : servingMs) + 30_000,
    );
    const firstChatAckMs = chat.firstAckAt - at;
    const firstApplyMs = apply.firstOkAt - at;
    const record: KillRecord = {
      n: k,
      atSeconds: (at - started) / 1000,
      ackedBefore: before,
      healthyMs,
      startCpuMs,
      servingMs,
      firstChatAckMs,
      firstApplyMs,
      probeTimeouts,
    };
    kills.push(record);
    console.log(
      `[${backend}] kill ${k}/${KILLS} at ${record.atSeconds.toFixed(1)} s ` +
        `(${before.messages} messages, ${before.applications} applications acked): healthy ${fmt(healthyMs)} ` +
        `(${fmt(startCpuMs ?? Number.NaN)} CPU), ` +
        `serving ${fmt(servingMs)}, first chat ack ${fmt(firstChatAckMs)}, first apply ${fmt(firstApplyMs)}` +
        (probeTimeouts ? `; ${probeTimeouts} probes unanswered in 5 s` : ''),
    );
    if (Number.isNaN(servingMs)) break;
  }
  console.log(`[${backend}] stopping the load (unacknowledged writes retried up to 30 s) …`);
  await Promise.all([chat.stop(), apply.stop()]);
  // the end is a crash too: the check opens the database as the kill left it
  server.child.kill('SIGKILL');
  await server.exited;
  const { verdict, openMs } = await verifyCrashed(where, seeded, apply.acknowledged(chat));
  await own?.drop();
  const result: BackendResult = {
    backend,
    firstStartMs,
    kills,
    chat: {
      sent: chat.sent,
      attempts: chat.attempts,
      retries: chat.retries,
      unresolved: chat.unresolved,
      refusals: chat.refusals,
    },
    apply: {
      retries: apply.retries,
      unresolved: apply.unresolved,
      outcomes: apply.outcomes,
      unexpected: apply.unexpected.slice(0, 20),
      unexpectedCount: apply.unexpected.length,
      maxUsedSeen: apply.maxUsedSeen,
      duplicateHistories: Object.fromEntries(
        verdict.applications.duplicatePairs
          .slice(0, 10)
          .map((k) => [k, apply.history.get(k) ?? []]),
      ),
    },
    verdict,
    crashedOpenMs: openMs,
    restartPhasesMs: {},
    dataDir,
  };
  result.restartPhasesMs = restartPhases(path.join(dataDir, 'server.log'));
  // the folder stays for a look when a write was lost or doubled (slow restarts alone: removed)
  if (violations(result).every((v) => v.includes('slower'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

async function verifyCrashed(
  where: { dataDir: string; databaseUrl?: string },
  seeded: Seed,
  acked: ReturnType<ApplyLoad['acknowledged']>,
): Promise<{ verdict: Verdict; openMs: number }> {
  const opened = performance.now();
  const database = await openDatabase(where);
  const openMs = performance.now() - opened;
  console.log(`opened the crashed database for the check in ${fmt(openMs)}`);
  try {
    return { verdict: await verify(database, seeded, acked, QUOTA), openMs };
  } finally {
    await database.close();
  }
}

/** Median of each start-up phase the restarted servers logged (`ready in … ms`, main.ts). */
function restartPhases(logFile: string): Record<string, number> {
  const starts = fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"startupMs"'))
    .map((line) => {
      try {
        return (JSON.parse(line) as { startupMs: Record<string, number> }).startupMs;
      } catch {
        return null;
      }
    })
    .filter((x): x is Record<string, number> => x !== null)
    .slice(1); // the first start is not a restart
  const out: Record<string, number> = {};
  for (const phase of Object.keys(starts[0] ?? {})) {
    const values = starts.map((s) => s[phase] ?? 0).sort((a, b) => a - b);
    out[phase] = values[Math.floor(values.length / 2)]!;
  }
  return out;
}

function failStart(backend: 'pglite' | 'postgres', dataDir: string): never {
  const log = fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8');
  console.error(`[${backend}] the server did not start:\n${log.slice(-3000)}`);
  process.exit(1);
}

const fmt = (ms: number) => (Number.isNaN(ms) ? 'never' : `${(ms / 1000).toFixed(2)} s`);

/** Every broken promise of one backend's run, in words; empty when it held. */
export function violations(r: BackendResult): string[] {
  const v = r.verdict;
  const out: string[] = [];
  const add = (n: number, what: string) => n > 0 && out.push(`${n} ${what}`);
  add(v.chat.lost, 'acknowledged chat messages lost');
  add(v.chat.duplicates, 'duplicated chat messages');
  add(v.chat.wrongConversation, 'chat messages in the wrong conversation');
  add(v.chat.conversationsWithSeqGaps, 'conversations with a sequence gap');
  add(v.applications.lost, 'acknowledged applications lost');
  add(v.applications.withdrawalsLost, 'acknowledged withdrawals lost');
  add(v.applications.duplicates, 'duplicated applications');
  add(v.applications.seekersOverQuotaNow, 'seekers above the quota at the end');
  add(v.applications.seekersOverQuotaEver, 'seekers above the quota at some moment');
  add(Math.max(0, r.apply.maxUsedSeen - QUOTA), 'over the quota in an answer');
  add(r.apply.unexpectedCount, 'unexpected apply/withdraw answers');
  add(
    r.kills.length < KILLS ? KILLS - r.kills.length : 0,
    'kills not done (the restarted server answered no probe within 120 s)',
  );
  add(
    r.kills.filter((k) => !(k.servingMs <= RECOVERY_TARGET_MS)).length,
    `restarts slower than ${RECOVERY_TARGET_MS / 1000} s to serve again`,
  );
  return out;
}

// `--from-json docs/faults-kill9.json` writes the Markdown again from a run's JSON (no run)
const fromJson = arg('from-json', '');
if (fromJson) {
  const saved = JSON.parse(fs.readFileSync(fromJson, 'utf8')) as Report;
  await writeReport({ ...saved, loadAverage: saved.loadAverage ?? null });
  process.exit(0);
}
const bundle = ensureServerBundle();
const results: BackendResult[] = [];
for (const backend of BACKENDS) results.push(await runBackend(bundle, backend));
const settings = {
  kills: KILLS,
  ...SIZE,
  minGapSeconds: MIN_GAP_S,
  maxGapSeconds: MAX_GAP_S,
  chatIntervalMs: CHAT_INTERVAL_MS,
  thinkMs: THINK_MS,
  quota: QUOTA,
  recoveryTargetMs: RECOVERY_TARGET_MS,
};
const failures = results.flatMap((r) => violations(r).map((v) => `${r.backend}: ${v}`));
await writeReport({ settings, machine: machine(), results, failures, argv: args });
if (failures.length > 0) {
  console.error(`\nFAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nall promises held');
process.exit(0);
