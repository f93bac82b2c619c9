/** Test helpers for job fairs, shared by the jobfairs, fair page and suspension tests. */
import type { FastifyInstance } from 'fastify';
import type { Signup } from '@hirehall/shared/jobfairs';
import { AppError } from '../../platform/errors.ts';
import type { SignedIn } from '../../../test/fixtures.ts';

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
