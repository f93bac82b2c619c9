import { z } from 'zod';
import { confirmedFactsSchema, resumeContentSchema } from './resumes.ts';
import type { TransitionTable } from './workflow.ts';

/**
 * The three-party agreement (三方协议): two dimensions, like a signing envelope and its
 * signers — the agreement (offer) status and, once accepted, the review status — plus the
 * termination workflow of an accepted agreement. Server and web ask these tables which
 * actions exist.
 */

// ---------- agreement (offer) status ----------

export const agreementStatuses = [
  'draft',
  'sent',
  'accepted',
  'rejected',
  'expired',
  'superseded',
  'terminated',
  'discarded',
] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const agreementEvents = [
  'send',
  'withdraw',
  'discard',
  'accept',
  'reject',
  'expire',
  'supersede',
  'return',
  'terminate',
] as const;
export type AgreementEvent = (typeof agreementEvents)[number];

export const agreementTransitions: TransitionTable<AgreementStatus, AgreementEvent> = {
  draft: { send: 'sent', discard: 'discarded' },
  sent: {
    withdraw: 'draft',
    accept: 'accepted',
    reject: 'rejected',
    expire: 'expired',
    supersede: 'superseded',
  },
  /** a review returns it to the employer to amend and resend; termination ends it */
  accepted: { return: 'draft', terminate: 'terminated' },
  rejected: {},
  expired: {},
  superseded: {},
  terminated: {},
  discarded: {},
};

export const agreementStatusLabels: Record<AgreementStatus, string> = {
  draft: '草稿',
  sent: '待学生确认',
  accepted: '学生已应约',
  rejected: '学生已拒绝',
  expired: '已过期',
  superseded: '学生已与其他单位签约',
  terminated: '已解约',
  discarded: '已作废',
};

// ---------- review status ----------

export const reviewStatuses = [
  'college_pending',
  'school_pending',
  'approved',
  'returned',
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export type ReviewEvent = 'college_approve' | 'school_approve' | 'return' | 'resubmit';

export const reviewTransitions: TransitionTable<ReviewStatus, ReviewEvent> = {
  college_pending: { college_approve: 'school_pending', return: 'returned' },
  school_pending: { school_approve: 'approved', return: 'returned' },
  approved: {},
  /** the employer amends and resends; the graduate's acceptance starts the review again */
  returned: { resubmit: 'college_pending' },
};

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  college_pending: '待学院审核',
  school_pending: '待学校审核',
  approved: '已签约',
  returned: '审核退回',
};

// ---------- termination ----------

export const terminationStatuses = [
  'requested',
  'consented',
  'approved',
  'rejected',
  'withdrawn',
  'refused',
] as const;
export type TerminationStatus = (typeof terminationStatuses)[number];
export type TerminationEvent = 'consent' | 'refuse' | 'withdraw' | 'approve' | 'reject';

export const terminationTransitions: TransitionTable<TerminationStatus, TerminationEvent> = {
  requested: { consent: 'consented', refuse: 'refused', withdraw: 'withdrawn' },
  consented: { approve: 'approved', reject: 'rejected' },
  approved: {},
  rejected: {},
  withdrawn: {},
  refused: {},
};

export const terminationStatusLabels: Record<TerminationStatus, string> = {
  requested: '待对方确认',
  consented: '待学校审核',
  approved: '解约已通过',
  rejected: '学校审核不通过',
  withdrawn: '已撤回',
  refused: '对方不同意',
};

export const terminationParties = ['graduate', 'employer'] as const;
export type TerminationParty = (typeof terminationParties)[number];

// ---------- terms ----------

/** The clauses the employer fills and confirms one by one (seed 002 §4.2). */
export const agreementClauses = [
  { key: 'position', label: '工作岗位' },
  { key: 'workLocation', label: '工作地点' },
  { key: 'monthlySalary', label: '月薪（元）' },
  { key: 'contractTerm', label: '合同期限' },
  { key: 'probation', label: '试用期' },
  { key: 'benefits', label: '福利待遇' },
  { key: 'breachLiability', label: '违约责任' },
  { key: 'otherClauses', label: '其他约定条款' },
] as const;
export type ClauseKey = (typeof agreementClauses)[number]['key'];
export const clauseKeys = agreementClauses.map((c) => c.key) as [ClauseKey, ...ClauseKey[]];

const clause = (max: number) => z.string().trim().min(1, '请填写此条款').max(max);

export const agreementTermsSchema = z.object({
  position: clause(100),
  workLocation: clause(200),
  monthlySalary: z.coerce
    .number()
    .int('月薪请填写整数')
    .min(1, '请填写月薪')
    .max(1_000_000, '月薪数额不合理'),
  contractTerm: clause(100),
  probation: clause(100),
  benefits: clause(1000),
  breachLiability: clause(1000),
  otherClauses: z.string().trim().max(2000).default('无'),
});
export type AgreementTerms = z.infer<typeof agreementTermsSchema>;

/** Save an offer: the terms and which clauses the employer has confirmed. */
export const offerBodySchema = z.object({
  graduateId: z.string().uuid(),
  terms: agreementTermsSchema,
  confirmedClauses: z.array(z.enum(clauseKeys)).default([]),
});
export type OfferBody = z.infer<typeof offerBodySchema>;

export const offerEditBodySchema = offerBodySchema.omit({ graduateId: true });

export const reasonSchema = z.object({
  reason: z.string().trim().min(1, '请填写原因').max(500),
});

export const employerSnapshotSchema = z.object({
  name: z.string(),
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
});
export type EmployerSnapshot = z.infer<typeof employerSnapshotSchema>;

// ---------- views ----------

