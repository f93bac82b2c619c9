import { z } from 'zod';
import { phoneSchema, smsCodeSchema } from './validators.ts';

/** Request and response shapes of the accounts API (docs/api-foundation.md § accounts). */

export const roleSchema = z.enum([
  'seeker',
  'employer',
  'institution',
  'school',
  'college',
  'admin',
]);
export type Role = z.infer<typeof roleSchema>;

/** Which sign-in form: decides which identifiers and roles are looked up. */
export const portalSchema = z.enum(['seeker', 'graduate', 'certified', 'employer', 'staff']);
export type Portal = z.infer<typeof portalSchema>;

export const sessionAccountSchema = z.object({
  id: z.string(),
  role: roleSchema,
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  organization: z
    .object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['company', 'institution', 'school']),
    })
    .nullable(),
  collegeId: z.string().nullable(),
  context: z.object({
    schoolId: z.string().optional(),
    graduationYear: z.number().int().optional(),
  }),
  /** added: which password rule applies when this account changes its password */
  passwordRule: z.enum(['pin', 'standard']),
  /** added: the seeker profiles this account holds (empty for non-seekers) */
  seekerKinds: z.array(z.enum(['public', 'graduate', 'certified'])),
});
export type SessionAccount = z.infer<typeof sessionAccountSchema>;

export const signedInSchema = z.object({ account: sessionAccountSchema, csrfToken: z.string() });
export type SignedIn = z.infer<typeof signedInSchema>;

export const signInBodySchema = z.object({
  portal: portalSchema,
  identifier: z.string().trim().min(1, '请输入账号').max(100),
  password: z.string().min(1, '请输入密码').max(128),
  schoolId: z.uuid().optional(),
  captchaId: z.uuid().optional(),
  captchaAnswer: z.string().trim().max(10).optional(),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const captchaSchema = z.object({ captchaId: z.string(), svg: z.string() });

/** Identity check by a chosen route (seed 004 §8): the current password, or an SMS code sent
 * to the account's phone (POST /api/auth/password/sms-code) — exactly one of the two. */
export const changePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(128).optional(),
    smsCode: smsCodeSchema.optional(),
    newPassword: z.string().min(1, '请输入新密码').max(128),
  })
  .refine((b) => (b.currentPassword === undefined) !== (b.smsCode === undefined), {
    message: '请输入当前密码或短信验证码（二选一）',
    path: ['currentPassword'],
  });
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
/** The code went to the account's own phone, shown masked. */
export const passwordSmsCodeSentSchema = z.object({
  cooldownSeconds: z.number().int(),
  maskedPhone: z.string(),
});

export const smsPurposeSchema = z.enum(['register', 'certified_bind', 'reset_password']);
export type SmsPurpose = z.infer<typeof smsPurposeSchema>;

export const smsCodeBodySchema = z.object({ phone: phoneSchema, purpose: smsPurposeSchema });
export const smsCodeSentSchema = z.object({ cooldownSeconds: z.number().int() });

export const identityProviderSchema = z.object({
  name: z.string(),
  isDevelopment: z.boolean(),
  hint: z.string(),
});

export const verificationMethodSchema = z.enum(['bank_card', 'alipay', 'face']);

export const seekerRegistrationBodySchema = z
  .object({
    name: z.string().trim().min(2, '请输入真实姓名').max(40),
    documentKind: z.enum(['id_card', 'permit']),
    idNumber: z.string().trim().toUpperCase().max(18).optional(),
    permitNumber: z.string().trim().toUpperCase().max(18).optional(),
    phone: phoneSchema,
    smsCode: smsCodeSchema,
    verification: z.object({
      method: verificationMethodSchema,
      bankCardNumber: z.string().trim().max(30).optional(),
      alipayAccount: z.string().trim().max(100).optional(),
      faceToken: z.string().trim().max(200).optional(),
    }),
    password: z.string().max(128),
  })
  .refine((b) => b.documentKind !== 'id_card' || !!b.idNumber, {
    message: '请输入身份证号码',
    path: ['idNumber'],
  });
export type SeekerRegistrationBody = z.infer<typeof seekerRegistrationBodySchema>;

export const seekerRegisteredSchema = signedInSchema.extend({
  /** shown once: the generated account of a permit holder who gave no permit number */
  generatedAccount: z.string().optional(),
});

export const certifiedLookupBodySchema = z.object({ phone: phoneSchema });
export const certifiedLookupResultSchema = z.object({ state: z.enum(['unbound', 'bound']) });

export const certifiedBindBodySchema = z.object({
  phone: phoneSchema,
  smsCode: smsCodeSchema,
  password: z.string().min(1).max(128),
});

export const passwordResetBodySchema = z.object({
  phone: phoneSchema,
  smsCode: smsCodeSchema,
  newPassword: z.string().min(1).max(128),
});

export const graduateLookupBodySchema = z.object({
  schoolId: z.uuid(),
  studentNumber: z.string().trim().min(1, '请输入学号').max(40),
  idLast6: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{5}[\dX]$/, '请输入身份证号后6位'),
});

export const graduateActivationCodeSentSchema = z.object({
  maskedPhone: z.string(),
  cooldownSeconds: z.number().int(),
});

export const graduateActivateBodySchema = graduateLookupBodySchema.extend({
  smsCode: smsCodeSchema,
  password: z.string().min(1).max(128),
});

export const devOutboxMessageSchema = z.object({
  id: z.string(),
  channel: z.string(),
  recipient: z.string(),
  content: z.string(),
  createdAt: z.string(),
});
