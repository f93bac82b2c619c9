import { sql } from 'drizzle-orm';
import type { FlaggedMessage, FlaggedMessagesQuery, FlagReviewBody } from '@hirehall/shared/admin';
import type { SafetyFlag } from '@hirehall/shared/chat';
import { queryRows, type Queryable, type Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { chatFlagReviews } from './admin.tables.ts';
import { suspendOrganization } from './admin.suspensions.ts';

/**
 * 被标记的洽谈消息: the admin's own read of the chat tables. Only employer messages carry
 * flags (the chat module checks them when they are sent); the sender's organization is the
 * conversation's employer side.
 */
interface Row {
  id: string;
  conversation_id: string;
  body: string;
  flags: string[];
  created_at: Date | string;
  sender_name: string | null;
  organization_id: string;
  organization_name: string;
  organization_status: 'active' | 'suspended';
  decision: 'reviewed' | 'dismissed' | null;
  note: string | null;
  suspended_organization: boolean | null;
  reviewed_at: Date | string | null;
  reviewer_name: string | null;
  total: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

function filterOf(q: Omit<FlaggedMessagesQuery, 'page' | 'pageSize'>) {
  const state =
    q.state === 'all'
      ? sql``
      : q.state === 'open'
        ? sql` and r.message_id is null`
        : sql` and r.decision = ${q.state}`;
  const flag = q.flag ? sql` and ${q.flag} = any(m.flags)` : sql``;
  const org = q.organizationId ? sql` and c.organization_id = ${q.organizationId}` : sql``;
  return sql`cardinality(m.flags) > 0${state}${flag}${org}`;
}

export async function findFlaggedMessages(db: Queryable, query: FlaggedMessagesQuery) {
  const rows = await queryRows<Row>(
    db,
    sql`select m.id, m.conversation_id, m.body, m.flags, m.created_at,
          s.display_name as sender_name, c.organization_id, o.name as organization_name,
          o.status as organization_status, r.decision, r.note, r.suspended_organization,
          r.reviewed_at, rv.display_name as reviewer_name, count(*) over ()::int as total
        from chat_messages m
        join conversations c on c.id = m.conversation_id
        join organizations o on o.id = c.organization_id
        left join accounts s on s.id = m.sender_account_id
        left join chat_flag_reviews r on r.message_id = m.id
        left join accounts rv on rv.id = r.reviewed_by
        where ${filterOf(query)}
        order by m.created_at desc, m.id
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  const total = rows[0]?.total ?? (query.page > 1 ? await countFlagged(db, query) : 0);
  return { items: rows.map(toFlaggedMessage), total };
}

async function countFlagged(db: Queryable, query: FlaggedMessagesQuery) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from chat_messages m
        join conversations c on c.id = m.conversation_id
        left join chat_flag_reviews r on r.message_id = m.id
        where ${filterOf(query)}`,
  );
  return row?.n ?? 0;
}

function toFlaggedMessage(r: Row): FlaggedMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    body: r.body,
    flags: r.flags as SafetyFlag[],
    createdAt: iso(r.created_at),
    senderName: r.sender_name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    organizationStatus: r.organization_status,
    review:
      r.decision && r.reviewed_at
        ? {
            decision: r.decision,
            note: r.note,
            suspendedOrganization: r.suspended_organization ?? false,
            reviewedAt: iso(r.reviewed_at),
            reviewerName: r.reviewer_name,
          }
        : null,
  };
}

async function getFlaggedMessage(db: Queryable, id: string) {
  const [row] = await queryRows<Row>(
    db,
    sql`select m.id, m.conversation_id, m.body, m.flags, m.created_at, s.display_name as sender_name,
          c.organization_id, o.name as organization_name, o.status as organization_status,
          r.decision, r.note, r.suspended_organization, r.reviewed_at,
          rv.display_name as reviewer_name, 1 as total
        from chat_messages m
        join conversations c on c.id = m.conversation_id
        join organizations o on o.id = c.organization_id
        left join accounts s on s.id = m.sender_account_id
        left join chat_flag_reviews r on r.message_id = m.id
        left join accounts rv on rv.id = r.reviewed_by
        where m.id = ${id} and cardinality(m.flags) > 0`,
  );
  if (!row) throw new AppError('NOT_FOUND');
  return toFlaggedMessage(row);
}

/**
 * Decides a flagged message once: 核实 (`reviewed`) or 忽略 (`dismissed`); a second decision
 * answers CONFLICT. With `suspendOrganization` the sender's organization is suspended through
 * the ordinary suspension (reason = the note), unless it already is.
 */
export async function reviewFlaggedMessage(
  tx: Tx,
  actor: Actor,
  messageId: string,
  body: FlagReviewBody,
  ip?: string,
): Promise<FlaggedMessage> {
  const message = await getFlaggedMessage(tx, messageId);
  const suspend = !!body.suspendOrganization && message.organizationStatus === 'active';
  const inserted = await tx
    .insert(chatFlagReviews)
    .values({
      messageId,
      decision: body.decision,
      note: body.note || null,
      suspendedOrganization: suspend,
      reviewedBy: actor.accountId,
    })
    .onConflictDoNothing()
    .returning({ id: chatFlagReviews.messageId });
  if (inserted.length === 0) throw new AppError('CONFLICT', '该消息已处理');
  await recordAudit(tx, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: `chat.flag.${body.decision === 'reviewed' ? 'confirm' : 'dismiss'}`,
    targetType: 'chat_message',
    targetId: messageId,
    ip,
    details: { flags: message.flags, organizationId: message.organizationId, note: body.note },
  });
  if (suspend) {
    await suspendOrganization(tx, {
      organizationId: message.organizationId,
      reason: body.note!,
      cause: 'admin',
      actor,
      ip,
    });
  }
  return getFlaggedMessage(tx, messageId);
}
