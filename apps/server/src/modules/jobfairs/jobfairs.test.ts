import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { admit, createPublishedJob } from '../jobs/jobs.test-helpers.ts';
import { publishedFair, signUpApproved } from './jobfairs.fixtures.ts';

let t: TestApp;
let school: SignedIn;
let otherSchool: SignedIn;
let employer: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  school = await signInAs(t.database.db, 'school');
  otherSchool = await signInAs(t.database.db, 'school');
  employer = await signInAs(t.database.db, 'employer');
  await admit(t.database.db, employer.organizationId!, school.organizationId!);
});
afterAll(() => t.close());

const inject = (opts: InjectOptions) => t.app.inject(opts);
const fairBody = (over: Record<string, unknown> = {}) => ({
  title: '2026届毕业生互联网电子行业线上招聘会',
  type: 'online',
  startsAt: '2026-03-20T09:00:00+08:00',
  endsAt: '2026-04-02T22:00:00+08:00',
  city: '上海市',
  district: '嘉定区',
  address: '线上互联网招聘大厅',
  introduction:
    '<p>尊敬的用人单位：</p><script>alert(1)</script><a href="javascript:x">x</a><b>诚邀</b>',
  invitation: '诚邀广大用人单位参加！',
  ...over,
});

describe('fairs', () => {
  it('school staff create a fair with a sanitized introduction; drafts stay private', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/school/fairs',
      headers: school.headers,
      payload: fairBody(),
    });
    expect(res.statusCode).toBe(201);
    const fair = res.json();
    expect(fair.status).toBe('draft');
    expect(fair.introduction).not.toContain('<script');
    expect(fair.introduction).not.toContain('javascript:');
    expect(fair.introduction).toContain('<b>诚邀</b>');
    expect((await inject({ method: 'GET', url: `/api/public/fairs/${fair.id}` })).statusCode).toBe(
      404,
    );
    // another school can neither edit nor publish it
    const put = await inject({
      method: 'PUT',
      url: `/api/school/fairs/${fair.id}`,
      headers: otherSchool.headers,
      payload: fairBody(),
    });
    expect(put.statusCode).toBe(404);
    const pub = await inject({
      method: 'POST',
      url: `/api/school/fairs/${fair.id}/publish`,
      headers: otherSchool.headers,
    });
    expect(pub.statusCode).toBe(404);
    const bad = await inject({
      method: 'POST',
      url: '/api/school/fairs',
      headers: school.headers,
      payload: fairBody({ endsAt: '2026-03-01T09:00:00+08:00' }),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('school staff edit their own fair (draft and published, not closed); create and edit are audited', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/school/fairs',
      headers: school.headers,
      payload: fairBody({ title: '编辑前的招聘会' }),
    });
    const id = created.json().id as string;
    const edited = await inject({
      method: 'PUT',
      url: `/api/school/fairs/${id}`,
      headers: school.headers,
      payload: fairBody({
        title: '编辑后的招聘会',
        type: 'offline',
        district: '浦东新区',
        address: '浦东新区世纪大道100号',
        introduction: '<p>欢迎</p><img src=x onerror=alert(1)><ul><li>要点</li></ul>',
      }),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      id,
      status: 'draft',
      title: '编辑后的招聘会',
      type: 'offline',
      district: '浦东新区',
      address: '浦东新区世纪大道100号',
    });
    expect(edited.json().introduction).toBe('<p>欢迎</p><ul><li>要点</li></ul>');

    await inject({
      method: 'POST',
      url: `/api/school/fairs/${id}/publish`,
      headers: school.headers,
    });
    const live = await inject({
      method: 'PUT',
      url: `/api/school/fairs/${id}`,
      headers: school.headers,
      payload: fairBody({ title: '发布后再改名' }),
    });
    expect(live.statusCode).toBe(200);
    const pub = await inject({ method: 'GET', url: `/api/public/fairs/${id}` });
    expect(pub.json().title).toBe('发布后再改名');

    await inject({ method: 'POST', url: `/api/school/fairs/${id}/close`, headers: school.headers });
    const closed = await inject({
      method: 'PUT',
      url: `/api/school/fairs/${id}`,
      headers: school.headers,
      payload: fairBody({ title: '结束后不能改' }),
    });
    expect(closed.statusCode).toBe(409);

    const audit = await t.database.db.execute(
      sql`select action, actor_account_id from audit_log where target_type = 'job_fair'
        and target_id = ${id} order by id`,
    );
    const rows = (audit as unknown as { rows: { action: string; actor_account_id: string }[] })
      .rows;
    expect(rows.map((r) => r.action)).toEqual([
      'fair.create',
      'fair.update',
      'fair.publish',
      'fair.update',
      'fair.close',
    ]);
    expect(rows.every((r) => r.actor_account_id === school.accountId)).toBe(true);
  });

  it('runs sign-up → approval → chosen postings → public page with counts and search', async () => {
    const fairId = await publishedFair(t.app, school, fairBody());
    const php = await createPublishedJob(t.app, employer.headers, {
      title: 'PHP',
      occupation: '软件开发',
      salaryMin: 7500,
      salaryMax: 8499,
    });
    const sales = await createPublishedJob(t.app, employer.headers, { title: '电话销售' });
    await createPublishedJob(t.app, employer.headers, { title: '不参会的职位' });

    const signup = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: employer.headers,
      payload: { note: '报名' },
    });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().status).toBe('pending');
    const dup = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: employer.headers,
    });
    expect(dup.statusCode).toBe(409);

    // before approval the employer cannot choose postings, and the fair shows nobody
    const early = await inject({
      method: 'PUT',
      url: `/api/employer/fairs/${fairId}/jobs`,
      headers: employer.headers,
      payload: { jobIds: [php.id] },
    });
    expect(early.statusCode).toBe(409);

    // another school cannot see or review this sign-up
    const foreignList = await inject({
      method: 'GET',
      url: `/api/school/fairs/${fairId}/signups`,
      headers: otherSchool.headers,
    });
    expect(foreignList.statusCode).toBe(404);
    const foreign = await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signup.json().id}/approve`,
      headers: otherSchool.headers,
    });
    expect(foreign.statusCode).toBe(404);

    const list = await inject({
      method: 'GET',
      url: `/api/school/fairs/${fairId}/signups`,
      headers: school.headers,
    });
    expect(list.json()).toHaveLength(1);
    const ok = await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signup.json().id}/approve`,
      headers: school.headers,
    });
    expect(ok.json().status).toBe('approved');
    const again = await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signup.json().id}/approve`,
      headers: school.headers,
    });
    expect(again.statusCode).toBe(409);

    const chosen = await inject({
      method: 'PUT',
      url: `/api/employer/fairs/${fairId}/jobs`,
      headers: employer.headers,
      payload: { jobIds: [php.id, sales.id] },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().jobIds.sort()).toEqual([php.id, sales.id].sort());

    const fair = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}` });
    expect(fair.json()).toMatchObject({ employerCount: 1, jobCount: 2, views: 0 });
    const visit = await inject({ method: 'POST', url: `/api/public/fairs/${fairId}/visits` });
    expect(visit.json().views).toBe(1);

    const cards = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}/employers` });
    expect(cards.json()).toHaveLength(1);
    expect(
      cards
        .json()[0]
        .jobs.map((j: { title: string; salaryText: string }) => `${j.title} ${j.salaryText}`)
        .sort(),
    ).toEqual(['PHP 7500-8499', '电话销售 6500-7499'].sort());
    const found = await inject({
      method: 'GET',
      url: `/api/public/fairs/${fairId}/employers?q=${encodeURI('销售')}`,
    });
    expect(found.json()[0].jobs.map((j: { title: string }) => j.title)).toEqual(['电话销售']);
    const none = await inject({
      method: 'GET',
      url: `/api/public/fairs/${fairId}/employers?q=${encodeURI('厨师')}`,
    });
    expect(none.json()).toEqual([]);

    // pausing a posting removes it from the fair
    await inject({
      method: 'POST',
      url: `/api/org/jobs/${sales.id}/pause`,
      headers: employer.headers,
    });
    const after = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}` });
    expect(after.json().jobCount).toBe(1);
  });

  it('only admitted employers may sign up; rejection carries a reason and allows a new try', async () => {
    const fairId = await publishedFair(t.app, school, fairBody());
    const stranger = await signInAs(t.database.db, 'employer');
    const res = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: stranger.headers,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('NOT_ADMITTED');

    const signup = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: employer.headers,
    });
    const noReason = await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signup.json().id}/reject`,
      headers: school.headers,
      payload: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signup.json().id}/reject`,
      headers: school.headers,
      payload: { reason: '行业不符' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '行业不符' });
    const mine = await inject({
      method: 'GET',
      url: '/api/employer/fairs',
      headers: employer.headers,
    });
    expect(mine.json().find((f: { id: string }) => f.id === fairId).signup.reason).toBe('行业不符');
    const retry = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: employer.headers,
    });
    expect(retry.json().status).toBe('pending');
  });

  it('the review result reaches the employer through the outbox (rejection, then approval)', async () => {
    const fairId = await publishedFair(t.app, school, fairBody());
    const signup = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: employer.headers,
    });
    const signupId = signup.json().id as string;
    const events = async () => {
      const res = await t.database.db.execute(
        sql`select kind, recipient_organization_ids, payload from outbox_events
          where payload->>'signupId' = ${signupId} order by id`,
      );
      return (
        res as unknown as {
          rows: {
            kind: string;
            recipient_organization_ids: string[];
            payload: Record<string, unknown>;
          }[];
        }
      ).rows;
    };
    // a foreign school's attempt changes nothing and announces nothing
    const foreign = await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signupId}/approve`,
      headers: otherSchool.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(await events()).toEqual([]);

    await inject({
      method: 'POST',
      url: `/api/school/fair-signups/${signupId}/reject`,
      headers: school.headers,
      payload: { reason: '行业不符' },
    });
    const [rejected] = await events();
    expect(rejected).toMatchObject({
      kind: 'fair_signup.reviewed',
      recipient_organization_ids: [employer.organizationId],
      payload: { fairId, approved: false, reason: '行业不符', title: '招聘会报名未通过' },
    });
    expect(rejected!.payload.body).toContain('行业不符');

    // signing up again reopens the same sign-up, which the school now approves
    expect((await signUpApproved(t.app, fairId, { employer, school })).id).toBe(signupId);
    const all = await events();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      kind: 'fair_signup.reviewed',
      payload: { approved: true, title: '招聘会报名已通过', link: '/employer/jobfairs' },
    });
  });

  it("an employer cannot show another organization's posting at a fair", async () => {
    const fairId = await publishedFair(t.app, school, fairBody());
    const otherEmployer = await signInAs(t.database.db, 'employer');
    const theirs = await createPublishedJob(t.app, otherEmployer.headers, { title: '别人的' });
    await signUpApproved(t.app, fairId, { employer, school });
    const res = await inject({
      method: 'PUT',
      url: `/api/employer/fairs/${fairId}/jobs`,
      headers: employer.headers,
      payload: { jobIds: [theirs.id] },
    });
    expect(res.statusCode).toBe(404);
  });

  it('closing a fair stops sign-ups; the public list shows published fairs', async () => {
    const fairId = await publishedFair(t.app, school, fairBody());
    await inject({
      method: 'POST',
      url: `/api/school/fairs/${fairId}/close`,
      headers: school.headers,
    });
    const res = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${fairId}/signup`,
      headers: employer.headers,
    });
    expect(res.statusCode).toBe(409);
    const list = await inject({ method: 'GET', url: '/api/public/fairs' });
    expect(list.json().every((f: { status: string }) => f.status !== 'draft')).toBe(true);
  });
});
