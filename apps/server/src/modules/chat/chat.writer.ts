import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { queryPrepared } from '../../platform/db/prepared.ts';
import { appendMessage, LIVE_EXCHANGE, type MessageRow, type NewMessage } from './chat.repo.ts';

export type Notice = { recipientAccountId: string; payload: Record<string, unknown> };
export type Stored = { row: MessageRow; notified: boolean } | null;

interface Pending {
  message: NewMessage;
  notice: Notice;
  resolve: (stored: Stored) => void;
  reject: (err: unknown) => void;
}

/** Batches larger than this are split (bounded statement size and lock set). */
const MAX_BATCH = 500;
/**
 * Statements in flight per process; messages that arrive meanwhile wait for the next batch.
 * Two, not four: at 2,000 messages/s most statements then carry several messages, which halved
 * p50 and p95 and took ≈ 30 % off PostgreSQL's CPU (docs/benchmarks-chat.md, session 14).
 */
const MAX_IN_FLIGHT = 2;

/**
 * Group commit for chat messages. A commit costs a WAL flush (milliseconds on a busy disk),
 * so one statement per message caps a process at a few hundred messages per second. The
 * writer sends a message at once when a statement slot is free; messages that arrive while
 * all slots are busy are stored together by the next statement (`appendMessages`), in one
 * transaction, and each caller learns its own result only after that commit — persisted
 * before ack, as before. A failing batch (a concurrent retry on another process, a message
 * of a deleted conversation) is retried message by message, so one bad message fails alone.
 */
export class MessageWriter {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  write(message: NewMessage, notice: Notice): Promise<Stored> {
    return new Promise<Stored>((resolve, reject) => {
      this.queue.push({ message, notice, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]) {
    if (batch.length === 1) return this.one(batch[0]!);
    let stored: Map<number, Stored>;
    try {
      stored = await appendMessages(this.db, batch);
    } catch {
      await Promise.all(batch.map((p) => this.one(p)));
      return;
    }
    batch.forEach((p, i) => p.resolve(stored.get(i) ?? null));
  }

  private one(p: Pending) {
    return appendMessage(this.db, p.message, p.notice).then(p.resolve, p.reject);
  }
}

const writers = new WeakMap<Db, MessageWriter>();

/** One writer per database handle (per process). */
export function writerFor(db: Db): MessageWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new MessageWriter(db);
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Stores a batch in one statement, with the same rules as `appendMessage` per message:
 * retries (client id already stored, or twice in the batch) and messages of a missing
 * conversation are left out (no entry in the answer); each conversation row is locked (in id
 * order, so concurrent batches cannot deadlock) and its sequence advances by its number of
 * messages, in arrival order; each sender's read pointer follows their last message; an
 * employer's message that is the first of the batch in its conversation appends the
 * `chat.employer_replied` event under the same condition as a single message (a later one
 * follows a message of the same batch: the seeker's own, answering in place, or the
 * employer's, inside a stretch already notified).
 */
export async function appendMessages(db: Db, batch: Pending[]): Promise<Map<number, Stored>> {
  const input = JSON.stringify(
    batch.map(({ message: m, notice }, i) => ({
      i,
      conversation_id: m.conversationId,
      client_id: m.clientId,
      sender_account_id: m.senderAccountId,
      sender_side: m.senderSide,
      kind: m.kind,
      body: m.body,
      image_file_id: m.imageFileId,
      thumb_file_id: m.thumbFileId,
      flags: m.flags,
      notice: m.senderSide === 'employer' ? notice.payload : null,
    })),
  );
  const rows = await queryPrepared<MessageRow & { i: number; notified: boolean }>(
    db,
    'chat_append_messages',
    sql`with input as (
          select * from jsonb_to_recordset(${input}::jsonb) as x(
            i int, conversation_id uuid, client_id uuid, sender_account_id uuid, sender_side text,
            kind text, body text, image_file_id uuid, thumb_file_id uuid, flags text[], notice jsonb)
        ),
        fresh as (
          select distinct on (client_id) * from input
          where not exists (select 1 from chat_messages x where x.client_id = input.client_id)
          order by client_id, i
        ),
        numbered as (
          select f.*, row_number() over (partition by conversation_id order by i)::int as k from fresh f
        ),
        per_conv as (
          select conversation_id, count(*)::int as n,
            max(k) filter (where sender_side = 'employer') as employer_k,
            max(k) filter (where sender_side = 'seeker') as seeker_k,
            (count(*) filter (where cardinality(flags) > 0))::int as flagged
          from numbered group by conversation_id
        ),
        prev as (
          select id, last_seq, seeker_read_seq, seeker_account_id from conversations
          where id in (select conversation_id from per_conv)
          order by id for update
        ),
        c as (
          update conversations c set
            last_seq = c.last_seq + p.n,
            last_message_at = now(),
            employer_read_seq = coalesce(c.last_seq + p.employer_k, c.employer_read_seq),
            seeker_read_seq = coalesce(c.last_seq + p.seeker_k, c.seeker_read_seq),
            flagged_count = c.flagged_count + p.flagged
          from per_conv p, prev
          where c.id = p.conversation_id and prev.id = c.id
          returning c.id, prev.last_seq as base, prev.seeker_account_id as seeker,
            (prev.seeker_read_seq = prev.last_seq and (prev.last_seq = 0 or exists (
              select 1 from chat_messages q
              where q.conversation_id = prev.id and q.seq = prev.last_seq
                and not (q.sender_side = 'seeker' and q.created_at > now() - ${LIVE_EXCHANGE})))) as stretch
        ),
        m as (
          insert into chat_messages
            (conversation_id, seq, client_id, sender_account_id, sender_side, kind, body, image_file_id, thumb_file_id, flags)
          select n.conversation_id, c.base + n.k, n.client_id, n.sender_account_id, n.sender_side, n.kind,
            n.body, n.image_file_id, n.thumb_file_id, coalesce(n.flags, '{}')
          from numbered n join c on c.id = n.conversation_id
          order by n.i
          returning *
        ),
        e as (
          insert into outbox_events (kind, recipient_account_ids, payload)
          select 'chat.employer_replied', array[c.seeker], n.notice
          from numbered n join c on c.id = n.conversation_id
          where n.k = 1 and n.sender_side = 'employer' and c.stretch
          order by n.i
        )
        select m.*, n.i, (n.k = 1 and n.sender_side = 'employer' and c.stretch) as notified
        from m join numbered n on n.client_id = m.client_id join c on c.id = m.conversation_id`,
  );
  const stored = new Map<number, Stored>();
  for (const { i, notified, ...row } of rows) stored.set(Number(i), { row, notified: !!notified });
  return stored;
}
