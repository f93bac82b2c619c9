import { sql } from 'drizzle-orm';
import type { ChatMessage, Conversation, SafetyFlag } from '@hirehall/shared/chat';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { queryPrepared } from '../../platform/db/prepared.ts';
import type { Side } from './chat.policy.ts';

export interface ConversationRow {
  id: string;
  applicationId: string;
  organizationId: string;
  organizationName: string;
  seekerAccountId: string;
  seekerName: string;
  jobTitle: string;
  lastSeq: number;
  lastMessageAt: Date | null;
  employerReadSeq: number;
  seekerReadSeq: number;
  flaggedCount: number;
}

const conversationColumns = sql`c.id, c.application_id as "applicationId", c.organization_id as "organizationId",
  o.name as "organizationName", c.seeker_account_id as "seekerAccountId",
  coalesce(sp.name, a.display_name) as "seekerName", coalesce(j.title, '') as "jobTitle",
  c.last_seq as "lastSeq", c.last_message_at as "lastMessageAt",
  c.employer_read_seq as "employerReadSeq", c.seeker_read_seq as "seekerReadSeq",
  c.flagged_count as "flaggedCount"`;

const conversationJoins = sql`from conversations c
  join organizations o on o.id = c.organization_id
  join accounts a on a.id = c.seeker_account_id
  left join seeker_profiles sp on sp.account_id = c.seeker_account_id
  join applications ap on ap.id = c.application_id
  left join job_postings j on j.id = ap.job_id`;

/** The conversation with names; `lock` takes the row lock that orders sequence numbers. */
export async function findConversation(
  q: Queryable,
  id: string,
  lock = false,
): Promise<ConversationRow | null> {
  const [row] = await queryRows<ConversationRow>(
    q,
    sql`select ${conversationColumns} ${conversationJoins} where c.id = ${id}
        ${lock ? sql`for update of c` : sql``}`,
  );
  return row ? normalize(row) : null;
}

/** Several conversations with names in one query (the socket authorization loader). */
export async function findConversations(q: Queryable, ids: string[]): Promise<ConversationRow[]> {
  const rows = await queryRows<ConversationRow>(
    q,
    sql`select ${conversationColumns} ${conversationJoins}
        where c.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`,
  );
  return rows.map(normalize);
}

export async function listConversations(
  q: Queryable,
  by: { organizationId: string } | { seekerAccountId: string },
): Promise<(ConversationRow & { lastBody: string | null; lastKind: string | null })[]> {
  const where =
    'organizationId' in by
      ? sql`c.organization_id = ${by.organizationId}`
      : sql`c.seeker_account_id = ${by.seekerAccountId}`;
  const rows = await queryRows<
    ConversationRow & { lastBody: string | null; lastKind: string | null }
  >(
    q,
    sql`select ${conversationColumns}, m.body as "lastBody", m.kind as "lastKind"
        ${conversationJoins}
        left join chat_messages m on m.conversation_id = c.id and m.seq = c.last_seq
        where ${where}
        order by c.last_message_at desc nulls last, c.created_at desc limit 500`,
  );
  return rows.map(normalize);
}

function normalize<T extends ConversationRow>(row: T): T {
  return {
    ...row,
    lastSeq: Number(row.lastSeq),
    employerReadSeq: Number(row.employerReadSeq),
    seekerReadSeq: Number(row.seekerReadSeq),
    flaggedCount: Number(row.flaggedCount),
    lastMessageAt: row.lastMessageAt ? new Date(row.lastMessageAt) : null,
  };
}

export function toConversation(
  row: ConversationRow & { lastBody?: string | null; lastKind?: string | null },
  side: Side,
  peerOnline: boolean,
): Conversation {
  const mine = side === 'employer' ? row.employerReadSeq : row.seekerReadSeq;
  const peer = side === 'employer' ? row.seekerReadSeq : row.employerReadSeq;
  return {
    id: row.id,
    applicationId: row.applicationId,
    jobTitle: row.jobTitle,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    seekerAccountId: row.seekerAccountId,
    seekerName: row.seekerName,
    lastSeq: row.lastSeq,
    lastMessage: row.lastKind === 'image' ? '[图片]' : (row.lastBody ?? null),
    lastMessageAt: row.lastMessageAt ? row.lastMessageAt.toISOString() : null,
    unread: Math.max(0, row.lastSeq - mine),
    peerReadSeq: peer,
    peerOnline,
    flagged: row.flaggedCount > 0,
  };
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  sender_account_id: string | null;
  sender_side: Side;
  kind: 'text' | 'image';
  body: string;
  image_file_id: string | null;
  thumb_file_id: string | null;
  flags: string[];
  created_at: Date | string;
}

export function toMessage(
  row: MessageRow,
  names: { employer: string; seeker: string },
): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    clientId: row.client_id,
    senderSide: row.sender_side,
    senderName: names[row.sender_side],
    kind: row.kind,
    body: row.body,
    imageUrl: row.image_file_id ? `/api/chat/files/${row.image_file_id}` : null,
    thumbUrl: row.thumb_file_id ? `/api/chat/files/${row.thumb_file_id}` : null,
    flags: row.flags as SafetyFlag[],
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function findMessageByClientId(q: Queryable, clientId: string) {
  const [row] = await queryRows<MessageRow>(
    q,
    sql`select * from chat_messages where client_id = ${clientId}`,
  );
  return row ?? null;
}

