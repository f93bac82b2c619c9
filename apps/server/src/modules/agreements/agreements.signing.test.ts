import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { insertGraduate } from '../graduates/graduates.fixtures.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
  signedAgreement,
  signingWorld,
  uploadLetterVia,
} from './agreements.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp({ HIREHALL_UPLOAD_MAX_MB: '1' });
  w = await signingWorld(db());
});
afterAll(() => t.close());

describe('agreement numbers', () => {
  it('count per school and graduation year, from 000001, without gaps', async () => {
    const a1 = await signedAgreement(t.app, db(), w);
    const a2 = await signedAgreement(t.app, db(), w);
    const other = await signingWorld(db());
    const b1 = await signedAgreement(t.app, db(), other);
    expect(a1.view.agreementNumber).toBe('2026-000001');
    expect(a2.view.agreementNumber).toBe('2026-000002');
    expect(b1.view.agreementNumber).toBe('2026-000001');

    // another graduation year of the same school has its own counter
    const hr = await admittedEmployer(db(), w.schoolId, 2025);
    const seeker = await signInAs(db(), 'seeker');
    const record = await insertGraduate(db(), {
      schoolId: w.schoolId,
      collegeId: w.collegeId,
      graduationYear: 2025,
      n: 700,
      accountId: seeker.accountId,
    });
    const id = await sendOfferVia(t.app, hr, record.id);
    await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    await post(t.app, w.college, `/api/college/agreements/${id}/approve`);
    const signed = await post(t.app, w.school, `/api/school/agreements/${id}/approve`);
    expect(signed.json().agreementNumber).toBe('2025-000001');
    const a3 = await signedAgreement(t.app, db(), w);
    expect(a3.view.agreementNumber).toBe('2026-000003');
  });
});

describe('employer search', () => {
  it('finds signable graduates and its own agreements by name, student number or major', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const ai = await w.graduate('approved', '人工智能');
    const se = await w.graduate('approved', '软件工程');
    const ids = async (url: string) =>
      (await t.app.inject({ url, headers: hr.headers }))
        .json()
        .items.map((g: { id: string }) => g.id) as string[];
    const base = '/api/employer/signing/signable';
    expect(await ids(`${base}?q=${encodeURIComponent('人工智能')}`)).toEqual([ai.record.id]);
    expect(await ids(`${base}?q=${encodeURIComponent(ai.record.name)}`)).toEqual([ai.record.id]);
    expect(await ids(`${base}?q=${se.record.studentNumber}`)).toEqual([se.record.id]);
    // a LIKE wildcard is taken literally
    expect(await ids(`${base}?q=%25`)).toEqual([]);

    const offer = await sendOfferVia(t.app, hr, ai.record.id);
    await sendOfferVia(t.app, hr, se.record.id);
    const pending = '/api/employer/agreements?tab=pending';
    expect(await ids(`${pending}&q=${encodeURIComponent('人工智能')}`)).toEqual([offer]);
    expect((await ids(pending)).length).toBe(2);
    // another employer's search never shows these offers
    const other = await admittedEmployer(db(), w.schoolId);
    const theirs = await t.app.inject({ url: pending, headers: other.headers });
    expect(theirs.json().total).toBe(0);
  });

  it('pages the lists: total, page size and offset', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    await w.graduate();
    await w.graduate();
    const all = await t.app.inject({
      url: '/api/employer/signing/signable?pageSize=200',
      headers: hr.headers,
    });
    const total = all.json().total as number;
    expect(total).toBeGreaterThanOrEqual(4);
    const page1 = await t.app.inject({
      url: '/api/employer/signing/signable?page=1&pageSize=2',
      headers: hr.headers,
    });
    const page2 = await t.app.inject({
      url: '/api/employer/signing/signable?page=2&pageSize=2',
      headers: hr.headers,
    });
    expect(page1.json().total).toBe(total);
    expect(page1.json().items).toHaveLength(2);
    expect(page2.json().items).toHaveLength(2);
    const seen = [...page1.json().items, ...page2.json().items].map((g: { id: string }) => g.id);
    expect(seen).toEqual(
      all
        .json()
        .items.slice(0, seen.length)
        .map((g: { id: string }) => g.id),
    );
    const queue = await t.app.inject({
      url: '/api/school/agreements?graduationYear=2026&filter=signed&page=1&pageSize=1',
      headers: w.school.headers,
    });
    expect(queue.json().items).toHaveLength(1);
    expect(queue.json().total).toBeGreaterThan(1);
  });
});

describe('termination letters', () => {
  it('accepts an image letter (re-encoded) and refuses an oversize or non-letter file', async () => {
    const { seeker, id } = await signedAgreement(t.app, db(), w);
    const png = await sharp({
      create: { width: 40, height: 20, channels: 3, background: '#ffffff' },
    })
      .png()
      .toBuffer();
    const image = await uploadLetterVia(t.app, seeker, png, '解约函.png');
    expect(image.statusCode).toBe(200);
    const requested = await post(t.app, seeker, `/api/agreements/${id}/terminations`, {
      reason: '考取研究生',
      letterFileId: image.json().fileId,
    });
    expect(requested.statusCode).toBe(200);
    const tid = requested.json().terminations[0].id;
    const letter = await t.app.inject({
      url: `/api/terminations/${tid}/letter`,
      headers: seeker.headers,
    });
    expect(letter.headers['content-type']).toBe('image/png');

    // over the configured upload limit (1 MB here)
    const big = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(1024 * 1024 + 10, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    const tooBig = await uploadLetterVia(t.app, seeker, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('FILE_TOO_LARGE');
    // a named .pdf that is really text, and a GIF, are refused by their bytes
    const text = await uploadLetterVia(t.app, seeker, Buffer.from('not a letter'));
    expect(text.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect((await uploadLetterVia(t.app, seeker, gif, 'a.gif')).statusCode).toBe(415);
  });
});
