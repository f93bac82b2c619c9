import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/test-app.ts';
import type { Database } from '../db/database.ts';
import { DatabaseStorage } from './database-storage.ts';
import { LocalDiskStorage, type FileStorage } from './storage.ts';

let database: Database;
let drop: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-storage-'));
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const backends: [string, () => FileStorage][] = [
  ['local disk', () => new LocalDiskStorage(dir)],
  ['database', () => new DatabaseStorage(database.db)],
];

describe.each(backends)('FileStorage on %s', (_name, make) => {
  it('stores, overwrites, reads and removes bytes', async () => {
    const storage = make();
    const bytes = Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]);
    await storage.put('resume/2026/01/abc-1', bytes);
    expect((await storage.get('resume/2026/01/abc-1')).equals(bytes)).toBe(true);
    await storage.put('resume/2026/01/abc-1', Buffer.from('second'));
    expect((await storage.get('resume/2026/01/abc-1')).toString()).toBe('second');
    await storage.remove('resume/2026/01/abc-1');
    await expect(storage.get('resume/2026/01/abc-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses keys that could leave the storage root', async () => {
    const storage = make();
    await expect(storage.put('../etc/passwd', Buffer.from('x'))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('keeps a megabyte intact', async () => {
    const storage = make();
    const big = Buffer.alloc(1024 * 1024, 7);
    big[12345] = 1;
    await storage.put('resume/big', big);
    expect((await storage.get('resume/big')).equals(big)).toBe(true);
  });
});

describe('DatabaseStorage seen from two instances (as from two server processes)', () => {
  it('shows bytes written by one instance to another', async () => {
    const a = new DatabaseStorage(database.db);
    const b = new DatabaseStorage(database.db);
    await a.put('licence/shared', Buffer.from('营业执照'));
    expect((await b.get('licence/shared')).toString()).toBe('营业执照');
  });
});
