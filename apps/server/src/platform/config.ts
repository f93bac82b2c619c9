import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';

const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes'].includes(v)));

/** A number variable: "abc" reads as "must be a number", not as NaN. */
const num = () =>
  z.coerce.number({
    error: (issue) =>
      issue.code === 'invalid_type' && issue.expected === 'number' ? 'must be a number' : undefined,
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: num().int().min(0).max(65535).default(3000),
  HIREHALL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HIREHALL_DEMO: flag(true),
  HIREHALL_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** unset: Secure exactly when HIREHALL_PUBLIC_URL is https */
  HIREHALL_SECURE_COOKIES: z.enum(['0', '1', 'true', 'false', 'yes', 'no']).optional(),
  HIREHALL_TRUST_PROXY: flag(false),
  HIREHALL_DEV_TOOLS: z.enum(['0', '1', 'true', 'false', 'yes', 'no']).optional(),
  HIREHALL_SMS_PROVIDER: z.enum(['dev', 'aliyun']).default('dev'),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().optional(),
  ALIYUN_SMS_NOTICE_TEMPLATE_CODE: z.string().optional(),
  HIREHALL_IDV_PROVIDER: z.enum(['dev']).default('dev'),
  HIREHALL_UPLOAD_MAX_MB: num().positive().max(100).default(10),
  HIREHALL_STORAGE: z.enum(['disk', 'database']).default('disk'),
  HIREHALL_SESSION_DAYS: num().positive().max(90).default(7),
  HIREHALL_SIGNIN_SPRAY_FAILS: num().int().min(1).max(1_000_000).default(500),
  HIREHALL_REVEAL_POINTS: num().int().min(0).max(100_000).default(10),
  HIREHALL_APPLICATION_QUOTA: num().int().min(1).max(1000).default(10),
  HIREHALL_INSTITUTION_POSTING_CAP: num().int().min(1).max(10_000).default(10),
  /** unset: http://localhost:$PORT */
  HIREHALL_PUBLIC_URL: z.url().optional(),
  /** let the provincial report push to private/loopback addresses (tests, an intranet platform) */
  HIREHALL_PROVINCIAL_ALLOW_PRIVATE: flag(false),
  HIREHALL_MAIL_TRANSPORT: z.enum(['dev', 'smtp']).default('dev'),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: num().int().min(1).max(65535).default(465),
  SMTP_SECURE: flag(true),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_TLS_REJECT_UNAUTHORIZED: flag(true),
  MAIL_FROM: z.string().default('HireHall <no-reply@hirehall.local>'),
  HIREHALL_WECHAT_PROVIDER: z.enum(['dev', 'official']).default('dev'),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHAT_TEMPLATE_ID: z.string().optional(),
  WECHAT_TEMPLATE_KEYS: z
    .string()
    .regex(/^\w+,\w+,\w+$/, 'three data keys: title,body,time')
    .default('thing1,thing2,time3'),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  HIREHALL_DISPATCHER: flag(true),
  HIREHALL_DISPATCH_INTERVAL_MS: num().int().min(100).max(600_000).default(2000),
  HIREHALL_STUN_URLS: z.string().default(''),
  HIREHALL_TURN_URLS: z.string().default(''),
  HIREHALL_TURN_SECRET: z.string().optional(),
  HIREHALL_TURN_TTL_SECONDS: num().int().min(60).max(86_400).default(3600),
  HIREHALL_INTERVIEW_REMINDER_MINUTES: num().int().min(1).max(10_080).default(60),
  HIREHALL_CALL_RING_SECONDS: num().int().min(1).max(300).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable the server reads; `.env.example` documents each (config.test.ts checks). */
export const envVariableNames = Object.keys(envSchema.shape) as (keyof Env)[];

/** One line per bad variable, however many of its checks failed. */
function issueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  const byVariable = new Map<string, string[]>();
  for (const issue of issues) {
    const name = issue.path.map(String).join('.');
    const messages = byVariable.get(name) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byVariable.set(name, messages);
  }
  return [...byVariable].map(([name, messages]) => `  ${name}: ${messages.join('; ')}`);
}

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  adminPassword?: string;
  /** Secure cookies: HIREHALL_SECURE_COOKIES, else whether HIREHALL_PUBLIC_URL is https */
  secureCookies: boolean;
  trustProxy: boolean;
  devTools: boolean;
  sms: {
    provider: 'dev' | 'aliyun';
    aliyun?: {
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      noticeTemplateCode?: string;
    };
  };
  idvProvider: 'dev';
  uploadMaxBytes: number;
  /** where uploaded bytes live: files under dataDir, or the `file_blobs` table (shared by processes) */
  storage: 'disk' | 'database';
  sessionDays: number;
  /** failed sign-ins platform-wide in 10 minutes from which every sign-in needs a captcha */
  signInSprayFails: number;
  /** points one contact reveal costs (查看联系方式) and current applications per seeker (应聘名额) */
  hiring: { revealPoints: number; applicationQuota: number; institutionPostingCap: number };
  logLevel: Env['LOG_LEVEL'];
  version: string;
  /** absolute address of the web app, for links in email and WeChat messages */
  publicUrl: string;
  provincialAllowPrivate: boolean;
  mail: {
    transport: 'dev' | 'smtp';
    from: string;
    smtp?: {
      host: string;
      port: number;
      secure: boolean;
      user?: string;
      password?: string;
      rejectUnauthorized: boolean;
    };
  };
  wechat: {
    provider: 'dev' | 'official';
    official?: {
      appId: string;
      appSecret: string;
      templateId: string;
      templateKeys: { title: string; body: string; time: string };
      apiBase: string;
    };
  };
  /** run the outbox dispatcher in this process (several may: they share the work) */
  dispatcher: boolean;
  /** how often the notification dispatcher looks for work besides the nudges */
  dispatchIntervalMs: number;
  /** WebRTC ICE servers for interview calls; TURN credentials per call (coturn REST scheme) */
  ice: { stunUrls: string[]; turnUrls: string[]; turnSecret?: string; turnTtlSeconds: number };
  interviews: { reminderMinutes: number; ringSeconds: number };
}

