import { z } from 'zod';
import { fairStatuses, signupStatuses } from './jobfair-options.ts';
import { jobSummarySchema } from './jobs.ts';

export * from './jobfair-options.ts';

export const fairInputSchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    type: z.enum(['online', 'offline']),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    city: z.string().trim().min(1).max(40),
    district: z.string().trim().max(40).nullable().optional(),
    address: z.string().trim().min(1).max(200),
    introduction: z.string().max(50_000).default(''),
    invitation: z.string().max(5_000).default(''),
  })
  .refine((f) => new Date(f.endsAt) > new Date(f.startsAt), {
    message: '结束时间须晚于开始时间',
    path: ['endsAt'],
  });
export type FairInput = z.infer<typeof fairInputSchema>;

export const fairSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  title: z.string(),
  type: z.enum(['online', 'offline']),
  startsAt: z.string(),
  endsAt: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  address: z.string(),
  /** sanitized HTML */
  introduction: z.string(),
  invitation: z.string(),
  status: z.enum(fairStatuses),
  views: z.number(),
  employerCount: z.number(),
  jobCount: z.number(),
});
export type Fair = z.infer<typeof fairSchema>;

export const fairEmployerSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  jobs: z.array(jobSummarySchema),
});
export type FairEmployer = z.infer<typeof fairEmployerSchema>;

export const signupSchema = z.object({
  id: z.string(),
  fairId: z.string(),
  fairTitle: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  status: z.enum(signupStatuses),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  jobIds: z.array(z.string()),
});
export type Signup = z.infer<typeof signupSchema>;

export const employerFairSchema = fairSchema.extend({
  signup: signupSchema.nullable(),
});
export type EmployerFair = z.infer<typeof employerFairSchema>;
