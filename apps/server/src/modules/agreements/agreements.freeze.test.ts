import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as mupdf from 'mupdf';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { SignedIn } from '../../../test/fixtures.ts';
import { graduateRecords, organizations } from '../organizations/organizations.tables.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
  signedAgreement,
  signingWorld,
} from './agreements.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  w = await signingWorld(db());
});
afterAll(() => t.close());

const header = '学号,姓名,身份证号,性别,学院,专业,学历,手机号';
type Record_ = typeof graduateRecords.$inferSelect;
const csvLine = (r: Record_, change: Partial<Record<'name' | 'major' | 'phone', string>> = {}) =>
  [
    r.studentNumber,
    change.name ?? r.name,
    r.idNumber,
    r.gender === 'male' ? '男' : '女',
    '计算机学院',
    change.major ?? r.major,
    r.degree,
    change.phone ?? r.phone,
  ].join(',');

function reimport(who: SignedIn, lines: string[]) {
  const boundary = '----hirehall' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="g.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from([header, ...lines].join('\n')),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/school/graduates/import?graduationYear=2026',
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

async function pdfText(who: SignedIn, id: string) {
  const res = await t.app.inject({ url: `/api/agreements/${id}/pdf`, headers: who.headers });
  expect(res.statusCode).toBe(200);
  const doc = mupdf.Document.openDocument(res.rawPayload, 'application/pdf');
  return doc.loadPage(0).toStructuredText('preserve-whitespace').asText();
}

const fingerprintOf = async (code: string) =>
  (await t.app.inject({ url: `/api/public/agreements/verify/${code}` })).json().fingerprint;

describe('the signed agreement is frozen', () => {
  it('keeps the graduate and school as signed when the record and the school change later', async () => {
    const { id, hr, seeker, record, view } = await signedAgreement(t.app, db(), w);
    const before = await pdfText(seeker, id);
    const fingerprint = await fingerprintOf(view.verificationCode);
    expect(before).toContain(record.name);
    expect(before).toContain(record.idNumber);

    // the record is corrected afterwards (as a platform correction or a re-import after
    // termination would), and the school renames itself
    await db()
      .update(graduateRecords)
      .set({ name: '改名后', major: '人工智能', idNumber: '11010519990101002X' })
      .where(eq(graduateRecords.id, record.id));
    await db()
      .update(organizations)
      .set({ name: '更名后的大学' })
      .where(eq(organizations.id, w.schoolId));

    const after = await pdfText(seeker, id);
    expect(after).toBe(before);
    expect(await fingerprintOf(view.verificationCode)).toBe(fingerprint);
    const again = await t.app.inject({ url: `/api/agreements/${id}`, headers: hr.headers });
    expect(again.json().graduate).toMatchObject({ name: record.name, major: record.major });
    expect(again.json().schoolName).toBe(view.schoolName);
    // the employer's copy shows the ID number of the signed agreement, masked
    const employerCopy = await pdfText(hr, id);
    expect(employerCopy).toContain(`${record.idNumber.slice(0, 3)}***********`);
    expect(employerCopy).not.toContain('改名后');
  });

  it('refuses a re-import that changes a graduate with an accepted, in-review or signed agreement', async () => {
    await db()
      .update(organizations)
      .set({ name: '测试大学' })
      .where(eq(organizations.id, w.schoolId));
    const signed = await signedAgreement(t.app, db(), w);
    const hr = await admittedEmployer(db(), w.schoolId);
    const inReview = await w.graduate();
    const reviewId = await sendOfferVia(t.app, hr, inReview.record.id);
    await post(t.app, inReview.seeker, `/api/graduate/agreements/${reviewId}/accept`);
    const free = await w.graduate();

    const refused = await reimport(w.school, [
      csvLine(signed.record, { major: '人工智能' }),
      csvLine(inReview.record, { phone: '13700000000' }),
      csvLine(free.record, { major: '数据科学' }),
    ]);
    expect(refused.statusCode).toBe(422);
    const rows = refused.json().error.details.rows as { row: number; message: string }[];
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[0]!.message).toContain('三方协议');
    // nothing half-imported: the free graduate is unchanged too
    const [stillFree] = await db()
      .select()
      .from(graduateRecords)
      .where(eq(graduateRecords.id, free.record.id));
    expect(stillFree!.major).toBe(free.record.major);

    // unchanged rows of bound graduates pass; the free graduate's change goes back to review
    const ok = await reimport(w.school, [
      csvLine(signed.record),
      csvLine(inReview.record),
      csvLine(free.record, { major: '数据科学' }),
    ]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ updated: 1, unchanged: 2 });
    const [changed] = await db()
      .select()
      .from(graduateRecords)
      .where(eq(graduateRecords.id, free.record.id));
    expect(changed).toMatchObject({ major: '数据科学', status: 'imported' });
    // a changed graduate is not signable until the college approves again
    const signable = await t.app.inject({
      url: '/api/employer/signing/signable',
      headers: hr.headers,
    });
    expect(signable.json().items.map((g: { id: string }) => g.id)).not.toContain(free.record.id);
  });
});
