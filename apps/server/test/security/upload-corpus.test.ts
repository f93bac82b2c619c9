import fs from 'node:fs';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { zipSync } from 'fflate';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.ts';
import { signInAs, type SignedIn } from '../fixtures.ts';
import { greyscalePng } from '../png.ts';
import { files } from '../../src/platform/storage/files.tables.ts';
import { multipart } from '../../src/modules/applications/applications.fixtures.ts';
import { openedConversation } from '../../src/modules/chat/chat.fixtures.ts';

/**
 * A corpus of hostile files, generated here, against every upload endpoint: each one is
 * rejected with a 4xx (never a 5xx, never a hang) or neutralised (stored re-encoded, with a
 * sniffed type from the allow-list). Ordinary resumes and photos are all accepted.
 */
let t: TestApp;
let seeker: SignedIn;
let school: SignedIn;
let admin: SignedIn;
let employer: SignedIn;
let conversationId: string;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A PNG of any declared size: 1-bit grey rows of zeros, deflated (a decompression bomb). */
function pngBomb(width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 8) + 1;
  const scanlines = Buffer.alloc(rowBytes * height);
  return greyscalePng({ width, height, bitDepth: 1, scanlines }, { level: 9 });
}

interface Item {
  name: string;
  fileName: string;
  type: string;
  bytes: Buffer;
  /** accepted only if re-encoded (the stored bytes differ) */
  mayBeNeutralised: boolean;
}

let corpus: Item[];
let ordinary: { name: string; fileName: string; type: string; bytes: Buffer }[];

async function buildCorpus() {
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
  const jpeg = await sharp({
    create: { width: 1200, height: 900, channels: 3, background: '#88aacc' },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  const script = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
  const pdfJs = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n' +
      '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      '3 0 obj<</S/JavaScript/JS(app.alert\\(document.cookie\\))>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
  );
  // the same action hidden in a compressed object stream, with an escaped name
  const hidden = zlib.deflateSync(Buffer.from('<</S/J#61vaScript/JS(app.alert\\(1\\))>>'));
  const pdfJsHidden = Buffer.concat([
    Buffer.from(
      '%PDF-1.5\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n' +
        '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
        `4 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length ${hidden.length}>>stream\n`,
    ),
    hidden,
    Buffer.from('\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  ]);
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const bomb = Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
        'word/document.xml': new Uint8Array(zeros),
        'xl/worksheets/sheet1.xml': new Uint8Array(zeros),
      },
      { level: 9 },
    ),
  );
  const elf = fs.readFileSync(process.execPath).subarray(0, 256 * 1024);
  const mz = Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    Buffer.alloc(4096),
  ]);
  corpus = [
    {
      name: 'polyglot PNG + HTML',
      fileName: 'photo.png',
      type: 'image/png',
      bytes: Buffer.concat([png, script]),
      mayBeNeutralised: true,
    },
    {
      name: 'polyglot JPEG + ZIP',
      fileName: 'photo.jpg',
      type: 'image/jpeg',
      bytes: Buffer.concat([jpeg, bomb.subarray(0, 2048)]),
      mayBeNeutralised: true,
    },
    {
      name: 'SVG with script',
      fileName: 'photo.svg',
      type: 'image/svg+xml',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
      ),
      mayBeNeutralised: false,
    },
    {
      name: 'SVG named .png',
      fileName: 'photo.png',
      type: 'image/png',
      bytes: Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      ),
      mayBeNeutralised: false,
    },
    {
      name: 'PNG 20000 × 20000 (decompression bomb)',
      fileName: 'huge.png',
      type: 'image/png',
      bytes: pngBomb(20_000, 20_000),
      mayBeNeutralised: false,
    },
    {
      name: 'zip bomb as .docx',
      fileName: 'cv.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: bomb,
      mayBeNeutralised: false,
    },
    {
      name: 'zip bomb as .xlsx',
      fileName: 'list.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: bomb,
      mayBeNeutralised: false,
    },
    {
      name: 'ELF executable renamed .pdf',
      fileName: 'cv.pdf',
      type: 'application/pdf',
      bytes: elf,
      mayBeNeutralised: false,
    },
    {
      name: 'Windows executable renamed .jpg',
      fileName: 'photo.jpg',
      type: 'image/jpeg',
      bytes: mz,
      mayBeNeutralised: false,
    },
    {
      name: 'PDF with JavaScript',
      fileName: 'cv.pdf',
      type: 'application/pdf',
      bytes: pdfJs,
      mayBeNeutralised: false,
    },
    {
      name: 'PDF with JavaScript in a compressed object stream',
      fileName: 'cv.pdf',
      type: 'application/pdf',
      bytes: pdfJsHidden,
      mayBeNeutralised: false,
    },
    {
      name: 'oversized (upload limit + 1 byte)',
      fileName: 'big.pdf',
      type: 'application/pdf',
      bytes: Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.alloc(t.config.uploadMaxBytes + 1 - 9, 0x20),
      ]),
      mayBeNeutralised: false,
    },
  ];
  const PDFDocument = (await import('pdfkit')).default;
  const pdf = await new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Resume — Zhang San, software engineer. Experience: 3 years.');
    doc.end();
  });
  ordinary = [
    {
      name: 'a generated PDF resume',
      fileName: '张三简历.pdf',
      type: 'application/pdf',
      bytes: pdf,
    },
    { name: 'a 1200×900 JPEG photo', fileName: '照片.jpg', type: 'image/jpeg', bytes: jpeg },
    { name: 'a PNG screenshot', fileName: 'screen.png', type: 'image/png', bytes: png },
  ];
}

