/**
 * sqlmap (Debian's package) against every parameter of the public and authenticated API.
 *
 *   npx tsx bench/security/sqlmap.ts [--only <path substring>] [--limit N]
 *
 * Starts the server bundle on a fresh PGlite with demo data, signs in as the demo account of
 * every role, reads the OpenAPI document the server serves (/api/docs/json) and runs sqlmap
 * once per operation with every path, query and JSON body parameter marked as an injection
 * point (`*`), as the first role the operation admits. Writes docs/security-sqlmap.md.
 * Run by command, not in CI: the whole API takes about half an hour on 2 cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, startServer, type RunningServer } from '../lib/server.ts';
import { generateBody, type JsonSchema } from '../../apps/server/test/security/schema-sample.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';

const SQLMAP_OPTIONS = [
  '--batch',
  '--level=2',
  '--risk=1',
  '--dbms=PostgreSQL',
  '--technique=BEUST',
  '--time-sec=2',
  '--threads=4',
  '--timeout=15',
  '--retries=1',
  // every request from another address: the per-address sign-in and upload budgets stay out of
  // the way (the server trusts X-Forwarded-For for this run)
  '--tamper=xforwardedfor',
  '--disable-coloring',
  '--flush-session',
];
const SESSION_COOKIES = 'hh_session,hh_csrf';
/** Operations that would end the run's own sessions or accounts: not worth fuzzing here. */
const SKIPPED = new Map([
  ['POST /api/auth/sign-out', 'ends the session the run uses (no parameters)'],
  ['POST /api/privacy/deletion', 'closes the demo account the run signs in with'],
]);

interface Role {
  name: string;
  portal: string;
  identifier: string;
  password: string;
}
interface Session {
  cookie: string;
  csrf: string;
}
interface Operation {
  method: string;
  path: string;
  isPublic: boolean;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
  multipart: boolean;
}
interface Outcome {
  op: string;
  role: string;
  baselineStatus: number;
  baselineCode?: string;
  multipart: boolean;
  dropped: string[];
  points: number;
  injectable: boolean;
  note: string;
  seconds: number;
}

