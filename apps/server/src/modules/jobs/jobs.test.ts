import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { admit, createPublishedJob, goodJob } from './jobs.test-helpers.ts';

let t: TestApp;
let employer: SignedIn;
let other: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  employer = await signInAs(t.database.db, 'employer');
  other = await signInAs(t.database.db, 'employer');
});
afterAll(() => t.close());

const inject = (opts: InjectOptions) => t.app.inject(opts);

describe('postings: create, autosave, publish', () => {
  it('creates a draft, autosaves with a version, and refuses a stale version', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: employer.headers,
      payload: { title: 'PHP' },
    });
    expect(created.statusCode).toBe(201);
    const job = created.json();
    expect(job).toMatchObject({ status: 'draft', version: 1, title: 'PHP' });

    const saved = await inject({
      method: 'PATCH',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
      payload: { version: 1, title: 'PHP工程师', salaryMin: 7500, salaryMax: 8499 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, title: 'PHP工程师', salaryText: '7500-8499' });

    // a second tab still holding version 1
    const stale = await inject({
      method: 'PATCH',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
      payload: { version: 1, title: '覆盖' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('refuses to publish without the required fields, naming them', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: employer.headers,
      payload: { title: '前端开发' },
    });
    const res = await inject({
      method: 'POST',
      url: `/api/org/jobs/${created.json().id}/publish`,
      headers: employer.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('POSTING_INCOMPLETE');
    expect(res.json().error.details.missing).toEqual(['招聘人数', '职位描述', '工作地点', '薪资']);
  });

  it('publishes a clean posting and shows it in the search', async () => {
    const job = await createPublishedJob(t.app, employer.headers, { title: '设计工程师' });
    expect(job.status).toBe('published');
    const res = await inject({ method: 'GET', url: `/api/public/jobs?q=${encodeURI('设计')}` });
    expect(res.json().items.map((j: { id: string }) => j.id)).toContain(job.id);
  });
});

describe('compliance check', () => {
  it('blocks a clear violation with the reason', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: employer.headers,
      payload: goodJob({ description: '限男性，需交押金500元，乙肝携带者勿扰' }),
    });
    const res = await inject({
      method: 'POST',
      url: `/api/org/jobs/${created.json().id}/publish`,
      headers: employer.headers,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('COMPLIANCE_VIOLATION');
    const categories = res.json().error.details.flags.map((f: { category: string }) => f.category);
    expect(categories).toEqual(expect.arrayContaining(['性别', '押金/收费', '乙肝']));
    const after = await inject({
      method: 'GET',
      url: `/api/org/jobs/${created.json().id}`,
      headers: employer.headers,
    });
    expect(after.json().status).toBe('draft');
  });

  it('sends a doubtful posting to review; school staff of an admitting school approve it', async () => {
    const school = await signInAs(t.database.db, 'school');
    const otherSchool = await signInAs(t.database.db, 'school');
    await admit(t.database.db, employer.organizationId!, school.organizationId!);
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: employer.headers,
      payload: goodJob({ title: '审核岗位', skills: '户籍不限，性别不限' }),
    });
    const id = created.json().id;
    const res = await inject({
      method: 'POST',
      url: `/api/org/jobs/${id}/publish`,
      headers: employer.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('in_review');
    expect(
      res.json().complianceFlags.every((f: { severity: string }) => f.severity === 'review'),
    ).toBe(true);
    // not visible to seekers while in review
    const hidden = await inject({ method: 'GET', url: `/api/public/jobs/${id}` });
    expect(hidden.statusCode).toBe(404);

    // another school does not see it and cannot approve it
    const queue = await inject({
      method: 'GET',
      url: '/api/review/jobs',
      headers: otherSchool.headers,
    });
    expect(queue.json().map((j: { id: string }) => j.id)).not.toContain(id);
    const denied = await inject({
      method: 'POST',
      url: `/api/review/jobs/${id}/approve`,
      headers: otherSchool.headers,
    });
    expect(denied.statusCode, denied.body).toBe(404);

    const mine = await inject({ method: 'GET', url: '/api/review/jobs', headers: school.headers });
    expect(mine.json().map((j: { id: string }) => j.id)).toContain(id);
    const ok = await inject({
      method: 'POST',
      url: `/api/review/jobs/${id}/approve`,
      headers: school.headers,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('published');
  });

  it('lets the admin return a posting with a reason', async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: employer.headers,
      payload: goodJob({ title: '退回岗位', skills: '有宗教信仰者请说明' }),
    });
    const id = created.json().id;
    await inject({ method: 'POST', url: `/api/org/jobs/${id}/publish`, headers: employer.headers });
    const noReason = await inject({
      method: 'POST',
      url: `/api/review/jobs/${id}/return`,
      headers: admin.headers,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const res = await inject({
      method: 'POST',
      url: `/api/review/jobs/${id}/return`,
      headers: admin.headers,
      payload: { reason: '请删除宗教相关要求' },
    });
    expect(res.json()).toMatchObject({ status: 'returned', reviewReason: '请删除宗教相关要求' });
  });
});

/** The employer's posting with a doubtful phrase, published into the review queue. */
async function submitDoubtful(title: string): Promise<{ id: string; version: number }> {
  const created = await inject({
    method: 'POST',
    url: '/api/org/jobs',
    headers: employer.headers,
    payload: goodJob({ title, skills: '性别不限' }),
  });
  const res = await inject({
    method: 'POST',
    url: `/api/org/jobs/${created.json().id}/publish`,
    headers: employer.headers,
  });
  expect(res.json().status).toBe('in_review');
  return res.json();
}

describe('compliance re-check of postings under review', () => {
  async function inReview(title: string) {
    const school = await signInAs(t.database.db, 'school');
    await admit(t.database.db, employer.organizationId!, school.organizationId!);
    return { school, job: await submitDoubtful(title) };
  }

  it('an edit adding a clear violation takes the posting out of review; approval is impossible', async () => {
    const { school, job } = await inReview('复查岗位一');
    const edited = await inject({
      method: 'PATCH',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
      payload: { version: job.version, description: '负责电话回访客户，限男性。' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().status).toBe('returned');
    expect(edited.json().reviewReason).toContain('违规');
    const flag = edited
      .json()
      .complianceFlags.find((f: { severity: string }) => f.severity === 'block');
    expect(flag).toMatchObject({ category: '性别', term: '限男性', field: '职位描述' });
    const queue = await inject({ method: 'GET', url: '/api/review/jobs', headers: school.headers });
    expect(queue.json().map((j: { id: string }) => j.id)).not.toContain(job.id);
    const approve = await inject({
      method: 'POST',
      url: `/api/review/jobs/${job.id}/approve`,
      headers: school.headers,
    });
    expect(approve.statusCode).toBe(409);
    expect((await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` })).statusCode).toBe(
      404,
    );
    // publishing again re-runs the check and refuses
    const republish = await inject({
      method: 'POST',
      url: `/api/org/jobs/${job.id}/publish`,
      headers: employer.headers,
    });
    expect(republish.json().error.code).toBe('COMPLIANCE_VIOLATION');
  });

  it('a doubtful edit keeps the posting in review with refreshed flags for the reviewer', async () => {
    const { school, job } = await inReview('复查岗位二');
    const edited = await inject({
      method: 'PATCH',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
      payload: { version: job.version, skills: '性别不限，户籍不限' },
    });
    expect(edited.json().status).toBe('in_review');
    const categories = edited
      .json()
      .complianceFlags.map(
        (f: { category: string; severity: string }) => `${f.category}:${f.severity}`,
      );
    expect(categories).toEqual(['性别:review', '户籍/地域:review']);
    const queue = await inject({ method: 'GET', url: '/api/review/jobs', headers: school.headers });
    const item = queue.json().find((j: { id: string }) => j.id === job.id);
    expect(item.complianceFlags).toHaveLength(2);
  });

  it('approval re-runs the check and refuses a clear violation present now', async () => {
    const { school, job } = await inReview('复查岗位三');
    // text changed behind the queue's back (e.g. written before this rule existed)
    await t.database.db.execute(
      sql`update job_postings set description = '本岗位需交押金500元' where id = ${job.id}`,
    );
    const approve = await inject({
      method: 'POST',
      url: `/api/review/jobs/${job.id}/approve`,
      headers: school.headers,
    });
    expect(approve.statusCode).toBe(422);
    expect(approve.json().error.code).toBe('COMPLIANCE_VIOLATION');
    expect(approve.json().error.details.flags[0]).toMatchObject({
      category: '押金/收费',
      severity: 'block',
    });
    const after = await inject({
      method: 'GET',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
    });
    expect(after.json().status).toBe('in_review');
    // the reviewer can still return it
    const returned = await inject({
      method: 'POST',
      url: `/api/review/jobs/${job.id}/return`,
      headers: school.headers,
      payload: { reason: '请删除押金要求' },
    });
    expect(returned.json().status).toBe('returned');
  });

  it('editing a published posting re-runs the check: violation refused, doubtful term to review', async () => {
    const job = await createPublishedJob(t.app, employer.headers, { title: '已发布复查岗' });
    const refused = await inject({
      method: 'PATCH',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
      payload: { version: job.version, skills: '仅限本市户籍' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.flags[0].category).toBe('户籍/地域');
    const live = await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` });
    expect(live.json().skills).not.toContain('户籍');
    const doubtful = await inject({
      method: 'PATCH',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
      payload: { version: job.version, skills: '有宗教信仰者请说明' },
    });
    expect(doubtful.statusCode).toBe(200);
    expect(doubtful.json().status).toBe('in_review');
    expect((await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('review results reach the employer through the outbox', () => {
  const eventsOf = async (jobId: string) => {
    const res = await t.database.db.execute(
      sql`select kind, recipient_organization_ids, payload from outbox_events
        where kind = 'job.reviewed' and payload->>'jobId' = ${jobId} order by id`,
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

  it('approval and return each append one job.reviewed event for the organization', async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const submit = async (title: string) => (await submitDoubtful(title)).id;
    const a = await submit('通知岗位甲');
    await inject({ method: 'POST', url: `/api/review/jobs/${a}/approve`, headers: admin.headers });
    expect(await eventsOf(a)).toEqual([
      {
        kind: 'job.reviewed',
        recipient_organization_ids: [employer.organizationId],
        payload: expect.objectContaining({
          approved: true,
          title: '职位审核通过',
          link: `/employer/jobs/${a}`,
        }),
      },
    ]);

    const b = await submit('通知岗位乙');
    await inject({
      method: 'POST',
      url: `/api/review/jobs/${b}/return`,
      headers: admin.headers,
      payload: { reason: '请删除性别表述' },
    });
    const [returned] = await eventsOf(b);
    expect(returned!.payload).toMatchObject({ approved: false, reason: '请删除性别表述' });
    expect(returned!.payload.body).toContain('请删除性别表述');

    // a refused approval (clear violation) writes no event
    const c = await submit('通知岗位丙');
    await t.database.db.execute(sql`update job_postings set skills = '限男性' where id = ${c}`);
    const refused = await inject({
      method: 'POST',
      url: `/api/review/jobs/${c}/approve`,
      headers: admin.headers,
    });
    expect(refused.statusCode).toBe(422);
    expect(await eventsOf(c)).toEqual([]);
  });
});

describe('states and visibility', () => {
  it('pause hides the posting from seekers; resume shows it again; close ends it', async () => {
    const job = await createPublishedJob(t.app, employer.headers, { title: '暂停测试岗' });
    const paused = await inject({
      method: 'POST',
      url: `/api/org/jobs/${job.id}/pause`,
      headers: employer.headers,
    });
    expect(paused.json().status).toBe('paused');
    expect((await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` })).statusCode).toBe(
      404,
    );
    const search = await inject({
      method: 'GET',
      url: `/api/public/jobs?q=${encodeURI('暂停测试')}`,
    });
    expect(search.json().items).toHaveLength(0);
    // pausing twice is a conflict (status moved)
    const again = await inject({
      method: 'POST',
      url: `/api/org/jobs/${job.id}/pause`,
      headers: employer.headers,
    });
    expect(again.statusCode).toBe(409);
    await inject({
      method: 'POST',
      url: `/api/org/jobs/${job.id}/resume`,
      headers: employer.headers,
    });
    expect((await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` })).statusCode).toBe(
      200,
    );
    const closed = await inject({
      method: 'POST',
      url: `/api/org/jobs/${job.id}/close`,
      headers: employer.headers,
    });
    expect(closed.json().status).toBe('closed');
    expect((await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` })).statusCode).toBe(
      404,
    );
  });

  it('delete hides the posting everywhere but keeps the row', async () => {
    const job = await createPublishedJob(t.app, employer.headers, { title: '删除测试岗' });
    const res = await inject({
      method: 'DELETE',
      url: `/api/org/jobs/${job.id}`,
      headers: employer.headers,
    });
    expect(res.statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: `/api/public/jobs/${job.id}` })).statusCode).toBe(
      404,
    );
    const list = await inject({ method: 'GET', url: '/api/org/jobs', headers: employer.headers });
    expect(list.json().map((j: { id: string }) => j.id)).not.toContain(job.id);
    const rows = await t.database.db.execute(
      sql`select deleted_at from job_postings where id = ${job.id}`,
    );
    expect(
      (rows as unknown as { rows: { deleted_at: unknown }[] }).rows[0]!.deleted_at,
    ).not.toBeNull();
  });

  it("answers 404 when an employer touches another organization's posting", async () => {
    const job = await createPublishedJob(t.app, employer.headers, { title: '他人职位' });
    for (const [method, url, payload] of [
      ['GET', `/api/org/jobs/${job.id}`, undefined],
      ['PATCH', `/api/org/jobs/${job.id}`, { version: job.version, title: '改' }],
      ['POST', `/api/org/jobs/${job.id}/pause`, undefined],
      ['POST', `/api/org/jobs/${job.id}/close`, undefined],
      ['DELETE', `/api/org/jobs/${job.id}`, undefined],
    ] as const) {
      const res = await inject({ method, url, headers: other.headers, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await inject({ method: 'GET', url: '/api/org/jobs', headers: other.headers });
    expect(list.json()).toEqual([]);
  });

  it('refuses postings from seekers and school staff', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const res = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: seeker.headers,
      payload: { title: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('caps active postings of an institution at 10 with a clear error', async () => {
    const inst = await signInAs(t.database.db, 'institution');
    for (let i = 0; i < 10; i++) {
      await createPublishedJob(t.app, inst.headers, {
        title: `审核员${i}`,
        district: null,
        region: '成都',
      });
    }
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: inst.headers,
      payload: goodJob({ title: '第十一条' }),
    });
    const res = await inject({
      method: 'POST',
      url: `/api/org/jobs/${created.json().id}/publish`,
      headers: inst.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ACTIVE_POSTING_LIMIT');
    expect(res.json().error.message).toContain('10');
    // closing one frees a place
    const list = await inject({ method: 'GET', url: '/api/org/jobs', headers: inst.headers });
    const live = list.json().find((j: { status: string }) => j.status === 'published');
    await inject({ method: 'POST', url: `/api/org/jobs/${live.id}/close`, headers: inst.headers });
    const ok = await inject({
      method: 'POST',
      url: `/api/org/jobs/${created.json().id}/publish`,
      headers: inst.headers,
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('active-posting cap: deployment setting and admin override', () => {
  const publishOne = async (headers: Record<string, string>, title: string) => {
    const created = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers,
      payload: goodJob({ title }),
    });
    return inject({ method: 'POST', url: `/api/org/jobs/${created.json().id}/publish`, headers });
  };

  it('the admin sets an organization override; publishing obeys it; null restores the default', async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const company = await signInAs(t.database.db, 'employer');
    const url = `/api/admin/organizations/${company.organizationId}/posting-cap`;
    const before = await inject({ method: 'GET', url, headers: admin.headers });
    expect(before.json()).toMatchObject({ override: null, defaultCap: null, cap: null });

    const denied = await inject({
      method: 'PUT',
      url,
      headers: company.headers,
      payload: { cap: 100 },
    });
    expect(denied.statusCode).toBe(403);
    const set = await inject({ method: 'PUT', url, headers: admin.headers, payload: { cap: 2 } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ override: 2, cap: 2, activeCount: 0 });

    expect((await publishOne(company.headers, '上限一')).statusCode).toBe(200);
    expect((await publishOne(company.headers, '上限二')).statusCode).toBe(200);
    const third = await publishOne(company.headers, '上限三');
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toMatchObject({ code: 'ACTIVE_POSTING_LIMIT', details: { cap: 2 } });
    expect(third.json().error.message).toContain('2');

    const cleared = await inject({
      method: 'PUT',
      url,
      headers: admin.headers,
      payload: { cap: null },
    });
    expect(cleared.json()).toMatchObject({ override: null, cap: null, activeCount: 2 });
    expect((await publishOne(company.headers, '上限四')).statusCode).toBe(200);

    const audit = await t.database.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'organization.posting_cap'
        and target_id = ${company.organizationId}`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);

    const school = await signInAs(t.database.db, 'school');
    const notEmployer = await inject({
      method: 'GET',
      url: `/api/admin/organizations/${school.organizationId}/posting-cap`,
      headers: admin.headers,
    });
    expect(notEmployer.statusCode).toBe(404);
  });

  it('HIREHALL_INSTITUTION_POSTING_CAP sets the institutions’ cap', async () => {
    const app2 = await createTestApp({ HIREHALL_INSTITUTION_POSTING_CAP: '1' });
    try {
      const inst = await signInAs(app2.database.db, 'institution');
      const publish = async (title: string) => {
        const created = await app2.app.inject({
          method: 'POST',
          url: '/api/org/jobs',
          headers: inst.headers,
          payload: goodJob({ title }),
        });
        return app2.app.inject({
          method: 'POST',
          url: `/api/org/jobs/${created.json().id}/publish`,
          headers: inst.headers,
        });
      };
      expect((await publish('机构一')).statusCode).toBe(200);
      const second = await publish('机构二');
      expect(second.statusCode).toBe(409);
      expect(second.json().error.details.cap).toBe(1);
    } finally {
      await app2.close();
    }
  }, 120_000);
});

describe('favourites', () => {
  it('keeps at most 10; the 11th is refused with how to free a place', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      ids.push((await createPublishedJob(t.app, employer.headers, { title: `收藏岗${i}` })).id);
    }
    for (const id of ids.slice(0, 10)) {
      const res = await inject({
        method: 'POST',
        url: '/api/seeker/favorites',
        headers: seeker.headers,
        payload: { jobId: id },
      });
      expect(res.statusCode).toBe(200);
    }
    const full = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
      payload: { jobId: ids[10] },
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('FAVORITES_FULL');
    expect(full.json().error.message).toContain('删除');
    // favouriting one already there is harmless
    const dup = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
      payload: { jobId: ids[0] },
    });
    expect(dup.json()).toHaveLength(10);
    const removed = await inject({
      method: 'DELETE',
      url: `/api/seeker/favorites/${ids[0]}`,
      headers: seeker.headers,
    });
    expect(removed.json()).toHaveLength(9);
    const ok = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
      payload: { jobId: ids[10] },
    });
    expect(ok.json()).toHaveLength(10);
    const detail = await inject({
      method: 'GET',
      url: `/api/public/jobs/${ids[10]}`,
      headers: seeker.headers,
    });
    expect(detail.json().isFavorite).toBe(true);
  });

  it('a deleted posting leaves every favourites list and frees the place', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push((await createPublishedJob(t.app, employer.headers, { title: `删收藏${i}` })).id);
    }
    for (const jobId of ids) {
      await inject({
        method: 'POST',
        url: '/api/seeker/favorites',
        headers: seeker.headers,
        payload: { jobId },
      });
    }
    // a paused one stays listed as unavailable; a deleted one is gone
    await inject({
      method: 'POST',
      url: `/api/org/jobs/${ids[1]}/pause`,
      headers: employer.headers,
    });
    const del = await inject({
      method: 'DELETE',
      url: `/api/org/jobs/${ids[0]}`,
      headers: employer.headers,
    });
    expect(del.statusCode).toBe(204);
    const list = await inject({
      method: 'GET',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
    });
    const listed = list.json() as { jobId: string; isAvailable: boolean }[];
    expect(listed.map((f) => f.jobId)).not.toContain(ids[0]);
    expect(listed).toHaveLength(9);
    expect(listed.find((f) => f.jobId === ids[1])?.isAvailable).toBe(false);
    // the place is free again for a new favourite
    const next = await createPublishedJob(t.app, employer.headers, { title: '删收藏新' });
    const added = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
      payload: { jobId: next.id },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toHaveLength(10);
    // a favourite row written before deletion removed favourites is not listed either
    await t.database.db.execute(
      sql`insert into job_favorites (account_id, job_id) values (${seeker.accountId}, ${ids[0]})`,
    );
    const again = await inject({
      method: 'GET',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
    });
    expect(again.json().map((f: { jobId: string }) => f.jobId)).not.toContain(ids[0]);
    expect(again.json()).toHaveLength(10);
  });

  it('is for seekers only and only for live postings', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const job = await createPublishedJob(t.app, employer.headers, { title: '暂停收藏' });
    await inject({
      method: 'POST',
      url: `/api/org/jobs/${job.id}/pause`,
      headers: employer.headers,
    });
    const res = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
      payload: { jobId: job.id },
    });
    expect(res.statusCode).toBe(404);
    const asEmployer = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: employer.headers,
      payload: { jobId: job.id },
    });
    expect(asEmployer.statusCode).toBe(403);
  });
});

describe('banners', () => {
  it('the admin manages banners; everyone reads the active ones', async () => {
    const admin = await signInAs(t.database.db, 'admin');
    const res = await inject({
      method: 'POST',
      url: '/api/admin/banners',
      headers: admin.headers,
      payload: { title: '春季招聘月', linkUrl: '/fairs', sortOrder: 1 },
    });
    expect(res.statusCode).toBe(201);
    await inject({
      method: 'POST',
      url: '/api/admin/banners',
      headers: admin.headers,
      payload: { title: '停用的', isActive: false },
    });
    const pub = await inject({ method: 'GET', url: '/api/public/banners' });
    expect(pub.json().map((b: { title: string }) => b.title)).toEqual(['春季招聘月']);
    const denied = await inject({
      method: 'POST',
      url: '/api/admin/banners',
      headers: employer.headers,
      payload: { title: 'x' },
    });
    expect(denied.statusCode).toBe(403);
  });
});
