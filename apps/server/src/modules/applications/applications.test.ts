import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { fairJobs, fairSignups, jobFairs } from '../jobfairs/jobfairs.tables.ts';
import { applications } from './applications.tables.ts';
import { createJob, multipart, samplePdf } from './applications.fixtures.ts';

let t: TestApp;
let employer: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  employer = await signInAs(t.database.db, 'employer');
});
afterAll(() => t.close());

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const call = (who: SignedIn, method: Method, url: string, body?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: body as object });
const apply = (who: SignedIn, body: Record<string, unknown>) =>
  call(who, 'POST', '/api/applications', body);

async function seekerWithResume(name = '张三') {
  const s = await signInAs(t.database.db, 'seeker');
  const r = (await call(s, 'GET', '/api/resume')).json();
  await call(s, 'PUT', '/api/resume', {
    version: r.version,
    content: {
      ...r.content,
      basic: {
        ...r.content.basic,
        name,
        city: '上海市',
        gender: 'female',
        birthDate: '2001-03-04',
      },
    },
  });
  await call(s, 'POST', '/api/resume/facts', {
    educationLevel: 'bachelor',
    politicalStatus: 'cyl_member',
  });
  return s;
}

describe('apply (投递简历)', () => {
  it('applies and says how many places remain', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const res = await apply(s, { jobId: job.id });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.quota).toEqual({ limit: 10, used: 1, remaining: 9 });
    expect(body.message).toBe('岗位应聘成功。您目前还剩余 9 个应聘名额。');
    expect(body.application).toMatchObject({
      jobId: job.id,
      jobTitle: job.title,
      status: 'submitted',
    });
    const [row] = await t.database.db
      .select()
      .from(applications)
      .where(eq(applications.id, body.application.id));
    expect(row!.consentAt).toBeInstanceOf(Date);
    expect(row!.resumeSnapshot).toMatchObject({
      content: { basic: { name: '张三' } },
      facts: { educationLevel: 'bachelor' },
    });
  });

  it('records the separate consent to share the resume with that employer, once per application', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const applied = (await apply(s, { jobId: job.id })).json();
    const refused = await apply(s, { jobId: job.id });
    expect(refused.statusCode).toBe(409);
    const list = (await call(s, 'GET', '/api/privacy/consents')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      purpose: 'resume_share',
      organizationId: employer.organizationId,
      reference: `application:${applied.application.id}`,
      withdrawnAt: null,
    });
    expect(list[0].statement).toContain('提供给我所投递的用人单位');
    expect(list[0].organizationName).toBeTruthy();
  });

  it('refuses a second current application to the same posting', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    expect((await apply(s, { jobId: job.id })).statusCode).toBe(201);
    const again = await apply(s, { jobId: job.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_APPLIED');
  });

  it('refuses paused, closed, draft and deleted postings', async () => {
    const s = await seekerWithResume();
    for (const status of ['paused', 'closed', 'draft', 'in_review'] as const) {
      const job = await createJob(t.database.db, employer.organizationId!, { status });
      const res = await apply(s, { jobId: job.id });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('JOB_NOT_OPEN');
    }
    const deleted = await createJob(t.database.db, employer.organizationId!, {
      deletedAt: new Date(),
    });
    expect((await apply(s, { jobId: deleted.id })).statusCode).toBe(404);
    expect((await apply(s, { jobId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      404,
    );
  });

  it('sends one of the seeker’s own attachments, never someone else’s', async () => {
    const s = await seekerWithResume();
    const other = await seekerWithResume('别人');
    const form = multipart('cv.pdf', samplePdf);
    const upload = async (who: SignedIn) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/resume/attachments',
          headers: { ...who.headers, ...form.headers },
          payload: form.payload,
        })
      ).json().id as string;
    const mine = await upload(s);
    const theirs = await upload(other);
    const job = await createJob(t.database.db, employer.organizationId!);
    expect((await apply(s, { jobId: job.id, attachmentId: theirs })).statusCode).toBe(404);
    const ok = await apply(s, { jobId: job.id, attachmentId: mine });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().application.attachmentName).toBe('cv.pdf');
  });

  it('records the fair, and refuses a fair the posting is not in', async () => {
    const s = await seekerWithResume();
    const school = await signInAs(t.database.db, 'school');
    const job = await createJob(t.database.db, employer.organizationId!);
    const [fair] = await t.database.db
      .insert(jobFairs)
      .values({
        schoolId: school.organizationId!,
        title: '2026届春季网络招聘会',
        type: 'online',
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 86400_000),
        city: '上海市',
        address: '线上',
        status: 'published',
      })
      .returning();
    expect((await apply(s, { jobId: job.id, fairId: fair!.id })).statusCode).toBe(404);
    await t.database.db
      .insert(fairJobs)
      .values({ fairId: fair!.id, jobId: job.id, employerId: employer.organizationId! });
    const ok = await apply(s, { jobId: job.id, fairId: fair!.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().application).toMatchObject({
      fairId: fair!.id,
      fairTitle: '2026届春季网络招聘会',
    });
  });

  it('is for seekers only', async () => {
    const job = await createJob(t.database.db, employer.organizationId!);
    expect((await apply(employer, { jobId: job.id })).statusCode).toBe(403);
  });
});

