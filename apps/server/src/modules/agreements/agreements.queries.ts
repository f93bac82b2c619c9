import { sql, type SQL } from 'drizzle-orm';
import type { Agreement, EmployerTab, SignableGraduate } from '@hirehall/shared/agreements';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { bindingAgreementSql, loadAgreementViews } from './agreements.repo.ts';

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function viewsOf(
  q: Queryable,
  where: SQL,
  page: { page: number; pageSize: number },
): Promise<{ total: number; items: Agreement[] }> {
  const [count] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from agreements a
          join graduate_records g on g.id = a.graduate_record_id where ${where}`,
  );
  const ids = await queryRows<{ id: string }>(
    q,
    sql`select a.id from agreements a join graduate_records g on g.id = a.graduate_record_id
         where ${where} order by a.updated_at desc, a.id
         limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
  );
  return {
    total: count?.n ?? 0,
    items: await loadAgreementViews(
      q,
      ids.map((r) => r.id),
    ),
  };
}

const searchOf = (text?: string) =>
  text
    ? sql`and (g.name ilike ${likeOf(text)} or g.student_number ilike ${likeOf(text)} or g.major ilike ${likeOf(text)})`
    : sql``;

/** The employer's tabs in its school and year (seed 002 §4.1). 已解约 also lists open requests. */
export function listEmployerAgreements(
  q: Queryable,
  ctx: { employerId: string; schoolId: string; graduationYear: number },
  tab: Exclude<EmployerTab, 'signable'>,
  query: { q?: string; page: number; pageSize: number },
) {
  const byTab: Record<typeof tab, SQL> = {
    pending: sql`a.status in ('draft', 'sent', 'rejected', 'expired', 'superseded')`,
    signed: sql`a.status = 'accepted' and not exists (select 1 from agreement_terminations t
                 where t.agreement_id = a.id and t.status in ('requested', 'consented'))`,
    terminated: sql`(a.status = 'terminated' or exists (select 1 from agreement_terminations t
                 where t.agreement_id = a.id and t.status in ('requested', 'consented', 'rejected', 'refused')))`,
  };
  return viewsOf(
    q,
    sql`a.employer_id = ${ctx.employerId} and a.school_id = ${ctx.schoolId}
        and a.graduation_year = ${ctx.graduationYear} and ${byTab[tab]} ${searchOf(query.q)}`,
    query,
  );
}

/** 可签约学生: approved records of the school and year without an accepted agreement. */
export async function listSignableGraduates(
  q: Queryable,
  ctx: { employerId: string; schoolId: string; graduationYear: number },
  query: { q?: string; page: number; pageSize: number },
): Promise<{ total: number; items: SignableGraduate[] }> {
  const where = sql`g.school_id = ${ctx.schoolId} and g.graduation_year = ${ctx.graduationYear}
    and g.status = 'approved'
    and not exists (select 1 from agreements x where x.graduate_record_id = g.id and ${bindingAgreementSql('x')})
    ${searchOf(query.q)}`;
  const [count] = await queryRows<{ n: number }>(
    q,
    sql`select count(*)::int as n from graduate_records g where ${where}`,
  );
  const rows = await queryRows<{
    id: string;
    student_number: string;
    name: string;
    gender: 'male' | 'female' | null;
    college_name: string | null;
    major: string | null;
    degree: string | null;
    account_id: string | null;
    has_resume: boolean;
    open_agreement_id: string | null;
  }>(
    q,
    sql`select g.id, g.student_number, g.name, g.gender, c.name as college_name, g.major, g.degree,
               g.account_id,
               (g.account_id is not null
                 and exists (select 1 from resumes r where r.account_id = g.account_id)) as has_resume,
               (select x.id from agreements x where x.graduate_record_id = g.id
                  and x.employer_id = ${ctx.employerId} and x.status in ('draft', 'sent') limit 1)
                 as open_agreement_id
          from graduate_records g left join colleges c on c.id = g.college_id
         where ${where}
         order by g.student_number
         limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      studentNumber: r.student_number,
      name: r.name,
      gender: r.gender,
      collegeName: r.college_name,
      major: r.major,
      degree: r.degree,
      accountId: r.account_id,
      hasResume: r.has_resume,
      openAgreementId: r.open_agreement_id,
    })),
  };
}

/** The graduate's inbox: every offer sent to any of their records, pending ones first. */
export async function listGraduateAgreements(q: Queryable, accountId: string) {
  const ids = await queryRows<{ id: string }>(
    q,
    sql`select a.id from agreements a join graduate_records g on g.id = a.graduate_record_id
         where g.account_id = ${accountId}
           -- drafts are the employer's own, except one the graduate accepted and a review returned
           and (a.status not in ('draft', 'discarded') or a.review_status is not null)
         order by (a.status = 'sent') desc, a.deadline_at asc nulls last, a.updated_at desc
         limit 200`,
  );
  return loadAgreementViews(
    q,
    ids.map((r) => r.id),
  );
}

export const reviewFilters = ['pending', 'returned', 'signed', 'terminated', 'all'] as const;
export type ReviewFilter = (typeof reviewFilters)[number];

/** College and school review queues; a college sees only its own graduates. */
export function listReviewAgreements(
  q: Queryable,
  scope: { schoolId: string; collegeId: string | null; stage: 'college' | 'school' },
  query: {
    graduationYear: number;
    filter: ReviewFilter;
    q?: string;
    page: number;
    pageSize: number;
  },
) {
  const pending = scope.stage === 'college' ? 'college_pending' : 'school_pending';
  const byFilter: Record<ReviewFilter, SQL> = {
    pending: sql`a.status = 'accepted' and a.review_status = ${pending}`,
    returned: sql`a.review_status = 'returned'`,
    signed: sql`a.status = 'accepted' and a.review_status = 'approved'`,
    terminated: sql`a.status = 'terminated'`,
    all: sql`a.review_status is not null`,
  };
  return viewsOf(
    q,
    sql`a.school_id = ${scope.schoolId} and a.graduation_year = ${query.graduationYear}
        ${scope.collegeId ? sql`and g.college_id = ${scope.collegeId}` : sql``}
        and ${byFilter[query.filter]} ${searchOf(query.q)}`,
    query,
  );
}
