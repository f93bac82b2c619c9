import { sql } from 'drizzle-orm';
import type { AdminDashboard } from '@hirehall/shared/dashboards';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { countOf, countsBy } from './dashboards.repo.ts';

export const TREND_DAYS = 30;

/** The platform at a glance, with a 30-day trend by China calendar day. */
export async function adminDashboard(q: Queryable): Promise<AdminDashboard> {
  const trend = await queryRows<{
    day: string;
    seekers: number;
    applications: number;
    postings: number;
  }>(
    q,
    sql`with days as (
          select generate_series(
            (now() at time zone 'Asia/Shanghai')::date - ${TREND_DAYS - 1}::int,
            (now() at time zone 'Asia/Shanghai')::date, interval '1 day')::date as day)
        select to_char(d.day, 'YYYY-MM-DD') as day,
          (select count(*)::int from accounts a where a.role = 'seeker'
             and (a.created_at at time zone 'Asia/Shanghai')::date = d.day) as seekers,
          (select count(*)::int from applications a
             where (a.created_at at time zone 'Asia/Shanghai')::date = d.day) as applications,
          (select count(*)::int from job_postings j where j.published_at is not null
             and (j.published_at at time zone 'Asia/Shanghai')::date = d.day) as postings
        from days d order by d.day`,
  );
  return {
    organizations: await countsBy(
      q,
      sql`select kind as key, count(*)::int as n from organizations group by kind`,
    ),
    seekers: await countOf(
      q,
      sql`select count(*)::int as n from accounts where role = 'seeker' and status = 'active'`,
    ),
    postings: await countsBy(
      q,
      sql`select status as key, count(*)::int as n from job_postings where deleted_at is null group by status`,
    ),
    applications: await countOf(q, sql`select count(*)::int as n from applications`),
    flaggedMessages: await countOf(
      q,
      // waiting for the admin's decision (the 被标记消息 queue)
      sql`select count(*)::int as n from chat_messages m where cardinality(m.flags) > 0
          and not exists (select 1 from chat_flag_reviews r where r.message_id = m.id)`,
    ),
    postingsInReview: await countOf(
      q,
      sql`select count(*)::int as n from job_postings where status = 'in_review' and deleted_at is null`,
    ),
    openFeedback: await countsBy(
      q,
      sql`select kind as key, count(*)::int as n from feedback_items where status <> 'resolved' group by kind`,
    ),
    suspendedOrganizations: await countOf(
      q,
      sql`select count(*)::int as n from organizations where status = 'suspended'`,
    ),
    trend: trend.map((t) => ({
      day: t.day,
      seekers: Number(t.seekers),
      applications: Number(t.applications),
      postings: Number(t.postings),
    })),
  };
}