const argValue = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function signIn(baseUrl: string, role: Role): Promise<Session> {
  const { name: _name, ...body } = role;
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.200.0.1' },
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new AppError('INTERNAL', `sign-in ${role.name}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('hh_csrf='))?.slice('hh_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), csrf };
}

async function isAlive(baseUrl: string, s: Session) {
  const res = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie: s.cookie } });
  return res.ok;
}

function operations(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const out: Operation[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []) as { name: string; in: string; schema: JsonSchema }[];
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> })
        ?.content;
      out.push({
        method: method.toUpperCase(),
        path: p,
        isPublic: !op.security,
        pathParams: params.filter((x) => x.in === 'path'),
        queryParams: params.filter((x) => x.in === 'query'),
        body: content?.['application/json']?.schema,
        multipart: Boolean(content?.['multipart/form-data']),
      });
    }
  }
  return out;
}

/** Every property (not only the required ones), one level deep, as a sample value. */
function fullBody(schema: JsonSchema): unknown {
  const base = generateBody(schema);
  if (!schema.properties || typeof base !== 'object' || base === null) return base;
  const out = base as Record<string, unknown>;
  for (const [key, s] of Object.entries(schema.properties)) {
    if (!(key in out)) out[key] = generateBody(s);
  }
  return out;
}

/** The JSON body with `*` after every string and number value: sqlmap's injection mark. */
function markedBody(value: unknown): { text: string; points: number } {
  let points = 0;
  const numbers: number[] = [];
  const mark = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(mark);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x)]));
    }
    if (typeof v === 'string') {
      points++;
      return `${v}\u0000MARK`;
    }
    if (typeof v === 'number') {
      points++;
      numbers.push(v);
      return `\u0000NUMBER${numbers.length - 1}`;
    }
    return v;
  };
  const text = JSON.stringify(mark(value))
    .replaceAll('\\u0000MARK"', '*"')
    // numbers stay unquoted: `"page":1*`
    .replace(/"\\u0000NUMBER(\d+)"/g, (_m, i: string) => `${numbers[Number(i)]}*`);
  return { text, points };
}

/** Concrete values for one operation: what the baseline sends and sqlmap marks. */
interface Sample {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body?: Record<string, unknown> | unknown;
  /** parameters left out because any sample value of theirs made the request invalid */
  dropped: string[];
}

function requestFor(op: Operation, sample: Sample, marked: boolean) {
  let points = 0;
  let url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    points++;
    return encodeURIComponent(sample.path[name] ?? '1') + (marked ? '*' : '');
  });
  const query = Object.entries(sample.query);
  if (query.length) {
    url +=
      '?' +
      query
        .map(([name, v]) => {
          points++;
          return `${name}=${encodeURIComponent(String(v))}${marked ? '*' : ''}`;
        })
        .join('&');
  }
  let data: string | undefined;
  if (sample.body !== undefined) {
    if (marked) {
      const b = markedBody(sample.body);
      data = b.text;
      points += b.points;
    } else data = JSON.stringify(sample.body);
  }
  return { url, data, points };
}

interface Answer {
  status: number;
  code?: string;
  /** the top-level parameter names a VALIDATION_FAILED answer names */
  invalid: string[];
}

async function send(
  baseUrl: string,
  op: Operation,
  sample: Sample,
  s: Session | null,
): Promise<Answer> {
  const { url, data } = requestFor(op, sample, false);
  const res = await fetch(`${baseUrl}${url}`, {
    method: op.method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(data ? { 'content-type': 'application/json' } : {}),
      'x-forwarded-for': '10.200.0.2',
    },
    body: data,
  });
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code: string; details?: { path?: string }[] };
  };
  const details = Array.isArray(body.error?.details) ? body.error.details : [];
  return {
    status: res.status,
    code: body.error?.code,
    invalid: details.map((d) => String(d.path ?? '').split('.')[0]!),
  };
}

const isInvalid = (a: Answer) => a.code === 'VALIDATION_FAILED';

/** Other values to try when the schema's sample is refused (patterns the sampler cannot read). */
function alternatives(schema: JsonSchema): unknown[] {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') return [2026, 1, 0, 100];
  if (type === 'boolean') return [false];
  if (type === 'array') return [[], ['测试'], [1]];
  return ['2026', '1', '测试内容', 'abc', 'A1', '2026-06-30', '13800138000', '91310114MA1GT00019'];
}

/** Tries other values for the parameters a VALIDATION_FAILED answer names, one at a time. */
async function repairInvalid(
  baseUrl: string,
  op: Operation,
  sample: Sample,
  s: Session | null,
  answer: Answer,
): Promise<Answer> {
  const bodySchema = op.body?.properties ?? {};
  for (const name of new Set(answer.invalid)) {
    const query = op.queryParams.find((q) => q.name === name);
    const body = sample.body as Record<string, unknown> | undefined;
    const schema = query?.schema ?? bodySchema[name];
    if (!schema) continue;
    for (const value of alternatives(schema)) {
      if (query) sample.query[name] = value;
      else if (body && typeof body === 'object') body[name] = value;
      const next = await send(baseUrl, op, sample, s);
      if (!next.invalid.includes(name)) {
        answer = next;
        break;
      }
    }
  }
  return answer;
}

/**
 * A sample the server accepts as valid: the required parameters (other values tried for those
 * it refuses), then each optional query parameter and body property added one at a time and
 * kept when the answer is not VALIDATION_FAILED.
 */
async function validSample(baseUrl: string, op: Operation, s: Session | null) {
  const sample: Sample = { path: {}, query: {}, dropped: [] };
  for (const p of op.pathParams) sample.path[p.name] = String(generateBody(p.schema));
  const optional: { name: string; schema: JsonSchema }[] = [];
  for (const q of op.queryParams as { name: string; schema: JsonSchema; required?: boolean }[]) {
    if (q.required) sample.query[q.name] = generateBody(q.schema);
    else optional.push(q);
  }
  if (op.body) sample.body = generateBody(op.body);
  let answer = await send(baseUrl, op, sample, s);
  if (isInvalid(answer)) answer = await repairInvalid(baseUrl, op, sample, s, answer);
  if (isInvalid(answer) || answer.status === 401 || answer.status === 403) {
    // nothing to keep valid: mark every parameter with its sample value
    for (const q of optional) sample.query[q.name] = generateBody(q.schema);
    if (op.body) {
      sample.body = { ...(fullBody(op.body) as object), ...(sample.body as object) };
    }
    return { sample, answer };
  }
  const tryAdd = async (name: string, set: () => void, unset: () => void) => {
    set();
    const next = await send(baseUrl, op, sample, s);
    if (isInvalid(next)) {
      unset();
      sample.dropped.push(name);
    } else answer = next;
  };
  for (const q of optional) {
    const value = generateBody(q.schema);
    if (value === null || value === undefined) continue;
    await tryAdd(
      q.name,
      () => (sample.query[q.name] = value),
      () => delete sample.query[q.name],
    );
  }
  const body = sample.body as Record<string, unknown> | undefined;
  if (op.body?.properties && body && typeof body === 'object') {
    for (const [key, schema] of Object.entries(op.body.properties)) {
      if (key in body) continue;
      const value = generateBody(schema);
      if (value === null) continue;
      await tryAdd(
        key,
        () => (body[key] = value),
        () => delete body[key],
      );
    }
  }
  return { sample, answer };
}

function runSqlmap(
  baseUrl: string,
  op: Operation,
  sample: Sample,
  s: Session | null,
  outDir: string,
  testCookies: boolean,
): Promise<{ injectable: boolean; note: string; points: number; log: string }> {
  const { url, data, points } = requestFor(op, sample, true);
  const args = [
    '-u',
    `${baseUrl}${url}`,
    `--method=${op.method}`,
    ...SQLMAP_OPTIONS,
    `--output-dir=${outDir}`,
  ];
  if (data) args.push(`--data=${data}`, '-H', 'Content-Type: application/json');
  // a 404 (an id of nothing) is an ordinary answer to compare, not a reason to stop
  if (!(s && testCookies)) args.push('--ignore-code=404');
  if (s) {
    args.push(`--cookie=${s.cookie}`, '-H', `X-CSRF-Token: ${s.csrf}`);
    // the cookie run goes on through the 401s that a mangled session cookie answers
    args.push(testCookies ? '--ignore-code=401,404' : `--skip=${SESSION_COOKIES}`);
  }
  return new Promise((resolve) => {
    const child = spawn('sqlmap', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('close', () => {
      const injectable =
        /is vulnerable|appears to be .*injectable|sqlmap identified the following injection/i.test(
          log,
        ) && !/do not appear to be injectable/i.test(log.split('\n').slice(-30).join('\n'));
      const aborted = /\[CRITICAL\] ([^\n]*)|\[ERROR\] ([^\n]*)/.exec(log);
      const codes = /HTTP error codes detected during run:\n([^\n]*)/.exec(log)?.[1];
      const notes = [
        /all tested parameters do not appear to be injectable/i.test(log)
          ? 'not injectable'
          : `stopped: ${(aborted?.[1] ?? aborted?.[2] ?? 'see log').slice(0, 80)}`,
        codes ? `answers seen: ${codes}` : undefined,
      ].filter(Boolean);
      resolve({ injectable, note: notes.join('; ') || 'see log', points, log });
    });
  });
}

function writeReport(
  outcomes: Outcome[],
  skipped: string[],
  meta: { started: Date; minutes: number; serverErrors: string[]; roles: string[] },
) {
  const injectable = outcomes.filter((o) => o.injectable);
  const points = outcomes.reduce((n, o) => n + o.points, 0);
  const withPoints = outcomes.filter((o) => o.points > 0);
  const answered = (lo: number, hi: number) =>
    withPoints.filter((o) => o.baselineStatus >= lo && o.baselineStatus < hi).length;
  const stopped = outcomes.filter((o) => o.note.startsWith('stopped'));
  const invalid = withPoints.filter((o) => o.baselineCode === 'VALIDATION_FAILED');
  const multipart = outcomes.filter((o) => o.multipart);
  const example = [
    'sqlmap -u "http://127.0.0.1:PORT/api/public/jobs?q=测试内容*&sort=newest*&page=1*" --method=GET',
    ...SQLMAP_OPTIONS,
    '--cookie="hh_session=…; hh_csrf=…" -H "X-CSRF-Token: …" --skip=hh_session,hh_csrf',
  ].join(' ');
  const lines = [
    '# sqlmap against the API',
    '',
    `Run ${meta.started.toISOString()} by \`npx tsx bench/security/sqlmap.ts\` (${meta.minutes.toFixed(1)} min, ` +
      `${os.cpus().length} cores, sqlmap ${spawnSync('sqlmap', ['--version']).stdout.toString().split('\n')[0]!.trim()}).`,
    '',
    `**Result: ${injectable.length} injectable** — ${outcomes.length} operations, ${points} parameters ` +
      `(path, query and JSON body values, each marked \`*\`), plus the session cookies on \`GET /api/auth/me\`.`,
    '',
    `${withPoints.length} operations take parameters; their sample request (before sqlmap) answered ` +
      `2xx for ${answered(200, 300)}, 404 for ${answered(404, 405)} (a random id), another 4xx for ` +
      `${answered(400, 404) + answered(405, 500) - invalid.length} (a business rule: a weak password, a ` +
      `state, a quota; the handler ran), and \`VALIDATION_FAILED\` for ${invalid.length}` +
      (invalid.length
        ? ` (no valid sample found: sqlmap's requests there stop at the schema: ${invalid.map((o) => `\`${o.op}\``).join(', ')})`
        : '') +
      `. sqlmap stopped early on ${stopped.length} operations` +
      (stopped.length ? ` (${stopped.map((o) => `\`${o.op}\``).join(', ')}).` : '.') +
      ` ${outcomes.length - withPoints.length} operations declare no parameter (their requests carry ` +
      'only the session; the upload routes read multipart bodies the document does not describe: ' +
      `not fuzzed here${multipart.length ? `, ${multipart.length} declared multipart` : ''}).`,
    '',
    'How: the server bundle on a fresh PGlite with the demo data, `HIREHALL_TRUST_PROXY=1`; ' +
      `sessions of the demo ${meta.roles.join(', ')} accounts; the operations come from the OpenAPI ` +
      'document the server serves (`/api/docs/json`). Each operation runs as the first role whose ' +
      'sample request is not refused with 401/403 (public ones without a cookie); sample values come ' +
      "from the operation's schemas (`apps/server/test/security/schema-sample.ts`). A session ended " +
      'by an operation is opened again before the next one.',
    '',
    'Command for each operation (one example):',
    '',
    '```sh',
    example,
    '```',
    '',
    'Notes:',
    '',
    "- Ids in paths are UUIDs validated by zod before any handler runs; sqlmap's payloads there are " +
      'answered 400 `VALIDATION_FAILED` and never reach SQL. The sample id (random) answers 404.',
    '- Operations with per-account budgets (feedback, privacy export, chat) answer 429 once their ' +
      'budget is spent; sqlmap then sees the same 429 for every payload.',
    `- Server log lines at error level during the run: ${meta.serverErrors.length}` +
      (meta.serverErrors.length ? ' (first ones below).' : '.'),
    ...(skipped.length ? ['- Not fuzzed: ' + skipped.join('; ') + '.'] : []),
    '',
    ...(meta.serverErrors.length
      ? ['```', ...meta.serverErrors.slice(0, 10).map((l) => l.slice(0, 300)), '```', '']
      : []),
    '| operation | as | sample answer | parameters | result | s |',
    '| --- | --- | --- | --- | --- | --- |',
    ...outcomes.map(
      (o) =>
        `| \`${o.op}\` | ${o.role} | ${o.baselineStatus}${o.baselineCode ? ` ${o.baselineCode}` : ''} | ${o.points}${o.dropped.length ? ` (left out: ${o.dropped.join(', ')})` : ''} | ${o.injectable ? '**INJECTABLE**' : o.note} | ${o.seconds.toFixed(0)} |`,
    ),
    '',
  ];
  fs.writeFileSync(path.join(root, 'docs/security-sqlmap.md'), lines.join('\n'));
}

