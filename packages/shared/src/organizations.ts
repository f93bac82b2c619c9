import { z } from 'zod';
import type { TransitionTable } from './workflow.ts';
import { creditCodeSchema, phoneSchema, standardPasswordSchema } from './validators.ts';

/** Request/response schemas of the organizations module (docs/api-foundation.md). */

// ---------- helpers ----------

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).optional().nullable();

/** This year and the next two: the graduation years an employer can apply for. */
export function graduationYears(now = new Date()): number[] {
  const y = now.getFullYear();
  return [y, y + 1, y + 2];
}

// ---------- workflows ----------

export const admissionStatuses = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type AdmissionStatus = (typeof admissionStatuses)[number];

export const admissionTransitions = {
  pending: { approve: 'approved', reject: 'rejected' },
  rejected: { reapply: 'pending' },
  approved: { suspend: 'suspended' },
  suspended: { resume: 'approved' },
} as const satisfies TransitionTable<
  AdmissionStatus,
  'approve' | 'reject' | 'reapply' | 'suspend' | 'resume'
>;

export const certificationChangeStatuses = ['pending', 'approved', 'rejected'] as const;
export type CertificationChangeStatus = (typeof certificationChangeStatuses)[number];

export const certificationChangeTransitions = {
  pending: { approve: 'approved', reject: 'rejected' },
  approved: {},
  rejected: {},
} as const satisfies TransitionTable<CertificationChangeStatus, 'approve' | 'reject'>;

export const notificationChannels = ['in_app', 'email', 'sms', 'wechat'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const organizationKinds = ['company', 'institution', 'school'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

// ---------- public ----------

export const collegeSchema = z.object({ id: z.string(), name: z.string() });
export const publicSchoolSchema = z.object({
  id: z.string(),
  name: z.string(),
  colleges: z.array(collegeSchema),
});
export type PublicSchool = z.infer<typeof publicSchoolSchema>;

export const uploadedFileSchema = z.object({ fileId: z.string() });

// ---------- employer ----------

export const employerRegistrationSchema = z.object({
  name: text(100).min(2, '请填写单位全称'),
  creditCode: creditCodeSchema,
  licenceFileId: z.uuid('请上传营业执照'),
  contactName: text(50).min(1, '请填写联系人'),
  contactPhone: phoneSchema,
  contactEmail: z.email('邮箱格式不正确').max(100).optional().nullable(),
  address: optionalText(200),
  industry: optionalText(50),
  scale: optionalText(50),
  introduction: optionalText(5000),
  password: standardPasswordSchema,
  captchaId: z.string().min(1).max(100),
  captchaAnswer: z.string().trim().min(1, '请输入图形验证码').max(20),
});
export type EmployerRegistration = z.infer<typeof employerRegistrationSchema>;

export const admissionApplicationsSchema = z.object({
  applications: z
    .array(
      z.object({
        schoolId: z.uuid(),
        graduationYear: z.number().int().min(2000).max(2100),
        note: optionalText(500),
      }),
    )
    .min(1, '请至少选择一所学校')
    .max(50),
});

export const admissionSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  graduationYear: z.number(),
  status: z.enum(admissionStatuses),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type Admission = z.infer<typeof admissionSchema>;

export const notificationChannelBodySchema = z.object({ channel: z.enum(notificationChannels) });

export const employerContextBodySchema = z.object({
  schoolId: z.uuid(),
  graduationYear: z.number().int(),
});

export const certificationChangeSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  name: z.string(),
  creditCode: z.string(),
  licenceFileId: z.string().nullable(),
  status: z.enum(certificationChangeStatuses),
  reason: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  /** values in force now, for the admin's side-by-side view */
  current: z.object({
    name: z.string(),
    creditCode: z.string().nullable(),
    licenceFileId: z.string().nullable(),
  }),
});
export type CertificationChange = z.infer<typeof certificationChangeSchema>;

