import jsQR from 'jsqr';
import * as mupdf from 'mupdf';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import {
  admittedEmployer,
  post,
  sendOfferVia,
  signedAgreement,
  signingWorld,
} from './agreements.fixtures.ts';
import { CJK_BOLD_FONT_PATH, PDF_TITLE, QR_SIZE } from './agreements.pdf.ts';

/**
 * The PDF is read with MuPDF compiled to WebAssembly (the `mupdf` npm package), so the test
 * needs nothing beyond `npm install`: the page is rendered to pixels, the text layer and the
 * embedded fonts are read from the document itself, and the QR code is decoded with jsQR.
 */
const SCALE = 2; // 144 dpi: 1 pt = 2 px

function openPdf(pdf: Uint8Array) {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument;
  return doc.loadPage(0) as mupdf.PDFPage;
}

/** Page 1 rendered in greyscale; coordinates in points. */
function renderPage(page: mupdf.PDFPage) {
  const pix = page.toPixmap(mupdf.Matrix.scale(SCALE, SCALE), mupdf.ColorSpace.DeviceGray, false);
  const width = pix.getWidth();
  const height = pix.getHeight();
  const stride = pix.getStride();
  const data = pix.getPixels();
  const at = (x: number, y: number) => data[y * stride + x]!;
  /** dark pixels in a box given in points */
  const ink = (x0: number, y0: number, x1: number, y1: number) => {
    let dark = 0;
    let minX = Infinity;
    let maxX = -Infinity;
    const [px0, py0, px1, py1] = [x0, y0, x1, y1].map((v) => Math.round(v * SCALE)) as [
      number,
      number,
      number,
      number,
    ];
    for (let y = py0; y < py1; y++) {
      for (let x = px0; x < px1; x++) {
        if (at(x, y) < 128) {
          dark++;
          minX = Math.min(minX, x / SCALE);
          maxX = Math.max(maxX, x / SCALE);
        }
      }
    }
    return { ratio: dark / ((px1 - px0) * (py1 - py0)), minX, maxX };
  };
  /** the greyscale pixels of a box (points), for comparing glyph shapes */
  const crop = (x0: number, y0: number, x1: number, y1: number) => {
    const [px0, py0] = [Math.round(x0 * SCALE), Math.round(y0 * SCALE)];
    const [w, h] = [Math.round((x1 - x0) * SCALE), Math.round((y1 - y0) * SCALE)];
    const out = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = at(px0 + x, py0 + y);
    return out;
  };
  const rgba = () => {
    const out = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        out[i] = out[i + 1] = out[i + 2] = at(x, y);
        out[i + 3] = 255;
      }
    }
    return out;
  };
  return {
    width: width / SCALE,
    height: height / SCALE,
    pxWidth: width,
    pxHeight: height,
    ink,
    crop,
    rgba,
  };
}

type Rendered = ReturnType<typeof renderPage>;

/** Each character of the text layer with its font and box (points). */
function charsOf(page: mupdf.PDFPage) {
  const chars: { c: string; font: string; x0: number; y0: number; x1: number; y1: number }[] = [];
  page.toStructuredText('preserve-whitespace').walk({
    onChar(c, _origin, font, _size, quad) {
      chars.push({ c, font: font.getName(), x0: quad[0], y0: quad[1], x1: quad[6], y1: quad[7] });
    },
  });
  return chars;
}

/** The fonts of page 1: name and whether the font program itself is embedded. */
function fontsOf(page: mupdf.PDFPage) {
  const fonts: { name: string; subtype: string; embedded: boolean }[] = [];
  page
    .getObject()
    .get('Resources')
    .get('Font')
    .forEach((ref) => {
      const f = ref.resolve();
      const descendant = f.get('DescendantFonts').get(0);
      const descriptor = (descendant.isNull() ? f : descendant.resolve()).get('FontDescriptor');
      fonts.push({
        name: f.get('BaseFont').asName(),
        subtype: f.get('Subtype').asName(),
        embedded: descriptor.get('FontFile2').isStream(),
      });
    });
  return fonts;
}

/** Mean absolute difference of two equally sized greyscale crops, 0 (same) … 1. */
function difference(a: Uint8Array, b: Uint8Array) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / (255 * a.length);
}

/** The title alone, drawn exactly as the agreement draws it, with the bundled font. */
async function referenceTitlePdf(): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 56, right: 56 },
  });
  doc.registerFont('cjk-bold', CJK_BOLD_FONT_PATH);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  doc
    .font('cjk-bold')
    .fontSize(22)
    .text(PDF_TITLE, 56, 56, { width: doc.page.width - 112, align: 'center' });
  doc.end();
  return done;
}

