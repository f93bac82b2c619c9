import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../platform/db/database.ts';

/** `[{ key, n }]` → `{ key: n }` */
export async function countsBy(q: Queryable, query: ReturnType<typeof sql>) {
  const rows = await queryRows<{ key: string | null; n: number }>(q, query);
  return Object.fromEntries(rows.map((r) => [r.key ?? 'none', Number(r.n)]));
}

export async function countOf(q: Queryable, query: ReturnType<typeof sql>) {
  const [row] = await queryRows<{ n: number }>(q, query);
  return Number(row?.n ?? 0);
}

/** The account's latest system messages (admin broadcasts) from its notification centre. */
export async function latestSystemMessages(q: Queryable, accountId: string) {
  const rows = await queryRows<{
    id: string;
    title: string;
    body: string;
    created_at: Date | string;
    read_at: Date | string | null;
  }>(
    q,
    sql`select id, title, body, created_at, read_at from notifications
        where account_id = ${accountId} and kind in ('system.broadcast', 'system.message',
          'organization.suspended', 'organization.reverify_due')
        order by created_at desc limit 5`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  }));
}
