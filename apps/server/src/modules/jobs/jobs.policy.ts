import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import type { JobRow } from './jobs.repo.ts';

/** Roles that own postings: companies (employer) and certification institutions. */
export const postingRoles = ['employer', 'institution'] as const;
/** Roles that work the review queue of doubtful postings. */
export const reviewerRoles = ['school', 'admin'] as const;

/**
 * A suspended organization (admin module: `organizations.status = 'suspended'`) may not put
 * postings in front of seekers: publish, resume, fair sign-up and fair postings are refused.
 * Locks the organization row, which also serializes concurrent publishes of one organization.
 */
export async function assertOrganizationActive(q: Queryable, organizationId: string) {
  const [org] = await queryRows<{ status: string }>(
    q,
    sql`select status from organizations where id = ${organizationId} for update`,
  );
  if (!org) throw new AppError('NOT_FOUND');
  if (org.status !== 'active') throw new AppError('ORGANIZATION_SUSPENDED');
}

/** SQL condition (alias j): the posting's organization is not suspended. */
export const organizationActiveSql = sql`not exists (select 1 from organizations so
  where so.id = j.organization_id and so.status <> 'active')`;

/** A posting of another organization (or a deleted one) does not exist for this actor. */
export function assertOwnsJob(actor: Actor, job: JobRow | undefined): asserts job is JobRow {
  if (!job || !actor.organizationId || job.organizationId !== actor.organizationId) {
    throw new AppError('NOT_FOUND');
  }
}

/**
 * The admin reviews every posting; school staff review postings of employers admitted
 * (approved) at their school.
 */
export async function assertMayReviewJob(q: Queryable, actor: Actor, job: JobRow | undefined) {
  if (!job) throw new AppError('NOT_FOUND');
  if (actor.role === 'admin') return;
  if (actor.role === 'school' && actor.organizationId) {
    const [row] = await queryRows<{ ok: number }>(
      q,
      sql`select 1 as ok from admissions where employer_id = ${job.organizationId}
        and school_id = ${actor.organizationId} and status = 'approved' limit 1`,
    );
    if (row) return;
  }
  throw new AppError('NOT_FOUND');
}

/** SQL condition restricting a review queue (alias j) to what the actor may review. */
export function reviewScope(actor: Actor) {
  if (actor.role === 'admin') return sql`true`;
  return sql`exists (select 1 from admissions a where a.employer_id = j.organization_id
    and a.school_id = ${actor.organizationId} and a.status = 'approved')`;
}
