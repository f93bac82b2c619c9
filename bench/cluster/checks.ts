// Cross-process checks through HAProxy: a session signed in on one process used and ended on
// the other; polling-only sockets (they need the sticky cookie); HAProxy's per-server counts.
import net from 'node:net';
import { io } from 'socket.io-client';
import { DEMO_PIN, demo } from '../../apps/server/src/demo/demo-data.ts';

interface Hop {
  status: number;
  servedBy: string | null;
}

async function hop(
  baseUrl: string,
  node: string,
  method: string,
  path: string,
  cookies: string,
  csrf?: string,
  body?: unknown,
): Promise<Hop & { setCookies: string[] }> {
  const headers: Record<string, string> = { cookie: `${cookies}; hh_node=${node}` };
  if (csrf) headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.text();
  return {
    status: res.status,
    servedBy: res.headers.get('x-served-by'),
    setCookies: res.headers.getSetCookie(),
  };
}

export interface SessionCheck {
  ok: boolean;
  steps: { step: string; status: number; servedBy: string | null; expected: string }[];
}

/**
 * The demo seeker signs in on app1; the session reads and writes (CSRF) on app2, signs out
 * there, and app1 then refuses the cookie.
 */
export async function checkSessionAcrossProcesses(
  baseUrl: string,
  jobId: string,
): Promise<SessionCheck> {
  const steps: SessionCheck['steps'] = [];
  const signIn = await hop(baseUrl, 'app1', 'POST', '/api/auth/sign-in', '', undefined, {
    portal: 'seeker',
    identifier: demo.seeker.idNumber,
    password: DEMO_PIN,
  });
  steps.push({ step: 'sign in', ...signIn, expected: '200 on app1' });
  const jar = Object.fromEntries(
    signIn.setCookies.map((c) => c.split(';')[0]!.split('=') as [string, string]),
  );
  const cookies = `hh_session=${jar.hh_session}; hh_csrf=${jar.hh_csrf}`;
  const me = await hop(baseUrl, 'app2', 'GET', '/api/auth/me', cookies);
  steps.push({ step: 'GET /api/auth/me', ...me, expected: '200 on app2' });
  const fav = await hop(baseUrl, 'app2', 'POST', '/api/seeker/favorites', cookies, jar.hh_csrf, {
    jobId,
  });
  steps.push({ step: 'POST favourite (CSRF)', ...fav, expected: '200 on app2' });
  const out = await hop(baseUrl, 'app2', 'POST', '/api/auth/sign-out', cookies, jar.hh_csrf);
  steps.push({ step: 'sign out', ...out, expected: '2xx on app2' });
  const after = await hop(baseUrl, 'app1', 'GET', '/api/auth/me', cookies);
  steps.push({ step: 'GET /api/auth/me after sign-out', ...after, expected: '401 on app1' });
  const ok =
    signIn.status === 200 &&
    signIn.servedBy === 'app1' &&
    me.status === 200 &&
    me.servedBy === 'app2' &&
    fav.status === 200 &&
    fav.servedBy === 'app2' &&
    out.status < 300 &&
    after.status === 401 &&
    after.servedBy === 'app1';
  return {
    ok,
    steps: steps.map(({ step, status, servedBy, expected }) => ({
      step,
      status,
      servedBy,
      expected,
    })),
  };
}

/**
 * `n` polling-only sockets with a session cookie. `sticky`: the client keeps HAProxy's
 * cookie like a browser does; without it, each poll may reach the other process.
 */
export async function checkPolling(baseUrl: string, token: string, n: number, sticky: boolean) {
  let connected = 0;
  const reasons: Record<string, number> = {};
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const socket = io(baseUrl, {
            transports: ['polling'],
            extraHeaders: { cookie: `hh_session=${token}` },
            withCredentials: sticky,
            reconnection: false,
            timeout: 10_000,
          });
          let finished = false;
          const done = (reason: string | null) => {
            if (finished) return;
            finished = true;
            if (reason === null) connected++;
            else reasons[reason] = (reasons[reason] ?? 0) + 1;
            socket.close();
            resolve();
          };
          // connected and still connected after a few polls (an unknown sid ends the socket)
          socket.once('connect', () =>
            setTimeout(() => done(socket.connected ? null : 'dropped'), 3000),
          );
          socket.once('connect_error', (err) => done(err.message));
          socket.once('disconnect', (reason) => done(`disconnect: ${reason}`));
        }),
    ),
  );
  return { sockets: n, connected, failures: reasons };
}

/** `show stat` on HAProxy's stats socket: current and total sessions per server. */
export async function haproxyServers(socketPath: string) {
  const text = await new Promise<string>((resolve, reject) => {
    let out = '';
    const c = net.createConnection(socketPath, () => c.write('show stat\n'));
    c.on('data', (d) => (out += d.toString()));
    c.on('end', () => resolve(out));
    c.on('error', reject);
  });
  const [header, ...rows] = text.trim().split('\n');
  const cols = header!.replace(/^# /, '').split(',');
  const at = (name: string) => cols.indexOf(name);
  return rows
    .map((r) => r.split(','))
    .filter((r) => r[at('pxname')] === 'app' && /^app\d$/.test(r[at('svname')]!))
    .map((r) => ({
      server: r[at('svname')]!,
      currentSessions: Number(r[at('scur')]),
      totalSessions: Number(r[at('stot')]),
      status: r[at('status')]!,
    }));
}