/** What the send path needs of a conversation; cached per socket after authorization. */
export interface ConversationRef {
  id: string;
  organizationId: string;
  organizationName: string;
  seekerAccountId: string;
  seekerName: string;
}

export interface NewMessage {
  conversationId: string;
  clientId: string;
  senderAccountId: string;
  senderSide: Side;
  kind: 'text' | 'image';
  body: string;
  imageFileId: string | null;
  thumbFileId: string | null;
  flags: string[];
}

/**
 * The seeker is answering in place when the message before this reply is their own, from the
 * last two minutes: the reply arrives in the open chat and needs no notification.
 */
export const LIVE_EXCHANGE = sql`interval '2 minutes'`;

/**
 * Stores one message in one statement (its own transaction): the conversation row's UPDATE
 * takes the row lock and allocates the next sequence number, the sender's read pointer
 * follows it, the message row is inserted and, when an employer's message starts an unread
 * stretch for the seeker (and the seeker is not answering in place), the
 * `chat.employer_replied` outbox event is appended — all or nothing. No row when the client id
 * is already stored (a retry) or the conversation is gone: the caller looks the id up. A
 * concurrent retry with the same client id fails on the unique index and rolls back whole.
 */
export async function appendMessage(
  q: Queryable,
  m: NewMessage,
  notice: { recipientAccountId: string; payload: Record<string, unknown> },
): Promise<{ row: MessageRow; notified: boolean } | null> {
  const employer = m.senderSide === 'employer';
  const flagged = m.flags.length > 0 ? 1 : 0;
  const [row] = await queryPrepared<MessageRow & { notified: number }>(
    q,
    // one name per variant of the statement's text
    `chat_append_message_${m.senderSide}${flagged ? '_flagged' : ''}`,
    sql`with prev as (
          select id, last_seq, seeker_read_seq from conversations where id = ${m.conversationId} for update
        ),
        c as (
          update conversations c set
            last_seq = c.last_seq + 1,
            last_message_at = now(),
            ${employer ? sql`employer_read_seq` : sql`seeker_read_seq`} = c.last_seq + 1,
            flagged_count = c.flagged_count + ${flagged}
          from prev
          where c.id = prev.id
            and not exists (select 1 from chat_messages x where x.client_id = ${m.clientId})
          returning c.id, c.last_seq as seq,
            (${employer}::boolean and prev.seeker_read_seq = prev.last_seq and (prev.last_seq = 0 or exists (
              select 1 from chat_messages p
              where p.conversation_id = prev.id and p.seq = prev.last_seq
                and not (p.sender_side = 'seeker' and p.created_at > now() - ${LIVE_EXCHANGE})))) as notify
        ),
        m as (
          insert into chat_messages
            (conversation_id, seq, client_id, sender_account_id, sender_side, kind, body, image_file_id, thumb_file_id, flags)
          select c.id, c.seq, ${m.clientId}, ${m.senderAccountId}, ${m.senderSide}, ${m.kind}, ${m.body},
            ${m.imageFileId}::uuid, ${m.thumbFileId}::uuid,
            ${flagged ? sql`(select coalesce(array_agg(f), '{}') from jsonb_array_elements_text(${JSON.stringify(m.flags)}::jsonb) f)` : sql`'{}'::text[]`}
          from c
          returning *
        ),
        e as (
          insert into outbox_events (kind, recipient_account_ids, payload)
          select 'chat.employer_replied', array[${notice.recipientAccountId}::uuid], ${JSON.stringify(notice.payload)}::jsonb
          from c where c.notify
          returning id
        )
        select m.*, (select count(*) from e)::int as notified from m`,
  );
  if (!row) return null;
  const { notified, ...message } = row;
  return { row: message, notified: Number(notified) > 0 };
}

export async function listMessages(
  q: Queryable,
  conversationId: string,
  page: { afterSeq?: number; beforeSeq?: number; limit: number },
): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  const n = page.limit + 1;
  const rows =
    page.afterSeq !== undefined
      ? await queryRows<MessageRow>(
          q,
          sql`select * from chat_messages where conversation_id = ${conversationId} and seq > ${page.afterSeq}
              order by seq asc limit ${n}`,
        )
      : (
          await queryRows<MessageRow>(
            q,
            sql`select * from chat_messages where conversation_id = ${conversationId}
                ${page.beforeSeq !== undefined ? sql`and seq < ${page.beforeSeq}` : sql``}
                order by seq desc limit ${n}`,
          )
        ).reverse();
  const hasMore = rows.length > page.limit;
  if (!hasMore) return { rows, hasMore };
  return { rows: page.afterSeq !== undefined ? rows.slice(0, page.limit) : rows.slice(1), hasMore };
}

export async function markConversationRead(q: Queryable, id: string, side: Side, seq: number) {
  const column = side === 'employer' ? sql`employer_read_seq` : sql`seeker_read_seq`;
  const [row] = await queryRows<{ seq: number }>(
    q,
    sql`update conversations set ${column} = greatest(${column}, least(${seq}, last_seq))
        where id = ${id} returning ${column} as seq`,
  );
  return Number(row?.seq ?? 0);
}