export const employerProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string().nullable(),
  licenceFileId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  industry: z.string().nullable(),
  scale: z.string().nullable(),
  website: z.string().nullable(),
  introduction: z.string().nullable(),
  notificationChannel: z.enum(notificationChannels).nullable(),
  pendingCertification: certificationChangeSchema.nullable(),
  /** the most recent decided change (to show a rejection reason) */
  lastCertificationDecision: certificationChangeSchema.nullable(),
});
export type EmployerProfile = z.infer<typeof employerProfileSchema>;

export const employerProfilePatchSchema = z
  .object({
    contactName: text(50).min(1),
    contactPhone: phoneSchema,
    contactEmail: z.email('邮箱格式不正确').max(100).nullable(),
    address: text(200).nullable(),
    industry: text(50).nullable(),
    scale: text(50).nullable(),
    website: text(200).nullable(),
    introduction: text(5000).nullable(),
  })
  .partial();

export const certificationChangeBodySchema = z.object({
  name: text(100).min(2, '请填写单位全称'),
  creditCode: creditCodeSchema,
  licenceFileId: z.uuid('请上传营业执照'),
});

// ---------- school review ----------

export const reasonBodySchema = z.object({ reason: text(500).min(1, '请填写原因') });

export const schoolAdmissionSchema = admissionSchema.extend({
  employer: z.object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string().nullable(),
    licenceFileId: z.string().nullable(),
    contactName: z.string().nullable(),
    /** masked: 138****1234 */
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    address: z.string().nullable(),
    industry: z.string().nullable(),
    scale: z.string().nullable(),
    introduction: z.string().nullable(),
  }),
});
export type SchoolAdmission = z.infer<typeof schoolAdmissionSchema>;

// ---------- admin ----------

export const organizationSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(organizationKinds),
  name: z.string(),
  creditCode: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  createdAt: z.string(),
  colleges: z.array(collegeSchema),
  /** institutions only (null otherwise) */
  pointsBalance: z.number().nullable(),
});
export type OrganizationSummary = z.infer<typeof organizationSummarySchema>;

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3-32位字母、数字、下划线、点或短横线');

export const createSchoolBodySchema = z.object({
  name: text(100).min(2),
  colleges: z.array(text(100).min(1)).max(200).default([]),
});

export const createCollegeBodySchema = z.object({ name: text(100).min(1) });

export const createInstitutionBodySchema = z.object({
  name: text(100).min(2),
  creditCode: creditCodeSchema.optional().nullable(),
  openingPoints: z.number().int().min(0).max(10_000_000),
  username: usernameSchema,
  displayName: text(50).min(1),
});

export const staffRoles = ['admin', 'school', 'college', 'institution'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const createStaffBodySchema = z.object({
  role: z.enum(staffRoles),
  organizationId: z.uuid().optional().nullable(),
  collegeId: z.uuid().optional().nullable(),
  username: usernameSchema,
  displayName: text(50).min(1),
});

export const createdStaffSchema = z.object({
  accountId: z.string(),
  /** shown once; the account must replace it at first sign-in */
  initialPassword: z.string(),
});

export const staffSchema = z.object({
  accountId: z.string(),
  role: z.enum(staffRoles),
  username: z.string().nullable(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  collegeId: z.string().nullable(),
  collegeName: z.string().nullable(),
  createdAt: z.string(),
});
export type Staff = z.infer<typeof staffSchema>;

/** Columns of the certified-personnel registry import, in template order. */
export const registryColumns = [
  { header: '手机号', field: 'phone', required: true },
  { header: '姓名', field: 'name', required: true },
  { header: '证书编号', field: 'certificateNumber', required: false },
  { header: '认证领域', field: 'certificationDomain', required: false },
  { header: '岗位级别', field: 'positionLevel', required: false },
  { header: '地区', field: 'region', required: false },
] as const;

export const registryImportResultSchema = z.object({
  inserted: z.number(),
  updated: z.number(),
});

/** `details.rows` of IMPORT_FAILED: `row` counts the header as row 1, like a spreadsheet. */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}
