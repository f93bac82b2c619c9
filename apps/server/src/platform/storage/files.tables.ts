import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns.ts';

/** Metadata of every uploaded file; the bytes live behind the storage interface. */
export const files = pgTable('files', {
  id: id(),
  ownerAccountId: uuid('owner_account_id'),
  organizationId: uuid('organization_id'),
  purpose: text('purpose').notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  createdAt: createdAt(),
});