async function main() {
  if (spawnSync('sqlmap', ['--version']).status !== 0) {
    console.error('sqlmap is missing: sudo apt-get install -y sqlmap');
    process.exit(2);
  }
  const started = new Date();
  const server: RunningServer = await startServer({
    env: { HIREHALL_TRUST_PROXY: '1', LOG_LEVEL: 'error' },
  });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-sqlmap-'));
  try {
    const base = server.baseUrl;
    const roles: Role[] = [
      { name: 'seeker', portal: 'seeker', identifier: demo.seeker.idNumber, password: DEMO_PIN },
      {
        name: 'graduate',
        portal: 'graduate',
        identifier: demo.graduate.phone,
        password: DEMO_PASSWORD,
      },
      {
        name: 'employer',
        portal: 'employer',
        identifier: demo.employers[0].creditCode,
        password: DEMO_PASSWORD,
      },
      {
        name: 'certified',
        portal: 'certified',
        identifier: demo.certified.phone,
        password: DEMO_PASSWORD,
      },
      {
        name: 'school',
        portal: 'staff',
        identifier: demo.staff.school.username,
        password: DEMO_PASSWORD,
      },
      {
        name: 'college',
        portal: 'staff',
        identifier: demo.staff.college.username,
        password: DEMO_PASSWORD,
      },
      {
        name: 'institution',
        portal: 'staff',
        identifier: demo.staff.institution.username,
        password: DEMO_PASSWORD,
      },
      {
        name: 'admin',
        portal: 'staff',
        identifier: demo.staff.admin.username,
        password: DEMO_PASSWORD,
      },
    ];
    const sessions = new Map<string, Session>();
    for (const r of roles) sessions.set(r.name, await signIn(base, r));

    const doc = (await (await fetch(`${base}/api/docs/json`)).json()) as Parameters<
      typeof operations
    >[0];
    let ops = operations(doc).filter((o) => o.path.startsWith('/api'));
    const only = argValue('--only');
    if (only) ops = ops.filter((o) => o.path.includes(only));
    const limit = Number(argValue('--limit') ?? Infinity);
    const outcomes: Outcome[] = [];
    const skipped: string[] = [];
    for (const op of ops.slice(0, limit)) {
      const key = `${op.method} ${op.path}`;
      if (SKIPPED.has(key)) {
        skipped.push(`\`${key}\` (${SKIPPED.get(key)})`);
        continue;
      }
      const t0 = performance.now();
      let roleName = 'public';
      let session: Session | null = null;
      const required: Sample = { path: {}, query: {}, dropped: [] };
      for (const p of op.pathParams) required.path[p.name] = String(generateBody(p.schema));
      if (!op.isPublic) {
        for (const r of roles) {
          let s = sessions.get(r.name)!;
          if (!(await isAlive(base, s))) {
            s = await signIn(base, r);
            sessions.set(r.name, s);
          }
          roleName = r.name;
          session = s;
          const { status } = await send(base, op, required, s);
          if (status !== 401 && status !== 403) break;
        }
      }
      const { sample, answer } = await validSample(base, op, session);
      const status = answer.status;
      const testCookies = key === 'GET /api/auth/me';
      const r = await runSqlmap(base, op, sample, session, outDir, testCookies);
      const seconds = (performance.now() - t0) / 1000;
      outcomes.push({
        op: key,
        role: roleName,
        baselineStatus: status,
        baselineCode: answer.code,
        multipart: op.multipart,
        dropped: sample.dropped,
        points: r.points + (testCookies ? 2 : 0),
        injectable: r.injectable,
        note: r.note,
        seconds,
      });
      fs.writeFileSync(path.join(outDir, `${key.replace(/\W+/g, '_')}.log`), r.log);
      console.log(
        `${r.injectable ? 'INJECTABLE' : 'ok        '} ${key} as ${roleName} (${status}${answer.code ? ` ${answer.code}` : ''}) ${r.points} points ${seconds.toFixed(0)} s${sample.dropped.length ? ` (left out: ${sample.dropped.join(', ')})` : ''}`,
      );
    }
    const log = fs.readFileSync(path.join(server.dataDir, 'server.log'), 'utf8');
    const serverErrors = log.split('\n').filter((l) => /"level":(50|60)/.test(l));
    writeReport(outcomes, skipped, {
      started,
      minutes: (Date.now() - started.getTime()) / 60_000,
      serverErrors,
      roles: roles.map((r) => r.name),
    });
    console.log(
      `${outcomes.filter((o) => o.injectable).length} injectable of ${outcomes.length} operations; docs/security-sqlmap.md; logs in ${outDir}`,
    );
  } finally {
    await server.stop();
  }
}

await main();
