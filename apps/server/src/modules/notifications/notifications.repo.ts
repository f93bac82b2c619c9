import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Notification } from '@hirehall/shared/notifications';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { notifications } from './notifications.tables.ts';

/** A uuid list as a subquery: works with empty lists on both drivers. */
export const jsonUuids = (ids: string[]) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;

type NotificationRow = typeof notifications.$inferSelect;

export function toNotification(n: NotificationRow): Notification {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    readAt: n.readAt ? n.readAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
  };
}

export async function unreadCounts(q: Queryable, accountIds: string[]) {
  const rows = await queryRows<{ account_id: string; n: number }>(
    q,
    sql`select account_id, count(*)::int as n from notifications
        where read_at is null and account_id in ${jsonUuids([...new Set(accountIds)])}
        group by account_id`,
  );
  return new Map(rows.map((r) => [r.account_id, r.n]));
}

export async function countUnread(q: Queryable, accountId: string) {
  return (await unreadCounts(q, [accountId])).get(accountId) ?? 0;
}

export async function listNotifications(
  q: Queryable,
  accountId: string,
  options: { unreadOnly: boolean; before?: string; limit: number },
) {
  const rows = await q
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.accountId, accountId),
        options.unreadOnly ? isNull(notifications.readAt) : undefined,
        options.before ? lt(notifications.createdAt, new Date(options.before)) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
  const more = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  return {
    items: page.map(toNotification),
    nextBefore: more ? page[page.length - 1]!.createdAt.toISOString() : null,
  };
}

export async function markRead(q: Queryable, accountId: string, ids: string[] | 'all') {
  await q
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.accountId, accountId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    );
}
