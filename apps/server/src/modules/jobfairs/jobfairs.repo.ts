import { sql, type SQL } from 'drizzle-orm';
import type { Fair, FairEmployer, Signup } from '@hirehall/shared/jobfairs';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { likePattern } from '../jobs/jobs.search.ts';
import { summaryColumns, toSummary, type SummaryRow } from '../jobs/jobs.repo.ts';

interface FairRow {
  id: string;
  school_id: string;
  school_name: string;
  title: string;
  type: 'online' | 'offline';
  starts_at: Date | string;
  ends_at: Date | string;
  city: string;
  district: string | null;
  address: string;
  introduction: string;
  invitation: string;
  status: Fair['status'];
  views: number;
  employer_count: number;
  job_count: number;
}

/** An approved sign-up (alias s) whose employer is not suspended. */
const activeSignup = sql`s.status = 'approved' and not exists (select 1 from organizations so
  where so.id = s.employer_id and so.status <> 'active')`;

/** A fair's visible jobs: chosen by an approved, not suspended employer, and live. */
const visibleFairJobs = sql`fair_jobs fj
  join fair_signups s on s.fair_id = fj.fair_id and s.employer_id = fj.employer_id
    and ${activeSignup}
  join job_postings j on j.id = fj.job_id and j.status = 'published' and j.deleted_at is null`;

const fairSelect = sql`select f.id, f.school_id, o.name as school_name, f.title, f.type,
  f.starts_at, f.ends_at, f.city, f.district, f.address, f.introduction, f.invitation, f.status,
  f.views,
  (select count(*)::int from fair_signups s where s.fair_id = f.id and ${activeSignup})
    as employer_count,
  (select count(*)::int from ${visibleFairJobs} where fj.fair_id = f.id) as job_count
  from job_fairs f join organizations o on o.id = f.school_id`;

const toFair = (r: FairRow): Fair => ({
  id: r.id,
  schoolId: r.school_id,
  schoolName: r.school_name,
  title: r.title,
  type: r.type,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  city: r.city,
  district: r.district,
  address: r.address,
  introduction: r.introduction,
  invitation: r.invitation,
  status: r.status,
  views: r.views,
  employerCount: r.employer_count,
  jobCount: r.job_count,
});

export async function listFairs(q: Queryable, where: SQL) {
  const rows = await queryRows<FairRow>(
    q,
    sql`${fairSelect} where ${where} order by f.starts_at desc limit 200`,
  );
  return rows.map(toFair);
}

export async function findFair(q: Queryable, id: string) {
  const [row] = await queryRows<FairRow>(q, sql`${fairSelect} where f.id = ${id}`);
  return row ? toFair(row) : undefined;
}

/** What anyone may browse: published fairs and finished ones (the API and the pages). */
export const listPublicFairs = (q: Queryable) =>
  listFairs(q, sql`f.status in ('published', 'closed')`);

/** A fair anyone may open; a draft is as missing as an unknown id. */
export async function findPublicFair(q: Queryable, id: string) {
  const fair = await findFair(q, id);
  return fair && fair.status !== 'draft' ? fair : undefined;
}

/** Employer cards of the public fair page; `q` matches employer name or position title. */
export async function listFairEmployers(
  q: Queryable,
  fairId: string,
  search?: string,
): Promise<FairEmployer[]> {
  const pattern = search ? likePattern(search) : null;
  const match = pattern
    ? sql`and (o.name ilike ${pattern} or coalesce(o.short_name, '') ilike ${pattern}
        or j.title ilike ${pattern} or j.occupation ilike ${pattern})`
    : sql``;
  const rows = await queryRows<SummaryRow & { full_name: string; short_name: string | null }>(
    q,
    sql`select ${summaryColumns}, o.name as full_name, o.short_name
      from ${visibleFairJobs} join organizations o on o.id = j.organization_id
      where fj.fair_id = ${fairId} ${match}
      order by s.reviewed_at nulls last, o.name, j.published_at, j.id`,
  );
  const byOrg = new Map<string, FairEmployer>();
  for (const r of rows) {
    let card = byOrg.get(r.organization_id);
    if (!card) {
      card = {
        organizationId: r.organization_id,
        name: r.full_name,
        shortName: r.short_name,
        jobs: [],
      };
      byOrg.set(r.organization_id, card);
    }
    card.jobs.push(toSummary(r));
  }
  return [...byOrg.values()];
}

interface SignupRow {
  id: string;
  fair_id: string;
  fair_title: string;
  employer_id: string;
  employer_name: string;
  status: Signup['status'];
  note: string | null;
  reason: string | null;
  created_at: Date | string;
  reviewed_at: Date | string | null;
  job_ids: string[] | null;
}

export async function listSignups(q: Queryable, where: SQL): Promise<Signup[]> {
  const rows = await queryRows<SignupRow>(
    q,
    sql`select s.id, s.fair_id, f.title as fair_title, s.employer_id, o.name as employer_name,
        s.status, s.note, s.reason, s.created_at, s.reviewed_at,
        array(select fj.job_id::text from fair_jobs fj where fj.fair_id = s.fair_id
          and fj.employer_id = s.employer_id) as job_ids
      from fair_signups s join job_fairs f on f.id = s.fair_id
      join organizations o on o.id = s.employer_id
      where ${where} order by s.created_at`,
  );
  return rows.map((r) => ({
    id: r.id,
    fairId: r.fair_id,
    fairTitle: r.fair_title,
    employerId: r.employer_id,
    employerName: r.employer_name,
    status: r.status,
    note: r.note,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    jobIds: r.job_ids ?? [],
  }));
}
