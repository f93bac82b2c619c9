import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openTestDatabase } from '../test-app.ts';
import { signInAs, type SignedIn } from '../fixtures.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { latestSmsCode } from '../../src/modules/accounts/accounts.test-helpers.ts';
import { createApplication } from '../../src/modules/chat/chat.fixtures.ts';
import { signedAgreement, signingWorld } from '../../src/modules/agreements/agreements.fixtures.ts';

/**
 * The log scan: realistic flows run against a server whose log (level info) is captured,
 * and every response is kept with who asked. Afterwards: no log line holds a full ID number
 * or phone number, and no response shows one to anyone but its owner.
 */
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/g;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

let app: FastifyInstance;
let database: Database;
let drop: () => Promise<void>;
let dataDir: string;
const logLines: string[] = [];
const seen: { viewer: string; what: string; body: string }[] = [];
/** numbers each viewer owns (may see in full) */
const owns = new Map<string, Set<string>>();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-logscan-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HIREHALL_DATA_DIR: dataDir,
    HIREHALL_DEMO: '0',
  });
  ({ database, drop } = await openTestDatabase());
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n')));
  app = await buildApp({ config, database, logStream: stream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function as(viewer: string, opts: InjectOptions, headers?: Record<string, string>) {
  const res = await app.inject({ ...opts, headers: { ...opts.headers, ...headers } });
  seen.push({ viewer, what: `${opts.method ?? 'GET'} ${opts.url}`, body: res.body });
  return res;
}
const own = (viewer: string, ...numbers: string[]) => {
  const set = owns.get(viewer) ?? new Set<string>();
  for (const n of numbers) set.add(n);
  owns.set(viewer, set);
};

it('flows run: registration, sign-in, resume, applications, talent pool, signing', async () => {
  const db = database.db;
  // a public seeker registers with phone + ID number and signs in by both, once wrongly
  const phone = '13900000123';
  const idNumber = '440304199003071213';
  own('registrant', phone, idNumber);
  await as('anonymous', {
    method: 'POST',
    url: '/api/auth/sms-codes',
    payload: { phone, purpose: 'register' },
  });
  const code = await latestSmsCode(db, phone);
  const reg = await as('registrant', {
    method: 'POST',
    url: '/api/auth/seekers',
    payload: {
      name: '王小明',
      documentKind: 'id_card',
      idNumber,
      verification: { method: 'bank_card', bankCardNumber: '6228480012345678903' },
      password: '385926',
      phone,
      smsCode: code,
    },
  });
  expect(reg.statusCode).toBe(200);
  for (const identifier of [idNumber, phone]) {
    await as('anonymous', {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { portal: 'seeker', identifier, password: '000000' },
    });
  }
  const signIn = await as('registrant', {
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { portal: 'seeker', identifier: idNumber, password: '385926' },
  });
  expect(signIn.statusCode).toBe(200);

  // a seeker with a phone in the resume applies; the employer looks at it
  const employer = await signInAs(db, 'employer');
  const seeker = await signInAs(db, 'seeker');
  const seekerPhone = '13712345678';
  own('seeker', seekerPhone);
  const resume = (await as('seeker', { url: '/api/resume' }, seeker.headers)).json();
  await as(
    'seeker',
    {
      method: 'PUT',
      url: '/api/resume',
      payload: {
        version: resume.version,
        content: {
          ...resume.content,
          basic: { ...resume.content.basic, name: '赵六', phone: seekerPhone, city: '西安市' },
        },
      },
    },
    seeker.headers,
  );
  await as('seeker', { method: 'POST', url: '/api/talent-card/push' }, seeker.headers);
  const { application } = await createApplication(db, employer, seeker);
  const viewEmployer = async (who: SignedIn, url: string) => as('employer', { url }, who.headers);
  await viewEmployer(employer, '/api/employer/applications');
  await viewEmployer(employer, `/api/employer/applications/${application.id}`);
  await viewEmployer(employer, '/api/talent-pool');

  // signing: graduates with ID numbers and phones, school and college staff at work
  const w = await signingWorld(db);
  const signed = await signedAgreement(app, db, w);
  for (const [viewer, who, url] of [
    ['school', w.school, '/api/school/graduates?graduationYear=2026'],
    ['college', w.college, '/api/college/graduates?graduationYear=2026'],
    ['school', w.school, '/api/school/agreements'],
    ['college', w.college, '/api/college/agreements'],
    ['employer', signed.hr, '/api/employer/agreements'],
    ['employer', signed.hr, `/api/agreements/${signed.id}`],
  ] as const) {
    await as(viewer, { url }, who.headers);
  }
  own('graduate', signed.record.idNumber, signed.record.phone ?? '');
  // the employer's business contact (admittedEmployer's organization) is a term of the
  // agreement both parties sign: its own, and shown to the counterpart by design
  own('employer', '13912345678');
  own('graduate', '13912345678');
  await as('graduate', { url: `/api/agreements/${signed.id}` }, signed.seeker.headers);
  await as('graduate', { url: '/api/graduate/agreements' }, signed.seeker.headers);
}, 120_000);

it('no log line holds a full ID number or phone number', () => {
  const leaks = logLines.filter((l) => ID_NUMBER.test(l) || PHONE.test(l));
  ID_NUMBER.lastIndex = 0;
  PHONE.lastIndex = 0;
  expect(logLines.length).toBeGreaterThan(10);
  expect(leaks.map((l) => l.slice(0, 300))).toEqual([]);
});

it('no response shows a full ID number or phone number to anyone but its owner', () => {
  const leaks: string[] = [];
  for (const r of seen) {
    const allowed = owns.get(r.viewer) ?? new Set();
    for (const m of [...r.body.matchAll(ID_NUMBER), ...r.body.matchAll(PHONE)]) {
      if (!allowed.has(m[0])) leaks.push(`${r.viewer}: ${r.what} shows ${m[0]}`);
    }
  }
  expect(seen.length).toBeGreaterThan(10);
  expect([...new Set(leaks)]).toEqual([]);
});
