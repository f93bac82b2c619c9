import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureServerBundle } from '../bench/lib/server.ts';
import { greyscalePng } from '../apps/server/test/png.ts';

export const root = path.resolve(import.meta.dirname, '..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Server {
  baseUrl: string;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let bundle: string | undefined;

/**
 * Starts the real server (built web app, demo data, dev outbox) on a free port: node on the
 * server bundle, as `npm start` runs it (built once per run when a source is newer).
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  bundle ??= ensureServerBundle();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-e2e-'));
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', bundle], {
    cwd: root,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HIREHALL_DEV_TOOLS: '1',
      HIREHALL_DEMO: '1',
      HIREHALL_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      HIREHALL_ADMIN_PASSWORD: 'Admin-e2e-2026',
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // a busy shared machine can take minutes to migrate and load the demo data
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited early:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM'); // never leave the server running behind a failed start
      throw new Error('server did not become healthy in 240 s');
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    dataDir,
    logFile,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.closeSync(log);
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it and the Chinese font with:\n` +
        '  sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei\n' +
        '(or set CHROMIUM_PATH)',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

/** The newest SMS code sent to `phone`, read from the development outbox. */
export async function latestSmsCode(
  server: Server,
  phone: string,
  /** codes already used: waits for a newer message */
  except: string[] = [],
): Promise<string> {
  for (let i = 0; i < 30; i++) {
    const res = await fetch(`${server.baseUrl}/api/dev/outbox`);
    if (res.ok) {
      // GET /api/dev/outbox answers the newest messages first, as a plain array
      type Message = { recipient: string; content: string };
      const body = (await res.json()) as Message[] | { messages: Message[] };
      const messages = Array.isArray(body) ? body : body.messages;
      const hit = messages.find((m) => m.recipient === phone);
      const code = hit?.content.match(/\d{6}/)?.[0];
      if (code && !except.includes(code)) return code;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no SMS code for ${phone} in the dev outbox`);
}

export interface JourneyContext {
  server: Server;
  browser: Browser;
  /** a fresh page in a fresh context (phone-sized when `mobile`) */
  newPage(options?: { mobile?: boolean }): Promise<Page>;
  artifactsDir: string;
}

export interface Journey {
  name: string;
  run(ctx: JourneyContext): Promise<void>;
}

/**
 * The employer signed in on `page` creates a posting with every field the form asks for and
 * publishes it, through the API (journeys that are about what comes after).
 */
export async function publishJob(
  page: Page,
  csrfToken: string,
  posting: { title: string; description: string; skills: string; headcount: number },
): Promise<{ id: string }> {
  const headers = { 'x-csrf-token': csrfToken };
  const created = await page.request.post('/api/org/jobs', {
    headers,
    data: {
      occupation: '软件开发',
      salaryMin: 7500,
      salaryMax: 8499,
      education: 'college',
      ageMin: 18,
      ageMax: 45,
      employmentType: 'full_time',
      district: '嘉定区',
      probationMonths: 3,
      probationSalary: 6500,
      ...posting,
    },
  });
  if (!created.ok()) throw new Error(`create job: ${created.status()} ${await created.text()}`);
  const job = (await created.json()) as { id: string };
  const published = await page.request.post(`/api/org/jobs/${job.id}/publish`, { headers });
  if (!published.ok()) throw new Error(`publish: ${published.status()} ${await published.text()}`);
  return job;
}

/** Signs the page's context in through the API (it keeps the cookies); the session's CSRF token. */
export async function signInByApi(page: Page, body: Record<string, string>): Promise<string> {
  const res = await page.request.post('/api/auth/sign-in', { data: body });
  if (!res.ok()) throw new Error(`sign-in ${body.portal}: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Polls `check` until it holds; fails naming `what` after `ms`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  ms = 30_000,
  everyMs = 250,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function expectText(actual: string | null | undefined, expected: string, what: string) {
  if (!actual?.includes(expected)) {
    throw new Error(`${what}: expected to contain "${expected}", got "${actual?.slice(0, 300)}"`);
  }
}

/**
 * A valid 8-bit greyscale PNG of one shade (`grey`, 0–255), for journeys that upload an image
 * (a licence, a screenshot).
 */
export function greyPng(width: number, height: number, grey: number): Buffer {
  const scanlines = Buffer.alloc((width + 1) * height, grey);
  for (let y = 0; y < height; y++) scanlines[y * (width + 1)] = 0; // filter: none
  return greyscalePng({ width, height, bitDepth: 8, scanlines });
}
