import { sql } from 'drizzle-orm';
import type { ChatMessage, Conversation, SafetyFlag } from '@hirehall/shared/chat';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
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

export async function insertMessage(
  q: Queryable,
  m: {
    conversationId: string;
    seq: number;
    clientId: string;
    senderAccountId: string;
    senderSide: Side;
    kind: 'text' | 'image';
    body: string;
    imageFileId: string | null;
    thumbFileId: string | null;
    flags: string[];
  },
): Promise<MessageRow> {
  const [row] = await queryRows<MessageRow>(
    q,
    sql`insert into chat_messages
          (conversation_id, seq, client_id, sender_account_id, sender_side, kind, body, image_file_id, thumb_file_id, flags)
        values (${m.conversationId}, ${m.seq}, ${m.clientId}, ${m.senderAccountId}, ${m.senderSide}, ${m.kind},
          ${m.body}, ${m.imageFileId}, ${m.thumbFileId},
          (select coalesce(array_agg(f), '{}') from jsonb_array_elements_text(${JSON.stringify(m.flags)}::jsonb) f))
        returning *`,
  );
  return row!;
}

/** Allocates the next sequence number under the conversation's row lock. */
export async function advanceConversation(
  q: Queryable,
  id: string,
  side: Side,
  flagged: boolean,
): Promise<{ seq: number; seekerReadSeq: number }> {
  const readColumn = side === 'employer' ? sql`employer_read_seq` : sql`seeker_read_seq`;
  const [row] = await queryRows<{ seq: number; seeker_read_seq: number }>(
    q,
    sql`update conversations set last_seq = last_seq + 1, last_message_at = now(),
          ${readColumn} = last_seq + 1,
          flagged_count = flagged_count + ${flagged ? 1 : 0}
        where id = ${id} returning last_seq as seq, seeker_read_seq`,
  );
  return { seq: Number(row!.seq), seekerReadSeq: Number(row!.seeker_read_seq) };
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
