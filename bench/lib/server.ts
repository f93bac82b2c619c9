import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../apps/server/src/platform/errors.ts';

export const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** ms from spawn to the first healthy /api/health */
  startupMs: number;
  /** CPU time (user + system) the server used until healthy: less sensitive to a busy machine */
  startupCpuMs: number | null;
  stop(): Promise<void>;
}

/** The server bundle `npm start` runs (scripts/build-server.mjs), built now when stale. */
export function ensureServerBundle(): string {
  const r = spawnSync(process.execPath, ['scripts/build-server.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new AppError('INTERNAL', 'building the server bundle failed');
  return path.join(root, 'apps/server/dist/main.mjs');
}

/** User + system CPU ms of a running process (Linux /proc), or null elsewhere. */
export function cpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Math.round((ticks * 1000) / 100);
  } catch {
    return null;
  }
}

/**
 * Starts the server as `npm start` does — node on the bundle (production mode, demo data) —
 * and waits for /api/health. The bundle is built (untimed) first when its sources changed.
 */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string>; port?: number } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-'));
  const log = fs.openSync(path.join(dataDir, 'server.log'), 'a');
  const bundle = ensureServerBundle();
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: root,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HIREHALL_DEMO: '1',
      HIREHALL_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      HIREHALL_ADMIN_PASSWORD: 'Admin-bench-2026',
      ...options.env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) {
      throw new AppError(
        'INTERNAL',
        `server exited: ${fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8').slice(-2000)}`,
      );
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    // generous: on the shared 2-core machine a first start (migrations + demo) took > 120 s
    if (performance.now() - started > 400_000) {
      child.kill('SIGKILL');
      throw new AppError('INTERNAL', 'server not healthy in 400 s');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const startupMs = performance.now() - started;
  const startupCpuMs = cpuMs(child.pid!);
  return {
    baseUrl,
    dataDir,
    child,
    startupMs,
    startupCpuMs,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.closeSync(log);
    },
  };
}

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
});
