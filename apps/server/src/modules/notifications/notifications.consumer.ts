import { sql } from 'drizzle-orm';
import {
  externalChannels,
  notificationKinds,
  preferenceKindOf,
  silentEventKinds,
  type ExternalChannel,
  notificationSocketEvents,
} from '@hirehall/shared/notifications';
import { queryRows, type Tx } from '../../platform/db/database.ts';
import type { StoredEvent } from '../../platform/events/dispatcher.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';
import { toNotification, unreadCounts } from './notifications.repo.ts';

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

type View = ReturnType<typeof renderEvent>;

/**
 * The words of an application workflow event that carries none, read from the application;
 * null when it is no notification (a withdrawal only matters to an employer who invited).
 */
async function applicationEventView(tx: Tx, event: StoredEvent): Promise<View | null> {
  const applicationId = event.payload.applicationId;
  if (typeof applicationId !== 'string') return renderEvent(event);
  if (event.kind === 'application.withdraw' && event.payload.from !== 'invited') return null;
  const [a] = await queryRows<{
    job_id: string;
    job_title: string;
    org_name: string;
    org_kind: string;
  }>(
    tx,
    sql`select a.job_id, j.title as job_title, o.name as org_name, o.kind as org_kind
        from applications a
        join job_postings j on j.id = a.job_id
        join organizations o on o.id = a.organization_id
        where a.id = ${applicationId}`,
  );
  if (!a) return null;
  const staff = `/${a.org_kind === 'institution' ? 'institution' : 'employer'}/applications`;
  switch (event.kind) {
    case 'application.submitted':
      return {
        title: '收到新的应聘',
        body: `有求职者应聘“${a.job_title}”，请在职位投递记录中查看。`,
        link: `${staff}?jobId=${a.job_id}`,
      };
    case 'application.view':
      return {
        title: '简历已被查看',
        body: `${a.org_name}查看了您应聘“${a.job_title}”的简历。`,
        link: '/seeker/applications',
      };
    case 'application.withdraw':
      return {
        title: '求职者撤销应聘',
        body: `已邀约面试的求职者撤销了对“${a.job_title}”的应聘。`,
        link: `${staff}?jobId=${a.job_id}`,
      };
    default:
      return renderEvent(event);
  }
}

/** What the event shows, or null when it is not a notification (`silentEventKinds`). */
async function viewOf(tx: Tx, event: StoredEvent): Promise<View | null> {
  if (silentEventKinds.includes(event.kind)) return null;
  if (event.kind.startsWith('application.') && typeof event.payload.title !== 'string') {
    return applicationEventView(tx, event);
  }
  return renderEvent(event);
}

/**
 * The notification consumer: for each recipient of an event, an in-app notification and one
 * delivery per external channel they chose for this kind (the employer's registration
 * channel when they chose nothing). Unique keys make a replayed event a no-op. Events that
 * another event already tells (see `silentEventKinds`) notify nobody.
 */
export function notificationConsumer(realtime: RealtimeHub | null) {
  return async (tx: Tx, event: StoredEvent) => {
    const view = await viewOf(tx, event);
    if (!view) return;
    const recipients = await findRecipients(tx, event);
    if (recipients.length === 0) return;
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
  const accountIds = pgArray(event.recipientAccountIds);
  const organizationIds = pgArray(event.recipientOrganizationIds);
  const roleList = pgArray(roles);
  // The accounts are found through indexes, one kind of recipient at a time, and only for the
  // kinds the event names: an OR across the joins would scan every account for every event
  // (≈ 9 ms an event with 10,000 accounts; chat replies made it most of the database's time).
  // Arrays, not lists: planned for their values, the estimates follow their length.
  const candidates = [
    event.recipientAccountIds.length > 0 &&
      sql`select id from accounts where id = any(${accountIds}::uuid[])`,
    event.recipientOrganizationIds.length > 0 &&
      sql`select account_id as id from memberships where organization_id = any(${organizationIds}::uuid[])`,
    roles.length > 0 && sql`select id from accounts where role = any(${roleList}::text[])`,
  ].filter((part) => part !== false);
  if (candidates.length === 0) return [];
  return queryRows<Recipient>(
    tx,
    sql`with candidates as (${sql.join(candidates, sql` union `)})
        select a.id as account_id,
          coalesce(p.channels,
            case when o.notification_channel in ('email', 'sms', 'wechat')
              then array[o.notification_channel] else '{}'::text[] end) as channels
        from candidates c
        join accounts a on a.id = c.id
        left join memberships m on m.account_id = a.id
        left join organizations o on o.id = m.organization_id
        left join notification_preferences p on p.account_id = a.id and p.kind = ${kind}
        where a.status = 'active' and (
          a.id = any(${accountIds}::uuid[])
          or m.organization_id = any(${organizationIds}::uuid[])
          or a.role = any(${roleList}::text[]))`,
  );
}

/** A PostgreSQL array literal (one text parameter on both drivers, empty lists included). */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
