import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs } from '../../../test/fixtures.ts';
import { insertAccount } from '../accounts/accounts.repo.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { admissions, pointsLedger } from '../organizations/organizations.tables.ts';
import { interviews } from '../interviews/interviews.tables.ts';
import { agreements } from '../agreements/agreements.tables.ts';
import { fairJobs, fairSignups, jobFairs } from '../jobfairs/jobfairs.tables.ts';
import { signingWorld, terms } from '../agreements/agreements.fixtures.ts';
import { insertGraduate } from '../graduates/graduates.fixtures.ts';
import { createCollege } from '../../../test/fixtures.ts';
import { chinaDay } from './dashboards.employer.ts';
import { createApplication } from '../chat/chat.fixtures.ts';
import { chatMessages, conversations } from '../chat/chat.tables.ts';
import { chatFlagReviews } from '../admin/admin.tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
});
afterAll(() => t.close());

async function seekerApplies(orgId: string, jobId: string, mark: 'qualified' | null) {
  const seeker = await insertAccount(t.database.db, {
    role: 'seeker',
    displayName: `求职者${Math.random().toString(16).slice(2, 6)}`,
    passwordHash: null,
    identifiers: [],
  });
  await t.database.db.insert(applications).values({
    seekerAccountId: seeker.id,
    jobId,
    organizationId: orgId,
    resumeSnapshot: { name: '李四' },
    mark,
  });
}

describe('employer home', () => {
  it('shows its own postings, applications by mark and latest resumes only', async () => {
    const db = t.database.db;
    const employer = await signInAs(db, 'employer');
    const other = await signInAs(db, 'employer');
    const org = employer.organizationId!;
    const [job] = await db
      .insert(jobPostings)
      .values([
        { organizationId: org, title: '前端工程师', status: 'published' },
        { organizationId: org, title: '草稿职位', status: 'draft' },
      ])
      .returning();
    const [theirs] = await db
      .insert(jobPostings)
      .values({ organizationId: other.organizationId!, title: '别家职位', status: 'published' })
      .returning();
    await seekerApplies(org, job!.id, 'qualified');
    await seekerApplies(org, job!.id, null);
    await seekerApplies(other.organizationId!, theirs!.id, null);

    const res = await t.app.inject({ url: '/api/dashboards/employer', headers: employer.headers });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.postings).toEqual({ published: 1, draft: 1 });
    expect(d.applicationsByMark).toEqual({ qualified: 1, unmarked: 1 });
    expect(d.applicationsTotal).toBe(2);
    expect(d.latestResumes).toHaveLength(2);
    expect(d.latestResumes[0]).toMatchObject({ seekerName: '李四', jobTitle: '前端工程师' });
    expect(
      d.postingApplicants.find((p: { title: string }) => p.title === '前端工程师').applicants,
    ).toBe(2);
    expect(d.pointsBalance).toBeNull();
    expect(JSON.stringify(d)).not.toContain('别家职位');
  });

  it('shows an institution its points balance', async () => {
    const inst = await signInAs(t.database.db, 'institution');
    await t.database.db
      .insert(pointsLedger)
      .values({ organizationId: inst.organizationId!, delta: 50, reason: '开户赠送' });
    const res = await t.app.inject({ url: '/api/dashboards/employer', headers: inst.headers });
    expect(res.json().pointsBalance).toBe(50);
  });
});