export const reviewEntrySchema = z.object({
  stage: z.enum(['college', 'school']),
  decision: z.enum(['approved', 'returned']),
  reason: z.string().nullable(),
  reviewerName: z.string(),
  createdAt: z.string(),
});
export type ReviewEntry = z.infer<typeof reviewEntrySchema>;

export const terminationSchema = z.object({
  id: z.string(),
  agreementId: z.string(),
  initiatedBy: z.enum(terminationParties),
  reason: z.string(),
  letterFileId: z.string(),
  status: z.enum(terminationStatuses),
  responseReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  createdAt: z.string(),
  consentedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type Termination = z.infer<typeof terminationSchema>;

export const agreementGraduateSchema = z.object({
  id: z.string(),
  studentNumber: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  collegeName: z.string().nullable(),
  major: z.string().nullable(),
  degree: z.string().nullable(),
});

export const agreementSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  graduationYear: z.number(),
  employerId: z.string(),
  employerName: z.string(),
  graduate: agreementGraduateSchema,
  status: z.enum(agreementStatuses),
  reviewStatus: z.enum(reviewStatuses).nullable(),
  terms: agreementTermsSchema,
  confirmedClauses: z.array(z.enum(clauseKeys)),
  employer: employerSnapshotSchema,
  deadlineAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  responseReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  agreementNumber: z.string().nullable(),
  verificationCode: z.string().nullable(),
  signedAt: z.string().nullable(),
  reviews: z.array(reviewEntrySchema),
  terminations: z.array(terminationSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const agreementListSchema = z.object({
  total: z.number(),
  items: z.array(agreementSchema),
});

// ---------- employer signing management (seed 002 §4.1) ----------

export const employerTabs = ['signable', 'pending', 'signed', 'terminated'] as const;
export type EmployerTab = (typeof employerTabs)[number];
export const employerTabLabels: Record<EmployerTab, string> = {
  signable: '可签约学生',
  pending: '待确认',
  signed: '已签约',
  terminated: '已解约',
};

export const listQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const signableGraduateSchema = agreementGraduateSchema.extend({
  hasResume: z.boolean(),
  accountId: z.string().nullable(),
  /** this employer's open offer (draft or sent) to the graduate, if any */
  openAgreementId: z.string().nullable(),
});
export type SignableGraduate = z.infer<typeof signableGraduateSchema>;

export const signableListSchema = z.object({
  total: z.number(),
  items: z.array(signableGraduateSchema),
});

/**
 * A signable graduate's online resume as the employer sees it while signing: contacts masked
 * (the offer, not the resume, is how the employer reaches the graduate).
 */
export const signingResumeSchema = z.object({
  graduate: agreementGraduateSchema,
  content: resumeContentSchema
    .extend({
      basic: resumeContentSchema.shape.basic.extend({ phone: z.string(), email: z.string() }),
    })
    .nullable(),
  facts: confirmedFactsSchema.nullable(),
  updatedAt: z.string().nullable(),
});
export type SigningResume = z.infer<typeof signingResumeSchema>;

// ---------- school settings, dashboard, report ----------

export const signingSettingsSchema = z.object({
  offerResponseDays: z.number().int().min(1).max(30),
  employerTermination: z.boolean(),
  provincialEndpoint: z.string().url().nullable(),
});
export type SigningSettings = z.infer<typeof signingSettingsSchema>;
/** Saving settings: the provincial token is write-only (omitted: kept; null or empty: removed). */
export const signingSettingsBodySchema = signingSettingsSchema.extend({
  provincialToken: z.string().trim().max(500).nullable().optional(),
});
export type SigningSettingsBody = z.infer<typeof signingSettingsBodySchema>;
/** What the school sees: the settings and whether a token is set, never the token itself. */
export const signingSettingsViewSchema = signingSettingsSchema.extend({
  provincialTokenSet: z.boolean(),
});
export type SigningSettingsView = z.infer<typeof signingSettingsViewSchema>;
export const defaultSigningSettings: SigningSettings = {
  offerResponseDays: 5,
  employerTermination: false,
  provincialEndpoint: null,
};

export const signingStatsRowSchema = z.object({
  collegeName: z.string(),
  major: z.string(),
  graduates: z.number(),
  signed: z.number(),
  inReview: z.number(),
  terminated: z.number(),
  /** signed / graduates, 0..1 */
  signingRate: z.number(),
});
export const signingStatsSchema = z.object({
  graduationYear: z.number(),
  totals: signingStatsRowSchema.omit({ collegeName: true, major: true }),
  rows: z.array(signingStatsRowSchema),
});
export type SigningStats = z.infer<typeof signingStatsSchema>;

export const pushResultSchema = z.object({
  delivered: z.number(),
  alreadyDelivered: z.number(),
  failed: z.number(),
  errors: z.array(z.object({ agreementNumber: z.string(), message: z.string() })),
});
export type PushResult = z.infer<typeof pushResultSchema>;

/** 一键上报 runs in the background; the school watches its progress. */
export const pushJobSchema = pushResultSchema.extend({
  id: z.string(),
  graduationYear: z.number(),
  status: z.enum(['running', 'done', 'failed']),
  total: z.number(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PushJob = z.infer<typeof pushJobSchema>;
export const latestPushJobSchema = z.object({ job: pushJobSchema.nullable() });

/** Public verification: existence, status and content fingerprint — nothing personal. */
export const verificationSchema = z.object({
  exists: z.boolean(),
  agreementNumber: z.string().nullable(),
  status: z.enum(['signed', 'terminated', 'not_signed']).nullable(),
  statusLabel: z.string().nullable(),
  signedAt: z.string().nullable(),
  fingerprint: z.string().nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;
