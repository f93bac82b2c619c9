import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

/**
 * Append-only audit log; each row carries the hash of the one before it. Triggers (migration
 * 0010) refuse UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorAccountId: uuid('actor_account_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_actor_idx').on(t.actorAccountId),
    index('audit_log_action_idx').on(t.action),
  ],
);

/**
 * The chain's head, one row: the newest audit row's id and hash and the row count, advanced by
 * a trigger on every audit_log insert (same transaction) and otherwise unchangeable. New rows
 * chain to this hash, and the verifier compares it with the table, so deleting the newest rows
 * is detected too.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: smallint('id').primaryKey().default(1),
    lastId: bigint('last_id', { mode: 'number' }),
    lastHash: text('last_hash'),
    rowCount: bigint('row_count', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('audit_head_one_row', sql`${t.id} = 1`)],
);