describe('employer home: interviews today', () => {
  it('takes the China-time calendar day', () => {
    // 00:30 on 2 March in China is still 1 March in UTC
    expect(chinaDay(new Date('2026-03-01T16:30:00Z'))).toEqual({
      start: new Date('2026-03-01T16:00:00Z'),
      end: new Date('2026-03-02T16:00:00Z'),
    });
    expect(chinaDay(new Date('2026-03-01T15:59:59Z')).start).toEqual(
      new Date('2026-02-28T16:00:00Z'),
    );
  });

  it('counts its own interviews starting today in China time, not cancelled or declined ones', async () => {
    const db = t.database.db;
    const employer = await signInAs(db, 'employer');
    const other = await signInAs(db, 'employer');
    const hour = 3_600_000;
    const { start, end } = chinaDay(new Date());
    const cases: [string, Date, 'invited' | 'confirmed' | 'cancelled' | 'declined' | 'done'][] = [
      [employer.organizationId!, new Date(start.getTime() + 9 * hour), 'invited'],
      [employer.organizationId!, new Date(end.getTime() - hour / 2), 'confirmed'],
      [employer.organizationId!, new Date(start.getTime() + 8 * hour), 'done'],
      [employer.organizationId!, new Date(start.getTime() + 10 * hour), 'cancelled'],
      [employer.organizationId!, new Date(start.getTime() + 11 * hour), 'declined'],
      [employer.organizationId!, new Date(start.getTime() - hour / 2), 'confirmed'],
      [employer.organizationId!, new Date(end.getTime() + hour / 2), 'invited'],
      [other.organizationId!, new Date(start.getTime() + 9 * hour), 'invited'],
    ];
    for (const [org, startsAt, status] of cases) {
      const [job] = await db
        .insert(jobPostings)
        .values({ organizationId: org, title: '面试职位', status: 'published' })
        .returning();
      const seeker = await signInAs(db, 'seeker');
      const [app] = await db
        .insert(applications)
        .values({
          seekerAccountId: seeker.accountId,
          jobId: job!.id,
          organizationId: org,
          resumeSnapshot: {},
        })
        .returning();
      await db.insert(interviews).values({
        applicationId: app!.id,
        organizationId: org,
        seekerAccountId: seeker.accountId,
        jobId: job!.id,
        status,
        startsAt,
        mode: 'onsite',
        contactName: '王经理',
        contactPhone: '13900000000',
      });
    }
    const res = await t.app.inject({ url: '/api/dashboards/employer', headers: employer.headers });
    expect(res.json().interviewsToday).toBe(3);
    const theirs = await t.app.inject({ url: '/api/dashboards/employer', headers: other.headers });
    expect(theirs.json().interviewsToday).toBe(1);
  });
});

describe('school home: fairs, graduates and signing', () => {
  it('shows its fairs with counts, graduates by review state and signing rates per college; college staff see their college', async () => {
    const db = t.database.db;
    const w = await signingWorld(db);
    const languages = await createCollege(db, w.schoolId, '外语学院');
    const otherSchool = await signInAs(db, 'school');
    const employerA = await createOrganization(db, 'company');
    const employerB = await createOrganization(db, 'company');
    const employerC = await createOrganization(db, 'company');
    const staff = await signInAs(db, 'employer', { organizationId: employerA.id });

    const fairValues = {
      type: 'offline' as const,
      startsAt: new Date('2026-04-10T01:00:00Z'),
      endsAt: new Date('2026-04-10T09:00:00Z'),
      city: '上海',
      address: '体育馆',
      status: 'published' as const,
    };
    const [fair] = await db
      .insert(jobFairs)
      .values({ ...fairValues, schoolId: w.schoolId, title: '春季双选会', views: 7 })
      .returning();
    await db
      .insert(jobFairs)
      .values({ ...fairValues, schoolId: otherSchool.organizationId!, title: '别校招聘会' });
    await db.insert(fairSignups).values([
      { fairId: fair!.id, employerId: employerA.id, status: 'approved' },
      { fairId: fair!.id, employerId: employerB.id, status: 'approved' },
      { fairId: fair!.id, employerId: employerC.id, status: 'pending' },
    ]);
    const jobs = await db
      .insert(jobPostings)
      .values([
        { organizationId: employerA.id, title: '测试工程师', status: 'published' },
        { organizationId: employerA.id, title: '运维工程师', status: 'published' },
      ])
      .returning();
    await db
      .insert(fairJobs)
      .values(jobs.map((j) => ({ fairId: fair!.id, jobId: j.id, employerId: employerA.id })));

    let n = 100;
    const graduate = (
      collegeId: string,
      status: 'approved' | 'imported' | 'rejected',
      year = 2026,
    ) =>
      insertGraduate(db, { schoolId: w.schoolId, collegeId, n: ++n, status, graduationYear: year });
    const sign = async (recordId: string, reviewStatus: 'approved' | 'college_pending') =>
      db.insert(agreements).values({
        schoolId: w.schoolId,
        graduationYear: 2026,
        graduateRecordId: recordId,
        employerId: employerA.id,
        createdBy: staff.accountId,
        status: 'accepted',
        reviewStatus,
        terms,
        employerSnapshot: {
          name: employerA.name,
          creditCode: null,
          contactName: null,
          contactPhone: null,
          address: null,
        },
      });
    // 计算机学院: 3 approved (one signed, one still in review), 1 imported, 1 of another year
    const cs = [
      await graduate(w.collegeId, 'approved'),
      await graduate(w.collegeId, 'approved'),
      await graduate(w.collegeId, 'approved'),
    ];
    await graduate(w.collegeId, 'imported');
    await sign((await graduate(w.collegeId, 'approved', 2025)).id, 'approved');
    await sign(cs[0]!.id, 'approved');
    await sign(cs[1]!.id, 'college_pending');
    // 外语学院: 2 approved (one signed), 1 rejected
    const fl = [await graduate(languages.id, 'approved'), await graduate(languages.id, 'approved')];
    await graduate(languages.id, 'rejected');
    await sign(fl[0]!.id, 'approved');

    const url = '/api/dashboards/school?graduationYear=2026';
    const res = await t.app.inject({ url, headers: w.school.headers });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.graduationYear).toBe(2026);
    expect(d.fairs).toHaveLength(1);
    expect(d.fairs[0]).toMatchObject({
      title: '春季双选会',
      employers: 2,
      pendingSignups: 1,
      jobs: 2,
      views: 7,
    });
    expect(d.graduatesByState).toEqual({ approved: 5, imported: 1, rejected: 1 });
    const byName = (list: { collegeName: string }[], name: string) =>
      list.find((c) => c.collegeName === name);
    expect(d.signingByCollege).toHaveLength(2);
    expect(byName(d.signingByCollege, '计算机学院')).toMatchObject({
      collegeId: w.collegeId,
      graduates: 3,
      signed: 1,
      rate: 0.333,
    });
    expect(byName(d.signingByCollege, '外语学院')).toMatchObject({
      graduates: 2,
      signed: 1,
      rate: 0.5,
    });

    const college = await t.app.inject({ url, headers: w.college.headers });
    expect(college.statusCode).toBe(200);
    expect(college.json().graduatesByState).toEqual({ approved: 3, imported: 1 });
    expect(college.json().signingByCollege).toEqual([
      expect.objectContaining({ collegeName: '计算机学院', graduates: 3, signed: 1 }),
    ]);

    const lastYear = await t.app.inject({
      url: '/api/dashboards/school?graduationYear=2025',
      headers: w.school.headers,
    });
    expect(lastYear.json().graduatesByState).toEqual({ approved: 1 });
    expect(lastYear.json().signingByCollege).toEqual([
      expect.objectContaining({ collegeName: '计算机学院', graduates: 1, signed: 1, rate: 1 }),
    ]);
  });
});