describe('the quota of 10 current applications', () => {
  it('refuses the 11th with a message to withdraw one; withdrawing frees a place', async () => {
    const s = await seekerWithResume();
    const jobs = [];
    for (let i = 0; i < 11; i++)
      jobs.push(await createJob(t.database.db, employer.organizationId!));
    let last;
    for (let i = 0; i < 10; i++) last = (await apply(s, { jobId: jobs[i]!.id })).json();
    expect(last.quota.remaining).toBe(0);
    expect(last.message).toContain('还剩余 0 个应聘名额');

    const eleventh = await apply(s, { jobId: jobs[10]!.id });
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().error.code).toBe('QUOTA_EXCEEDED');
    expect(eleventh.json().error.message).toContain('撤销');

    const withdrawn = await call(s, 'POST', `/api/applications/${last.application.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().quota.remaining).toBe(1);
    const retry = await apply(s, { jobId: jobs[10]!.id });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().quota.remaining).toBe(0);
  });

  it('counts voided applications until they are withdrawn', async () => {
    const s = await seekerWithResume();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const job = await createJob(t.database.db, employer.organizationId!);
      ids.push((await apply(s, { jobId: job.id })).json().application.id);
    }
    await t.database.db
      .update(applications)
      .set({ status: 'voided' })
      .where(eq(applications.id, ids[0]!));
    const job = await createJob(t.database.db, employer.organizationId!);
    expect((await apply(s, { jobId: job.id })).json().error.code).toBe('QUOTA_EXCEEDED');
    expect((await call(s, 'POST', `/api/applications/${ids[0]}/withdraw`)).statusCode).toBe(200);
    expect((await apply(s, { jobId: job.id })).statusCode).toBe(201);
  });

  it('holds under 50 simultaneous applies by one seeker', async () => {
    const s = await seekerWithResume();
    const jobs = await Promise.all(
      Array.from({ length: 50 }, () => createJob(t.database.db, employer.organizationId!)),
    );
    const results = await Promise.all(jobs.map((j) => apply(s, { jobId: j.id })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    expect(results.filter((r) => r.json().error?.code === 'QUOTA_EXCEEDED')).toHaveLength(40);
    const current = (await call(s, 'GET', '/api/applications')).json();
    expect(current.items).toHaveLength(10);
    expect(current.quota).toEqual({ limit: 10, used: 10, remaining: 0 });
  });

  it('holds across two server processes sharing the database (the row lock, not the in-process queue)', async () => {
    // a second app on the same database has its own per-seeker queue, like another process
    const second = await buildApp({ config: t.config, database: t.database });
    await second.ready();
    try {
      const s = await seekerWithResume();
      const jobs = await Promise.all(
        Array.from({ length: 30 }, () => createJob(t.database.db, employer.organizationId!)),
      );
      const results = await Promise.all(
        jobs.map((j, i) =>
          (i % 2 === 0 ? t.app : second).inject({
            method: 'POST',
            url: '/api/applications',
            headers: s.headers,
            payload: { jobId: j.id },
          }),
        ),
      );
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
      expect(results.filter((r) => r.json().error?.code === 'QUOTA_EXCEEDED')).toHaveLength(20);
      const used = results
        .filter((r) => r.statusCode === 201)
        .map((r) => r.json().quota.used as number)
        .sort((a, b) => a - b);
      expect(used).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const [row] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from applications
            where seeker_account_id = ${s.accountId} and status <> 'withdrawn'`,
      );
      expect(row!.n).toBe(10);
    } finally {
      await second.close();
    }
  });

  it('keeps one application per posting under 20 simultaneous applies', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => apply(s, { jobId: job.id })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.json().error?.code === 'ALREADY_APPLIED')).toHaveLength(19);
  });
});

