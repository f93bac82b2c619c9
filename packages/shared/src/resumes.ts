import { z } from 'zod';
import { educationLevels, educationValues } from './job-options.ts';

/** 文化程度: the job postings' education requirement, the same values and labels (seed 004 §3). */
export const resumeEducationLevels = educationLevels;
export const educationLevelSchema = z.enum(educationValues);
export type ResumeEducationLevel = z.infer<typeof educationLevelSchema>;

/** 政治面貌 (seed 004 §3.2). */
export const politicalStatuses = [
  { value: 'cpc_member', label: '中共党员' },
  { value: 'cpc_probationary', label: '中共预备党员' },
  { value: 'cyl_member', label: '共青团员' },
  { value: 'democratic_party', label: '民主党派' },
  { value: 'masses', label: '群众' },
] as const;
export const politicalStatusSchema = z.enum([
  'cpc_member',
  'cpc_probationary',
  'cyl_member',
  'democratic_party',
  'masses',
]);
export type PoliticalStatus = z.infer<typeof politicalStatusSchema>;

export const labelOfOption = (
  list: readonly { value: string; label: string }[],
  value: string | null | undefined,
) => list.find((i) => i.value === value)?.label ?? '未填写';

const text = (max: number) => z.string().trim().max(max);
const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '请按 YYYY-MM 填写')
  .or(z.literal(''));

export const educationEntrySchema = z.object({
  school: text(100).min(1, '请填写学校'),
  major: text(100).default(''),
  degree: text(50).default(''),
  startMonth: monthSchema.default(''),
  endMonth: monthSchema.default(''),
});

export const experienceEntrySchema = z.object({
  company: text(100).min(1, '请填写单位'),
  title: text(100).default(''),
  startMonth: monthSchema.default(''),
  endMonth: monthSchema.default(''),
  description: text(2000).default(''),
});

export const certificateEntrySchema = z.object({
  name: text(100).min(1, '请填写证书名称'),
  number: text(100).default(''),
  /** 认证领域 for certified persons, e.g. QMS, EMS, OHSMS */
  domain: text(50).default(''),
});

/** The editable online resume. Confirmed facts are not part of it: see `confirmFactsSchema`. */
export const resumeContentSchema = z.object({
  basic: z.object({
    name: text(50).default(''),
    gender: z.enum(['male', 'female', '']).default(''),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '请按 YYYY-MM-DD 填写')
      .or(z.literal(''))
      .default(''),
    phone: z
      .string()
      .regex(/^1\d{10}$/, '请填写11位手机号')
      .or(z.literal(''))
      .default(''),
    email: z.email('邮箱格式不正确').or(z.literal('')).default(''),
    city: text(50).default(''),
  }),
  education: z.array(educationEntrySchema).max(10).default([]),
  experience: z.array(experienceEntrySchema).max(20).default([]),
  skills: z.array(text(50).min(1)).max(30).default([]),
  certificates: z.array(certificateEntrySchema).max(20).default([]),
  certificationDomains: z.array(text(50).min(1)).max(20).default([]),
  positionLevel: text(50).default(''),
  intention: z.object({
    jobTitles: z.array(text(50).min(1)).max(10).default([]),
    cities: z.array(text(50).min(1)).max(10).default([]),
    salaryMin: z.number().int().min(0).max(1_000_000).nullable().default(null),
    salaryMax: z.number().int().min(0).max(1_000_000).nullable().default(null),
    employmentType: text(50).default(''),
  }),
  selfIntroduction: text(2000).default(''),
});
export type ResumeContent = z.infer<typeof resumeContentSchema>;

export const emptyResumeContent = (): ResumeContent =>
  resumeContentSchema.parse({ basic: {}, intention: {} });

export const confirmedFactsSchema = z.object({
  educationLevel: educationLevelSchema.nullable(),
  politicalStatus: politicalStatusSchema.nullable(),
  confirmedAt: z.string().nullable(),
});
export type ConfirmedFacts = z.infer<typeof confirmedFactsSchema>;

export const resumeSchema = z.object({
  content: resumeContentSchema,
  facts: confirmedFactsSchema,
  /** optimistic concurrency: send it back on save */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type Resume = z.infer<typeof resumeSchema>;

export const saveResumeSchema = z.object({
  content: resumeContentSchema,
  version: z.number().int().min(0),
});

export const confirmFactsSchema = z.object({
  educationLevel: educationLevelSchema,
  politicalStatus: politicalStatusSchema,
});
export type ConfirmFactsInput = z.infer<typeof confirmFactsSchema>;

/** Staff correction of confirmed facts (school / platform staff); the reason is audited. */
export const correctFactsSchema = confirmFactsSchema.extend({
  reason: z.string().trim().min(2, '请填写修改原因').max(200),
});

/** A graduate with an account, as school / college staff see it when correcting facts. */
export const staffSeekerSchema = z.object({
  accountId: z.uuid(),
  name: z.string(),
  studentNumber: z.string(),
  graduationYear: z.number().int(),
  major: z.string().nullable(),
  facts: confirmedFactsSchema,
});
export type StaffSeeker = z.infer<typeof staffSeekerSchema>;

export const resumeAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type ResumeAttachment = z.infer<typeof resumeAttachmentSchema>;

export const MAX_RESUME_ATTACHMENTS = 5;

/** 谁看过/下载过我的简历 */
export const resumeAccessSchema = z.object({
  id: z.number().int(),
  organizationName: z.string(),
  kind: z.enum(['view', 'download']),
  attachmentName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  createdAt: z.string(),
});
export type ResumeAccess = z.infer<typeof resumeAccessSchema>;

/** A seeker's resume as an employer sees it through an application. */
export const candidateResumeSchema = z.object({
  content: resumeContentSchema,
  facts: confirmedFactsSchema,
  attachments: z.array(resumeAttachmentSchema),
});
export type CandidateResume = z.infer<typeof candidateResumeSchema>;

/** Reads stored resume content leniently: anything unreadable becomes an empty resume. */
export function parseResumeContent(raw: unknown): ResumeContent {
  const parsed = resumeContentSchema.safeParse(raw);
  return parsed.success ? parsed.data : emptyResumeContent();
}
