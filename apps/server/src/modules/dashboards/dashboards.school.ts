import { sql } from 'drizzle-orm';
import type { SchoolDashboard } from '@hirehall/shared/dashboards';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { countOf, countsBy, latestSystemMessages } from './dashboards.repo.ts';

/** The graduation year a school works on by default: this year's class until September. */
export function currentGraduationYear(now = new Date()) {
  return now.getMonth() >= 8 ? now.getFullYear() + 1 : now.getFullYear();
}

/**
 * 首页 of school staff (and college staff, narrowed to their college where the data has
 * one): only the actor's own school, never another's.
 */
export async function schoolDashboard(
  q: Queryable,
  actor: Actor,
  year = currentGraduationYear(),
): Promise<SchoolDashboard> {
  const school = actor.organizationId;
  if (!school) throw new AppError('NOT_FOUND');
  const college = actor.role === 'college' ? actor.collegeId : null;
  const collegeFilter = college ? sql`and g.college_id = ${college}` : sql``;
  const [info] = await queryRows<{ name: string }>(
    q,
    sql`select name from organizations where id = ${school} and kind = 'school'`,
  );
  if (!info) throw new AppError('NOT_FOUND');
  const fairs = await queryRows<{
    id: string;
    title: string;
    status: string;
    starts_at: Date | string;
    views: number;
    employers: number;
    pending: number;
    jobs: number;
  }>(
    q,
    sql`select f.id, f.title, f.status, f.starts_at, f.views,
          (select count(*)::int from fair_signups s where s.fair_id = f.id and s.status = 'approved') as employers,
          (select count(*)::int from fair_signups s where s.fair_id = f.id and s.status = 'pending') as pending,
          (select count(*)::int from fair_jobs j where j.fair_id = f.id) as jobs
        from job_fairs f where f.school_id = ${school}
        order by f.starts_at desc limit 10`,
  );
  const byCollege = await queryRows<{
    college_id: string | null;
    college_name: string | null;
    graduates: number;
    signed: number;
  }>(
    q,
    sql`select g.college_id, c.name as college_name, count(*)::int as graduates,
          count(*) filter (where exists (select 1 from agreements a where a.graduate_record_id = g.id
            and a.status = 'accepted' and a.review_status = 'approved'))::int as signed
        from graduate_records g left join colleges c on c.id = g.college_id
        where g.school_id = ${school} and g.graduation_year = ${year} and g.status = 'approved' ${collegeFilter}
        group by g.college_id, c.name order by c.name nulls last`,
  );
  return {
    schoolName: info.name,
    graduationYear: year,
    fairs: fairs.map((f) => ({
      id: f.id,
      title: f.title,
      status: f.status,
      startsAt: new Date(f.starts_at).toISOString(),
      employers: Number(f.employers),
      pendingSignups: Number(f.pending),
      jobs: Number(f.jobs),
      views: Number(f.views),
    })),
    admissionsPending: await countOf(
      q,
      sql`select count(*)::int as n from admissions where school_id = ${school} and status = 'pending'`,
    ),
    graduatesByState: await countsBy(
      q,
      sql`select g.status as key, count(*)::int as n from graduate_records g
          where g.school_id = ${school} and g.graduation_year = ${year} ${collegeFilter} group by g.status`,
    ),
    signingByCollege: byCollege.map((r) => ({
      collegeId: r.college_id,
      collegeName: r.college_name ?? '未分配学院',
      graduates: Number(r.graduates),
      signed: Number(r.signed),
      rate: Number(r.graduates)
        ? Math.round((Number(r.signed) / Number(r.graduates)) * 1000) / 1000
        : 0,
    })),
    systemMessages: await latestSystemMessages(q, actor.accountId),
  };
}
