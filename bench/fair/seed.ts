// The fair-morning data, written straight into the database (as bench/chat does): a school's
// published online fair, employers signed up with postings at it, background postings for
// the search, seekers with sessions, one application + conversation per seeker (so chat can
// start at once) and, for some pairs, a confirmed video interview (call signalling).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/platform/db/database.ts';
import { generateJob, randomFrom } from '../../apps/server/src/modules/jobs/jobs.generate.ts';
import { postingTokens, textArrayLiteral } from '../../apps/server/src/modules/jobs/jobs.search.ts';

export interface SeedOptions {
  seekers: number;
  employers: number;
  postingsPerEmployer: number;
  backgroundPostings: number;
  /** pairs (employer, seeker) with a confirmed video interview */
  interviews: number;
}

export interface Session {
  accountId: string;
  token: string;
  csrf: string;
}

export interface SeededEmployer extends Session {
  organizationId: string;
  jobIds: string[];
}

export interface SeededSeeker extends Session {
  /** index into employers: the employer of the seeded application and conversation */
  employer: number;
  conversationId: string;
}

export interface SeededInterview {
  interviewId: string;
  employer: number;
  seeker: number;
}

export interface FairSeed {
  fairId: string;
  employers: SeededEmployer[];
  seekers: SeededSeeker[];
  interviews: SeededInterview[];
  fairJobIds: string[];
}

const hash = (t: string) => createHash('sha256').update(t).digest('hex');
const token = () => randomBytes(32).toString('base64url');

function newSession(accountId: string): Session {
  return { accountId, token: token(), csrf: randomBytes(24).toString('base64url') };
}

/** jsonb_to_recordset over rows: one parameter however many rows. */
function recordset(rows: object[], columns: string) {
  return sql`(select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(columns)}))`;
}

async function insertSessions(db: Db, sessions: Session[]) {
  const rows = sessions.map((s) => ({ a: s.accountId, h: hash(s.token), c: s.csrf }));
  const r = recordset(rows, 'a uuid, h text, c text');
  await db.execute(sql`insert into sessions (token_hash, account_id, csrf_token, expires_at)
    select h, a, c, now() + interval '1 day' from ${r} r`);
}

async function insertPostings(db: Db, organizationId: string, count: number, seed: number) {
  const r = randomFrom(seed);
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const j = generateJob(r);
    return {
      id: randomUUID(),
      t: j.title,
      o: j.occupation,
      de: j.description,
      sk: j.skills,
      smin: j.salaryMin,
      smax: j.salaryMax,
      edu: j.education,
      amin: j.ageMin,
      amax: j.ageMax,
      emp: j.employmentType,
      d: j.district,
      h: j.headcount,
      at: new Date(now - (i + 1) * 60_000).toISOString(),
      v: textArrayLiteral(postingTokens(j)),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    const r2 = recordset(
      rows.slice(i, i + 1000),
      'id uuid, t text, o text, de text, sk text, smin int, smax int, edu text, amin int, amax int, emp text, d text, h int, at timestamptz, v text',
    );
    await db.execute(sql`insert into job_postings (id, organization_id, title, occupation,
        description, skills, salary_min, salary_max, education, age_min, age_max,
        employment_type, district, headcount, status, published_at, search_vector)
      select id, ${organizationId}, t, o, de, sk, smin, smax, edu, amin, amax, emp, d, h,
        'published', at, array_to_tsvector(v::text[]) from ${r2} r`);
  }
  return rows.map((row) => row.id);
}

async function insertSchoolAndFair(db: Db, run: string) {
  const schoolId = randomUUID();
  const fairId = randomUUID();
  await db.execute(
    sql`insert into organizations (id, kind, name) values (${schoolId}, 'school', ${'压测学院' + run})`,
  );
  await db.execute(sql`insert into job_fairs (id, school_id, title, type, starts_at, ends_at, city,
      address, introduction, status, published_at)
    values (${fairId}, ${schoolId}, ${'2026届春季校园双选会（压测' + run + '）'}, 'online',
      now() - interval '1 hour', now() + interval '1 day', '上海', '线上',
      '<p>欢迎各位同学参加双选会。</p>', 'published', now())`);
  return fairId;
}

