import { and, eq, sql } from 'drizzle-orm';
import { detectSafetyFlags, type ChatMessage, type SendMessageInput } from '@hirehall/shared/chat';
import { AppError } from '../../platform/errors.ts';
import { queryRows, type Db, type Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { conversations } from './chat.tables.ts';
import { isStaff, sideOf, type Side } from './chat.policy.ts';
import { writerFor, type Stored } from './chat.writer.ts';
import {
  findConversation,
  findConversations,
  findMessageByClientId,
  toMessage,
  type ConversationRef,
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

export const namesOf = (c: { organizationName: string; seekerName: string }) => ({
  employer: c.organizationName,
  seeker: c.seekerName,
});

/** The parts of an authorized conversation the send path needs (cached per socket). */
export const refOf = (c: ConversationRow): ConversationRef => ({
  id: c.id,
  organizationId: c.organizationId,
  organizationName: c.organizationName,
  seekerAccountId: c.seekerAccountId,
  seekerName: c.seekerName,
});

export interface Authorized {
  conversation: ConversationRef;
  side: Side;
}

export interface SentMessage {
  message: ChatMessage;
  conversation: ConversationRef;
  /** false when this was a retry of a message already stored */
  isNew: boolean;
  /** an outbox event was appended (the caller nudges the dispatcher) */
  notified: boolean;
}

/**
 * Persists one message and returns it; the caller acknowledges only after this resolves.
 * `known` is the conversation the caller already authorized (the socket's cache); without
 * it the conversation is read and authorized here. A text message costs one SQL statement
 * (`appendMessage`), shared with the messages that arrived meanwhile (`MessageWriter`, group
 * commit); a retry of a stored client id returns the stored message.
 */
export async function sendMessage(
  db: Db,
  actor: Actor,
  input: SendMessageInput,
  known?: Authorized,
): Promise<SentMessage> {
  const { conversation, side } = known ?? (await authorize(db, actor, input.conversationId));
  let body = '';
  let imageFileId: string | null = null;
  let thumbFileId: string | null = null;
  if (input.kind === 'text') {
    body = input.body;
  } else {
    imageFileId = input.imageFileId;
    thumbFileId = await findOwnThumb(db, actor.accountId, input.imageFileId);
  }
  const flags = side === 'employer' && input.kind === 'text' ? detectSafetyFlags(body) : [];
  const names = namesOf(conversation);
  let stored: Stored = null;
  try {
    stored = await writerFor(db).write(
      {
        conversationId: conversation.id,
        clientId: input.clientId,
        senderAccountId: actor.accountId,
        senderSide: side,
        kind: input.kind,
        body,
        imageFileId,
        thumbFileId,
        flags,
      },
      {
        recipientAccountId: conversation.seekerAccountId,
        // 单位回复: one notification per unread stretch, not one per message
        payload: {
          title: `${conversation.organizationName}回复了您`,
          body: input.kind === 'text' ? [...body].slice(0, 60).join('') : '[图片]',
          link: `/seeker/messages/${conversation.id}`,
          conversationId: conversation.id,
        },
      },
    );
  } catch (err) {
    // a concurrent retry with the same client id committed first: answer with its message
    if (!isUniqueViolation(err)) throw err;
  }
  if (stored) {
    return {
      message: toMessage(stored.row, names),
      conversation,
      isNew: true,
      notified: stored.notified,
    };
  }
  const existing = await findMessageByClientId(db, input.clientId);
  if (!existing) throw new AppError('NOT_FOUND');
  if (
    existing.sender_account_id !== actor.accountId ||
    existing.conversation_id !== conversation.id
  ) {
    throw new AppError('DUPLICATE', '消息编号重复');
  }
  return { message: toMessage(existing, names), conversation, isNew: false, notified: false };
}

/**
 * The actor's side of the conversation with what the send path needs; otherwise NOT_FOUND.
 * Lookups that arrive together (many sockets sending their first message) share one query.
 */
export async function authorize(db: Db, actor: Actor, id: string): Promise<Authorized> {
  const conversation = await loaderFor(db).load(id);
  const side = conversation && sideOf(actor, conversation);
  if (!conversation || !side) throw new AppError('NOT_FOUND');
  return { conversation: refOf(conversation), side };
}

/** Coalesces conversation lookups: one query per batch of ids, at most two in flight. */
class ConversationLoader {
  private pending = new Map<string, ((row: ConversationRow | null, err?: unknown) => void)[]>();
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  load(id: string): Promise<ConversationRow | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(id) ?? [];
      waiters.push((row, err) => (err ? reject(err) : resolve(row)));
      this.pending.set(id, waiters);
      if (this.inFlight < 2) setImmediate(() => this.flush());
    });
  }

  private flush() {
    if (this.pending.size === 0 || this.inFlight >= 2) return;
    const batch = [...this.pending].slice(0, 500);
    for (const [id] of batch) this.pending.delete(id);
    this.inFlight++;
    findConversations(
      this.db,
      batch.map(([id]) => id),
    )
      .then(
        (rows) => {
          const byId = new Map(rows.map((r) => [r.id, r]));
          for (const [id, waiters] of batch) for (const w of waiters) w(byId.get(id) ?? null);
        },
        (err: unknown) => {
          for (const [, waiters] of batch) for (const w of waiters) w(null, err);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
  }
}

const loaders = new WeakMap<Db, ConversationLoader>();
function loaderFor(db: Db) {
  let loader = loaders.get(db);
  if (!loader) loaders.set(db, (loader = new ConversationLoader(db)));
  return loader;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
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
