import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

/** One online resume per seeker. Confirmed facts live in their own columns, locked once set. */
export const resumes = pgTable('resumes', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  content: jsonb('content').$type<Record<string, unknown>>().notNull(),
  educationLevel: text('education_level'),
  politicalStatus: text('political_status'),
  factsConfirmedAt: timestampTz('facts_confirmed_at'),
  version: integer('version').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestampTz('updated_at').notNull().defaultNow(),
});

/** Attachment resumes (附件简历); the bytes are a `files` row behind the storage interface. */
export const resumeAttachments = pgTable(
  'resume_attachments',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    createdAt: createdAt(),
    deletedAt: timestampTz('deleted_at'),
  },
  (t) => [index('resume_attachments_account_idx').on(t.accountId)],
);

/** Every time an organization opened or downloaded a seeker's resume (谁看过我的简历). */
export const resumeAccessLog = pgTable(
  'resume_access_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    seekerAccountId: uuid('seeker_account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    kind: text('kind', { enum: ['view', 'download'] }).notNull(),
    attachmentId: uuid('attachment_id').references(() => resumeAttachments.id),
    /** the application that authorized it, when there was one */
    applicationId: uuid('application_id'),
    createdAt: createdAt(),
  },
  (t) => [index('resume_access_log_seeker_idx').on(t.seekerAccountId, t.createdAt)],
);
