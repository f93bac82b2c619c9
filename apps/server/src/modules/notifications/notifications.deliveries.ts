import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { ExternalChannel } from '@hirehall/shared/notifications';
import { queryRows, type Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import type { SmsProvider } from '../../platform/sms/sms.ts';
import type { WechatNotifier } from '../../platform/wechat/wechat.ts';

export interface DeliveryChannels {
  mailer: Mailer;
  sms: SmsProvider;
  wechat: WechatNotifier;
  publicUrl: string;
}

interface ClaimedDelivery {
  id: string;
  channel: ExternalChannel;
  title: string;
  body: string;
  link: string | null;
  attempts: number;
  created_at: Date | string;
  phone: string | null;
  email: string | null;
  wechat_open_id: string | null;
  /** the event's `emailAttachments`, for an email */
  attachments: unknown;
}

type MailAttachment = { filename: string; content: string; contentType: string };

/** At most 3 small text attachments of the expected shape; anything else is dropped. */
export function mailAttachmentsOf(value: unknown): MailAttachment[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (a): a is MailAttachment =>
        typeof a === 'object' &&
        a !== null &&
        typeof a.filename === 'string' &&
        typeof a.content === 'string' &&
        typeof a.contentType === 'string' &&
        a.content.length <= 64_000,
    )
    .slice(0, 3)
    .map(({ filename, content, contentType }) => ({ filename, content, contentType }));
}

export const MAX_DELIVERY_ATTEMPTS = 8;
const LEASE_SECONDS = 120;

/** 30 s, 1 min, 2 min … capped at 1 hour. */
export function backoffSeconds(attempts: number) {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends due deliveries. A delivery is claimed with a lease (`FOR UPDATE SKIP LOCKED` inside a
 * short UPDATE), sent outside any transaction, then marked sent — or put back with backoff.
 * Two processes never claim the same row; a process that dies mid-send releases it when the
 * lease ends.
 */
export function deliveryWorker(db: Db, channels: DeliveryChannels, log: FastifyBaseLogger) {
  return async () => {
    let done = 0;
    for (;;) {
      const batch = await claimDue(db, 20);
      for (const d of batch) {
        await deliverOne(db, channels, d, log);
        done++;
      }
      if (batch.length < 20) return done;
    }
  };
}

async function claimDue(db: Db, limit: number) {
  return queryRows<ClaimedDelivery>(
    db,
    sql`with due as (
          select id, event_id, channel from notification_deliveries
          where status = 'pending' and next_attempt_at <= now()
            and (lease_until is null or lease_until < now())
          order by next_attempt_at limit ${limit} for update skip locked)
        update notification_deliveries d
          set lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = d.attempts + 1
        from due
        left join lateral (
          select a.phone as account_phone, c.email as own_email, c.wechat_open_id,
                 o.contact_email, o.contact_phone
          from notification_deliveries x
          join accounts a on a.id = x.account_id
          left join notification_contacts c on c.account_id = a.id
          left join memberships m on m.account_id = a.id
          left join organizations o on o.id = m.organization_id
          where x.id = due.id) who on true
        left join outbox_events e on e.id = due.event_id and due.channel = 'email'
        where d.id = due.id
        returning d.id, d.channel, d.title, d.body, d.link, d.attempts, d.created_at,
          coalesce(who.account_phone, who.contact_phone) as phone,
          coalesce(who.own_email, who.contact_email) as email,
          who.wechat_open_id, e.payload->'emailAttachments' as attachments`,
  );
}

async function deliverOne(
  db: Db,
  channels: DeliveryChannels,
  d: ClaimedDelivery,
  log: FastifyBaseLogger,
) {
  const url = d.link ? `${channels.publicUrl}${d.link}` : channels.publicUrl;
  try {
    if (d.channel === 'email') {
      if (!d.email) return await finish(db, d.id, 'skipped', '未设置电子邮箱');
      await channels.mailer.send({
        to: d.email,
        subject: `【HireHall】${d.title}`,
        text: `${d.title}\n\n${d.body}\n\n查看详情：${url}\n\n（此邮件由系统发送，请勿直接回复）`,
        attachments: mailAttachmentsOf(d.attachments),
      });
    } else if (d.channel === 'sms') {
      if (!d.phone) return await finish(db, d.id, 'skipped', '未绑定手机号');
      const text = [...`${d.title}${d.body ? `：${d.body}` : ''}`].slice(0, 60).join('');
      await channels.sms.sendNotice(d.phone, `${text}，详情请登录平台查看`);
    } else {
      if (!d.wechat_open_id) return await finish(db, d.id, 'skipped', '未绑定微信');
      await channels.wechat.sendTemplate(d.wechat_open_id, {
        title: d.title,
        body: d.body,
        url,
        time: new Date(d.created_at),
      });
    }
    await finish(db, d.id, 'sent', null);
  } catch (err) {
    const message = (err as Error).message.slice(0, 300);
    const giveUp = d.attempts >= MAX_DELIVERY_ATTEMPTS;
    log.warn(
      { deliveryId: d.id, channel: d.channel, attempts: d.attempts, giveUp },
      'delivery failed',
    );
    await db.execute(
      sql`update notification_deliveries set
            status = ${giveUp ? 'failed' : 'pending'}, last_error = ${message}, lease_until = null,
            next_attempt_at = now() + make_interval(secs => ${backoffSeconds(d.attempts)})
          where id = ${d.id}`,
    );
  }
}

async function finish(db: Db, id: string, status: 'sent' | 'skipped', error: string | null) {
  await db.execute(
    sql`update notification_deliveries set status = ${status}, last_error = ${error},
          lease_until = null, sent_at = case when ${status} = 'sent' then now() else null end
        where id = ${id}`,
  );
}
