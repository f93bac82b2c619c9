import { eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { Db } from '../db/database.ts';
import type { FileStorage } from './storage.ts';
import { fileBlobs } from './database-storage.tables.ts';

/**
 * Keeps the bytes in PostgreSQL (`file_blobs`), so several server processes behind a load
 * balancer share them without a shared disk. Meant for resumes and licences (a few MB each),
 * not for video. Call it outside an open transaction: PGlite has a single connection.
 */
export class DatabaseStorage implements FileStorage {
  constructor(private readonly db: Db) {}

  private check(key: string) {
    if (!/^[a-z0-9/_-]+$/i.test(key)) throw new AppError('BAD_REQUEST', '非法的存储键');
    return key;
  }

  async put(key: string, bytes: Buffer) {
    await this.db
      .insert(fileBlobs)
      .values({ key: this.check(key), bytes })
      .onConflictDoUpdate({ target: fileBlobs.key, set: { bytes } });
  }

  async get(key: string) {
    const [row] = await this.db
      .select({ bytes: fileBlobs.bytes })
      .from(fileBlobs)
      .where(eq(fileBlobs.key, this.check(key)));
    if (!row) throw new AppError('NOT_FOUND');
    return row.bytes;
  }

  async remove(key: string) {
    await this.db.delete(fileBlobs).where(eq(fileBlobs.key, this.check(key)));
  }
}
