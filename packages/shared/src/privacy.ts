import { z } from 'zod';

/** Personal information (PIPL): separate consents, export, deletion and retention. */

export const consentPurposes = ['resume_share', 'contact_reveal'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentStatements: Record<ConsentPurpose, string> = {
  resume_share:
    '我同意将我的简历（含姓名、联系方式、教育和工作经历）提供给我所投递的用人单位，用于招聘。',
  contact_reveal:
    '我同意认证机构在人才库中支付会员点数后查看我的联系方式（手机号、邮箱），用于联系招聘事宜。',
};
export const consentLabels: Record<ConsentPurpose, string> = {
  resume_share: '向投递单位提供简历',
  contact_reveal: '向机构提供联系方式',
};

export const consentSchema = z.object({
  id: z.string(),
  purpose: z.enum(consentPurposes),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  reference: z.string().nullable(),
  statement: z.string(),
  grantedAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const grantConsentBodySchema = z.object({ purpose: z.enum(consentPurposes) });

/** Recruitment records are kept this long, de-identified, after a deletion. */
export const RETENTION_YEARS = 3;

export const deletionBodySchema = z.object({
  password: z.string().min(1, '请输入密码').max(200),
  confirm: z.literal('确认注销', { error: '请输入“确认注销”' }),
});

export const deletionResultSchema = z.object({
  deletedAt: z.string(),
  /** de-identified recruitment records are removed on this date */
  purgeAfter: z.string(),
});
