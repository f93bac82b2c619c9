import { z } from 'zod';
import {
  ageLimits,
  educationValues,
  employmentTypeValues,
  jobStatuses,
  workDistricts,
} from './job-options.ts';

export * from './job-options.ts';

/** One organization's active-posting cap as the platform admin sees and sets it. */
export const postingCapSchema = z.object({
  organizationId: z.string(),
  /** the organization's own cap (`settings.activePostingCap`); null = the kind's cap applies */
  override: z.number().int().nullable(),
  /** the cap of its kind in this deployment; null = no cap */
  defaultCap: z.number().int().nullable(),
  /** what publishing checks: the override, else the default */
  cap: z.number().int().nullable(),
  activeCount: z.number().int(),
});
export type PostingCap = z.infer<typeof postingCapSchema>;

/* ---------- schemas ---------- */
const text = (max: number) => z.string().trim().max(max);

/** What the employer edits; every field optional while a draft autosaves. */
export const jobFieldsSchema = z.object({
  title: text(60).optional(),
  occupation: text(60).optional(),
  description: text(5000).optional(),
  skills: text(2000).optional(),
  salaryMin: z.number().int().min(0).max(1_000_000).nullable().optional(),
  salaryMax: z.number().int().min(0).max(1_000_000).nullable().optional(),
  education: z.enum(educationValues).nullable().optional(),
  ageMin: z.number().int().min(ageLimits.min).max(ageLimits.max).nullable().optional(),
  ageMax: z.number().int().min(ageLimits.min).max(ageLimits.max).nullable().optional(),
  employmentType: z.enum(employmentTypeValues).nullable().optional(),
  district: z.enum(workDistricts).nullable().optional(),
  region: text(40).nullable().optional(),
  headcount: z.number().int().min(1).max(10000).nullable().optional(),
  probationMonths: z.number().int().min(0).max(6).nullable().optional(),
  probationSalary: z.number().int().min(0).max(1_000_000).nullable().optional(),
  certificationDomain: text(60).nullable().optional(),
  positionType: text(40).nullable().optional(),
  positionLevel: text(40).nullable().optional(),
});
export type JobFields = z.infer<typeof jobFieldsSchema>;

export const jobUpdateSchema = jobFieldsSchema.extend({ version: z.number().int().min(1) });

export const complianceFlagSchema = z.object({
  field: z.string(),
  term: z.string(),
  category: z.string(),
  reason: z.string(),
  severity: z.enum(['block', 'review']),
});
export type ComplianceFlag = z.infer<typeof complianceFlagSchema>;

/** A posting as its owner sees it. */
export const ownJobSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  status: z.enum(jobStatuses),
  version: z.number(),
  title: z.string(),
  occupation: z.string(),
  description: z.string(),
  skills: z.string(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  salaryText: z.string(),
  education: z.enum(educationValues).nullable(),
  ageMin: z.number().nullable(),
  ageMax: z.number().nullable(),
  employmentType: z.enum(employmentTypeValues).nullable(),
  district: z.string().nullable(),
  region: z.string().nullable(),
  headcount: z.number().nullable(),
  probationMonths: z.number().nullable(),
  probationSalary: z.number().nullable(),
  certificationDomain: z.string().nullable(),
  positionType: z.string().nullable(),
  positionLevel: z.string().nullable(),
  complianceFlags: z.array(complianceFlagSchema),
  reviewReason: z.string().nullable(),
  favoriteCount: z.number(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  createdAt: z.string(),
});
export type OwnJob = z.infer<typeof ownJobSchema>;

/** One row of a search result (seed 004 §3: title, employer, pay, education, age, headcount). */
export const jobSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  occupation: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  salaryMin: z.number().nullable(),
  salaryMax: z.number().nullable(),
  salaryText: z.string(),
  education: z.enum(educationValues).nullable(),
  ageMin: z.number().nullable(),
  ageMax: z.number().nullable(),
  headcount: z.number().nullable(),
  district: z.string().nullable(),
  region: z.string().nullable(),
  positionType: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobDetailSchema = jobSummarySchema.extend({
  description: z.string(),
  skills: z.string(),
  employmentType: z.enum(employmentTypeValues).nullable(),
  probationMonths: z.number().nullable(),
  probationSalary: z.number().nullable(),
  certificationDomain: z.string().nullable(),
  positionLevel: z.string().nullable(),
  isFavorite: z.boolean(),
});
export type JobDetail = z.infer<typeof jobDetailSchema>;

const optionalInt = z.coerce.number().int().optional();
/** GET /api/public/jobs query. Absent filter = 不限. district may be 全市 or 外省市. */
export const jobSearchQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  education: z.enum(educationValues).optional(),
  age: optionalInt.pipe(z.number().min(ageLimits.min).max(ageLimits.max).optional()),
  employmentType: z.enum(employmentTypeValues).optional(),
  district: z.string().max(20).optional(),
  region: z.string().max(40).optional(),
  positionType: z.string().max(40).optional(),
  salaryMin: optionalInt,
  salaryMax: optionalInt,
  organizationId: z.uuid().optional(),
  sort: z.enum(['newest', 'salary']).default('newest'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type JobSearchQuery = z.infer<typeof jobSearchQuerySchema>;

/** One page; no total (counting a common term over 1M rows costs more than the page itself). */
export const jobSearchResultSchema = z.object({
  items: z.array(jobSummarySchema),
  hasMore: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
export type JobSearchResult = z.infer<typeof jobSearchResultSchema>;

export const favoriteSchema = z.object({
  jobId: z.string(),
  createdAt: z.string(),
  isAvailable: z.boolean(),
  job: jobSummarySchema,
});
export type Favorite = z.infer<typeof favoriteSchema>;

export const bannerSchema = z.object({
  id: z.string(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  linkUrl: z.string().nullable(),
  sortOrder: z.number(),
  isActive: z.boolean(),
});
export type Banner = z.infer<typeof bannerSchema>;
export const bannerInputSchema = z.object({
  title: text(60).min(1),
  imageUrl: z
    .string()
    .max(500)
    .regex(/^(https?:\/\/|\/)/, '图片地址须以 http(s):// 或 / 开头')
    .nullable()
    .optional(),
  linkUrl: z
    .string()
    .max(500)
    .regex(/^(https?:\/\/|\/)/, '链接须以 http(s):// 或 / 开头')
    .nullable()
    .optional(),
  sortOrder: z.number().int().min(0).max(1000).default(0),
  isActive: z.boolean().default(true),
});
