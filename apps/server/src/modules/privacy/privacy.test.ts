import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createCollege, createOrganization, signInAs } from '../../../test/fixtures.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { createSession, CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { queryRows } from '../../platform/db/database.ts';
import { insertAccount } from '../accounts/accounts.repo.ts';
import { accounts, seekerProfiles } from '../accounts/accounts.tables.ts';
import { jobPostings } from '../jobs/jobs.tables.ts';
import { applications } from '../applications/applications.tables.ts';
import { resumes } from '../resumes/resumes.tables.ts';
import { cardViews, talentCards } from '../talentpool/talentpool.tables.ts';
import { interviewJobs, interviews } from '../interviews/interviews.tables.ts';
import { agreements } from '../agreements/agreements.tables.ts';
import { terms } from '../agreements/agreements.fixtures.ts';
import { insertGraduate } from '../graduates/graduates.fixtures.ts';
import { purgeExpired } from './privacy.retention.ts';
import { runJobOnce } from '../admin/scheduled-jobs.ts';

let n = 0;
let ID_NUMBER = '';
let PHONE = '';
const PIN = '358024';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ HIREHALL_DISPATCHER: '0' });
});
afterAll(() => t.close());

async function seekerWithHistory() {
  const db = t.database.db;
  n += 1;
  ID_NUMBER = `1101051949123100${n}X`.slice(-18);
  PHONE = `1381234${String(1000 + n)}`;
  const account = await insertAccount(db, {
    role: 'seeker',
    displayName: '张三',
    passwordHash: await hashPassword(PIN),
    phone: PHONE,
    identifiers: [{ kind: 'id_number', value: ID_NUMBER }],
  });
  await db.insert(seekerProfiles).values({
    accountId: account.id,
    name: '张三',
    documentKind: 'id_card',
    idNumber: ID_NUMBER,
  });
  await db
    .insert(resumes)
    .values({ accountId: account.id, content: { name: '张三', phone: PHONE } });
  const [card] = await db
    .insert(talentCards)
    .values({ accountId: account.id, name: '张三', phone: PHONE })
    .returning();
  const org = await createOrganization(db, 'company', `隐私测试公司${Math.random()}`);
  const [job] = await db
    .insert(jobPostings)
    .values({ organizationId: org.id, title: '销售代表', status: 'published' })
    .returning();
  const [application] = await db
    .insert(applications)
    .values({
      seekerAccountId: account.id,
      jobId: job!.id,
      organizationId: org.id,
      resumeSnapshot: { name: '张三', phone: PHONE },
      status: 'submitted',
    })
    .returning();
  const session = await createSession(db, { accountId: account.id, days: 1 });
  const headers = {
    cookie: `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrfToken}`,
    'x-csrf-token': session.csrfToken,
  };
  return {
    accountId: account.id,
    headers,
    jobId: job!.id,
    organizationId: org.id,
    applicationId: application!.id,
    cardId: card!.id,
  };
}

type Seeker = Awaited<ReturnType<typeof seekerWithHistory>>;

/** An interview on the seeker's application, `days` from now. */
async function interviewOf(s: Seeker, days: number, status: 'invited' | 'confirmed' | 'done') {
  const [row] = await t.database.db
    .insert(interviews)
    .values({
      applicationId: s.applicationId,
      organizationId: s.organizationId,
      seekerAccountId: s.accountId,
      jobId: s.jobId,
      status,
      startsAt: new Date(Date.now() + days * 86_400_000),
      mode: 'onsite',
      place: '公司三楼会议室',
      contactName: '王经理',
      contactPhone: '13900000000',
      notes: '请张三携带身份证原件',
      result: status === 'done' ? 'suitable' : null,
      resultNotes: status === 'done' ? '沟通能力强' : null,
    })
    .returning();
  return row!;
}

