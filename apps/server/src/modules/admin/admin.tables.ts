import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { chatMessages } from '../chat/chat.tables.ts';

/**
 * Why an organization or an account is suspended. The `status` column of the target says
 * *that* it is suspended (organizations.status = 'suspended', accounts.status = 'disabled');
 * this row says why, by whom, and when it was lifted. At most one open row per target.
 */
export const suspensions = pgTable(
  'suspensions',
  {
    id: id(),
    targetType: text('target_type', { enum: ['organization', 'account'] }).notNull(),
    targetId: uuid('target_id').notNull(),
    /** `admin`: by the platform admin; `reverification`: the 6-month confirmation lapsed */
    cause: text('cause', { enum: ['admin', 'reverification'] }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    liftedAt: timestampTz('lifted_at'),
    liftedBy: uuid('lifted_by').references(() => accounts.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('suspensions_open_target_key')
      .on(t.targetType, t.targetId)
      .where(sql`${t.liftedAt} is null`),
    index('suspensions_target_idx').on(t.targetType, t.targetId, t.createdAt),
  ],
);

/**
 * Employer re-verification: every 6 months an employer (company or institution) confirms
 * its details. No row yet means the clock runs from the organization's creation.
 */
export const organizationVerifications = pgTable('organization_verifications', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  confirmedAt: timestampTz('confirmed_at'),
  confirmedBy: uuid('confirmed_by').references(() => accounts.id, { onDelete: 'set null' }),
  /** when the lapse reminder went out for the current period */
  remindedAt: timestampTz('reminded_at'),
});

/**
 * The platform admin's decision on a flagged chat message (the chat module raises the flags;
 * the review lives here). `reviewed`: the flag was right (a violation); `dismissed`: a false
 * alarm. No row means the message still waits for review.
 */
export const chatFlagReviews = pgTable('chat_flag_reviews', {
  messageId: uuid('message_id')
    .primaryKey()
    .references(() => chatMessages.id, { onDelete: 'cascade' }),
  decision: text('decision', { enum: ['reviewed', 'dismissed'] }).notNull(),
  note: text('note'),
  /** whether the sender's organization was suspended with this decision */
  suspendedOrganization: boolean('suspended_organization').notNull().default(false),
  reviewedBy: uuid('reviewed_by').references(() => accounts.id, { onDelete: 'set null' }),
  reviewedAt: timestampTz('reviewed_at').notNull().defaultNow(),
});
