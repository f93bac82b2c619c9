import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createCollege, signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { graduateRecords } from '../organizations/organizations.tables.ts';
import { fakeIdNumber } from './graduates.fixtures.ts';

let t: TestApp;
let school: SignedIn;
let college: SignedIn;
let otherCollege: SignedIn;
let otherSchool: SignedIn;

function multipart(content: Buffer | string, fileName: string) {
  const boundary = '----hirehall' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(content), tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function importFile(
  who: SignedIn,
  content: Buffer | string,
  fileName = 'g.csv',
  year = 2026,
) {
  const { payload, contentType } = multipart(content, fileName);
  return t.app.inject({
    method: 'POST',
    url: `/api/school/graduates/import?graduationYear=${year}`,
    headers: { ...who.headers, 'content-type': contentType },
    payload,
  });
}

const header = '学号,姓名,身份证号,性别,学院,专业,学历,手机号';
let collegeName: string;
let otherCollegeName: string;
const line = (n: number, college: string, extra: Partial<Record<string, string>> = {}) =>
  [
    extra.studentNumber ?? `2022${String(n).padStart(4, '0')}`,
    extra.name ?? `学生${n}`,
    extra.idNumber ?? fakeIdNumber(n, 'female'),
    extra.gender ?? '女',
    college,
    extra.major ?? '软件工程',
    extra.degree ?? '本科',
    extra.phone ?? `1390000${String(n).padStart(4, '0')}`,
  ].join(',');

beforeAll(async () => {
  t = await createTestApp();
  school = await signInAs(t.database.db, 'school');
  const c1 = await createCollege(t.database.db, school.organizationId!, '计算机学院');
  const c2 = await createCollege(t.database.db, school.organizationId!, '外国语学院');
  collegeName = c1.name;
  otherCollegeName = c2.name;
  college = await signInAs(t.database.db, 'college', {
    organizationId: school.organizationId!,
    collegeId: c1.id,
  });
  otherCollege = await signInAs(t.database.db, 'college', {
    organizationId: school.organizationId!,
    collegeId: c2.id,
  });
  otherSchool = await signInAs(t.database.db, 'school');
});
afterAll(() => t.close());

describe('graduate import', () => {
  it('offers CSV and XLSX templates to school staff only', async () => {
    const csv = await t.app.inject({
      url: '/api/school/graduates/template.csv',
      headers: school.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(header);
    const xlsx = await t.app.inject({
      url: '/api/school/graduates/template.xlsx',
      headers: school.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const denied = await t.app.inject({
      url: '/api/school/graduates/template.csv',
      headers: college.headers,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('reports every bad row and imports nothing', async () => {
    const body = [
      header,
      line(1, collegeName),
      line(2, collegeName, { idNumber: '110105200301011234' }),
      line(3, '不存在学院'),
      line(4, collegeName, { studentNumber: '20220001' }),
      line(5, collegeName, { gender: '男' }),
      line(6, collegeName, { phone: '12345' }),
      line(7, collegeName, { degree: '小学' }),
    ].join('\n');
    const res = await importFile(school, body);
    expect(res.statusCode).toBe(422);
    const rows = res.json().error.details.rows as { row: number; field: string }[];
    expect(rows.map((r) => [r.row, r.field])).toEqual([
      [3, '身份证号'],
      [4, '学院'],
      [5, '学号'],
      [6, '性别'],
      [7, '手机号'],
      [8, '学历'],
    ]);
    const count = await t.database.db.select().from(graduateRecords);
    expect(count).toHaveLength(0);
  });

  it('refuses a missing column and a binary file', async () => {
    const res = await importFile(school, '学号,姓名\n1,张三');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rows[0].message).toContain('身份证号');
    const bin = await importFile(school, Buffer.from([0, 1, 2, 3, 0, 0]), 'x.csv');
    expect(bin.statusCode).toBe(422);
  });

  it('imports CSV, then re-import updates by student number and sends changed rows back to review', async () => {
    const first = [header, line(1, collegeName), line(2, collegeName), line(3, otherCollegeName)];
    const res = await importFile(school, first.join('\r\n'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 3, updated: 0, unchanged: 0 });

    const list = await t.app.inject({
      url: '/api/college/graduates?graduationYear=2026',
      headers: college.headers,
    });
    expect(list.json().total).toBe(2);
    const [g1] = list.json().items;
    expect(g1.idNumberMasked).toMatch(/^\d{3}\*+\d{4}$/);
    expect(g1.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/college/graduates/${g1.id}/approve`,
      headers: college.headers,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');

    const again = [
      header,
      line(1, collegeName),
      line(2, collegeName, { major: '人工智能' }),
      line(4, collegeName),
    ];
    const res2 = await importFile(school, again.join('\n'));
    expect(res2.json()).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    const [r1] = await t.database.db
      .select()
      .from(graduateRecords)
      .where(eq(graduateRecords.id, g1.id));
    expect(r1!.status).toBe('approved');
  });

  it('refuses an ID number already on file under another student number', async () => {
    const taken = fakeIdNumber(1, 'female'); // student 20220001, imported above
    const res = await importFile(
      school,
      [header, line(5, collegeName), line(6, collegeName, { idNumber: taken })].join('\n'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rows).toEqual([
      { row: 3, field: '身份证号', message: '已用于学号 20220001 的生源信息' },
    ]);
    const [none] = await t.database.db
      .select()
      .from(graduateRecords)
      .where(eq(graduateRecords.studentNumber, '20220005'));
    expect(none).toBeUndefined();
    // the same file may hand an ID number over when it also corrects the other student
    await importFile(school, [header, line(20, collegeName)].join('\n'), 'g.csv', 2029);
    const swap = await importFile(
      school,
      [
        header,
        line(20, collegeName, { idNumber: fakeIdNumber(21, 'female') }),
        line(22, collegeName, { idNumber: fakeIdNumber(20, 'female') }),
      ].join('\n'),
      'g.csv',
      2029,
    );
    expect(swap.statusCode).toBe(200);
  });

  it('imports XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(header.split(','));
    ws.addRow(line(9, collegeName).split(','));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await importFile(school, bytes, 'g.xlsx', 2027);
    expect(res.statusCode).toBe(200);
    expect(res.json().inserted).toBe(1);
  });
});

describe('college review', () => {
  it('rejects with a reason, only within its own college', async () => {
    const list = await t.app.inject({
      url: '/api/college/graduates?graduationYear=2026&status=imported',
      headers: college.headers,
    });
    const target = list.json().items[0];
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/college/graduates/${target.id}/reject`,
      headers: otherCollege.headers,
      payload: { reason: '信息有误' },
    });
    expect(foreign.statusCode).toBe(404);
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/college/graduates/${target.id}/reject`,
      headers: college.headers,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const rej = await t.app.inject({
      method: 'POST',
      url: `/api/college/graduates/${target.id}/reject`,
      headers: college.headers,
      payload: { reason: '专业信息有误' },
    });
    expect(rej.json()).toMatchObject({ status: 'rejected', reason: '专业信息有误' });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/college/graduates/${target.id}/reject`,
      headers: college.headers,
      payload: { reason: '再次' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('a replayed approval (same Idempotency-Key) has one effect', async () => {
    const list = await t.app.inject({
      url: '/api/college/graduates?graduationYear=2026&status=imported',
      headers: college.headers,
    });
    const target = list.json().items[0];
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/college/graduates/${target.id}/approve`,
        headers: { ...college.headers, 'idempotency-key': 'k-approve-1' },
      });
    const [a, b] = [await send(), await send()];
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
  });

  it('schools see only their own graduates', async () => {
    const mine = await t.app.inject({
      url: '/api/school/graduates?graduationYear=2026',
      headers: school.headers,
    });
    expect(mine.json().total).toBe(4);
    const theirs = await t.app.inject({
      url: '/api/school/graduates?graduationYear=2026',
      headers: otherSchool.headers,
    });
    expect(theirs.json().total).toBe(0);
    const college403 = await t.app.inject({
      url: '/api/school/graduates?graduationYear=2026',
      headers: college.headers,
    });
    expect(college403.statusCode).toBe(403);
  });
});