/** Reads the environment; every bad variable is reported on its own line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = issueLines(parsed.error.issues);
    throw new AppError(
      'VALIDATION_FAILED',
      `环境变量配置有误 / invalid environment:\n${lines.join('\n')}`,
    );
  }
  const e = parsed.data;
  const publicUrl = (e.HIREHALL_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const devTools =
    e.HIREHALL_DEV_TOOLS === undefined
      ? e.NODE_ENV !== 'production'
      : ['1', 'true', 'yes'].includes(e.HIREHALL_DEV_TOOLS);
  if (e.HIREHALL_SMS_PROVIDER === 'aliyun') {
    const missing = (
      [
        'ALIYUN_SMS_ACCESS_KEY_ID',
        'ALIYUN_SMS_ACCESS_KEY_SECRET',
        'ALIYUN_SMS_SIGN_NAME',
        'ALIYUN_SMS_TEMPLATE_CODE',
      ] as const
    ).filter((k) => !e[k]);
    if (missing.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `环境变量配置有误 / invalid environment:\n${missing.map((k) => `  ${k}: required when HIREHALL_SMS_PROVIDER=aliyun`).join('\n')}`,
      );
    }
  }
  requireFor(e, 'HIREHALL_MAIL_TRANSPORT', 'smtp', ['SMTP_HOST']);
  const urlList = (v: string) =>
    v
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
  if (urlList(e.HIREHALL_TURN_URLS).length > 0 && !e.HIREHALL_TURN_SECRET) {
    throw new AppError(
      'VALIDATION_FAILED',
      '环境变量配置有误 / invalid environment:\n  HIREHALL_TURN_SECRET: required when HIREHALL_TURN_URLS is set',
    );
  }
  requireFor(e, 'HIREHALL_WECHAT_PROVIDER', 'official', [
    'WECHAT_APP_ID',
    'WECHAT_APP_SECRET',
    'WECHAT_TEMPLATE_ID',
  ]);
  const [titleKey, bodyKey, timeKey] = e.WECHAT_TEMPLATE_KEYS.split(',') as [
    string,
    string,
    string,
  ];
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.HIREHALL_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.HIREHALL_DEMO,
    adminPassword: e.HIREHALL_ADMIN_PASSWORD,
    secureCookies:
      e.HIREHALL_SECURE_COOKIES === undefined
        ? new URL(publicUrl).protocol === 'https:'
        : ['1', 'true', 'yes'].includes(e.HIREHALL_SECURE_COOKIES),
    trustProxy: e.HIREHALL_TRUST_PROXY,
    devTools,
    sms: {
      provider: e.HIREHALL_SMS_PROVIDER,
      aliyun:
        e.HIREHALL_SMS_PROVIDER === 'aliyun'
          ? {
              accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID!,
              accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET!,
              signName: e.ALIYUN_SMS_SIGN_NAME!,
              templateCode: e.ALIYUN_SMS_TEMPLATE_CODE!,
              noticeTemplateCode: e.ALIYUN_SMS_NOTICE_TEMPLATE_CODE,
            }
          : undefined,
    },
    idvProvider: e.HIREHALL_IDV_PROVIDER,
    uploadMaxBytes: Math.round(e.HIREHALL_UPLOAD_MAX_MB * 1024 * 1024),
    storage: e.HIREHALL_STORAGE,
    sessionDays: e.HIREHALL_SESSION_DAYS,
    signInSprayFails: e.HIREHALL_SIGNIN_SPRAY_FAILS,
    hiring: {
      revealPoints: e.HIREHALL_REVEAL_POINTS,
      applicationQuota: e.HIREHALL_APPLICATION_QUOTA,
      institutionPostingCap: e.HIREHALL_INSTITUTION_POSTING_CAP,
    },
    logLevel: e.LOG_LEVEL,
    version: process.env.npm_package_version ?? '0.1.0',
    publicUrl,
    provincialAllowPrivate: e.HIREHALL_PROVINCIAL_ALLOW_PRIVATE,
    mail: {
      transport: e.HIREHALL_MAIL_TRANSPORT,
      from: e.MAIL_FROM,
      smtp:
        e.HIREHALL_MAIL_TRANSPORT === 'smtp'
          ? {
              host: e.SMTP_HOST!,
              port: e.SMTP_PORT,
              secure: e.SMTP_SECURE,
              user: e.SMTP_USER,
              password: e.SMTP_PASSWORD,
              rejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
            }
          : undefined,
    },
    wechat: {
      provider: e.HIREHALL_WECHAT_PROVIDER,
      official:
        e.HIREHALL_WECHAT_PROVIDER === 'official'
          ? {
              appId: e.WECHAT_APP_ID!,
              appSecret: e.WECHAT_APP_SECRET!,
              templateId: e.WECHAT_TEMPLATE_ID!,
              templateKeys: { title: titleKey, body: bodyKey, time: timeKey },
              apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
            }
          : undefined,
    },
    dispatcher: e.HIREHALL_DISPATCHER,
    dispatchIntervalMs: e.HIREHALL_DISPATCH_INTERVAL_MS,
    ice: {
      stunUrls: urlList(e.HIREHALL_STUN_URLS),
      turnUrls: urlList(e.HIREHALL_TURN_URLS),
      turnSecret: e.HIREHALL_TURN_SECRET,
      turnTtlSeconds: e.HIREHALL_TURN_TTL_SECONDS,
    },
    interviews: {
      reminderMinutes: e.HIREHALL_INTERVIEW_REMINDER_MINUTES,
      ringSeconds: e.HIREHALL_CALL_RING_SECONDS,
    },
  };
}

/** A provider chosen by one variable needs its own variables set. */
function requireFor(e: Env, selector: keyof Env, value: string, keys: (keyof Env)[]) {
  if (e[selector] !== value) return;
  const missing = keys.filter((k) => !e[k]);
  if (missing.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    `环境变量配置有误 / invalid environment:\n${missing.map((k) => `  ${k}: required when ${selector}=${value}`).join('\n')}`,
  );
}