describe('withdraw (撤销) and history', () => {
  it('moves the application to history; withdrawing twice or someone else’s fails', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const id = (await apply(s, { jobId: job.id })).json().application.id;
    const other = await seekerWithResume();
    expect((await call(other, 'POST', `/api/applications/${id}/withdraw`)).statusCode).toBe(404);
    expect(
      (await call(s, 'POST', `/api/applications/${id}/withdraw`)).json().application.status,
    ).toBe('withdrawn');
    const again = await call(s, 'POST', `/api/applications/${id}/withdraw`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    expect((await call(s, 'GET', '/api/applications')).json().items).toHaveLength(0);
    const history = (await call(s, 'GET', '/api/applications?scope=history')).json();
    expect(history.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(history.items[0].withdrawnAt).not.toBeNull();
    // applying again to the same posting after withdrawing is allowed
    expect((await apply(s, { jobId: job.id })).statusCode).toBe(201);
    const forJob = (await call(s, 'GET', `/api/applications/for-job/${job.id}`)).json();
    expect(forJob.application.status).toBe('submitted');
  });
});

describe('retries with an Idempotency-Key', () => {
  const keyed = (who: SignedIn, url: string, key: string, body?: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...who.headers, 'idempotency-key': key },
      payload: body as object,
    });

  it('a replayed apply answers the first answer, even after a withdrawal: never a second application', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const first = await keyed(s, '/api/applications', 'apply-1', { jobId: job.id });
    expect(first.statusCode).toBe(201);
    const id = first.json().application.id;
    const replay = await keyed(s, '/api/applications', 'apply-1', { jobId: job.id });
    expect(replay.statusCode).toBe(201);
    expect(replay.json().application.id).toBe(id);
    // the seeker withdraws; the late original request arrives again with its key
    const w = await keyed(s, `/api/applications/${id}/withdraw`, 'withdraw-1');
    expect(w.statusCode).toBe(200);
    expect((await keyed(s, `/api/applications/${id}/withdraw`, 'withdraw-1')).json()).toEqual(
      w.json(),
    );
    expect((await keyed(s, '/api/applications', 'apply-1', { jobId: job.id })).statusCode).toBe(
      201,
    );
    const rows = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from applications where seeker_account_id = ${s.accountId}`,
    );
    expect(rows.map((r) => r.status)).toEqual(['withdrawn']);
    // a new key is a new action: applying again is allowed
    expect((await keyed(s, '/api/applications', 'apply-2', { jobId: job.id })).statusCode).toBe(
      201,
    );
    // a key reused for another operation is refused
    const misuse = await keyed(s, `/api/applications/${id}/withdraw`, 'apply-2');
    expect(misuse.statusCode).toBe(409);
  });

  it('concurrent replays of one key make one application', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const answers = await Promise.all(
      [1, 2, 3].map(() => keyed(s, '/api/applications', 'same', { jobId: job.id })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().application.id)).size).toBe(1);
  });
});

describe('employer side', () => {
  it('counts per posting, opens (viewed), marks and filters by mark', async () => {
    const org = await signInAs(t.database.db, 'institution');
    const job = await createJob(t.database.db, org.organizationId!, {
      title: '招聘审核员',
      district: '成都',
    });
    const empty = await createJob(t.database.db, org.organizationId!, { title: '诚聘审核员' });
    const a = await seekerWithResume('甲');
    const b = await seekerWithResume('乙');
    const idA = (await apply(a, { jobId: job.id })).json().application.id;
    const idB = (await apply(b, { jobId: job.id })).json().application.id;

    const postings = (await call(org, 'GET', '/api/employer/applications/postings')).json();
    expect(postings.find((p: { jobId: string }) => p.jobId === job.id)).toMatchObject({
      total: 2,
      unread: 2,
    });
    expect(postings.find((p: { jobId: string }) => p.jobId === empty.id)).toMatchObject({
      total: 0,
    });

    const detail = await call(org, 'GET', `/api/employer/applications/${idA}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      candidateName: '甲',
      status: 'viewed',
      educationLevel: '大学本科',
      gender: '女',
      resume: { content: { basic: { name: '甲' } }, facts: { politicalStatus: 'cyl_member' } },
    });
    expect(detail.json().allowedEvents).toContain('mark');
    const seen = (await call(a, 'GET', '/api/resume/access-log')).json();
    expect(seen[0]).toMatchObject({ kind: 'view', jobTitle: '招聘审核员' });

    const marked = await call(org, 'PUT', `/api/employer/applications/${idA}/mark`, {
      mark: 'qualified',
    });
    expect(marked.json()).toMatchObject({ mark: 'qualified', status: 'viewed' });
    const markedB = await call(org, 'PUT', `/api/employer/applications/${idB}/mark`, {
      mark: 'eliminated',
    });
    expect(markedB.json()).toMatchObject({ mark: 'eliminated', status: 'viewed' });

    const qualified = (
      await call(org, 'GET', `/api/employer/applications?jobId=${job.id}&mark=qualified`)
    ).json();
    expect(qualified.items.map((i: { id: string }) => i.id)).toEqual([idA]);
    const none = (await call(org, 'GET', `/api/employer/applications?mark=none`)).json();
    expect(none.total).toBe(0);
    const counts = (await call(org, 'GET', '/api/employer/applications/postings')).json();
    expect(counts.find((p: { jobId: string }) => p.jobId === job.id)).toMatchObject({
      total: 2,
      unread: 0, // marking an unread application marks it viewed
      qualified: 1,
      eliminated: 1,
    });
    // the seeker never sees the mark
    expect(JSON.stringify((await call(a, 'GET', '/api/applications')).json())).not.toContain(
      'qualified',
    );
  });

  it('narrows counts and candidates to one fair, and lists the fairs to choose from', async () => {
    const org = await signInAs(t.database.db, 'employer');
    const school = await signInAs(t.database.db, 'school');
    const makeFair = async (title: string, daysAgo: number) => {
      const [fair] = await t.database.db
        .insert(jobFairs)
        .values({
          schoolId: school.organizationId!,
          title,
          type: 'online',
          startsAt: new Date(Date.now() - daysAgo * 86400_000),
          endsAt: new Date(Date.now() + 86400_000),
          city: '上海市',
          address: '线上',
          status: 'published',
        })
        .returning();
      return fair!;
    };
    const spring = await makeFair('春季招聘会', 2);
    const autumn = await makeFair('秋季招聘会', 1);
    const approvedOnly = await makeFair('双选会（已通过，尚无投递）', 3);
    const pending = await makeFair('待审核的招聘会', 4);
    await t.database.db.insert(fairSignups).values([
      { fairId: spring.id, employerId: org.organizationId!, status: 'approved' },
      { fairId: approvedOnly.id, employerId: org.organizationId!, status: 'approved' },
      { fairId: pending.id, employerId: org.organizationId!, status: 'pending' },
    ]);
    const job = await createJob(t.database.db, org.organizationId!);
    const other = await createJob(t.database.db, org.organizationId!);
    for (const fair of [spring, autumn]) {
      await t.database.db.insert(fairJobs).values([
        { fairId: fair.id, jobId: job.id, employerId: org.organizationId! },
        { fairId: fair.id, jobId: other.id, employerId: org.organizationId! },
      ]);
    }
    const a = await seekerWithResume('春一');
    const b = await seekerWithResume('春二');
    const c = await seekerWithResume('秋一');
    const d = await seekerWithResume('直投');
    const idA = (await apply(a, { jobId: job.id, fairId: spring.id })).json().application.id;
    const idB = (await apply(b, { jobId: other.id, fairId: spring.id })).json().application.id;
    await apply(c, { jobId: job.id, fairId: autumn.id });
    await apply(d, { jobId: job.id });

    const fairs = (await call(org, 'GET', '/api/employer/applications/fairs')).json();
    // approved at spring and approvedOnly; autumn through its applications; newest first
    expect(fairs.map((f: { title: string }) => f.title)).toEqual([
      '秋季招聘会',
      '春季招聘会',
      '双选会（已通过，尚无投递）',
    ]);

    const countsAt = async (fairId?: string) =>
      (
        await call(
          org,
          'GET',
          `/api/employer/applications/postings${fairId ? `?fairId=${fairId}` : ''}`,
        )
      ).json() as { jobId: string; total: number }[];
    const totalOf = (rows: { jobId: string; total: number }[], id: string) =>
      rows.find((r) => r.jobId === id)?.total;
    const all = await countsAt();
    expect([totalOf(all, job.id), totalOf(all, other.id)]).toEqual([3, 1]);
    const atSpring = await countsAt(spring.id);
    expect([totalOf(atSpring, job.id), totalOf(atSpring, other.id)]).toEqual([1, 1]);
    const atAutumn = await countsAt(autumn.id);
    expect([totalOf(atAutumn, job.id), totalOf(atAutumn, other.id)]).toEqual([1, 0]);

    const springList = (
      await call(org, 'GET', `/api/employer/applications?fairId=${spring.id}`)
    ).json();
    expect(springList.total).toBe(2);
    expect(springList.items.map((i: { id: string }) => i.id).sort()).toEqual([idA, idB].sort());
    expect(springList.items[0].fairTitle).toBe('春季招聘会');
    const springJob = (
      await call(org, 'GET', `/api/employer/applications?fairId=${spring.id}&jobId=${job.id}`)
    ).json();
    expect(springJob.items.map((i: { id: string }) => i.id)).toEqual([idA]);

    // another employer's view of the same fair is empty, and its fair list too
    const stranger = await signInAs(t.database.db, 'employer');
    expect(
      (await call(stranger, 'GET', `/api/employer/applications?fairId=${spring.id}`)).json().total,
    ).toBe(0);
    expect((await call(stranger, 'GET', '/api/employer/applications/fairs')).json()).toEqual([]);
    expect(
      (await call(org, 'GET', '/api/employer/applications?fairId=not-a-uuid')).statusCode,
    ).toBe(400);
  });

  it('hides other organizations’ applications (404) and withdrawn ones', async () => {
    const s = await seekerWithResume();
    const job = await createJob(t.database.db, employer.organizationId!);
    const id = (await apply(s, { jobId: job.id })).json().application.id;
    const stranger = await signInAs(t.database.db, 'employer');
    expect((await call(stranger, 'GET', `/api/employer/applications/${id}`)).statusCode).toBe(404);
    expect(
      (await call(stranger, 'PUT', `/api/employer/applications/${id}/mark`, { mark: 'qualified' }))
        .statusCode,
    ).toBe(404);
    expect((await call(stranger, 'GET', '/api/employer/applications')).json().total).toBe(0);
    await call(s, 'POST', `/api/applications/${id}/withdraw`);
    expect((await call(employer, 'GET', `/api/employer/applications/${id}`)).statusCode).toBe(404);
    expect((await call(s, 'GET', `/api/employer/applications/${id}`)).statusCode).toBe(403);
  });
});

