import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { admissions } from '../organizations/organizations.tables.ts';
import type { AgreementHead } from './agreements.repo.ts';

/**
 * Who sees an agreement. An employer: its own offers. The graduate: offers made to them once
 * sent (never the employer's drafts). A college: accepted agreements of its own graduates.
 * A school: its graduates' agreements once accepted. Anything else answers 404.
 */
export function canSee(actor: Actor, a: AgreementHead): boolean {
  switch (actor.role) {
    case 'employer':
      return a.employerId === actor.organizationId;
    case 'seeker':
      return (
        a.graduateAccountId === actor.accountId && a.status !== 'draft' && a.status !== 'discarded'
      );
    case 'college':
      return (
        a.schoolId === actor.organizationId &&
        a.graduateCollegeId === actor.collegeId &&
        a.reviewStatus !== null
      );
    case 'school':
      return a.schoolId === actor.organizationId && a.reviewStatus !== null;
    default:
      return false;
  }
}

export function assertSees(actor: Actor, a: AgreementHead | null): AgreementHead {
  if (!a || !canSee(actor, a)) throw new AppError('NOT_FOUND');
  return a;
}

export type PartyRole = 'graduate' | 'employer';

/** The party the actor is in this agreement, or 404. */
export function partyOf(actor: Actor, a: AgreementHead | null): PartyRole {
  const seen = assertSees(actor, a);
  if (actor.role === 'employer') return 'employer';
  if (actor.role === 'seeker' && seen.graduateAccountId === actor.accountId) return 'graduate';
  throw new AppError('NOT_FOUND');
}

/** The employer's working school and year (top-bar switch), approved there. */
export async function employerContextOf(
  q: Queryable,
  actor: Actor,
): Promise<{ employerId: string; schoolId: string; graduationYear: number }> {
  const { schoolId, graduationYear } = actor.context ?? {};
  if (!actor.organizationId || actor.role !== 'employer') throw new AppError('FORBIDDEN');
  if (!schoolId || !graduationYear) throw new AppError('SIGNING_CONTEXT_REQUIRED');
  const [admission] = await q
    .select({ status: admissions.status })
    .from(admissions)
    .where(
      and(
        eq(admissions.employerId, actor.organizationId),
        eq(admissions.schoolId, schoolId),
        eq(admissions.graduationYear, graduationYear),
      ),
    );
  if (admission?.status !== 'approved') throw new AppError('NOT_ADMITTED');
  return { employerId: actor.organizationId, schoolId, graduationYear };
}

export function staffSchoolOf(actor: Actor): string {
  if ((actor.role !== 'school' && actor.role !== 'college') || !actor.organizationId) {
    throw new AppError('FORBIDDEN');
  }
  return actor.organizationId;
}
