// Chat socket events, acknowledgements, presence and sequence bookkeeping: plain code without
// zod, for the signed-in layouts that keep a socket open. chat.ts re-exports it.

/** Socket events. Client → server calls take an acknowledgement callback. */
export const chatSocketEvents = {
  /** c→s `SendMessageInput` → ack `ChatAck<ChatMessage>` */
  send: 'chat:send',
  /** c→s `{ conversationId }` → ack; joins the conversation room after authorization */
  join: 'chat:join',
  /** c→s `{ conversationId, afterSeq }` → ack `ChatAck<{ items, hasMore }>` */
  sync: 'chat:sync',
  /** c→s `{ conversationId, seq }` → ack */
  read: 'chat:read',
  /** c→s `{ conversationId }` (volatile) */
  typing: 'chat:typing',
  /** c→s `{ accountIds }` (employer: candidates who applied) → ack; then `presence:changed` */
  watch: 'presence:watch',
  /** s→c `ChatMessage` */
  message: 'chat:message',
  /** s→c `{ conversationId, side, seq }` */
  readBy: 'chat:read-by',
  /** s→c `{ conversationId, side }` */
  typingBy: 'chat:typing-by',
  /** s→c `{ accountId?, organizationId?, online }` */
  presence: 'presence:changed',
} as const;

export type ChatAck<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Who a `presence:changed` event is about: a seeker's account or an employer organization. */
export interface PresencePeer {
  accountId?: string;
  organizationId?: string;
}

/** The peer a presence event speaks of is this conversation's peer. */
export function isPeerPresence(
  peer: PresencePeer | null,
  p: { accountId?: string; organizationId?: string },
): boolean {
  if (!peer) return false;
  if (peer.accountId) return p.accountId === peer.accountId;
  return !!peer.organizationId && p.organizationId === peer.organizationId;
}

/**
 * Client side: sequence bookkeeping of one conversation: `upTo` is the highest sequence number up to which
 * every message is held (from the first page loaded on). A live message beyond `upTo + 1`
 * means some were missed (an event lost between processes, a dropped packet): the client
 * syncs from `upTo`, which catches them up.
 */
export class SeqTracker {
  private readonly held = new Set<number>();
  upTo = 0;

  /** the latest page was loaded: everything up to its last message is held */
  start(lastSeq: number) {
    this.upTo = Math.max(this.upTo, lastSeq);
    this.advance();
  }

  add(seqs: number[]) {
    for (const s of seqs) this.held.add(s);
    this.advance();
  }

  /** some message above `upTo` is held while one before it is missing */
  get hasGap() {
    for (const s of this.held) if (s > this.upTo) return true;
    return false;
  }

  private advance() {
    while (this.held.has(this.upTo + 1)) this.upTo++;
    for (const s of this.held) if (s <= this.upTo) this.held.delete(s);
  }
}
