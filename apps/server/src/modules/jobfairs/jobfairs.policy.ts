import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { isAdmitted } from '../organizations/admissions.ts';

export const fairStaffRoles = ['school'] as const;

/** School staff manage only their own school's fairs; anything else is "not found". */
export async function assertSchoolOwnsFair(q: Queryable, actor: Actor, fairId: string) {
  const [row] = await queryRows<{ status: string }>(
    q,
    sql`select status from job_fairs where id = ${fairId} and school_id = ${actor.organizationId}
      for update`,
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row.status;
}

/** A sign-up is reviewed only by staff of the school that hosts its fair. */
export async function assertSchoolOwnsSignup(q: Queryable, actor: Actor, signupId: string) {
  const [row] = await queryRows<{ status: string; fair_id: string; employer_id: string }>(
    q,
    sql`select s.status, s.fair_id, s.employer_id from fair_signups s
      join job_fairs f on f.id = s.fair_id
      where s.id = ${signupId} and f.school_id = ${actor.organizationId} for update of s`,
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Employers may sign up only at schools that admitted them (入驻 approved, any graduation year). */
export async function assertAdmittedAtSchool(q: Queryable, employerId: string, schoolId: string) {
  if (!(await isAdmitted(q, employerId, schoolId))) throw new AppError('NOT_ADMITTED');
}
