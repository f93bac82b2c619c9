import { sql } from 'drizzle-orm';
import { CHAT_OPS_RATE, CHAT_RATE, CHAT_READ_RATE } from '@hirehall/shared/chat';
import { AppError } from '../../platform/errors.ts';
import { queryRows, type Db } from '../../platform/db/database.ts';

/** `send`: messages and image uploads; `ops`: join, sync, read and typing; `reads`: HTTP reads. */
export type ChatBudget = 'send' | 'ops' | 'reads';

const budgets: Record<ChatBudget, { limit: number; windowSeconds: number; message: string }> = {
  send: {
    limit: CHAT_RATE.messages,
    windowSeconds: CHAT_RATE.windowSeconds,
    message: '发送过于频繁，请稍后再试',
  },
  ops: {
    limit: CHAT_OPS_RATE.calls,
    windowSeconds: CHAT_OPS_RATE.windowSeconds,
    message: '操作过于频繁，请稍后再试',
  },
  reads: {
    limit: CHAT_READ_RATE.calls,
    windowSeconds: CHAT_READ_RATE.windowSeconds,
    message: '刷新过于频繁，请稍后再试',
  },
};

/** How often a process adds its hits to the shared counters (PostgreSQL only). */
const FLUSH_MS = 200;

/**
 * Chat budgets per account, shared by every server process.
 *
 * A chat message must not wait for a rate-counter round trip (`platform/rate-counter.ts`
 * costs one upsert per hit; at 2,000 messages/s that is another 2,000 writes/s on the hot
 * path), so each process decides at once from what it knows: its own fixed window per account
 * (exact on one process) and the block it learnt from the shared counters. On PostgreSQL it
 * adds its hits to the same `rate_counters` rows every 200 ms in one statement; an account
 * whose shared count passes the budget is refused on every process until the shared window
 * ends. Across processes an account may overshoot by what it sends within one flush. On PGlite
 * there is one process: the local window is the whole truth.
 */
export class MessageRateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private readonly blockedUntil = new Map<string, number>();
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  /** `shared`: the database of the shared counters; null on a single process (PGlite) */
  constructor(
    private readonly shared: Db | null = null,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Counts one call of `budget` for the account; throws RATE_LIMITED over the budget. */
  hit(accountId: string, budget: ChatBudget = 'send', now = Date.now()) {
    const b = budgets[budget];
    const key = `chat:${budget}:${accountId}`;
    const blocked = this.blockedUntil.get(key);
    if (blocked !== undefined) {
      if (blocked > now) throw new AppError('RATE_LIMITED', b.message);
      this.blockedUntil.delete(key);
    }
    const w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      if (this.windows.size > 50_000) this.prune(now);
      this.windows.set(key, { count: 1, endsAt: now + b.windowSeconds * 1000 });
    } else {
      w.count++;
      if (w.count > b.limit) throw new AppError('RATE_LIMITED', b.message);
    }
    if (this.shared) {
      this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
    }
  }

  /** Adds the pending hits to the shared counters and learns which accounts are over. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.flushing) await this.flushing;
    if (!this.shared || this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending = new Map();
    this.flushing = this.add(this.shared, batch)
      .catch(this.onError)
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  async close() {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async add(db: Db, batch: [string, number][]) {
    const input = JSON.stringify(
      batch.map(([key, n]) => ({
        key,
        n,
        secs: budgets[key.split(':')[1] as ChatBudget].windowSeconds,
      })),
    );
    const rows = await queryRows<{ key: string; count: number; ms_left: number }>(
      db,
      sql`insert into rate_counters as r (key, count, window_ends_at)
          select key, n, now() + make_interval(secs => secs)
          from jsonb_to_recordset(${input}::jsonb) as x(key text, n int, secs int)
          order by key
          on conflict (key) do update set
            count = case when r.window_ends_at <= now() then excluded.count else r.count + excluded.count end,
            window_ends_at = case when r.window_ends_at <= now() then excluded.window_ends_at else r.window_ends_at end
          returning key, count, (extract(epoch from r.window_ends_at - now()) * 1000)::int as ms_left`,
    );
    const now = Date.now();
    for (const r of rows) {
      const limit = budgets[r.key.split(':')[1] as ChatBudget].limit;
      if (r.count > limit) this.blockedUntil.set(r.key, now + Math.max(0, Number(r.ms_left)));
    }
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    for (const [k, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(k);
  }
}
