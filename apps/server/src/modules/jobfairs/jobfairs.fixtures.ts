/** Test helpers for job fairs, shared by the jobfairs, fair page and suspension tests. */
import type { FastifyInstance } from 'fastify';
import type { Signup } from '@hirehall/shared/jobfairs';
import { AppError } from '../../platform/errors.ts';
import type { SignedIn } from '../../../test/fixtures.ts';

/**
 * The school creates an online fair (the fields in `over` replace the defaults) and publishes
 * it, both through the routes; throws unless both succeed. Returns the fair's id.
 */
export async function publishedFair(
  app: FastifyInstance,
  school: SignedIn,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/school/fairs',
    headers: school.headers,
    payload: {
      title: '测试招聘会',
      type: 'online',
      startsAt: '2026-03-20T09:00:00+08:00',
      endsAt: '2026-04-02T22:00:00+08:00',
      city: '上海市',
      district: '嘉定区',
      address: '线上',
      introduction: '介绍',
      invitation: '诚邀',
      ...over,
    },
  });
  if (created.statusCode !== 201) throw new AppError('INTERNAL', `create failed: ${created.body}`);
  const id = created.json().id as string;
  const published = await app.inject({
    method: 'POST',
    url: `/api/school/fairs/${id}/publish`,
    headers: school.headers,
  });
  if (published.statusCode !== 200) {
    throw new AppError('INTERNAL', `publishing failed: ${published.body}`);
  }
  return id;
}

/**
 * The employer signs up for a published fair and the fair's school approves the sign-up, both
 * through the routes; throws unless both succeed. Returns the approved sign-up.
 */
export async function signUpApproved(
  app: FastifyInstance,
  fairId: string,
  by: { employer: SignedIn; school: SignedIn },
): Promise<Signup> {
  const signup = await app.inject({
    method: 'POST',
    url: `/api/employer/fairs/${fairId}/signup`,
    headers: by.employer.headers,
  });
  if (signup.statusCode !== 201) throw new AppError('INTERNAL', `sign-up failed: ${signup.body}`);
  const approved = await app.inject({
    method: 'POST',
    url: `/api/school/fair-signups/${signup.json().id}/approve`,
    headers: by.school.headers,
  });
  if (approved.statusCode !== 200) {
    throw new AppError('INTERNAL', `approval failed: ${approved.body}`);
  }
  return approved.json() as Signup;
}
