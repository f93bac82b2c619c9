import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../platform/db/database.ts';
import { searchVectorSql } from './jobs.search.ts';
import { generateJob, randomFrom } from './jobs.generate.ts';

/** Seed 001's demo fair: employers (full name, short name) and their positions with bands. */
const seedEmployers: {
  name: string;
  shortName: string | null;
  jobs: [string, string, number, number][];
}[] = [
  {
    name: '才立方',
    shortName: null,
    jobs: [
      ['PHP', '软件开发', 7500, 8499],
      ['前端开发', '软件开发', 7500, 8499],
    ],
  },
  { name: '上海萃思软件有限公司', shortName: '萃思', jobs: [['PHP2', '软件开发', 2500, 3499]] },
  {
    name: '黑龙江才立方就业信息服务有限公司',
    shortName: null,
    jobs: [
      ['PHP工程师', '软件开发', 4500, 5499],
      ['前端开发', '软件开发', 1000, 1499],
    ],
  },
  {
    name: '华为技术有限公司',
    shortName: null,
    jobs: [
      ['电话销售', '销售代表', 6500, 7499],
      ['设计工程师', '工程设计', 5500, 6499],
      ['人事行政专员', '人力资源', 2500, 3499],
    ],
  },
];

export const DEMO_FAIR_TITLE = '2026届毕业生互联网电子行业线上招聘会';

const introduction = `<p>尊敬的用人单位：</p>
<p>为方便用人单位选拔人才，服务毕业生就业，我校定于2026年3月20日—4月2日举办“2026届毕业生网上招聘会（第1场）”。</p>
<p>诚邀广大用人单位参加！本次活动实行网上招聘、网上签约、网上一键上报签约信息到省平台等线上线下一站式省校一体化联动模式，方便用人单位、毕业生和学校在一个平台统一协同管理，请大家积极配合和踊跃报名参与。</p>
<h4>一、网上招聘会时间</h4><p>2026年3月20日 09:00 — 4月2日 22:00</p>
<h4>二、参会方式</h4><p>用人单位登录平台后点击“单位报名参加”，学校审核通过后选择参会职位。</p>`;

async function findOrCreateCompany(db: Queryable, name: string, shortName: string | null) {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into organizations (kind, name, short_name) values ('company', ${name}, ${shortName})
      on conflict (kind, name) do update set short_name = coalesce(organizations.short_name, excluded.short_name)
      returning id`,
  );
  return row!.id;
}

async function findOrCreateFair(db: Queryable, schoolId: string) {
  const [existing] = await queryRows<{ id: string }>(
    db,
    sql`select id from job_fairs where school_id = ${schoolId} and title = ${DEMO_FAIR_TITLE}`,
  );
  if (existing) return existing.id;
  const now = Date.now();
  const [fair] = await queryRows<{ id: string }>(
    db,
    sql`insert into job_fairs (school_id, title, type, starts_at, ends_at, city, district, address,
        introduction, invitation, status, published_at, views)
      values (${schoolId}, ${DEMO_FAIR_TITLE}, 'online',
        ${new Date(now - 3 * 86400_000).toISOString()},
        ${new Date(now + 11 * 86400_000).toISOString()},
        '上海市', '嘉定区', '线上互联网招聘大厅', ${introduction}, '诚邀广大用人单位参加！',
        'published', now(), 397)
      returning id`,
  );
  return fair!.id;
}

async function insertJob(
  db: Queryable,
  organizationId: string,
  j: ReturnType<typeof generateJob>,
  publishedAt: Date,
) {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into job_postings (organization_id, status, title, occupation, description, skills,
        salary_min, salary_max, education, age_min, age_max, employment_type, district, region,
        headcount, probation_months, probation_salary, position_type, published_at, search_vector)
      values (${organizationId}, 'published', ${j.title}, ${j.occupation}, ${j.description},
        ${j.skills}, ${j.salaryMin}, ${j.salaryMax}, ${j.education}, ${j.ageMin}, ${j.ageMax},
        ${j.employmentType}, ${j.district}, ${j.region}, ${j.headcount}, ${j.probationMonths},
        ${j.probationSalary}, ${j.positionType}, ${publishedAt.toISOString()},
        ${searchVectorSql(j)})
      returning id`,
  );
  return row!.id;
}

/**
 * The jobs part of the demo: seed 001's fair at the demo school with its four employers and
 * eight positions (approved sign-ups, chosen postings), plus `generated` varied postings so the
 * search has something to find. Idempotent: does nothing when the demo fair already exists.
 */
export async function loadJobsDemo(
  db: Queryable,
  ids: { schoolId: string; fairId?: string; graduationYear?: number; generated?: number },
) {
  const fairId = ids.fairId || (await findOrCreateFair(db, ids.schoolId));
  const [existing] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from fair_jobs where fair_id = ${fairId}`,
  );
  if (existing && existing.n > 0) return { fairId };
  const year = ids.graduationYear ?? new Date().getFullYear();
  const now = Date.now();
  const r = randomFrom(2026);
  const employerIds: string[] = [];
  for (const e of seedEmployers) {
    const orgId = await findOrCreateCompany(db, e.name, e.shortName);
    employerIds.push(orgId);
    await db.execute(sql`insert into admissions (employer_id, school_id, graduation_year, status, reviewed_at)
      values (${orgId}, ${ids.schoolId}, ${year}, 'approved', now())
      on conflict (employer_id, school_id, graduation_year) do update set status = 'approved'`);
    await db.execute(sql`insert into fair_signups (fair_id, employer_id, status, reviewed_at)
      values (${fairId}, ${orgId}, 'approved', now())
      on conflict (fair_id, employer_id) do update set status = 'approved'`);
    for (const [title, occupation, min, max] of e.jobs) {
      const jobId = await insertJob(
        db,
        orgId,
        {
          ...generateJob(r),
          title,
          occupation,
          salaryMin: min,
          salaryMax: max,
          description: `${e.shortName ?? e.name}招聘${title}，负责相关工作，五险一金，双休，年终奖。`,
          skills: '相关专业，沟通能力良好，有实习经历者优先。',
          district: '嘉定区',
          region: null,
          positionType: null,
        },
        new Date(now - 3600_000),
      );
      await db.execute(sql`insert into fair_jobs (fair_id, job_id, employer_id)
        values (${fairId}, ${jobId}, ${orgId})`);
    }
  }
  const extra = [
    '上海申通物流有限公司',
    '东方明珠餐饮管理有限公司',
    '浦发物业服务有限公司',
    '嘉定汽车城维修中心',
  ];
  for (const name of extra) employerIds.push(await findOrCreateCompany(db, name, null));
  const count = ids.generated ?? 300;
  for (let i = 0; i < count; i++) {
    await insertJob(db, r.pick(employerIds), generateJob(r), new Date(now - (i + 2) * 3600_000));
  }
  return { fairId };
}
