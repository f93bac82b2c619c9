import { eq, sql } from 'drizzle-orm';
import {
  notificationKinds,
  type ExternalChannel,
  type NotificationKind,
  type Preferences,
} from '@hirehall/shared/notifications';
import { maskPhone } from '@hirehall/shared/validators';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notificationContacts, notificationPreferences } from './notifications.tables.ts';

/**
 * Each kind of event with the external channels the person chose; a kind never chosen shows
 * the default: the organization's registration channel for staff, nothing else otherwise.
 */
export async function getPreferences(q: Queryable, actor: Actor): Promise<Preferences> {
  const [who] = await queryRows<{
    phone: string | null;
    email: string | null;
    wechat_open_id: string | null;
    org_channel: string | null;
  }>(
    q,
    sql`select coalesce(a.phone, o.contact_phone) as phone, coalesce(c.email, o.contact_email) as email,
          c.wechat_open_id, o.notification_channel as org_channel
        from accounts a
        left join notification_contacts c on c.account_id = a.id
        left join memberships m on m.account_id = a.id
        left join organizations o on o.id = m.organization_id
        where a.id = ${actor.accountId}`,
  );
  const chosen = await q
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.accountId, actor.accountId));
  const byKind = new Map(chosen.map((p) => [p.kind, p.channels]));
  const fallback: ExternalChannel[] =
    who?.org_channel && who.org_channel !== 'in_app' ? [who.org_channel as ExternalChannel] : [];
  return {
    items: (Object.keys(notificationKinds) as NotificationKind[]).map((kind) => ({
      kind,
      label: notificationKinds[kind],
      channels: (byKind.get(kind) as ExternalChannel[] | undefined) ?? fallback,
    })),
    contacts: {
      email: who?.email ?? null,
      phoneMasked: who?.phone ? maskPhone(who.phone) : null,
      wechatBound: Boolean(who?.wechat_open_id),
    },
  };
}

export async function savePreferences(
  q: Queryable,
  accountId: string,
  input: {
    items?: { kind: NotificationKind; channels: ExternalChannel[] }[];
    email?: string | null;
    wechatOpenId?: string | null;
  },
) {
  for (const item of input.items ?? []) {
    const channels = [...new Set(item.channels)];
    await q
      .insert(notificationPreferences)
      .values({ accountId, kind: item.kind, channels })
      .onConflictDoUpdate({
        target: [notificationPreferences.accountId, notificationPreferences.kind],
        set: { channels },
      });
  }
  if (input.email !== undefined || input.wechatOpenId !== undefined) {
    const set = {
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.wechatOpenId !== undefined ? { wechatOpenId: input.wechatOpenId } : {}),
    };
    await q
      .insert(notificationContacts)
      .values({ accountId, ...set })
      .onConflictDoUpdate({ target: notificationContacts.accountId, set });
  }
}
