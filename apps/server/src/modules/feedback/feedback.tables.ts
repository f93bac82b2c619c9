import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';

/** 意见反馈 / 违规举报: one admin queue, `new → in_progress → resolved`. */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: id(),
    kind: text('kind', { enum: ['malfunction', 'suggestion', 'abuse'] }).notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'resolved'] })
      .notNull()
      .default('new'),
    senderAccountId: uuid('sender_account_id').references(() => accounts.id, {
      onDelete: 'set null',
    }),
    senderRole: text('sender_role').notNull(),
    senderOrganizationId: uuid('sender_organization_id'),
    content: text('content').notNull(),
    reason: text('reason'),
    targetType: text('target_type', { enum: ['job', 'organization', 'card', 'message'] }),
    targetId: text('target_id'),
    contact: text('contact'),
    screenshotFileIds: uuid('screenshot_file_ids').array().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
    resolvedAt: timestampTz('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => accounts.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('feedback_items_status_idx').on(t.status, t.createdAt),
    index('feedback_items_sender_idx').on(t.senderAccountId, t.createdAt),
  ],
);

/** The admin's answers; each one reaches the sender as a notification. */
export const feedbackReplies = pgTable(
  'feedback_replies',
  {
    id: id(),
    feedbackId: uuid('feedback_id')
      .notNull()
      .references(() => feedbackItems.id, { onDelete: 'cascade' }),
    authorAccountId: uuid('author_account_id').references(() => accounts.id, {
      onDelete: 'set null',
    }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_replies_item_idx').on(t.feedbackId, t.createdAt)],
);
