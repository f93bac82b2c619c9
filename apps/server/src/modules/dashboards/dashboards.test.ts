import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization, signInAs } from '../../../test/fixtures.ts';
import { insertAccount } from '../accounts/accounts.repo.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { admissions, pointsLedger } from '../organizations/organizations.tables.ts';

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
