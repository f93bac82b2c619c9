import { sql } from 'drizzle-orm';
import {
  externalChannels,
  notificationKinds,
  preferenceKindOf,
  type ExternalChannel,
  notificationSocketEvents,
} from '@hirehall/shared/notifications';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { StoredEvent } from '../../platform/events/dispatcher.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';
import { jsonUuids, toNotification, unreadCounts } from './notifications.repo.ts';

interface Recipient {
  account_id: string;
  channels: string[] | null;
}

/** What a notification shows: the payload's own words, else the kind's label. */
export function renderEvent(event: StoredEvent) {
  const p = event.payload;
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  const label = notificationKinds[preferenceKindOf(event.kind)];
  const link = str(p.link, 500);
  return {
    title: str(p.title, 120) || label,
    body: str(p.body, 2000),
    link: link.startsWith('/') ? link : null,
  };
}

/**
 * The notification consumer: for each recipient of an event, an in-app notification and one
 * delivery per external channel they chose for this kind (the employer's registration
 * channel when they chose nothing). Unique keys make a replayed event a no-op.
 */
export function notificationConsumer(realtime: RealtimeHub | null) {
  return async (tx: Tx, event: StoredEvent) => {
    const recipients = await findRecipients(tx, event);
    if (recipients.length === 0) return;
    const view = renderEvent(event);
    const created: (typeof notifications.$inferSelect)[] = [];
    for (let i = 0; i < recipients.length; i += 1000) {
      const chunk = recipients.slice(i, i + 1000);
      created.push(
        ...(await tx
          .insert(notifications)
          .values(
            chunk.map((r) => ({
              accountId: r.account_id,
              eventId: event.id,
              kind: event.kind,
              ...view,
            })),
          )
          .onConflictDoNothing()
          .returning()),
      );
      const deliveries = chunk.flatMap((r) =>
        (r.channels ?? [])
          .filter((c): c is ExternalChannel => (externalChannels as readonly string[]).includes(c))
          .map((channel) => ({ eventId: event.id, accountId: r.account_id, channel, ...view })),
      );
      if (deliveries.length > 0) {
        await tx.insert(notificationDeliveries).values(deliveries).onConflictDoNothing();
      }
    }
    if (!realtime || created.length === 0) return;
    const counts = await unreadCounts(
      tx,
      created.map((n) => n.accountId),
    );
    return () => {
      for (const n of created) {
        realtime.toAccount(n.accountId, notificationSocketEvents.created, {
          notification: toNotification(n),
          unread: counts.get(n.accountId) ?? 0,
        });
      }
    };
  };
}

async function findRecipients(tx: Tx, event: StoredEvent): Promise<Recipient[]> {
  const roles = Array.isArray(event.payload.audienceRoles)
    ? event.payload.audienceRoles.filter((r): r is string => typeof r === 'string')
    : [];
  const kind = preferenceKindOf(event.kind);
  return queryRows<Recipient>(
    tx,
    sql`select a.id as account_id,
          coalesce(p.channels,
            case when o.notification_channel in ('email', 'sms', 'wechat')
              then array[o.notification_channel] else '{}'::text[] end) as channels
        from accounts a
        left join memberships m on m.account_id = a.id
        left join organizations o on o.id = m.organization_id
        left join notification_preferences p on p.account_id = a.id and p.kind = ${kind}
        where a.status = 'active' and (
          a.id in ${jsonUuids(event.recipientAccountIds)}
          or m.organization_id in ${jsonUuids(event.recipientOrganizationIds)}
          or a.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb)))`,
  );
}
