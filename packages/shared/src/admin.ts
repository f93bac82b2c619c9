import { z } from 'zod';
import { pointsEntrySchema } from './talentpool.ts';
import { safetyFlags } from './chat.ts';

/** Platform administration: audit log, suspensions, points, organization info. */

export const auditQuerySchema = z.object({
  action: z.string().trim().max(80).optional(),
  actorAccountId: z.uuid().optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(100).optional(),
  /** inclusive dates, YYYY-MM-DD (China time) */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  actorAccountId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
});

export const auditVerifySchema = z.object({
  intact: z.boolean(),
  /** id of the first row whose hash does not match; null when intact */
  brokenAt: z.number().int().nullable(),
  rows: z.number().int(),
});

export const suspendBodySchema = z.object({
  reason: z.string().trim().min(2, '请填写暂停原因').max(500),
});
export const suspensionSchema = z.object({
  id: z.string(),
  targetType: z.enum(['organization', 'account']),
  targetId: z.string(),
  cause: z.enum(['admin', 'reverification']),
  reason: z.string(),
  createdAt: z.string(),
  liftedAt: z.string().nullable(),
});
export type Suspension = z.infer<typeof suspensionSchema>;
export const suspensionCauseLabels = { admin: '平台暂停', reverification: '逾期未确认单位信息' };

export const pointsAdjustBodySchema = z.object({
  /** positive grants, negative deducts; never zero */
  delta: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .refine((v) => v !== 0, '点数变动不能为0'),
  reason: z.string().trim().min(2, '请填写原因').max(200),
});
/** 点数台账 as the admin pages it: by page number, like the other admin lists. */
export const adminPointsPageSize = 20;
export const adminPointsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(adminPointsPageSize),
});
export type AdminPointsQuery = z.infer<typeof adminPointsQuerySchema>;

/** The ledger as the admin sees it: the balance and one page of entries, newest first. */
export { pointsEntrySchema };
export const pointsLedgerSchema = z.object({
  balance: z.number().int(),
  entries: z.array(pointsEntrySchema),
  /** entries in the whole ledger */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PointsLedger = z.infer<typeof pointsLedgerSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** 机构信息编辑 (seed 003 §4): contact, phone, email, address, introduction. */
export const organizationInfoBodySchema = z.object({
  contactName: optionalText(50),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '请输入正确的手机号或固定电话')
    .nullable()
    .optional(),
  contactEmail: z.email('请输入正确的邮箱').nullable().optional().or(z.literal('')),
  address: optionalText(200),
  introduction: optionalText(5000),
});
export type OrganizationInfoBody = z.infer<typeof organizationInfoBodySchema>;

export const organizationInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(['company', 'institution', 'school']),
  name: z.string(),
  status: z.enum(['active', 'suspended']),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  introduction: z.string().nullable(),
  suspension: suspensionSchema.nullable(),
  /** employers: when the details were last confirmed, and when they must be again */
  verifiedAt: z.string().nullable(),
  verificationDueAt: z.string().nullable(),
});
export type OrganizationInfo = z.infer<typeof organizationInfoSchema>;

export const accountLookupSchema = z.object({
  id: z.string(),
  role: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  phoneMasked: z.string().nullable(),
  organizationName: z.string().nullable(),
  suspension: suspensionSchema.nullable(),
});
export type AccountLookup = z.infer<typeof accountLookupSchema>;

/** Employer re-verification: every 6 months; reminded at the lapse, suspended 14 days later. */
export const REVERIFY_MONTHS = 6;
export const REVERIFY_GRACE_DAYS = 14;
export const verificationStatusSchema = z.object({
  verifiedAt: z.string().nullable(),
  dueAt: z.string(),
  state: z.enum(['current', 'due', 'suspended']),
});
export type VerificationStatus = z.infer<typeof verificationStatusSchema>;

/** 被标记的洽谈消息: the platform admin reviews what the chat safety check flagged. */
export const flagReviewDecisions = ['reviewed', 'dismissed'] as const;
export const flagReviewDecisionLabels = { reviewed: '已核实违规', dismissed: '误报，已忽略' };
export const flaggedMessagesQuerySchema = z.object({
  /** open: not yet decided */
  state: z.enum(['open', ...flagReviewDecisions, 'all']).default('open'),
  flag: z.enum(safetyFlags).optional(),
  organizationId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FlaggedMessagesQuery = z.infer<typeof flaggedMessagesQuerySchema>;

export const flaggedMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  body: z.string(),
  flags: z.array(z.enum(safetyFlags)),
  createdAt: z.string(),
  senderName: z.string().nullable(),
  organizationId: z.string(),
  organizationName: z.string(),
  organizationStatus: z.enum(['active', 'suspended']),
  review: z
    .object({
      decision: z.enum(flagReviewDecisions),
      note: z.string().nullable(),
      suspendedOrganization: z.boolean(),
      reviewedAt: z.string(),
      reviewerName: z.string().nullable(),
    })
    .nullable(),
});
export type FlaggedMessage = z.infer<typeof flaggedMessageSchema>;
export const flaggedMessagesPageSchema = z.object({
  items: z.array(flaggedMessageSchema),
  total: z.number().int(),
});

export const flagReviewBodySchema = z
  .object({
    decision: z.enum(flagReviewDecisions),
    note: z.string().trim().max(500).optional(),
    /** with `reviewed`: also suspend the sender's organization, `note` as the reason */
    suspendOrganization: z.boolean().default(false),
  })
  .refine((b) => !b.suspendOrganization || b.decision === 'reviewed', {
    message: '忽略的消息不能暂停单位',
    path: ['suspendOrganization'],
  })
  .refine((b) => !b.suspendOrganization || (b.note?.length ?? 0) >= 2, {
    message: '请填写暂停原因',
    path: ['note'],
  });
export type FlagReviewBody = z.input<typeof flagReviewBodySchema>;

/** 系统消息: past broadcasts, newest first. */
export const broadcastRecordSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  roles: z.array(z.string()),
  createdAt: z.string(),
  /** null while the dispatcher has not delivered it yet */
  deliveredAt: z.string().nullable(),
  recipients: z.number().int(),
});
export type BroadcastRecord = z.infer<typeof broadcastRecordSchema>;
export const broadcastPageSchema = z.object({
  items: z.array(broadcastRecordSchema),
  total: z.number().int(),
});
