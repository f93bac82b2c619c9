import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { SmsProvider } from './sms/sms.ts';
import type { FileStorage } from './storage/storage.ts';

/** What modules are given: plain dependencies, wired once in app.ts. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  sms: SmsProvider;
  storage: FileStorage;
}