/** The title's glyph images, one per character, from a rendered page. */
function titleGlyphs(page: mupdf.PDFPage, image: Rendered) {
  const title = charsOf(page).slice(0, PDF_TITLE.length);
  expect(title.map((g) => g.c).join('')).toBe(PDF_TITLE);
  return title.map((g) => ({ c: g.c, pixels: image.crop(g.x0, g.y0, g.x1, g.y1) }));
}

/** First row from the bottom half where the QR column (right edge) has ink. */
function findQrTop(page: Rendered) {
  for (let y = 400; y < page.height - 50; y++) {
    if (page.ink(539 - QR_SIZE + 10, y, 539 - 10, y + 1).ratio > 0.2) return y - 4;
  }
  return -1;
}

let t: TestApp;
let w: Awaited<ReturnType<typeof signingWorld>>;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  w = await signingWorld(db());
});
afterAll(() => t.close());

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
    // a forged Host header must not reach the QR code (the configured public URL does)
    const res = await t.app.inject({
      url: `/api/agreements/${id}/pdf`,
      headers: { ...hr.headers, host: 'attacker.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const page = openPdf(pdf);

    // the CJK font program is embedded (subset), not left to the viewer to substitute
    const fonts = fontsOf(page);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
      expect(f.subtype).toBe('Type0');
      expect(f.embedded).toBe(true);
    }
    // the text layer carries real characters (ToUnicode), incl. the title and the number
    const text = page.toStructuredText('preserve-whitespace').asText();
    expect(text).toContain(PDF_TITLE);
    expect(text).toContain(view.agreementNumber);
    expect(text).toContain('软件开发工程师');
    expect(text).toContain(view.verificationCode);
    // each page names the agreement and its page number
    expect(text).toContain(`协议编号 ${view.agreementNumber} · 第 1 页，共 1 页`);
    // the employer sees the graduate's ID number masked
    expect(text.split('\n').find((l) => l.includes('身份证号'))).toMatch(/\d{3}\*{11}[\dX]{4}/);

    const image = renderPage(page);
    expect(Math.abs(image.width - 595)).toBeLessThanOrEqual(1);
    // title band: glyphs in the centre, spread like 14 characters at 22 pt, not a blank line
    const title = image.ink(56, 50, 539, 90);
    expect(title.ratio).toBeGreaterThan(0.03);
    expect(title.ratio).toBeLessThan(0.5);
    expect(title.maxX - title.minX).toBeGreaterThan(250);
    expect(Math.abs((title.minX + title.maxX) / 2 - 297)).toBeLessThan(20);
    // the QR code: a dense black-and-white block at the right, above the bottom margin …
    const qrTop = findQrTop(image);
    expect(qrTop).toBeGreaterThan(500);
    const qr = image.ink(539 - QR_SIZE + 6, qrTop + 6, 539 - 6, qrTop + QR_SIZE - 6);
    expect(qr.ratio).toBeGreaterThan(0.3);
    expect(qr.ratio).toBeLessThan(0.75);
    // … that a phone can read: it holds the verification URL of this agreement
    const decoded = jsQR(image.rgba(), image.pxWidth, image.pxHeight);
    expect(decoded?.data).toBe(`${t.config.publicUrl}/verify/${view.verificationCode}`);
    // the margins stay white
    expect(image.ink(0, 0, 595, 40).ratio).toBe(0);
    expect(image.ink(0, 100, 40, 800).ratio).toBe(0);
  });

  it('draws the real Chinese glyphs, not tofu boxes', async () => {
    const { id, hr } = await signedAgreement(t.app, db(), w);
    const res = await t.app.inject({ url: `/api/agreements/${id}/pdf`, headers: hr.headers });
    const page = openPdf(res.rawPayload);
    const glyphs = titleGlyphs(page, renderPage(page));
    // a missing glyph draws the same .notdef box for every character: here distinct
    // characters must look distinct, and the same character (业 twice) the same
    for (let i = 0; i < glyphs.length; i++) {
      for (let j = i + 1; j < glyphs.length; j++) {
        const d = difference(glyphs[i]!.pixels, glyphs[j]!.pixels);
        if (glyphs[i]!.c === glyphs[j]!.c) expect(d, `${glyphs[i]!.c} twice`).toBeLessThan(0.01);
        else expect(d, `${glyphs[i]!.c} vs ${glyphs[j]!.c}`).toBeGreaterThan(0.05);
      }
    }
    // and each is the shape the bundled Noto Sans SC draws for that character
    const refPage = openPdf(await referenceTitlePdf());
    const reference = titleGlyphs(refPage, renderPage(refPage));
    glyphs.forEach((g, i) => {
      expect(difference(g.pixels, reference[i]!.pixels), g.c).toBeLessThan(0.01);
    });
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
