import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, timestampTz } from '../db/columns.ts';

/**
 * Events written in the same transaction as the change they describe. Consumers
 * (notifications, email/SMS/WeChat, realtime) read them after commit; handlers never send
 * or push directly.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    /** accounts to notify */
    recipientAccountIds: uuid('recipient_account_ids').array().notNull().default([]),
    /** organizations to notify (every staff account of each) */
    recipientOrganizationIds: uuid('recipient_organization_ids').array().notNull().default([]),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    processedAt: timestampTz('processed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_events_unprocessed_idx').on(t.id)],
);
