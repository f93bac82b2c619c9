import { z } from 'zod';

export * from './notification-events.ts';

/**
 * Notifications: every outbox event becomes an in-app notification for each recipient and,
 * per the recipient's choice, a delivery on the external channels (email, SMS, WeChat).
 *
 * Services append events with `appendEvent(tx, { kind, recipientAccountIds |
 * recipientOrganizationIds, payload })`; the payload may carry `title`, `body` and `link`
 * (an in-app path such as `/seeker/messages/…`), which the notification shows as they are,
 * and `emailAttachments` (small text files such as an interview's .ics) that the email delivery
 * carries. Events in `silentEventKinds` are not notifications at all.
 */

export const externalChannels = ['email', 'sms', 'wechat'] as const;
export type ExternalChannel = (typeof externalChannels)[number];
export const channels = ['in_app', ...externalChannels] as const;
export type Channel = (typeof channels)[number];

export const channelLabels: Record<Channel, string> = {
  in_app: '站内消息',
  email: '电子邮件',
  sms: '短信',
  wechat: '微信公众号',
};

/** The kinds of event a person can set channels for; unknown kinds fall under `other`. */
export const notificationKinds = {
  'chat.employer_replied': '单位回复',
  'interview.invited': '面试邀约',
  'interview.changed': '面试变更',
  'interview.confirmed': '面试通知（确认）',
  'interview.answered': '求职者回复面试',
  'interview.reminder': '面试提醒',
  'application.submitted': '收到新的应聘',
  'application.view': '简历被查看',
  'application.withdraw': '求职者撤销应聘',
  'application.marked': '应聘筛选结果',
  'admission.reviewed': '入驻审核结果',
  'fair_signup.reviewed': '招聘会报名审核结果',
  'job.reviewed': '职位审核结果',
  'certification.reviewed': '认证信息变更审核结果',
  'agreement.accepted': '毕业生接受三方协议',
  'agreement.review_passed': '三方协议审核通过',
  'system.broadcast': '系统消息',
  other: '其他通知',
} as const;
export type NotificationKind = keyof typeof notificationKinds;

/**
 * Outbox events that never become notifications. The application workflow's invite,
 * cancel_invitation and decline_interview events tell the same story as the interviews
 * module's interview.invited / interview.changed / interview.answered, which carry the words
 * (one notification per interview event); marks (合格/淘汰/待定) are the employer's own notes
 * and are never shown to the seeker.
 */
export const silentEventKinds: readonly string[] = [
  'application.invite',
  'application.cancel_invitation',
  'application.decline_interview',
  'application.mark',
];

export function preferenceKindOf(kind: string): NotificationKind {
  return kind in notificationKinds ? (kind as NotificationKind) : 'other';
}

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
  /** pass as `before` for the next page; null at the end */
  nextBefore: z.string().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationListQuerySchema = z.object({
  unreadOnly: z.enum(['0', '1']).optional(),
  before: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const markReadBodySchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(200) }),
  z.object({ all: z.literal(true) }),
]);

export const unreadCountSchema = z.object({ unread: z.number().int() });

export const preferenceSchema = z.object({
  kind: z.enum(Object.keys(notificationKinds) as [NotificationKind, ...NotificationKind[]]),
  label: z.string(),
  channels: z.array(z.enum(externalChannels)),
});
export type Preference = z.infer<typeof preferenceSchema>;

export const preferencesSchema = z.object({
  items: z.array(preferenceSchema),
  /** where external channels deliver; empty when unknown */
  contacts: z.object({
    email: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    wechatBound: z.boolean(),
  }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const updatePreferencesBodySchema = z.object({
  items: z
    .array(
      z.object({
        kind: z.enum(Object.keys(notificationKinds) as [NotificationKind, ...NotificationKind[]]),
        channels: z.array(z.enum(externalChannels)).max(3),
      }),
    )
    .max(20)
    .optional(),
  email: z.email().max(200).nullable().optional(),
  wechatOpenId: z.string().trim().min(1).max(64).nullable().optional(),
});

export const broadcastBodySchema = z.object({
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(2000),
  roles: z
    .array(z.enum(['seeker', 'employer', 'institution', 'school', 'college']))
    .min(1)
    .max(5),
});
