import { and, eq, sql } from 'drizzle-orm';
import {
  CHAT_RATE,
  detectSafetyFlags,
  type ChatMessage,
  type SendMessageInput,
} from '@hirehall/shared/chat';
import { AppError } from '../../platform/errors.ts';
import { queryRows, type Db, type Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { conversations } from './chat.tables.ts';
import { isStaff, sideOf, type Side } from './chat.policy.ts';
import {
  advanceConversation,
  findConversation,
  findMessageByClientId,
  insertMessage,
  toMessage,
  type ConversationRow,
} from './chat.repo.ts';

/** The conversation if the actor is one of its two sides; otherwise NOT_FOUND. */
export async function getConversationOf(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ conversation: ConversationRow; side: Side }> {
  const conversation = await findConversation(q, id, lock);
  const side = conversation && sideOf(actor, conversation);
  if (!conversation || !side) throw new AppError('NOT_FOUND');
  return { conversation, side };
}

export const namesOf = (c: ConversationRow) => ({
  employer: c.organizationName,
  seeker: c.seekerName,
});

export interface SentMessage {
  message: ChatMessage;
  conversation: ConversationRow;
  /** false when this was a retry of a message already stored */
  isNew: boolean;
  /** an outbox event was appended (the caller nudges the dispatcher) */
  notified: boolean;
}

/**
 * Persists one message and returns it; the caller acknowledges only after this commits.
 * The conversation row lock orders sequence numbers and makes a concurrent retry with the
 * same client id find the stored message instead of inserting a second one.
 */
export async function sendMessage(
  db: Db,
  actor: Actor,
  input: SendMessageInput,
): Promise<SentMessage> {
  return db.transaction(async (tx) => {
    const { conversation, side } = await getConversationOf(tx, actor, input.conversationId, true);
    const existing = await findMessageByClientId(tx, input.clientId);
    if (existing) {
      if (
        existing.sender_account_id !== actor.accountId ||
        existing.conversation_id !== conversation.id
      ) {
        throw new AppError('DUPLICATE', '消息编号重复');
      }
      return {
        message: toMessage(existing, namesOf(conversation)),
        conversation,
        isNew: false,
        notified: false,
      };
    }
    let body = '';
    let imageFileId: string | null = null;
    let thumbFileId: string | null = null;
    if (input.kind === 'text') {
      body = input.body;
    } else {
      imageFileId = input.imageFileId;
      thumbFileId = await findOwnThumb(tx, actor.accountId, input.imageFileId);
    }
    const flags = side === 'employer' && input.kind === 'text' ? detectSafetyFlags(body) : [];
    const { seq, seekerReadSeq } = await advanceConversation(
      tx,
      conversation.id,
      side,
      flags.length > 0,
    );
    const row = await insertMessage(tx, {
      conversationId: conversation.id,
      seq,
      clientId: input.clientId,
      senderAccountId: actor.accountId,
      senderSide: side,
      kind: input.kind,
      body,
      imageFileId,
      thumbFileId,
      flags,
    });
    // 单位回复: one notification per unread stretch, not one per message
    const notified = side === 'employer' && seekerReadSeq === seq - 1;
    if (notified) {
      await appendEvent(tx, {
        kind: 'chat.employer_replied',
        recipientAccountIds: [conversation.seekerAccountId],
        payload: {
          title: `${conversation.organizationName}回复了您`,
          body: input.kind === 'text' ? [...body].slice(0, 60).join('') : '[图片]',
          link: `/seeker/messages/${conversation.id}`,
          conversationId: conversation.id,
        },
      });
    }
    return { message: toMessage(row, namesOf(conversation)), conversation, isNew: true, notified };
  });
}

/** The image was uploaded by the sender for chat; its thumbnail was stored with it. */
async function findOwnThumb(q: Queryable, accountId: string, imageFileId: string) {
  const [image] = await q
    .select({ id: files.id })
    .from(files)
    .where(
      and(
        eq(files.id, imageFileId),
        eq(files.ownerAccountId, accountId),
        eq(files.purpose, 'chat'),
      ),
    );
  if (!image) throw new AppError('NOT_FOUND', '图片不存在或已过期，请重新上传');
  const [thumb] = await queryRows<{ id: string }>(
    q,
    sql`select id from files where purpose = 'chat_thumb' and owner_account_id = ${accountId}
        and file_name = ${`${imageFileId}.jpg`}`,
  );
  return thumb?.id ?? null;
}

/** The employer opens (or reopens) the conversation of one of its applications. */
export async function openConversation(db: Db, actor: Actor, applicationId: string) {
  if (!isStaff(actor)) throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const [app] = await queryRows<{
      id: string;
      organization_id: string;
      seeker_account_id: string;
    }>(
      tx,
      sql`select id, organization_id, seeker_account_id from applications where id = ${applicationId}`,
    );
    if (!app || app.organization_id !== actor.organizationId) throw new AppError('NOT_FOUND');
    await tx
      .insert(conversations)
      .values({
        applicationId: app.id,
        organizationId: app.organization_id,
        seekerAccountId: app.seeker_account_id,
        openedBy: actor.accountId,
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.applicationId, app.id));
    return row!.id;
  });
}

/** Fixed-window budget per account in this process (a burst cannot flood a conversation). */
export class MessageRateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  hit(accountId: string, now = Date.now()) {
    const w = this.windows.get(accountId);
    if (!w || w.endsAt <= now) {
      if (this.windows.size > 50_000) this.prune(now);
      this.windows.set(accountId, { count: 1, endsAt: now + CHAT_RATE.windowSeconds * 1000 });
      return;
    }
    w.count++;
    if (w.count > CHAT_RATE.messages)
      throw new AppError('RATE_LIMITED', '发送过于频繁，请稍后再试');
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
  }
}
