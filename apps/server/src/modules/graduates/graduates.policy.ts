import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Who sees which graduate records: school staff their school's, college staff their own
 * college's. Records outside the scope answer 404.
 */
export function schoolOf(actor: Actor): string {
  if ((actor.role !== 'school' && actor.role !== 'college') || !actor.organizationId) {
    throw new AppError('FORBIDDEN');
  }
  return actor.organizationId;
}

export function collegeScopeOf(actor: Actor): { schoolId: string; collegeId: string } {
  if (actor.role !== 'college' || !actor.organizationId || !actor.collegeId) {
    throw new AppError('FORBIDDEN');
  }
  return { schoolId: actor.organizationId, collegeId: actor.collegeId };
}
