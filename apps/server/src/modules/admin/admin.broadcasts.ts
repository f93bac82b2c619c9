import { sql } from 'drizzle-orm';
import type { BroadcastRecord } from '@hirehall/shared/admin';
import { queryRows, type Queryable } from '../../platform/db/database.ts';

/**
 * 系统消息 sent so far: the `system.broadcast` events of the outbox (the notifications module
 * writes them), with how many accounts received one.
 */
export async function listBroadcasts(db: Queryable, page: number, pageSize: number) {
  const rows = await queryRows<{
    id: number | string;
    payload: { title?: string; body?: string; audienceRoles?: string[] };
    created_at: Date | string;
    processed_at: Date | string | null;
    recipients: number;
    total: number;
  }>(
    db,
    sql`select e.id, e.payload, e.created_at, e.processed_at,
          (select count(*)::int from notifications n where n.event_id = e.id) as recipients,
          count(*) over ()::int as total
        from outbox_events e
        where e.kind = 'system.broadcast'
        order by e.id desc
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const items: BroadcastRecord[] = rows.map((r) => ({
    id: Number(r.id),
    title: r.payload.title ?? '',
    body: r.payload.body ?? '',
    roles: r.payload.audienceRoles ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    deliveredAt: r.processed_at ? new Date(r.processed_at).toISOString() : null,
    recipients: r.recipients,
  }));
  return { items, total: rows[0]?.total ?? 0 };
}
