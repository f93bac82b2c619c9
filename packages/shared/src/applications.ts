import { z } from 'zod';
import type { TransitionTable } from './workflow.ts';
import { candidateResumeSchema } from './resumes.ts';

/**
 * 应聘 lifecycle. submitted → viewed (employer opened it) → invited (interview invitation);
 * the seeker may withdraw (撤销) from any state in the current list; declining an interview
 * voids the application (作废), which stays in the current list until withdrawn (seed 004 §6).
 * Marks (合格/淘汰/待定) are an attribute, set by the `mark` event without changing the state
 * (marking an unread application also marks it viewed).
 */
export const applicationStatuses = [
  'submitted',
  'viewed',
  'invited',
  'voided',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export type ApplicationEvent =
  'view' | 'mark' | 'invite' | 'cancel_invitation' | 'decline_interview' | 'withdraw';

export const applicationTransitions = {
  submitted: { view: 'viewed', mark: 'viewed', invite: 'invited', withdraw: 'withdrawn' },
  viewed: { mark: 'viewed', invite: 'invited', withdraw: 'withdrawn' },
  invited: {
    mark: 'invited',
    cancel_invitation: 'viewed',
    decline_interview: 'voided',
    withdraw: 'withdrawn',
  },
  voided: { withdraw: 'withdrawn' },
  withdrawn: {},
} as const satisfies TransitionTable<ApplicationStatus, ApplicationEvent>;

/** Who may fire each event. */
export const applicationEventActors: Record<ApplicationEvent, 'seeker' | 'employer'> = {
  view: 'employer',
  mark: 'employer',
  invite: 'employer',
  cancel_invitation: 'employer',
  decline_interview: 'seeker',
  withdraw: 'seeker',
};

/** States in the seeker's current list (当前应聘记录); they count against the quota. */
export const currentApplicationStatuses: ApplicationStatus[] = [
  'submitted',
  'viewed',
  'invited',
  'voided',
];
export const DEFAULT_APPLICATION_QUOTA = 10;

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  submitted: '已投递',
  viewed: '已查看',
  invited: '面试邀约',
  voided: '已作废',
  withdrawn: '已撤销',
};

export const applicationMarks = ['qualified', 'eliminated', 'undecided'] as const;
export type ApplicationMark = (typeof applicationMarks)[number];
export const applicationMarkLabels: Record<ApplicationMark, string> = {
  qualified: '合格',
  eliminated: '淘汰',
  undecided: '待定',
};

/* ---------- seeker side ---------- */
export const applySchema = z.object({
  jobId: z.uuid(),
  fairId: z.uuid().optional(),
  attachmentId: z.uuid().optional(),
});
export type ApplyInput = z.infer<typeof applySchema>;

export const quotaSchema = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
});
export type Quota = z.infer<typeof quotaSchema>;

export const myApplicationSchema = z.object({
  id: z.uuid(),
  jobId: z.uuid(),
  jobTitle: z.string(),
  jobStatus: z.string(),
  organizationName: z.string(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  fairId: z.uuid().nullable(),
  fairTitle: z.string().nullable(),
  status: z.enum(applicationStatuses),
  attachmentName: z.string().nullable(),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
export type MyApplication = z.infer<typeof myApplicationSchema>;

export const applyResultSchema = z.object({
  application: myApplicationSchema,
  quota: quotaSchema,
  /** 岗位应聘成功。您目前还剩余 N 个应聘名额。 */
  message: z.string(),
});
export type ApplyResult = z.infer<typeof applyResultSchema>;

export const myApplicationsSchema = z.object({
  items: z.array(myApplicationSchema),
  quota: quotaSchema,
});

export const quotaMessage = (remaining: number) =>
  `岗位应聘成功。您目前还剩余 ${remaining} 个应聘名额。`;
export const quotaFullMessage = (limit: number) =>
  `您已有 ${limit} 条应聘记录，应聘名额已满。请先在“我的应聘”中撤销一条应聘记录，再继续投递。`;

/* ---------- employer side ---------- */
export const postingApplicationCountSchema = z.object({
  jobId: z.uuid(),
  jobTitle: z.string(),
  jobStatus: z.string(),
  region: z.string().nullable(),
  total: z.number().int(),
  unread: z.number().int(),
  qualified: z.number().int(),
  eliminated: z.number().int(),
  undecided: z.number().int(),
});
export type PostingApplicationCount = z.infer<typeof postingApplicationCountSchema>;

/** A fair to filter the employer's applications by: approved there, or applied to from it. */
export const applicationFairSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  startsAt: z.string(),
});
export type ApplicationFair = z.infer<typeof applicationFairSchema>;

export const employerApplicationsQuerySchema = z.object({
  jobId: z.uuid().optional(),
  fairId: z.uuid().optional(),
  mark: z.enum([...applicationMarks, 'none']).optional(),
  status: z.enum(applicationStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type EmployerApplicationsQuery = z.infer<typeof employerApplicationsQuerySchema>;

export const candidateSummarySchema = z.object({
  id: z.uuid(),
  jobId: z.uuid(),
  jobTitle: z.string(),
  fairId: z.uuid().nullable(),
  fairTitle: z.string().nullable(),
  candidateName: z.string(),
  gender: z.string(),
  age: z.number().int().nullable(),
  educationLevel: z.string().nullable(),
  city: z.string(),
  status: z.enum(applicationStatuses),
  mark: z.enum(applicationMarks).nullable(),
  hasAttachment: z.boolean(),
  createdAt: z.string(),
});
export type CandidateSummary = z.infer<typeof candidateSummarySchema>;

export const candidatePageSchema = z.object({
  items: z.array(candidateSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const applicationDetailSchema = candidateSummarySchema.extend({
  resume: candidateResumeSchema,
  /** the attachment sent with this application, if any */
  attachmentId: z.uuid().nullable(),
  consentAt: z.string(),
  allowedEvents: z.array(z.string()),
});
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const markSchema = z.object({
  mark: z.enum(applicationMarks).nullable(),
  /** 通知求职者: the employer chooses to tell the seeker (a mark is otherwise private) */
  notifySeeker: z.boolean().optional(),
});
