import { sql } from 'drizzle-orm';
import type { EmployerDashboard } from '@hirehall/shared/dashboards';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { pointsBalance } from '../talentpool/talentpool.repo.ts';
import { countOf, countsBy, latestSystemMessages } from './dashboards.repo.ts';

/** The China-time calendar day (UTC+8, no daylight saving) that `now` falls in. */
export function chinaDay(now: Date): { start: Date; end: Date } {
  const ymd = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const start = new Date(`${ymd}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** 首页 of an employer or institution: everything scoped to the actor's organization. */
export async function employerDashboard(q: Queryable, actor: Actor): Promise<EmployerDashboard> {
  const org = actor.organizationId;
  if (!org) throw new AppError('NOT_FOUND');
  const [info] = await queryRows<{ name: string; status: 'active' | 'suspended'; kind: string }>(
    q,
    sql`select name, status, kind from organizations where id = ${org}`,
  );
  if (!info) throw new AppError('NOT_FOUND');
  const today = chinaDay(new Date());
  const latest = await queryRows<{
    id: string;
    seeker_name: string;
    title: string;
    mark: string | null;
    created_at: Date | string;
  }>(
    q,
    sql`select a.id, coalesce(nullif(a.resume_snapshot->>'name', ''), acc.display_name) as seeker_name,
          j.title, a.mark, a.created_at
        from applications a join job_postings j on j.id = a.job_id
        join accounts acc on acc.id = a.seeker_account_id
        where a.organization_id = ${org} and a.status <> 'withdrawn'
        order by a.created_at desc limit 6`,
  );
  const perPosting = await queryRows<{ id: string; title: string; status: string; n: number }>(
    q,
    sql`select j.id, j.title, j.status, count(a.id)::int as n
        from job_postings j left join applications a on a.job_id = j.id and a.status <> 'withdrawn'
        where j.organization_id = ${org} and j.deleted_at is null
        group by j.id order by max(a.created_at) desc nulls last, j.created_at desc limit 20`,
  );
  const byMark = await countsBy(
    q,
    sql`select coalesce(mark, 'unmarked') as key, count(*)::int as n from applications
        where organization_id = ${org} and status <> 'withdrawn' group by 1`,
  );
  return {
    organizationName: info.name,
    organizationStatus: info.status,
    postings: await countsBy(
      q,
      sql`select status as key, count(*)::int as n from job_postings
          where organization_id = ${org} and deleted_at is null group by status`,
    ),
    applicationsByMark: byMark,
    applicationsTotal: Object.values(byMark).reduce((a, b) => a + b, 0),
    interviewsToday: await countOf(
      q,
      sql`select count(*)::int as n from interviews
          where organization_id = ${org} and status in ('invited', 'attending', 'confirmed', 'done')
            and starts_at >= ${today.start.toISOString()}::timestamptz
            and starts_at < ${today.end.toISOString()}::timestamptz`,
    ),
    offersByState: await countsBy(
      q,
      sql`select status as key, count(*)::int as n from agreements
          where employer_id = ${org} and status <> 'discarded' group by status`,
    ),
    latestResumes: latest.map((r) => ({
      applicationId: r.id,
      seekerName: r.seeker_name,
      jobTitle: r.title,
      mark: r.mark,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    postingApplicants: perPosting.map((p) => ({
      jobId: p.id,
      title: p.title,
      status: p.status,
      applicants: Number(p.n),
    })),
    viewRecords: await countOf(
      q,
      sql`select count(*)::int as n from card_views where organization_id = ${org}`,
    ),
    pointsBalance: info.kind === 'institution' ? await pointsBalance(q, org) : null,
    systemMessages: await latestSystemMessages(q, actor.accountId),
  };
}
