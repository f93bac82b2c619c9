import { z } from 'zod';
import type { TransitionTable } from './workflow.ts';

/**
 * 意见反馈 and 违规举报 (seed 003 part one §5, part two §4): one queue for the platform admin.
 * `malfunction` (功能异常) and `suggestion` (产品建议) are feedback; `abuse` (违规举报) names a
 * target: a posting, an organization, a talent card or a chat message.
 */
export const feedbackKinds = ['malfunction', 'suggestion', 'abuse'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];
export const feedbackKindLabels: Record<FeedbackKind, string> = {
  malfunction: '功能异常',
  suggestion: '产品建议',
  abuse: '违规举报',
};
export const feedbackKindHints: Record<FeedbackKind, string> = {
  malfunction: '请向开发者反馈功能异常问题。',
  suggestion: '请向开发者反馈你对产品的相关建议。',
  abuse: '若遇色情、诱导、骚扰、欺诈、恶意营销、违法犯罪等情况，可向平台举报。',
};

export const reportTargetTypes = ['job', 'organization', 'card', 'message'] as const;
export type ReportTargetType = (typeof reportTargetTypes)[number];
export const reportTargetLabels: Record<ReportTargetType, string> = {
  job: '职位',
  organization: '单位',
  card: '名片',
  message: '聊天消息',
};

export const abuseReasons = [
  '色情',
  '诱导',
  '骚扰',
  '欺诈',
  '恶意营销',
  '违法犯罪',
  '歧视',
  '其他',
];

export const feedbackStates = ['new', 'in_progress', 'resolved'] as const;
export type FeedbackState = (typeof feedbackStates)[number];
export const feedbackStateLabels: Record<FeedbackState, string> = {
  new: '待处理',
  in_progress: '处理中',
  resolved: '已解决',
};

export const feedbackEvents = ['start', 'resolve', 'reopen'] as const;
export type FeedbackEvent = (typeof feedbackEvents)[number];
export const feedbackEventLabels: Record<FeedbackEvent, string> = {
  start: '开始处理',
  resolve: '标记已解决',
  reopen: '重新打开',
};

/** The admin queue: new → in_progress → resolved; a resolved item may be reopened. */
export const feedbackTransitions = {
  new: { start: 'in_progress', resolve: 'resolved' },
  in_progress: { resolve: 'resolved' },
  resolved: { reopen: 'in_progress' },
} as const satisfies TransitionTable<FeedbackState, FeedbackEvent>;

export const MAX_SCREENSHOTS = 4;

export const submitFeedbackBodySchema = z
  .object({
    kind: z.enum(feedbackKinds),
    content: z.string().trim().min(5, '请至少填写5个字').max(2000),
    screenshotFileIds: z.array(z.uuid()).max(MAX_SCREENSHOTS).default([]),
    /** abuse reports only */
    reason: z.string().trim().max(20).optional(),
    target: z
      .object({ type: z.enum(reportTargetTypes), id: z.string().trim().min(1).max(100) })
      .optional(),
    contact: z.string().trim().max(100).optional(),
  })
  .refine((b) => b.kind !== 'abuse' || b.target !== undefined, {
    message: '请选择举报对象',
    path: ['target'],
  });
export type SubmitFeedbackBody = z.infer<typeof submitFeedbackBodySchema>;

export const feedbackReplySchema = z.object({
  id: z.string(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type FeedbackReply = z.infer<typeof feedbackReplySchema>;

export const feedbackItemSchema = z.object({
  id: z.string(),
  kind: z.enum(feedbackKinds),
  status: z.enum(feedbackStates),
  content: z.string(),
  reason: z.string().nullable(),
  targetType: z.enum(reportTargetTypes).nullable(),
  targetId: z.string().nullable(),
  /** what the target is, as the admin sees it (posting title, organization name …) */
  targetLabel: z.string().nullable(),
  screenshotFileIds: z.array(z.string()),
  senderName: z.string(),
  senderRole: z.string(),
  contact: z.string().nullable(),
  replies: z.array(feedbackReplySchema),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** time to resolution in minutes, once resolved */
  resolutionMinutes: z.number().nullable(),
});
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

export const feedbackQueueQuerySchema = z.object({
  status: z.enum(feedbackStates).optional(),
  kind: z.enum(feedbackKinds).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const feedbackQueueSchema = z.object({
  items: z.array(feedbackItemSchema),
  total: z.number().int(),
  counts: z.record(z.enum(feedbackStates), z.number().int()),
  /** median minutes from submission to resolution over the last 30 days; null if none */
  medianResolutionMinutes: z.number().nullable(),
});
export type FeedbackQueue = z.infer<typeof feedbackQueueSchema>;

export const feedbackTransitionBodySchema = z.object({ event: z.enum(feedbackEvents) });
export const feedbackReplyBodySchema = z.object({
  body: z.string().trim().min(1, '请填写回复内容').max(2000),
  /** resolve in the same step */
  resolve: z.boolean().default(false),
});
