import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestampTz } from '../../platform/db/columns.ts';
import { accounts } from '../accounts/accounts.tables.ts';

/** The in-app notification centre: one row per recipient per outbox event. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    readAt: timestampTz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_event_account_key').on(t.eventId, t.accountId),
    index('notifications_account_created_idx').on(t.accountId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.accountId)
      .where(sql`${t.readAt} is null`),
  ],
);

/**
 * One external delivery (email, SMS, WeChat) of one event to one account. The unique key
 * makes delivery idempotent per event and channel; `lease_until` lets several processes
 * share the queue without holding a transaction open while a provider answers.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms', 'wechat'] }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampTz('next_attempt_at').notNull().defaultNow(),
    leaseUntil: timestampTz('lease_until'),
    lastError: text('last_error'),
    sentAt: timestampTz('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_event_account_channel_key').on(
      t.eventId,
      t.accountId,
      t.channel,
    ),
    index('notification_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** External channels a person chose for one kind of event. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    channels: text('channels').array().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind] })],
);

/** Where external channels reach a person (the phone is the account's own). */
export const notificationContacts = pgTable('notification_contacts', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  email: text('email'),
  wechatOpenId: text('wechat_open_id'),
});
