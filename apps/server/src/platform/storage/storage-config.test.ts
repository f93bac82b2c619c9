import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs } from '../../../test/fixtures.ts';
import { multipart, samplePdf } from '../../modules/applications/applications.fixtures.ts';
import { loadConfig } from '../config.ts';
import { fileBlobs } from './database-storage.tables.ts';
import { files } from './files.tables.ts';

/** Uploads a resume attachment and reads it back; answers where its bytes went. */
async function roundTrip(t: TestApp) {
  const seeker = await signInAs(t.database.db, 'seeker');
  const form = multipart('cv.pdf', samplePdf);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/resume/attachments',
    headers: { ...seeker.headers, ...form.headers },
    payload: form.payload,
  });
  expect(res.statusCode).toBe(201);
  const dl = await t.app.inject({
    method: 'GET',
    url: `/api/resume/attachments/${res.json().id}/download`,
    headers: seeker.headers,
  });
  expect(dl.statusCode).toBe(200);
  expect(dl.rawPayload.equals(samplePdf)).toBe(true);
  const [file] = await t.database.db
    .select({ storageKey: files.storageKey })
    .from(files)
    .where(eq(files.ownerAccountId, seeker.accountId));
  const blobs = await t.database.db
    .select({ key: fileBlobs.key })
    .from(fileBlobs)
    .where(eq(fileBlobs.key, file!.storageKey));
  const onDisk = fs.existsSync(path.join(t.dataDir, 'files', file!.storageKey));
  return { inDatabase: blobs.length === 1, onDisk };
}

describe('HIREHALL_STORAGE', () => {
  it('defaults to disk and refuses an unknown backend', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).storage).toBe('disk');
    expect(() => loadConfig({ NODE_ENV: 'test', HIREHALL_STORAGE: 's3' })).toThrow(
      /HIREHALL_STORAGE/,
    );
  });

  describe('disk', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ HIREHALL_STORAGE: 'disk' });
    });
    afterAll(() => t.close());

    it('keeps uploads under the data directory', async () => {
      expect(await roundTrip(t)).toEqual({ inDatabase: false, onDisk: true });
    });
  });

  describe('database', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ HIREHALL_STORAGE: 'database' });
    });
    afterAll(() => t.close());

    it('keeps uploads in file_blobs, nothing on disk', async () => {
      expect(t.config.storage).toBe('database');
      expect(await roundTrip(t)).toEqual({ inDatabase: true, onDisk: false });
    });
  });
});
