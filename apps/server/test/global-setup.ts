import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, migrateDatabase } from '../src/platform/db/database.ts';

/**
 * Builds one migrated PGlite data directory for the whole run; each test file loads it
 * (about 1 s) instead of starting and migrating a fresh PGlite (4–8 s).
 */
export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-template-'));
  const file = path.join(dir, 'template.tar.gz');
  const database = await openPglite({});
  await migrateDatabase(database);
  const dump = await database.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  process.env.HIREHALL_TEST_TEMPLATE = file;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
