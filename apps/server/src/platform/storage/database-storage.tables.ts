import { customType, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Bytes of uploaded files when HIREHALL_STORAGE=database: every server process sees them. */
export const fileBlobs = pgTable('file_blobs', {
  key: text('key').primaryKey(),
  bytes: bytea('bytes').notNull(),
  createdAt: createdAt(),
});