async function insertEmployers(db: Db, run: string, fairId: string, o: SeedOptions) {
  const employers: SeededEmployer[] = [];
  for (let e = 0; e < o.employers; e++) {
    const organizationId = randomUUID();
    const accountId = randomUUID();
    await db.execute(
      sql`insert into organizations (id, kind, name) values (${organizationId}, 'company', ${`压测单位${run}-${e}`})`,
    );
    await db.execute(sql`insert into accounts (id, role, display_name)
      values (${accountId}, 'employer', ${`招聘专员${e}`})`);
    await db.execute(sql`insert into memberships (account_id, organization_id)
      values (${accountId}, ${organizationId})`);
    await db.execute(sql`insert into fair_signups (fair_id, employer_id, status, reviewed_at)
      values (${fairId}, ${organizationId}, 'approved', now())`);
    const jobIds = await insertPostings(db, organizationId, o.postingsPerEmployer, 1000 + e);
    await db.execute(sql`insert into fair_jobs (fair_id, job_id, employer_id)
      select ${fairId}, j, ${organizationId} from unnest(${`{${jobIds.join(',')}}`}::uuid[]) j`);
    employers.push({ ...newSession(accountId), organizationId, jobIds });
  }
  return employers;
}

async function insertSeekers(db: Db, fairId: string, employers: SeededEmployer[], count: number) {
  const seekers: SeededSeeker[] = [];
  const rows = [];
  for (let s = 0; s < count; s++) {
    const employer = s % employers.length;
    const e = employers[employer]!;
    const seeker = { ...newSession(randomUUID()), employer, conversationId: randomUUID() };
    seekers.push(seeker);
    rows.push({
      seeker: seeker.accountId,
      n: `求职者${s}`,
      app: randomUUID(),
      conv: seeker.conversationId,
      job: e.jobIds[s % e.jobIds.length],
      org: e.organizationId,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const r = recordset(
      rows.slice(i, i + 1000),
      'seeker uuid, n text, app uuid, conv uuid, job uuid, org uuid',
    );
    await db.execute(sql`insert into accounts (id, role, display_name)
      select seeker, 'seeker', n from ${r} r`);
    await db.execute(sql`insert into applications (id, seeker_account_id, job_id, organization_id,
        fair_id, resume_snapshot) select app, seeker, job, org, ${fairId}, '{}'::jsonb from ${r} r`);
    await db.execute(sql`insert into conversations (id, application_id, organization_id,
        seeker_account_id) select conv, app, org, seeker from ${r} r`);
  }
  return { seekers, applicationIds: rows.map((r) => r.app) };
}

/** Confirmed video interviews on the seeded applications of the first `count` seekers. */
async function insertInterviews(
  db: Db,
  seekers: SeededSeeker[],
  applicationIds: string[],
  count: number,
) {
  const out: SeededInterview[] = [];
  for (let s = 0; s < Math.min(count, seekers.length); s++) {
    const seeker = seekers[s]!;
    const interviewId = randomUUID();
    await db.execute(sql`insert into interviews (id, application_id, organization_id,
        seeker_account_id, job_id, status, starts_at, mode, contact_name, contact_phone)
      select ${interviewId}, a.id, a.organization_id, a.seeker_account_id, a.job_id, 'confirmed',
        now() + interval '10 minutes', 'video', '王老师', '021-12345678'
      from applications a where a.id = ${applicationIds[s]!}`);
    out.push({ interviewId, employer: seeker.employer, seeker: s });
  }
  return out;
}

export async function seedFair(db: Db, o: SeedOptions): Promise<FairSeed> {
  const run = randomBytes(3).toString('hex');
  const fairId = await insertSchoolAndFair(db, run);
  const employers = await insertEmployers(db, run, fairId, o);
  if (o.backgroundPostings > 0) {
    const org = randomUUID();
    await db.execute(
      sql`insert into organizations (id, kind, name) values (${org}, 'company', ${'压测背景单位' + run})`,
    );
    await insertPostings(db, org, o.backgroundPostings, 7);
  }
  const { seekers, applicationIds } = await insertSeekers(db, fairId, employers, o.seekers);
  const interviews = await insertInterviews(db, seekers, applicationIds, o.interviews);
  await insertSessions(db, [...employers, ...seekers]);
  return { fairId, employers, seekers, interviews, fairJobIds: employers.flatMap((e) => e.jobIds) };
}
