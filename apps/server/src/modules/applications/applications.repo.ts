import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import {
  currentApplicationStatuses,
  type EmployerApplicationsQuery,
} from '@hirehall/shared/applications';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { fairJobs, jobFairs } from '../jobfairs/jobfairs.tables.ts';
import { files } from '../../platform/storage/files.tables.ts';
import { resumeAttachments } from '../resumes/resumes.tables.ts';
import { applications } from './applications.tables.ts';

/** Serializes every apply and withdraw of one seeker until the transaction ends. */
export async function lockSeeker(q: Queryable, seekerAccountId: string) {
  const rows = await queryRows<{ id: string }>(
    q,
    sql`select id from accounts where id = ${seekerAccountId} for update`,
  );
  return rows.length === 1;
}

export async function countCurrentApplications(q: Queryable, seekerAccountId: string) {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(
      and(
        eq(applications.seekerAccountId, seekerAccountId),
        inArray(applications.status, currentApplicationStatuses),
      ),
    );
  return row?.n ?? 0;
}

export async function findJobForApplying(q: Queryable, jobId: string) {
  const [row] = await q
    .select({
      id: jobPostings.id,
      organizationId: jobPostings.organizationId,
      status: jobPostings.status,
      title: jobPostings.title,
    })
    .from(jobPostings)
    .where(and(eq(jobPostings.id, jobId), isNull(jobPostings.deletedAt)));
  return row ?? null;
}

export async function isJobAtFair(q: Queryable, jobId: string, fairId: string) {
  const [row] = await q
    .select({ jobId: fairJobs.jobId })
    .from(fairJobs)
    .innerJoin(jobFairs, eq(jobFairs.id, fairJobs.fairId))
    .where(
      and(eq(fairJobs.fairId, fairId), eq(fairJobs.jobId, jobId), ne(jobFairs.status, 'draft')),
    );
  return Boolean(row);
}

export async function hasCurrentApplication(q: Queryable, seekerAccountId: string, jobId: string) {
  const [row] = await q
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.seekerAccountId, seekerAccountId),
        eq(applications.jobId, jobId),
        ne(applications.status, 'withdrawn'),
      ),
    );
  return Boolean(row);
}

/** The seeker's current applications and whether one of them is for `jobId` — one query. */
export async function seekerStanding(q: Queryable, seekerAccountId: string, jobId: string) {
  const [row] = await queryRows<{ used: number; applied: boolean }>(
    q,
    sql`select count(*) filter (where status in (${currentList()}))::int as used,
               coalesce(bool_or(job_id = ${jobId}), false) as applied
        from applications
        where seeker_account_id = ${seekerAccountId} and status <> 'withdrawn'`,
  );
  return { used: row?.used ?? 0, alreadyApplied: row?.applied ?? false };
}