describe('school home', () => {
  it('counts only its own school’s admissions queue', async () => {
    const db = t.database.db;
    const schoolA = await signInAs(db, 'school');
    const schoolB = await signInAs(db, 'school');
    const employer = await createOrganization(db, 'company');
    await db
      .insert(admissions)
      .values([
        { employerId: employer.id, schoolId: schoolB.organizationId!, graduationYear: 2026 },
      ]);
    const a = await t.app.inject({ url: '/api/dashboards/school', headers: schoolA.headers });
    const b = await t.app.inject({ url: '/api/dashboards/school', headers: schoolB.headers });
    expect(a.statusCode).toBe(200);
    expect(a.json().admissionsPending).toBe(0);
    expect(b.json().admissionsPending).toBe(1);
    const employerStaff = await signInAs(db, 'employer');
    expect(
      (await t.app.inject({ url: '/api/dashboards/school', headers: employerStaff.headers }))
        .statusCode,
    ).toBe(403);
  });
});

describe('platform admin home', () => {
  it('counts the flagged chat messages still waiting for review', async () => {
    const db = t.database.db;
    const admin = await signInAs(db, 'admin');
    const flagged = async () =>
      (await t.app.inject({ url: '/api/dashboards/admin', headers: admin.headers })).json()
        .flaggedMessages as number;
    const before = await flagged();
    const employer = await signInAs(db, 'employer');
    const seeker = await signInAs(db, 'seeker');
    const { application } = await createApplication(db, employer, seeker);
    const [conv] = await db
      .insert(conversations)
      .values({
        applicationId: application.id,
        organizationId: employer.organizationId!,
        seekerAccountId: seeker.accountId,
      })
      .returning();
    const messages = await db
      .insert(chatMessages)
      .values(
        [['deposit'], ['off_platform'], []].map((flags, i) => ({
          conversationId: conv!.id,
          seq: i + 1,
          clientId: crypto.randomUUID(),
          senderSide: 'employer' as const,
          kind: 'text' as const,
          body: `消息${i}`,
          flags,
        })),
      )
      .returning();
    expect(await flagged()).toBe(before + 2);
    await db.insert(chatFlagReviews).values({ messageId: messages[0]!.id, decision: 'dismissed' });
    expect(await flagged()).toBe(before + 1);
  });

  it('has totals and a 30-day trend, for the admin only', async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const res = await t.app.inject({ url: '/api/dashboards/admin', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.trend).toHaveLength(30);
    expect(d.trend.at(-1).applications).toBeGreaterThanOrEqual(3);
    expect(d.organizations.company).toBeGreaterThanOrEqual(2);
    const school = await signInAs(t.database.db, 'school');
    expect(
      (await t.app.inject({ url: '/api/dashboards/admin', headers: school.headers })).statusCode,
    ).toBe(403);
  });
});
