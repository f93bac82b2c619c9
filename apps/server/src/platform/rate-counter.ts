import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from './db/database.ts';

/**
 * Fixed-window counter shared by every server process. Returns the count after this hit.
 * `key` names the budget, e.g. `signin:ip:1.2.3.4`.
 */
export async function hitCounter(
  q: Queryable,
  key: string,
  windowSeconds: number,
): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    q,
    sql`insert into rate_counters (key, count, window_ends_at)
        values (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
        on conflict (key) do update set
          count = case when rate_counters.window_ends_at <= now() then 1 else rate_counters.count + 1 end,
          window_ends_at = case when rate_counters.window_ends_at <= now()
            then now() + make_interval(secs => ${windowSeconds}) else rate_counters.window_ends_at end
        returning count`,
  );
  return row!.count;
}

export async function peekCounter(q: Queryable, key: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    q,
    sql`select count from rate_counters where key = ${key} and window_ends_at > now()`,
  );
  return row?.count ?? 0;
}

export async function resetCounter(q: Queryable, key: string): Promise<void> {
  await q.execute(sql`delete from rate_counters where key = ${key}`);
}