describe('personal data export', () => {
  it('gives the seeker a ZIP of JSON with their own unmasked data', async () => {
    const s = await seekerWithHistory();
    const res = await t.app.inject({ url: '/api/privacy/export', headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'README.txt',
        'account.json',
        'seeker-profile.json',
        'resume.json',
        'applications.json',
      ]),
    );
    const profile = JSON.parse(strFromU8(files['seeker-profile.json']!));
    expect(profile[0].id_number).toBe(ID_NUMBER);
    const account = JSON.parse(strFromU8(files['account.json']!));
    expect(account[0].phone).toBe(PHONE);
    expect(account[0]).not.toHaveProperty('password_hash');
    const apps = JSON.parse(strFromU8(files['applications.json']!));
    expect(apps[0].job_title).toBe('销售代表');
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'privacy.export' and actor_account_id = ${s.accountId}`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('includes interviews, offers and agreements, and who viewed the talent card', async () => {
    const s = await seekerWithHistory();
    const db = t.database.db;
    await interviewOf(s, -10, 'done');
    await db
      .insert(cardViews)
      .values({ organizationId: s.organizationId, cardId: s.cardId, viewCount: 3 });
    const school = await createOrganization(db, 'school', `隐私测试大学${Math.random()}`);
    const college = await createCollege(db, school.id);
    const record = await insertGraduate(db, {
      schoolId: school.id,
      collegeId: college.id,
      n: 900 + n,
      accountId: s.accountId,
    });
    const hr = await signInAs(db, 'employer', { organizationId: s.organizationId });
    const offer = (status: 'accepted' | 'draft') => ({
      schoolId: school.id,
      graduationYear: 2026,
      graduateRecordId: record.id,
      employerId: s.organizationId,
      createdBy: hr.accountId,
      status,
      reviewStatus: status === 'accepted' ? ('school_pending' as const) : null,
      terms: { ...terms, position: status === 'draft' ? '草稿岗位' : terms.position },
      employerSnapshot: {
        name: '隐私测试公司',
        creditCode: null,
        contactName: null,
        contactPhone: null,
        address: null,
      },
    });
    await db.insert(agreements).values([offer('accepted'), offer('draft')]);

    const res = await t.app.inject({ url: '/api/privacy/export', headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const read = (name: string) => JSON.parse(strFromU8(files[name]!));
    const [interview] = read('interviews.json');
    expect(interview).toMatchObject({
      job_title: '销售代表',
      status: 'done',
      result: 'suitable',
      place: '公司三楼会议室',
      notes: '请张三携带身份证原件',
    });
    expect(interview).not.toHaveProperty('result_notes');
    const offers = read('agreements.json');
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      status: 'accepted',
      review_status: 'school_pending',
      school_name: school.name,
      terms: { position: terms.position },
    });
    const views = read('talent-card-views.json');
    expect(views).toEqual([expect.objectContaining({ view_count: 3 })]);
    expect(views[0].organization_name).toMatch(/^隐私测试公司/);
  });

  it('is for seekers only', async () => {
    for (const role of ['employer', 'admin', 'school'] as const) {
      const who = await signInAs(t.database.db, role);
      const res = await t.app.inject({ url: '/api/privacy/export', headers: who.headers });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('deletion and retention', () => {
  it('needs the password and the confirmation phrase', async () => {
    const s = await seekerWithHistory();
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/deletion',
      headers: s.headers,
      payload: { password: '000000', confirm: '确认注销' },
    });
    expect(wrong.statusCode).toBe(400);
    const noPhrase = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/deletion',
      headers: s.headers,
      payload: { password: PIN, confirm: '好的' },
    });
    expect(noPhrase.statusCode).toBe(400);
  });

  it('removes personal data, keeps the application de-identified for 3 years, then purges', async () => {
    const s = await seekerWithHistory();
    const db = t.database.db;
    const held = await interviewOf(s, -3, 'done');
    await db
      .update(applications)
      .set({ status: 'submitted' })
      .where(eq(applications.id, s.applicationId));
    const s2Application = await db
      .insert(applications)
      .values({
        seekerAccountId: s.accountId,
        jobId: (
          await db
            .insert(jobPostings)
            .values({ organizationId: s.organizationId, title: '客服专员', status: 'published' })
            .returning()
        )[0]!.id,
        organizationId: s.organizationId,
        resumeSnapshot: {},
      })
      .returning();
    const upcoming = await interviewOf(
      { ...s, applicationId: s2Application[0]!.id },
      2,
      'confirmed',
    );
    await db.insert(interviewJobs).values({
      interviewId: upcoming.id,
      kind: 'reminder',
      dueAt: new Date(Date.now() + 86_400_000),
    });
    await db.insert(cardViews).values({ organizationId: s.organizationId, cardId: s.cardId });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/privacy/deletion',
      headers: s.headers,
      payload: { password: PIN, confirm: '确认注销' },
    });
    expect(res.statusCode).toBe(200);
    const purgeAfter = new Date(res.json().purgeAfter);
    expect(purgeAfter.getFullYear()).toBe(new Date().getFullYear() + 3);

    const [account] = await db.select().from(accounts).where(eq(accounts.id, s.accountId));
    expect(account).toMatchObject({
      displayName: '已注销用户',
      phone: null,
      passwordHash: null,
      status: 'disabled',
    });
    const left = await queryRows<{ t: string; n: number }>(
      db,
      sql`select 'ids' as t, count(*)::int as n from sign_in_identifiers where account_id = ${s.accountId}
          union all select 'profile', count(*)::int from seeker_profiles where account_id = ${s.accountId}
          union all select 'resume', count(*)::int from resumes where account_id = ${s.accountId}
          union all select 'card', count(*)::int from talent_cards where account_id = ${s.accountId}
          union all select 'sessions', count(*)::int from sessions where account_id = ${s.accountId}`,
    );
    expect(left.every((r) => r.n === 0)).toBe(true);
    const [app] = await db
      .select()
      .from(applications)
      .where(eq(applications.seekerAccountId, s.accountId));
    expect(app!.resumeSnapshot).toEqual({ deidentified: true });
    expect(JSON.stringify(app)).not.toContain(PHONE);

    // interviews stay with their application, without the notes; the upcoming one is cancelled
    const kept = await db
      .select()
      .from(interviews)
      .where(eq(interviews.seekerAccountId, s.accountId));
    expect(kept).toHaveLength(2);
    const byId = new Map(kept.map((i) => [i.id, i]));
    expect(byId.get(held.id)).toMatchObject({
      status: 'done',
      result: 'suitable',
      notes: '',
      resultNotes: null,
    });
    expect(byId.get(upcoming.id)).toMatchObject({ status: 'cancelled', notes: '' });
    expect(JSON.stringify(kept)).not.toContain('张三');
    const [reminder] = await db
      .select()
      .from(interviewJobs)
      .where(eq(interviewJobs.interviewId, upcoming.id));
    expect(reminder!.status).toBe('cancelled');
    expect(await db.select().from(cardViews).where(eq(cardViews.cardId, s.cardId))).toEqual([]);

    // the old session is gone; the ID number can register again
    expect((await t.app.inject({ url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);

    // nothing is purged before the retention ends
    const early = await runJobOnce(db, 'retention', (tx) => purgeExpired(tx));
    expect(early!.deletedAccounts).toBe(0);
    const later = new Date(purgeAfter.getTime() + 86_400_000);
    const purged = await db.transaction((tx) => purgeExpired(tx, later));
    expect(purged.deletedAccounts).toBeGreaterThanOrEqual(1);
    expect(
      await db.select().from(applications).where(eq(applications.seekerAccountId, s.accountId)),
    ).toEqual([]);
    expect(
      await db.select().from(interviews).where(eq(interviews.seekerAccountId, s.accountId)),
    ).toEqual([]);
    expect(await db.select().from(accounts).where(eq(accounts.id, s.accountId))).toEqual([]);
  });
});

describe('consents', () => {
  it('records a standing consent once and lets the seeker withdraw it', async () => {
    const s = await seekerWithHistory();
    const grant = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/privacy/consents',
        headers: s.headers,
        payload: { purpose: 'contact_reveal' },
      });
    await grant();
    const list = (await grant()).json();
    expect(list).toHaveLength(1);
    expect(list[0].statement).toContain('联系方式');
    const other = await signInAs(t.database.db, 'seeker');
    const stolen = await t.app.inject({
      method: 'DELETE',
      url: `/api/privacy/consents/${list[0].id}`,
      headers: other.headers,
    });
    expect(stolen.statusCode).toBe(404);
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/privacy/consents/${list[0].id}`,
      headers: s.headers,
    });
    expect(withdrawn.json()[0].withdrawnAt).not.toBeNull();
  });
});
