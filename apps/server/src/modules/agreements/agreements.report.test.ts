import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { SignedIn } from '../../../test/fixtures.ts';
import {
  admittedEmployer,
  post,
  signedAgreement,
  signingWorld,
  terminateVia,
} from './agreements.fixtures.ts';
import { HttpJsonConnector } from './provincial-connector.ts';
import { assertPublicEndpoint, isPrivateAddress } from './provincial-endpoint.ts';
import { neutraliseFormula } from './agreements.report.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

/** A provincial endpoint that stores records by idempotency key and can be told to fail. */
function receiver() {
  const byKey = new Map<string, unknown>();
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let failNext = 0;
  /** holds every answer until released, to keep a push running */
  let gate: Promise<void> | null = null;
  let dropResponseNext = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      if (gate) await gate;
      const key = String(req.headers['idempotency-key']);
      requests.push(key);
      authorizations.push(req.headers.authorization);
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      if (!byKey.has(key)) byKey.set(key, JSON.parse(body));
      if (dropResponseNext > 0) {
        // stored, but the answer is lost: the sender must retry with the same key
        dropResponseNext--;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return {
    byKey,
    requests,
    authorizations,
    hold: () => {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    failNextRequests: (n: number) => (failNext = n),
    dropNextResponses: (n: number) => (dropResponseNext = n),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/records`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rx = receiver();
let endpoint: string;

/** Starts a push (202) and waits until its background job has finished. */
async function pushAndWait(who: SignedIn = w.school) {
  const started = await post(t.app, who, '/api/school/provincial-report/push', {
    graduationYear: 2026,
  });
  expect(started.statusCode).toBe(202);
  expect(started.json()).toMatchObject({ status: 'running', id: expect.any(String) });
  return waitForJob(started.json().id, who);
}

async function waitForJob(id: string, who: SignedIn = w.school) {
  for (let i = 0; i < 500; i++) {
    const res = await t.app.inject({
      url: '/api/school/provincial-report/push?graduationYear=2026',
      headers: who.headers,
    });
    const { job } = res.json();
    expect(job.id).toBe(id);
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('push did not finish');
}

beforeAll(async () => {
  // the local receiver listens on 127.0.0.1: this deployment allows private endpoints
  t = await createTestApp({ HIREHALL_PROVINCIAL_ALLOW_PRIVATE: '1' });
  w = await signingWorld(db());
  endpoint = await rx.start();
});
afterAll(async () => {
  await t.close();
  await rx.stop();
});

describe('provincial report', () => {
  it('exports signed agreements as CSV and XLSX in the documented layout', async () => {
    const { view } = await signedAgreement(t.app, db(), w);
    const csv = await t.app.inject({
      url: '/api/school/provincial-report.csv?graduationYear=2026',
      headers: w.school.headers,
    });
    expect(csv.statusCode).toBe(200);
    const [header, first] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      '协议编号,学校名称,毕业年份,学号,姓名,身份证号,性别,学院,专业,学历,单位名称,统一社会信用代码,工作岗位,工作地点,月薪（元）,协议状态,签约日期,解约日期',
    );
    expect(first).toContain(view.agreementNumber);
    expect(first).toContain('已签约');
    const xlsx = await t.app.inject({
      url: '/api/school/provincial-report.xlsx?graduationYear=2026',
      headers: w.school.headers,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(view.agreementNumber);
    expect(
      (
        await t.app.inject({
          url: '/api/school/provincial-report.csv?graduationYear=2026',
          headers: w.college.headers,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('pushes every record exactly once, also after failures and retries', async () => {
    await signedAgreement(t.app, db(), w);
    await signedAgreement(t.app, db(), w);
    const noEndpoint = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(noEndpoint.statusCode).toBe(400);
    await t.app.inject({
      method: 'PUT',
      url: '/api/school/signing-settings',
      headers: w.school.headers,
      payload: { offerResponseDays: 5, employerTermination: false, provincialEndpoint: endpoint },
    });
    rx.failNextRequests(2); // the first record needs three attempts
    rx.dropNextResponses(1); // ... and then its stored answer is lost once more
    const first = await pushAndWait();
    expect(first).toMatchObject({
      status: 'done',
      total: 3,
      delivered: 3,
      alreadyDelivered: 0,
      failed: 0,
    });
    expect(rx.byKey.size).toBe(3);
    const again = await pushAndWait();
    expect(again).toMatchObject({ delivered: 0, alreadyDelivered: 3, failed: 0 });
    expect(rx.byKey.size).toBe(3);
    // every key the receiver stored is one agreement in one state; retries reused the key
    const retried = rx.requests.filter((k, i) => rx.requests.indexOf(k) !== i);
    expect(new Set(retried).size).toBe(1);
    const record = [...rx.byKey.values()][0] as Record<string, unknown>;
    expect(record).toMatchObject({ status: 'signed', graduationYear: 2026 });
  });

  it('a record that keeps failing is reported and sent on the next push', async () => {
    await signedAgreement(t.app, db(), w);
    rx.failNextRequests(4);
    const res = await pushAndWait();
    expect(res).toMatchObject({ status: 'done', delivered: 0, alreadyDelivered: 3, failed: 1 });
    expect(res.errors[0].message).toContain('503');
    const next = await pushAndWait();
    expect(next).toMatchObject({ delivered: 1, alreadyDelivered: 3, failed: 0 });
    expect(rx.byKey.size).toBe(4);
  });

  it('runs one push per school at a time; the running job shows its progress', async () => {
    await signedAgreement(t.app, db(), w);
    const release = rx.hold();
    const first = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(first.statusCode).toBe(202);
    const second = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(second.statusCode).toBe(409);
    const watching = await t.app.inject({
      url: '/api/school/provincial-report/push?graduationYear=2026',
      headers: w.school.headers,
    });
    expect(watching.json().job).toMatchObject({ id: first.json().id, status: 'running' });
    release();
    const done = await waitForJob(first.json().id);
    expect(done).toMatchObject({ status: 'done', delivered: 1, alreadyDelivered: 4, failed: 0 });
    expect(rx.byKey.size).toBe(5);
  });

  it('pushes a terminated agreement once more, as terminated, with the school token', async () => {
    const signed = await signedAgreement(t.app, db(), w);
    await pushAndWait();
    expect(rx.byKey.has(`${signed.id}:signed`)).toBe(true);
    await terminateVia(t.app, w, signed);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/school/signing-settings',
      headers: w.school.headers,
      payload: {
        offerResponseDays: 5,
        employerTermination: false,
        provincialEndpoint: endpoint,
        provincialToken: 'school-secret-token',
      },
    });
    expect(saved.json()).toMatchObject({ provincialTokenSet: true });
    expect(saved.body).not.toContain('school-secret-token');
    const before = rx.requests.length;
    const job = await pushAndWait();
    expect(job).toMatchObject({ delivered: 1, alreadyDelivered: 5, failed: 0 });
    expect(rx.requests.slice(before)).toEqual([`${signed.id}:terminated`]);
    expect(rx.authorizations.at(-1)).toBe('Bearer school-secret-token');
    expect(rx.byKey.get(`${signed.id}:terminated`)).toMatchObject({
      status: 'terminated',
      agreementNumber: signed.view.agreementNumber,
      terminatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    // the signed record was not sent again
    expect(rx.requests.filter((k) => k === `${signed.id}:signed`)).toHaveLength(1);
  });

  it('neutralises spreadsheet formulas in the CSV', async () => {
    const hr = await admittedEmployer(
      db(),
      w.schoolId,
      2026,
      '=HYPERLINK("http://x.example","点我")',
    );
    const signed = await signedAgreement(t.app, db(), w, hr);
    const csv = await t.app.inject({
      url: '/api/school/provincial-report.csv?graduationYear=2026',
      headers: w.school.headers,
    });
    const row = csv.body.split('\r\n').find((l) => l.includes(signed.view.agreementNumber))!;
    expect(row).toContain(`"'=HYPERLINK(""http://x.example"",""点我"")"`);
    expect(neutraliseFormula('+86 123')).toBe("'+86 123");
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('上海')).toBe('上海');
    expect(neutraliseFormula(12000)).toBe(12000);
  });

  it('refuses endpoints on private or loopback addresses unless the deployment allows them', async () => {
    for (const url of [
      'http://127.0.0.1:8080/records',
      'http://localhost/records',
      'http://10.1.2.3/',
      'http://192.168.1.10/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      await expect(assertPublicEndpoint(url, false), url).rejects.toThrow(/内网或本机/);
      await expect(assertPublicEndpoint(url, true)).resolves.toBeUndefined();
    }
    await expect(assertPublicEndpoint('ftp://8.8.8.8/', true)).rejects.toThrow(/http/);
    await expect(assertPublicEndpoint('https://8.8.8.8/records', false)).resolves.toBeUndefined();
    expect(isPrivateAddress('172.20.0.1')).toBe(true);
    expect(isPrivateAddress('172.32.0.1')).toBe(false);
    expect(isPrivateAddress('fd00::1')).toBe(true);
    expect(isPrivateAddress('2400:3200::1')).toBe(false);
  });

  it('the connector gives up at once on a 4xx other than 409/429', async () => {
    const server = http.createServer((_req, res) => res.writeHead(422).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    let calls = 0;
    server.on('request', () => calls++);
    const c = new HttpJsonConnector(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      baseDelayMs: 1,
    });
    await expect(c.push({} as never, 'k')).rejects.toThrow(/422/);
    expect(calls).toBe(1);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('dashboard counts and rates by college and major', async () => {
    await w.graduate('approved', '人工智能');
    const res = await t.app.inject({
      url: '/api/school/signing-stats?graduationYear=2026',
      headers: w.school.headers,
    });
    const body = res.json();
    // seven signed, one of them terminated since; one approved graduate never signed
    expect(body.totals).toMatchObject({ graduates: 8, signed: 6, terminated: 1 });
    expect(body.totals.signingRate).toBeCloseTo(6 / 8);
    const ai = body.rows.find((r: { major: string }) => r.major === '人工智能');
    expect(ai).toMatchObject({
      collegeName: '计算机学院',
      graduates: 1,
      signed: 0,
      signingRate: 0,
    });
  });
});