describe('a deployment with another quota (HIREHALL_APPLICATION_QUOTA=3)', () => {
  let d: TestApp;
  beforeAll(async () => {
    d = await createTestApp({ HIREHALL_APPLICATION_QUOTA: '3' });
  });
  afterAll(() => d.close());
  const on = (who: SignedIn, method: 'GET' | 'POST', url: string, body?: unknown) =>
    d.app.inject({ method, url, headers: who.headers, payload: body as object });

  it('counts down from 3, refuses the 4th naming the limit, and withdrawing frees a place', async () => {
    const org = await signInAs(d.database.db, 'employer');
    const s = await signInAs(d.database.db, 'seeker');
    const jobs = [];
    for (let i = 0; i < 4; i++) jobs.push(await createJob(d.database.db, org.organizationId!));
    expect((await on(s, 'GET', '/api/applications/quota')).json()).toEqual({
      limit: 3,
      used: 0,
      remaining: 3,
    });
    const messages = [];
    let last;
    for (let i = 0; i < 3; i++) {
      last = (await on(s, 'POST', '/api/applications', { jobId: jobs[i]!.id })).json();
      messages.push(last.message);
    }
    expect(messages).toEqual([
      '岗位应聘成功。您目前还剩余 2 个应聘名额。',
      '岗位应聘成功。您目前还剩余 1 个应聘名额。',
      '岗位应聘成功。您目前还剩余 0 个应聘名额。',
    ]);
    const fourth = await on(s, 'POST', '/api/applications', { jobId: jobs[3]!.id });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { limit: 3, used: 3, remaining: 0 },
    });
    expect(fourth.json().error.message).toContain('您已有 3 条应聘记录');
    const freed = await on(s, 'POST', `/api/applications/${last.application.id}/withdraw`);
    expect(freed.json().quota).toEqual({ limit: 3, used: 2, remaining: 1 });
    expect((await on(s, 'POST', '/api/applications', { jobId: jobs[3]!.id })).statusCode).toBe(201);
  });

  it('holds 3 under 20 simultaneous applies', async () => {
    const org = await signInAs(d.database.db, 'employer');
    const s = await signInAs(d.database.db, 'seeker');
    const jobs = await Promise.all(
      Array.from({ length: 20 }, () => createJob(d.database.db, org.organizationId!)),
    );
    const results = await Promise.all(
      jobs.map((j) => on(s, 'POST', '/api/applications', { jobId: j.id })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.json().error?.code === 'QUOTA_EXCEEDED')).toHaveLength(17);
    expect((await on(s, 'GET', '/api/applications')).json().quota).toEqual({
      limit: 3,
      used: 3,
      remaining: 0,
    });
  });
});
