import { z } from 'zod';

/** Read-only overviews per role (seed 002 §3 首页: 数据概览、最新简历、系统消息). */

const counts = z.record(z.string(), z.number().int());

export const systemMessageSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const employerDashboardSchema = z.object({
  organizationName: z.string(),
  organizationStatus: z.enum(['active', 'suspended']),
  postings: counts,
  /** active applications by mark; `unmarked` for none yet */
  applicationsByMark: counts,
  applicationsTotal: z.number().int(),
  /** null until the interviews module keeps interviews */
  interviewsToday: z.number().int().nullable(),
  offersByState: counts,
  latestResumes: z.array(
    z.object({
      applicationId: z.string(),
      seekerName: z.string(),
      jobTitle: z.string(),
      mark: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  /** 职位投递记录: postings with applicant counts */
  postingApplicants: z.array(
    z.object({
      jobId: z.string(),
      title: z.string(),
      status: z.string(),
      applicants: z.number().int(),
    }),
  ),
  viewRecords: z.number().int(),
  pointsBalance: z.number().int().nullable(),
  systemMessages: z.array(systemMessageSchema),
});
export type EmployerDashboard = z.infer<typeof employerDashboardSchema>;

export const schoolDashboardSchema = z.object({
  schoolName: z.string(),
  graduationYear: z.number().int(),
  fairs: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      startsAt: z.string(),
      employers: z.number().int(),
      pendingSignups: z.number().int(),
      jobs: z.number().int(),
      views: z.number().int(),
    }),
  ),
  admissionsPending: z.number().int(),
  graduatesByState: counts,
  signingByCollege: z.array(
    z.object({
      collegeId: z.string().nullable(),
      collegeName: z.string(),
      graduates: z.number().int(),
      signed: z.number().int(),
      /** 0..1 */
      rate: z.number(),
    }),
  ),
  systemMessages: z.array(systemMessageSchema),
});
export type SchoolDashboard = z.infer<typeof schoolDashboardSchema>;

export const trendPointSchema = z.object({
  day: z.string(),
  seekers: z.number().int(),
  applications: z.number().int(),
  postings: z.number().int(),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const adminDashboardSchema = z.object({
  organizations: counts,
  seekers: z.number().int(),
  postings: counts,
  applications: z.number().int(),
  flaggedMessages: z.number().int(),
  postingsInReview: z.number().int(),
  openFeedback: counts,
  suspendedOrganizations: z.number().int(),
  trend: z.array(trendPointSchema),
});
export type AdminDashboard = z.infer<typeof adminDashboardSchema>;

export const dashboardYearQuerySchema = z.object({
  graduationYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
