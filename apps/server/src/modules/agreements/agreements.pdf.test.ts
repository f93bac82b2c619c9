import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
  signedAgreement,
  signingWorld,
} from './agreements.fixtures.ts';
import { PDF_TITLE, QR_SIZE } from './agreements.pdf.ts';

/** First row from the bottom half where the QR column (right edge) has ink. */
function findQrTop(page: Awaited<ReturnType<typeof renderPage>>) {
  for (let y = 400; y < page.height - 50; y++) {
    if (page.ink(539 - QR_SIZE + 10, y, 539 - 10, y + 1).ratio > 0.2) return y - 4;
  }
  return -1;
}

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-pdf-'));

function requirePoppler() {
  const probe = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      'pdftoppm is missing: install the Debian package poppler-utils (apt-get install -y poppler-utils) to run the PDF rendering test',
    );
  }
}

/** Page 1 rendered at 72 dpi (1 px = 1 pt) as greyscale pixels. */
async function renderPage(pdf: Buffer) {
  const file = path.join(tmp, `a-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-png', '-gray', file, file]);
  const png = fs
    .readdirSync(tmp)
    .find((f) => f.startsWith(path.basename(file)) && f.endsWith('.png'))!;
  const { data, info } = await sharp(path.join(tmp, png))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const ink = (x0: number, y0: number, x1: number, y1: number) => {
    let dark = 0;
    const cols = new Set<number>();
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (data[y * info.width + x]! < 128) {
          dark++;
          cols.add(x);
        }
      }
    }
    return {
      ratio: dark / ((x1 - x0) * (y1 - y0)),
      columns: cols.size,
      minX: Math.min(...cols),
      maxX: Math.max(...cols),
    };
  };
  return { width: info.width, height: info.height, ink };
}

beforeAll(async () => {
  requirePoppler();
  t = await createTestApp();
  w = await signingWorld(db());
});
afterAll(async () => {
  await t.close();
  if (!process.env.KEEP_PDF) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('printed agreement', () => {
  it('is printable only once signed', async () => {
    const hr = await admittedEmployer(db(), w.schoolId);
    const { seeker, record } = await w.graduate();
    const id = await sendOfferVia(t.app, hr, record.id);
    await post(t.app, seeker, `/api/graduate/agreements/${id}/accept`);
    const res = await t.app.inject({ url: `/api/agreements/${id}/pdf`, headers: hr.headers });
    expect(res.statusCode).toBe(409);
  });

  it('renders Chinese text, the number and a QR code; the page image shows them', async () => {
    const { id, hr, view } = await signedAgreement(t.app, db(), w);
    const res = await t.app.inject({ url: `/api/agreements/${id}/pdf`, headers: hr.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // the CJK font is embedded (subset), not substituted by the viewer
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC.*TrueType.*yes/);
    // the text layer carries real characters (ToUnicode), incl. the title and the number
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text).toContain(PDF_TITLE);
    expect(text).toContain(view.agreementNumber);
    expect(text).toContain('软件开发工程师');
    expect(text).toContain(view.verificationCode);
    // each page names the agreement and its page number
    expect(text).toContain(`协议编号 ${view.agreementNumber} · 第 1 页，共 1 页`);
    // the employer sees the graduate's ID number masked
    expect(text.split('\n').find((l) => l.includes('身份证号'))).toMatch(/\d{3}\*{11}[\dX]{4}/);

    const page = await renderPage(pdf);
    expect(Math.abs(page.width - 595)).toBeLessThanOrEqual(1);
    // title band: glyphs in the centre, spread like 14 characters at 22 pt, not a blank line
    const title = page.ink(56, 50, 539, 90);
    expect(title.ratio).toBeGreaterThan(0.03);
    expect(title.ratio).toBeLessThan(0.5);
    expect(title.maxX - title.minX).toBeGreaterThan(250);
    expect(Math.abs((title.minX + title.maxX) / 2 - 297)).toBeLessThan(20);
    // the QR code: a dense black-and-white block at the right, above the bottom margin
    const qrTop = findQrTop(page);
    expect(qrTop).toBeGreaterThan(500);
    const qr = page.ink(539 - QR_SIZE + 6, qrTop + 6, 539 - 6, qrTop + QR_SIZE - 6);
    expect(qr.ratio).toBeGreaterThan(0.3);
    expect(qr.ratio).toBeLessThan(0.75);
    // the margins stay white
    expect(page.ink(0, 0, 595, 40).ratio).toBe(0);
    expect(page.ink(0, 100, 40, 800).ratio).toBe(0);
  });

  it('public verification shows existence, status and fingerprint — nothing personal', async () => {
    const { view, record } = await signedAgreement(t.app, db(), w);
    const res = await t.app.inject({
      url: `/api/public/agreements/verify/${view.verificationCode}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['agreementNumber', 'exists', 'fingerprint', 'signedAt', 'status', 'statusLabel'].sort(),
    );
    expect(body).toMatchObject({
      exists: true,
      status: 'signed',
      agreementNumber: view.agreementNumber,
    });
    expect(body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    for (const secret of [record.name, record.idNumber, record.studentNumber, record.phone!]) {
      expect(res.body).not.toContain(secret);
    }
    const missing = await t.app.inject({ url: '/api/public/agreements/verify/AAAAAAAAAAAAAAAA' });
    expect(missing.json()).toMatchObject({ exists: false, status: null });
  });
});
