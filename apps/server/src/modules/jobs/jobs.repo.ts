import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  formatSalary,
  type JobSearchQuery,
  type JobSummary,
  type OwnJob,
} from '@hirehall/shared/jobs';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { jobPostings } from './jobs.tables.ts';
import { searchConditions, searchOrder } from './jobs.search.ts';

export type JobRow = typeof jobPostings.$inferSelect;

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

export function toOwnJob(row: JobRow, favoriteCount = 0): OwnJob {
  return {
    id: row.id,
    organizationId: row.organizationId,
    status: row.status,
    version: row.version,
    title: row.title,
    occupation: row.occupation,
    description: row.description,
    skills: row.skills,
    salaryMin: row.salaryMin,
    salaryMax: row.salaryMax,
    salaryText: formatSalary(row.salaryMin, row.salaryMax),
    education: row.education as OwnJob['education'],
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    employmentType: row.employmentType as OwnJob['employmentType'],
    district: row.district,
    region: row.region,
    headcount: row.headcount,
    probationMonths: row.probationMonths,
    probationSalary: row.probationSalary,
    certificationDomain: row.certificationDomain,
    positionType: row.positionType,
    positionLevel: row.positionLevel,
    complianceFlags: row.complianceFlags,
    reviewReason: row.reviewReason,
    favoriteCount,
    publishedAt: iso(row.publishedAt),
    updatedAt: iso(row.updatedAt)!,
    createdAt: iso(row.createdAt)!,
  };
}

/** Raw snake_case row of `job_postings j join organizations o`. */
export interface SummaryRow {
  id: string;
  title: string;
  occupation: string;
  organization_id: string;
  organization_name: string;
  salary_min: number | null;
  salary_max: number | null;
  education: string | null;
  age_min: number | null;
  age_max: number | null;
  headcount: number | null;
  district: string | null;
  region: string | null;
  position_type: string | null;
  published_at: Date | string | null;
}

export const summaryColumns = sql`j.id, j.title, j.occupation, j.organization_id,
  coalesce(o.short_name, o.name) as organization_name, j.salary_min, j.salary_max, j.education,
  j.age_min, j.age_max, j.headcount, j.district, j.region, j.position_type, j.published_at`;

export function toSummary(r: SummaryRow): JobSummary {
  return {
    id: r.id,
    title: r.title,
    occupation: r.occupation,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    salaryMin: r.salary_min,
    salaryMax: r.salary_max,
    salaryText: formatSalary(r.salary_min, r.salary_max),
    education: r.education as JobSummary['education'],
    ageMin: r.age_min,
    ageMax: r.age_max,
    headcount: r.headcount,
    district: r.district,
    region: r.region,
    positionType: r.position_type,
    publishedAt: iso(r.published_at),
  };
}

/** The SQL of one search page, one row more than the page to tell whether more follow. */
export function searchPageSql(query: JobSearchQuery) {
  const where = sql.join(searchConditions(query), sql` and `);
  return sql`select ${summaryColumns} from job_postings j
    join organizations o on o.id = j.organization_id
    where ${where} order by ${searchOrder(query.sort)}
    limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`;
}

/** Live postings looked at first: the newest (or best-paid) this many, in index order. */
export const SEARCH_WINDOW = 20_000;

/**
 * The same page taken from the first SEARCH_WINDOW live postings in sort order. Matches inside
 * that window are a prefix of all matches, so a full page found there is the exact answer.
 */
export function searchWindowSql(query: JobSearchQuery) {
  const where = sql.join(searchConditions(query), sql` and `);
  return sql`select ${summaryColumns} from (select * from job_postings j
      where j.status = 'published' and j.deleted_at is null
      order by ${searchOrder(query.sort)} limit ${SEARCH_WINDOW}) j
    join organizations o on o.id = j.organization_id
    where ${where} order by ${searchOrder(query.sort)}
    limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`;
}

/**
 * Common terms: the planner, misled by correlated bigrams, would fetch every candidate through
 * the GIN bitmap and sort them; walking the newest postings finds a page in a few hundred rows.
 * Rare terms (or no full page in the window): the GIN query, whose candidates are few.
 */
export async function searchJobs(q: Queryable, query: JobSearchQuery) {
  const narrowed = Boolean(
    query.q ||
    query.education ||
    query.employmentType ||
    query.district ||
    query.region ||
    query.positionType ||
    query.organizationId ||
    query.age != null ||
    query.salaryMin != null ||
    query.salaryMax != null,
  );
  let rows: SummaryRow[] = [];
  if (narrowed && query.page * query.pageSize < 2000) {
    rows = await queryRows<SummaryRow>(q, searchWindowSql(query));
  }
  if (rows.length <= query.pageSize) rows = await queryRows<SummaryRow>(q, searchPageSql(query));
  return {
    items: rows.slice(0, query.pageSize).map(toSummary),
    hasMore: rows.length > query.pageSize,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function findJob(q: Queryable, id: string, options: { forUpdate?: boolean } = {}) {
  const base = q
    .select()
    .from(jobPostings)
    .where(and(eq(jobPostings.id, id), isNull(jobPostings.deletedAt)));
  const [row] = options.forUpdate ? await base.for('update') : await base;
  return row;
}

export async function findLiveJobSummary(q: Queryable, id: string) {
  const [row] = await queryRows<
    SummaryRow & {
      description: string;
      skills: string;
      employment_type: string | null;
      probation_months: number | null;
      probation_salary: number | null;
      certification_domain: string | null;
      position_level: string | null;
    }
  >(
    q,
    sql`select ${summaryColumns}, j.description, j.skills, j.employment_type, j.probation_months,
      j.probation_salary, j.certification_domain, j.position_level
      from job_postings j join organizations o on o.id = j.organization_id
      where j.id = ${id} and j.status = 'published' and j.deleted_at is null
        and o.status = 'active'`,
  );
  return row;
}

export async function listOrganizationJobs(q: Queryable, organizationId: string) {
  const rows = await queryRows<{ id: string; favorites: number }>(
    q,
    sql`select j.id, (select count(*)::int from job_favorites f where f.job_id = j.id) as favorites
      from job_postings j where j.organization_id = ${organizationId} and j.deleted_at is null`,
  );
  const counts = new Map(rows.map((r) => [r.id, r.favorites]));
  const jobs = await q
    .select()
    .from(jobPostings)
    .where(and(eq(jobPostings.organizationId, organizationId), isNull(jobPostings.deletedAt)))
    .orderBy(sql`${jobPostings.updatedAt} desc`);
  return jobs.map((j) => toOwnJob(j, counts.get(j.id) ?? 0));
}

export async function countActiveJobs(q: Queryable, organizationId: string, exceptId: string) {
  const [row] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from job_postings where organization_id = ${organizationId}
      and status in ('in_review', 'published', 'paused') and deleted_at is null and id <> ${exceptId}`,
  );
  return row?.n ?? 0;
}
