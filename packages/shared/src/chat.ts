import { z } from 'zod';

export * from './chat-events.ts';

/**
 * Negotiation-hall chat (洽谈): one conversation per application, employer ↔ seeker.
 * Messages are persisted before the server acknowledges them; the client gives each message
 * a UUID (`clientId`), unique in the database, so a retry never duplicates; `seq` numbers
 * the messages of a conversation from 1 without gaps, so a client catches up after a
 * reconnect with `afterSeq`.
 */

export const MESSAGE_MAX_CHARS = 1000;
export const CHAT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** per user: at most this many messages in the window */
export const CHAT_RATE = { messages: 20, windowSeconds: 10 } as const;
/** joining, syncing, read receipts and typing, per account */
export const CHAT_OPS_RATE = { calls: 60, windowSeconds: 10 } as const;
/**
 * HTTP reads of chat (conversation list, one conversation, message pages, the hall): pages
 * refresh them on live events, so the budget is wide; it stops scripted scraping loops.
 */
export const CHAT_READ_RATE = { calls: 300, windowSeconds: 10 } as const;

export const safetyFlags = ['deposit', 'off_platform', 'outside_link'] as const;
export type SafetyFlag = (typeof safetyFlags)[number];
export const safetyFlagLabels: Record<SafetyFlag, string> = {
  deposit: '索要押金或费用',
  off_platform: '引导添加微信/QQ等站外联系',
  outside_link: '包含站外链接',
};
export const SAFETY_WARNING =
  '安全提示：正规招聘不会以任何名义收取押金、保证金、培训费等费用；请勿轻易添加对方微信/QQ或点击站外链接，谨防上当受骗。如遇可疑情况请举报。';

const PATTERNS: Record<SafetyFlag, RegExp> = {
  deposit: /押金|保证金|培训费|服装费|体检费|资料费|报名费|定金|转账|汇款|先交|交钱|缴费/,
  off_platform: /微信|加v|加V|vx|VX|v信|wx号|企鹅号|扣扣|Q\s*Q|qq|QQ号|加我|私聊/i,
  outside_link: /https?:\/\/|www\.|[a-z0-9-]+\.(com|cn|net|top|xyz|cc|vip)\b/i,
};

/** Which safety flags a message raises (checked on the server; the seeker sees a warning). */
export function detectSafetyFlags(text: string): SafetyFlag[] {
  return safetyFlags.filter((f) => PATTERNS[f].test(text));
}

export const emojiSet = [
  '😀',
  '😄',
  '😊',
  '🙂',
  '😉',
  '😍',
  '🤔',
  '😅',
  '😂',
  '😢',
  '😮',
  '👍',
  '👏',
  '🙏',
  '💪',
  '🤝',
  '👌',
  '✌️',
  '🎉',
  '🌹',
  '☕',
  '📄',
  '📅',
  '⏰',
  '✅',
  '❌',
  '❓',
  '💼',
  '🏢',
  '📞',
];

export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().int(),
  clientId: z.uuid(),
  senderSide: z.enum(['employer', 'seeker']),
  senderName: z.string(),
  kind: z.enum(['text', 'image']),
  body: z.string(),
  imageUrl: z.string().nullable(),
  thumbUrl: z.string().nullable(),
  flags: z.array(z.enum(safetyFlags)),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof messageSchema>;

export const sendMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    conversationId: z.uuid(),
    clientId: z.uuid(),
    kind: z.literal('text'),
    body: z
      .string()
      .trim()
      .min(1, '消息不能为空')
      .max(MESSAGE_MAX_CHARS, `消息不能超过${MESSAGE_MAX_CHARS}字`),
  }),
  z.object({
    conversationId: z.uuid(),
    clientId: z.uuid(),
    kind: z.literal('image'),
    imageFileId: z.uuid(),
  }),
]);
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const conversationSchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  jobTitle: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  seekerAccountId: z.uuid(),
  seekerName: z.string(),
  lastSeq: z.number().int(),
  lastMessage: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  /** messages of the other side this viewer has not read */
  unread: z.number().int(),
  /** the other side's read position (read receipts) */
  peerReadSeq: z.number().int(),
  peerOnline: z.boolean(),
  /** raised flags in the employer's messages (the seeker sees a warning) */
  flagged: z.boolean(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({
  items: z.array(conversationSchema),
  unread: z.number().int(),
});

export const messagesQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  /** more messages exist in the direction asked */
  hasMore: z.boolean(),
});

export const openConversationSchema = z.object({ applicationId: z.uuid() });
export const readSchema = z.object({ seq: z.number().int().min(0) });
export const imageUploadSchema = z.object({ fileId: z.uuid(), thumbFileId: z.uuid() });

export const hallQuerySchema = z.object({
  fairId: z.uuid().optional(),
  mark: z.enum(['qualified', 'eliminated', 'undecided', 'none']).optional(),
});
export const hallCandidateSchema = z.object({
  applicationId: z.uuid(),
  seekerAccountId: z.uuid(),
  name: z.string(),
  jobTitle: z.string(),
  mark: z.enum(['qualified', 'eliminated', 'undecided']).nullable(),
  status: z.string(),
  hasAttachment: z.boolean(),
  /** the resume attachment sent with the application (下载简历) */
  attachmentId: z.uuid().nullable(),
  appliedAt: z.string(),
  online: z.boolean(),
  conversationId: z.uuid().nullable(),
  unread: z.number().int(),
});
export type HallCandidate = z.infer<typeof hallCandidateSchema>;
export const hallSchema = z.object({
  fairs: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() })),
  candidates: z.array(hallCandidateSchema),
});
export type Hall = z.infer<typeof hallSchema>;

export const safetyStatsSchema = z.object({
  total: z.number().int(),
  byFlag: z.record(z.string(), z.number().int()),
  organizations: z.array(
    z.object({ organizationId: z.uuid(), name: z.string(), flaggedMessages: z.number().int() }),
  ),
});
