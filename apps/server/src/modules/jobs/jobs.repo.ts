import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  WHOLE_CITY,
  formatSalary,
  type JobSearchQuery,
  type JobSummary,
  type OwnJob,
} from '@hirehall/shared/jobs';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { jobPostings } from './jobs.tables.ts';
import { dayNumber, searchConditions, searchOrder, windowTokens } from './jobs.search.ts';

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

/**
 * Step 1: the newest this many live postings, walked in index order; fewer when filters make
 * a dense match unlikely (a walk that finds no page is wasted).
 */
export const WALK_WINDOW = 2_000;
export const FILTERED_WALK_WINDOW = 400;

/**
 * The same page taken from the first WALK_WINDOW live postings in sort order. Matches inside
 * that window are a prefix of all matches, so a full page found there is the exact answer.
 */
export function searchWindowSql(query: JobSearchQuery, size = WALK_WINDOW) {
  const where = sql.join(searchConditions(query), sql` and `);
  return sql`select ${summaryColumns} from (select * from job_postings j
      where j.status = 'published' and j.deleted_at is null
      order by ${searchOrder(query.sort)} limit ${size}) j
    join organizations o on o.id = j.organization_id
    where ${where} order by ${searchOrder(query.sort)}
    limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`;
}

/**
 * Step 2 (newest first only): the GIN query restricted, inside the same index scan, to the
 * postings published since `fromDay` (windowTokens). That set is a prefix of the newest-first
 * order, so a full page found there is exact; the heap is only touched for matches in the
 * window. `offset 0` keeps the planner from walking the published_at index instead.
 */
export function searchSinceSql(query: JobSearchQuery, fromDay: number, untilDay: number) {
  const where = sql.join(searchConditions(query, windowTokens(fromDay, untilDay)), sql` and `);
  return sql`select * from (select ${summaryColumns}
      from job_postings j join organizations o on o.id = j.organization_id
      where ${where} offset 0) j
    order by j.published_at desc nulls last, j.id desc nulls last
    limit ${query.pageSize + 1} offset ${(query.page - 1) * query.pageSize}`;
}

/**
 * Step 2 window: the days of about the newest 30,000 live postings. A wider window reads long
 * day lists for little gain: when 30,000 hold no page, matches are rare (< 0.07 %) and the
 * plain GIN query fetches at most a few hundred rows at 1M postings.
 */
export const DAY_WINDOWS = [30_000];
const CUTOFF_TTL_MS = 5 * 60_000;

interface Cutoffs {
  at: number;
  /** UTC day of the Nth newest live posting per DAY_WINDOWS entry; null when fewer exist */
  days: (number | null)[];
  newestDay: number | null;
}
const cutoffCache = new WeakMap<object, Cutoffs>();
const refreshing = new WeakSet<object>();

async function loadCutoffs(q: Queryable): Promise<Cutoffs> {
  const nth = async (n: number) => {
    const [row] = await queryRows<{ published_at: Date | string | null }>(
      q,
      sql`select published_at from job_postings where status = 'published'
        and deleted_at is null order by published_at desc nulls last, id desc nulls last
        offset ${n - 1} limit 1`,
    );
    return row?.published_at ? dayNumber(row.published_at) : null;
  };
  const days: (number | null)[] = [];
  for (const n of DAY_WINDOWS) days.push(await nth(n));
  return { at: Date.now(), days, newestDay: await nth(1) };
}

/**
 * Window days are cached per database and refreshed in the background every few minutes:
 * a stale day only changes how much a window holds, never the answer.
 */
function cachedCutoffs(q: Queryable): Cutoffs | undefined {
  const key = q as object;
  const cached = cutoffCache.get(key);
  if ((!cached || Date.now() - cached.at > CUTOFF_TTL_MS) && !refreshing.has(key)) {
    refreshing.add(key);
    loadCutoffs(q)
      .then((c) => cutoffCache.set(key, c))
      .catch(() => undefined)
      .finally(() => refreshing.delete(key));
  }
  return cached;
}

/** Loads the window days now (server start, benchmarks) instead of on the first search. */
export async function warmSearchWindows(q: Queryable) {
  cutoffCache.set(q as object, await loadCutoffs(q));
}

export interface SearchPlan {
  /** override the cached window days (tests) */
  windowDays?: number[];
  /** false: skip step 1 (tests of step 2) */
  walk?: boolean;
}

/**
 * Exact first pages without scanning every candidate:
 * 1. common terms: walk the newest WALK_WINDOW postings in index order (stops at a full page);
 * 2. rarer terms or filter combinations: one GIN scan limited to recent publication days
 *    (≈30k newest postings);
 * 3. otherwise the plain GIN query, whose candidates are then few.
 * Every step is exact for what it covers and only answers when it holds the full page.
 */
export async function searchJobs(q: Queryable, query: JobSearchQuery, plan: SearchPlan = {}) {
  const filterLexemes = Boolean(
    query.education ||
    query.employmentType ||
    (query.district && query.district !== WHOLE_CITY) ||
    query.region ||
    query.positionType,
  );
  const lexemes = Boolean(query.q?.trim()) || filterLexemes;
  const narrowed =
    lexemes ||
    Boolean(query.organizationId) ||
    query.age != null ||
    query.salaryMin != null ||
    query.salaryMax != null;
  const reach = query.page * query.pageSize;
  const small = reach < WALK_WINDOW;
  let rows: SummaryRow[] = [];
  const walk = filterLexemes ? FILTERED_WALK_WINDOW : WALK_WINDOW;
  if (narrowed && reach < walk && plan.walk !== false) {
    rows = await queryRows<SummaryRow>(q, searchWindowSql(query, walk));
  }
  if (rows.length <= query.pageSize && lexemes && small && query.sort !== 'salary') {
    const cutoffs = plan.windowDays ? { days: plan.windowDays, newestDay: null } : cachedCutoffs(q);
    const untilDay = Math.max(cutoffs?.newestDay ?? 0, dayNumber(new Date())) + 1;
    for (const fromDay of cutoffs?.days ?? []) {
      if (fromDay == null) break;
      rows = await queryRows<SummaryRow>(q, searchSinceSql(query, fromDay, untilDay));
      if (rows.length > query.pageSize) break;
    }
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