function currentList() {
  return sql.join(
    currentApplicationStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
}

/**
 * Inserts the application only while the seeker has fewer than `limit` current ones and no
 * current one for the posting — one statement, run right after `lockSeeker` so its snapshot
 * sees every application committed before the lock was granted. Returns the new id and the
 * number of current applications including it; null when refused.
 */
export async function insertWithinQuota(
  q: Queryable,
  v: {
    seekerAccountId: string;
    jobId: string;
    organizationId: string;
    fairId: string | null;
    attachmentId: string | null;
    resumeSnapshot: Record<string, unknown>;
  },
  limit: number,
): Promise<{ id: string; used: number } | null> {
  const rows = await queryRows<{ id: string; used: number }>(
    q,
    sql`with cur as (
          select count(*)::int as n from applications
          where seeker_account_id = ${v.seekerAccountId} and status in (${currentList()}))
        insert into applications
          (seeker_account_id, job_id, organization_id, fair_id, attachment_id, resume_snapshot)
        select ${v.seekerAccountId}, ${v.jobId}, ${v.organizationId}, ${v.fairId},
               ${v.attachmentId}, ${JSON.stringify(v.resumeSnapshot)}::jsonb
        from cur where cur.n < ${limit}
        on conflict (seeker_account_id, job_id) where status <> 'withdrawn' do nothing
        returning id, (select n from cur) + 1 as used`,
  );
  return rows[0] ?? null;
}

export async function findApplication(q: Queryable, id: string) {
  const [row] = await q.select().from(applications).where(eq(applications.id, id));
  return row ?? null;
}

/* ---------- seeker lists ---------- */
const mineColumns = {
  id: applications.id,
  jobId: applications.jobId,
  jobTitle: jobPostings.title,
  jobStatus: jobPostings.status,
  organizationName: organizations.name,
  salaryMin: jobPostings.salaryMin,
  salaryMax: jobPostings.salaryMax,
  fairId: applications.fairId,
  fairTitle: jobFairs.title,
  status: applications.status,
  attachmentName: files.fileName,
  createdAt: applications.createdAt,
  withdrawnAt: applications.withdrawnAt,
};

export async function findMyApplications(
  q: Queryable,
  seekerAccountId: string,
  scope: 'current' | 'history' | 'one',
  id?: string,
) {
  const where: SQL[] = [eq(applications.seekerAccountId, seekerAccountId)];
  if (scope === 'current') where.push(inArray(applications.status, currentApplicationStatuses));
  if (scope === 'history') where.push(eq(applications.status, 'withdrawn'));
  if (scope === 'one' && id) where.push(eq(applications.id, id));
  return q
    .select(mineColumns)
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(jobFairs, eq(jobFairs.id, applications.fairId))
    .leftJoin(resumeAttachments, eq(resumeAttachments.id, applications.attachmentId))
    .leftJoin(files, eq(files.id, resumeAttachments.fileId))
    .where(and(...where))
    .orderBy(desc(scope === 'history' ? applications.withdrawnAt : applications.createdAt))
    .limit(200);
}

/* ---------- employer lists ---------- */
export async function countByPosting(q: Queryable, organizationId: string, fairId?: string) {
  const fairFilter = fairId ? sql`and a.fair_id = ${fairId}` : sql``;
  return queryRows<{
    job_id: string;
    job_title: string;
    job_status: string;
    region: string | null;
    total: number;
    unread: number;
    qualified: number;
    eliminated: number;
    undecided: number;
  }>(
    q,
    sql`select j.id as job_id, j.title as job_title, j.status as job_status,
               coalesce(j.district, j.region) as region,
               count(a.id)::int as total,
               count(a.id) filter (where a.status = 'submitted')::int as unread,
               count(a.id) filter (where a.mark = 'qualified')::int as qualified,
               count(a.id) filter (where a.mark = 'eliminated')::int as eliminated,
               count(a.id) filter (where a.mark = 'undecided')::int as undecided
        from job_postings j
        left join applications a on a.job_id = j.id and a.status <> 'withdrawn' ${fairFilter}
        where j.organization_id = ${organizationId} and j.deleted_at is null
          and j.status not in ('draft')
        group by j.id
        order by max(a.created_at) desc nulls last, j.created_at desc`,
  );
}

/** Fairs the organization's signup was approved at, and fairs it has applications from. */
export async function findApplicationFairs(q: Queryable, organizationId: string) {
  return queryRows<{ id: string; title: string; starts_at: Date | string }>(
    q,
    sql`select f.id, f.title, f.starts_at
        from job_fairs f
        where f.status <> 'draft'
          and (exists (select 1 from fair_signups s
                       where s.fair_id = f.id and s.employer_id = ${organizationId}
                         and s.status = 'approved')
               or exists (select 1 from applications a
                          where a.fair_id = f.id and a.organization_id = ${organizationId}))
        order by f.starts_at desc
        limit 200`,
  );
}

const candidateColumns = {
  id: applications.id,
  jobId: applications.jobId,
  jobTitle: jobPostings.title,
  fairId: applications.fairId,
  fairTitle: jobFairs.title,
  seekerAccountId: applications.seekerAccountId,
  status: applications.status,
  mark: applications.mark,
  attachmentId: applications.attachmentId,
  resumeSnapshot: applications.resumeSnapshot,
  consentAt: applications.consentAt,
  createdAt: applications.createdAt,
};

function employerFilter(organizationId: string, query: Partial<EmployerApplicationsQuery>) {
  const where: SQL[] = [
    eq(applications.organizationId, organizationId),
    ne(applications.status, 'withdrawn'),
  ];
  if (query.jobId) where.push(eq(applications.jobId, query.jobId));
  if (query.fairId) where.push(eq(applications.fairId, query.fairId));
  if (query.status) where.push(eq(applications.status, query.status));
  if (query.mark === 'none') where.push(isNull(applications.mark));
  else if (query.mark) where.push(eq(applications.mark, query.mark));
  return and(...where)!;
}

export async function findCandidates(
  q: Queryable,
  organizationId: string,
  query: EmployerApplicationsQuery,
) {
  const where = employerFilter(organizationId, query);
  const [count] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .where(where);
  const rows = await q
    .select(candidateColumns)
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobId))
    .leftJoin(jobFairs, eq(jobFairs.id, applications.fairId))
    .where(where)
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { rows, total: count?.n ?? 0 };
}

export async function findCandidate(q: Queryable, organizationId: string, id: string) {
  const [row] = await q
    .select(candidateColumns)
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobId))
    .leftJoin(jobFairs, eq(jobFairs.id, applications.fairId))
    .where(and(eq(applications.id, id), employerFilter(organizationId, {})));
  return row ?? null;
}
export type CandidateRow = NonNullable<Awaited<ReturnType<typeof findCandidate>>>;