interface Endpoint {
  name: string;
  url: () => string;
  who: () => SignedIn | null;
  /** ordinary files this endpoint takes (by name prefix) */
  accepts: RegExp;
}

const endpoints: Endpoint[] = [
  {
    name: 'resume attachment',
    url: () => '/api/resume/attachments',
    who: () => seeker,
    accepts: /PDF|JPEG|PNG/,
  },
  {
    name: 'chat image',
    url: () => `/api/chat/conversations/${conversationId}/images`,
    who: () => employer,
    accepts: /JPEG|PNG/,
  },
  {
    name: 'feedback screenshot',
    url: () => '/api/feedback/screenshots',
    who: () => seeker,
    accepts: /JPEG|PNG/,
  },
  {
    name: 'termination letter',
    url: () => '/api/agreements/termination-letters',
    who: () => seeker,
    accepts: /PDF|JPEG|PNG/,
  },
  { name: 'licence', url: () => '/api/uploads/licence', who: () => null, accepts: /PDF|JPEG|PNG/ },
  {
    name: 'graduate import',
    url: () => '/api/school/graduates/import?graduationYear=2026',
    who: () => school,
    accepts: /^$/,
  },
  {
    name: 'registry import',
    url: () => '/api/admin/registry/import',
    who: () => admin,
    accepts: /^$/,
  },
];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  seeker = await signInAs(db, 'seeker');
  school = await signInAs(db, 'school');
  admin = await signInAs(db, 'admin');
  ({ employer, conversationId } = await openedConversation(t.app, db));
  await buildCorpus();
}, 120_000);
afterAll(() => t.close());

async function send(
  endpoint: Endpoint,
  item: { fileName: string; type: string; bytes: Buffer },
  who = endpoint.who(),
) {
  const form = multipart(item.fileName, item.bytes, item.type);
  const started = Date.now();
  const res = await t.app.inject({
    method: 'POST',
    url: endpoint.url(),
    headers: { ...(who?.headers ?? {}), ...form.headers },
    payload: form.payload,
  });
  return { res, ms: Date.now() - started };
}

async function newestFile() {
  const [row] = await t.database.db.select().from(files).orderBy(desc(files.createdAt)).limit(1);
  return row;
}

describe('hostile uploads', () => {
  it('every hostile file is rejected with a 4xx or neutralised, on every upload endpoint', async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints) {
      for (const item of corpus) {
        const before = await newestFile();
        const { res, ms } = await send(endpoint, item);
        const where = `${endpoint.name} ← ${item.name}`;
        if (ms > 10_000) failures.push(`${where}: took ${ms} ms`);
        if (res.statusCode >= 500) {
          failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          continue;
        }
        if (res.statusCode >= 400) continue;
        // accepted: only an image re-encoded from its pixels counts as neutralised
        const after = await newestFile();
        const stored = after && after.id !== before?.id ? after : undefined;
        const reencoded = stored && stored.sha256 !== sha(item.bytes);
        if (!item.mayBeNeutralised || !reencoded) {
          failures.push(`${where}: accepted (${res.statusCode} ${res.body.slice(0, 120)})`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('ordinary resumes and photos are accepted (0 false rejections)', async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints) {
      for (const item of ordinary) {
        if (!endpoint.accepts.test(item.name)) continue;
        // a fresh seeker each time: the attachment quota is not what is tested here
        const who =
          endpoint.name === 'resume attachment'
            ? await signInAs(t.database.db, 'seeker')
            : endpoint.who();
        const { res } = await send(endpoint, item, who);
        if (res.statusCode >= 300) {
          failures.push(`${endpoint.name} ← ${item.name}: ${res.statusCode} ${res.body}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
