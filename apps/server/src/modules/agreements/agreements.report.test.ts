import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signedAgreement, signingWorld, post } from './agreements.fixtures.ts';
import { HttpJsonConnector } from './provincial-connector.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

/** A provincial endpoint that stores records by idempotency key and can be told to fail. */
function receiver() {
  const byKey = new Map<string, unknown>();
  const requests: string[] = [];
  let failNext = 0;
  let dropResponseNext = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      requests.push(key);
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

beforeAll(async () => {
  t = await createTestApp();
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
    const first = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(first.json()).toMatchObject({ delivered: 3, alreadyDelivered: 0, failed: 0 });
    expect(rx.byKey.size).toBe(3);
    const again = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(again.json()).toMatchObject({ delivered: 0, alreadyDelivered: 3, failed: 0 });
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
    const res = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(res.json()).toMatchObject({ delivered: 0, alreadyDelivered: 3, failed: 1 });
    const next = await post(t.app, w.school, '/api/school/provincial-report/push', {
      graduationYear: 2026,
    });
    expect(next.json()).toMatchObject({ delivered: 1, alreadyDelivered: 3, failed: 0 });
    expect(rx.byKey.size).toBe(4);
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
    expect(body.totals).toMatchObject({ graduates: 5, signed: 4 });
    expect(body.totals.signingRate).toBeCloseTo(0.8);
    const ai = body.rows.find((r: { major: string }) => r.major === '人工智能');
    expect(ai).toMatchObject({
      collegeName: '计算机学院',
      graduates: 1,
      signed: 0,
      signingRate: 0,
    });
  });
});
