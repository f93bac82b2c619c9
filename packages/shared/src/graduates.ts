import { z } from 'zod';
import type { TransitionTable } from './workflow.ts';

/** 生源信息: the school's graduate list per graduation year, reviewed by the college. */

export const graduateRecordStatuses = ['imported', 'approved', 'rejected'] as const;
export type GraduateRecordStatus = (typeof graduateRecordStatuses)[number];
export type GraduateReviewEvent = 'approve' | 'reject' | 'reimport';

/** College review. A re-import that changes a reviewed record sends it back for review. */
export const graduateRecordTransitions: TransitionTable<GraduateRecordStatus, GraduateReviewEvent> =
  {
    imported: { approve: 'approved', reject: 'rejected' },
    approved: { reimport: 'imported' },
    rejected: { approve: 'approved', reimport: 'imported' },
  };

export const graduateStatusLabels: Record<GraduateRecordStatus, string> = {
  imported: '待学院审核',
  approved: '审核通过',
  rejected: '审核不通过',
};

export const degrees = ['博士研究生', '硕士研究生', '本科', '专科'] as const;
export type Degree = (typeof degrees)[number];

/** Columns of the import template, in order. `row` numbers count the header as row 1. */
export const graduateColumns = [
  { header: '学号', field: 'studentNumber', required: true },
  { header: '姓名', field: 'name', required: true },
  { header: '身份证号', field: 'idNumber', required: true },
  { header: '性别', field: 'gender', required: true },
  { header: '学院', field: 'college', required: true },
  { header: '专业', field: 'major', required: true },
  { header: '学历', field: 'degree', required: true },
  { header: '手机号', field: 'phone', required: true },
] as const;

/** An example line for the template (a valid, fictional ID number). */
export const graduateTemplateExample = [
  '2022010001',
  '张三',
  '110105200401010015',
  '男',
  '计算机学院',
  '软件工程',
  '本科',
  '13800138000',
];

export const graduateImportResultSchema = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type GraduateImportResult = z.infer<typeof graduateImportResultSchema>;

export const graduateYearQuerySchema = z.object({
  graduationYear: z.coerce.number().int().min(2000).max(2100),
});

export const graduateListQuerySchema = graduateYearQuerySchema.extend({
  status: z.enum(graduateRecordStatuses).optional(),
  collegeId: z.string().uuid().optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type GraduateListQuery = z.infer<typeof graduateListQuerySchema>;

/** What staff see of a record: ID number and phone masked. */
export const graduateRecordSchema = z.object({
  id: z.string(),
  graduationYear: z.number(),
  studentNumber: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  collegeId: z.string().nullable(),
  collegeName: z.string().nullable(),
  major: z.string().nullable(),
  degree: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.enum(graduateRecordStatuses),
  reason: z.string().nullable(),
  isActivated: z.boolean(),
});
export type GraduateRecord = z.infer<typeof graduateRecordSchema>;

export const graduateListSchema = z.object({
  total: z.number(),
  items: z.array(graduateRecordSchema),
});

export const graduateRejectBodySchema = z.object({
  reason: z.string().trim().min(1, '请填写不通过的原因').max(500),
});

export const genderLabels = { male: '男', female: '女' } as const;
