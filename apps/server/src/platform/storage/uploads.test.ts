import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/test-app.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { DatabaseStorage } from './database-storage.ts';
import { fileBlobs } from './database-storage.tables.ts';
import { files } from './files.tables.ts';
import { LocalDiskStorage } from './storage.ts';
import { registerErrorHandler } from '../http/error-handler.ts';
import { multipart as form } from '../../modules/applications/applications.fixtures.ts';
import { readMultipartFile, safeFileName, saveUpload, type ReceivedUpload } from './uploads.ts';

let database: Database;
let drop: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-uploads-'));
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload: ReceivedUpload = {
  bytes: Buffer.from('%PDF-1.4 test'),
  mime: 'application/pdf',
  ext: 'pdf',
  fileName: 'a.pdf',
};

describe('saveUpload', () => {
  it('records the file and the rows that point at it in one transaction', async () => {
    const storage = new DatabaseStorage(database.db);
    const { id, linked } = await saveUpload(
      database.db,
      storage,
      { upload, purpose: 'resume' },
      async (tx, fileId) => {
        const [row] = await tx.select().from(files).where(eq(files.id, fileId));
        return row!.storageKey;
      },
    );
    expect(linked).toMatch(new RegExp(`^resume/\\d{4}/\\d{2}/${id}$`));
    expect((await storage.get(linked)).equals(upload.bytes)).toBe(true);
  });

  it('leaves neither bytes nor a row behind when the linked write fails', async () => {
    const storage = new LocalDiskStorage(dir);
    let key = '';
    await expect(
      saveUpload(database.db, storage, { upload, purpose: 'resume' }, async (tx, fileId) => {
        const [row] = await tx
          .select({ key: files.storageKey })
          .from(files)
          .where(eq(files.id, fileId));
        key = row!.key;
        throw new AppError('CONFLICT');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(key).not.toBe('');
    expect(await database.db.select().from(files).where(eq(files.storageKey, key))).toEqual([]);
    expect(fs.existsSync(path.join(dir, key))).toBe(false);
    expect(await database.db.select().from(fileBlobs).where(eq(fileBlobs.key, key))).toEqual([]);
  });
});

describe('safeFileName', () => {
  it('keeps the stem, forces the sniffed extension and drops what breaks a header', () => {
    expect(safeFileName('C:\\fakepath\\我的简历.exe', 'pdf')).toBe('我的简历.pdf');
    expect(safeFileName('a";b\r\n.png', 'png')).toBe('ab.png');
    expect(safeFileName(undefined, 'jpg')).toBe('file.jpg');
    expect(safeFileName('.pdf', 'pdf', '简历')).toBe('简历.pdf');
  });
});

describe('readMultipartFile', () => {
  it('takes a smaller per-route limit, refuses empty files and non-multipart requests', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    await app.register(multipart, { limits: { fileSize: 1000, files: 1 } });
    app.post('/small', async (request) => {
      const { bytes, fileName } = await readMultipartFile(request, {
        maxBytes: 10,
        tooLarge: '图片不能超过10字节',
      });
      return { size: bytes.length, fileName };
    });
    const send = (bytes: Buffer) => {
      const body = form('照片.png', bytes);
      return app.inject({ method: 'POST', url: '/small', ...body });
    };
    expect((await send(Buffer.alloc(10, 1))).json()).toEqual({ size: 10, fileName: '照片.png' });
    const big = await send(Buffer.alloc(11, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('图片不能超过10字节');
    expect((await send(Buffer.alloc(0))).statusCode).toBe(400);
    const plain = await app.inject({ method: 'POST', url: '/small', payload: { a: 1 } });
    expect(plain.statusCode).toBe(400);
    await app.close();
  });
});
