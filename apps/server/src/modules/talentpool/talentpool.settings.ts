import { z } from 'zod';
import { DEFAULT_APPLICATION_QUOTA } from '@hirehall/shared/applications';
import { AppError } from '../../platform/errors.ts';

const schema = z.object({
  /** points one contact reveal costs (查看联系方式) */
  HIREHALL_REVEAL_POINTS: z.coerce.number().int().min(0).max(100_000).default(10),
  /** current applications per seeker (应聘名额) */
  HIREHALL_APPLICATION_QUOTA: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_APPLICATION_QUOTA),
});

export interface HiringSettings {
  revealPoints: number;
  applicationQuota: number;
}

/** Per-deployment settings of the talent pool and applications, read from the environment. */
export function readHiringSettings(env: NodeJS.ProcessEnv = process.env): HiringSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new AppError(
      'VALIDATION_FAILED',
      `环境变量配置有误 / invalid environment:\n${lines.join('\n')}`,
    );
  }
  return {
    revealPoints: parsed.data.HIREHALL_REVEAL_POINTS,
    applicationQuota: parsed.data.HIREHALL_APPLICATION_QUOTA,
  };
}
