import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { publishedFair, signUpApproved } from '../jobfairs/jobfairs.fixtures.ts';
import { admit, createPublishedJob, goodJob } from './jobs.test-helpers.ts';

let t: TestApp;
let admin: SignedIn;
let school: SignedIn;
let employer: SignedIn;
let bystander: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.database.db, 'admin');
  school = await signInAs(t.database.db, 'school');
  employer = await signInAs(t.database.db, 'employer');
  bystander = await signInAs(t.database.db, 'employer');
  await admit(t.database.db, employer.organizationId!, school.organizationId!);
});
afterAll(() => t.close());

const inject = (opts: InjectOptions) => t.app.inject(opts);
const code = (res: { json: () => { error?: { code: string } } }) => res.json().error?.code;

const suspend = (organizationId: string) =>
  inject({
    method: 'POST',
    url: `/api/admin/organizations/${organizationId}/suspension`,
    headers: admin.headers,
    payload: { reason: '虚假招聘信息' },
  });
const reinstate = (organizationId: string) =>
  inject({
    method: 'DELETE',
    url: `/api/admin/organizations/${organizationId}/suspension`,
    headers: admin.headers,
  });
const searchTitles = async (q: string) => {
  const res = await inject({ method: 'GET', url: `/api/public/jobs?q=${encodeURI(q)}` });
  return res.json().items.map((j: { title: string }) => j.title) as string[];
};

describe('a suspended organization', () => {
  it('cannot publish, resume or take part in fairs; its postings disappear until reinstated', async () => {
    const fairId = await publishedFair(t.app, school, { title: '停权测试招聘会' });
    const live = await createPublishedJob(t.app, employer.headers, { title: '停权前发布的岗位' });
    const paused = await createPublishedJob(t.app, employer.headers, { title: '停权前暂停的岗位' });
    await inject({
      method: 'POST',
      url: `/api/org/jobs/${paused.id}/pause`,
      headers: employer.headers,
    });
    const draft = await inject({
      method: 'POST',
      url: '/api/org/jobs',
      headers: employer.headers,
      payload: goodJob({ title: '停权期间的草稿' }),
    });
    await signUpApproved(t.app, fairId, { employer, school });
    const chosen = await inject({
      method: 'PUT',
      url: `/api/employer/fairs/${fairId}/jobs`,
      headers: employer.headers,
      payload: { jobIds: [live.id] },
    });
    expect(chosen.statusCode).toBe(200);
    // another employer's posting stays visible throughout
    await createPublishedJob(t.app, bystander.headers, { title: '停权无关的岗位' });
    expect((await searchTitles('停权')).sort()).toEqual(['停权前发布的岗位', '停权无关的岗位']);
    const fairBefore = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}` });
    expect(fairBefore.json()).toMatchObject({ employerCount: 1, jobCount: 1 });

    expect((await suspend(employer.organizationId!)).statusCode).toBe(200);

    const publish = await inject({
      method: 'POST',
      url: `/api/org/jobs/${draft.json().id}/publish`,
      headers: employer.headers,
    });
    expect(publish.statusCode).toBe(403);
    expect(code(publish)).toBe('ORGANIZATION_SUSPENDED');
    const resume = await inject({
      method: 'POST',
      url: `/api/org/jobs/${paused.id}/resume`,
      headers: employer.headers,
    });
    expect(resume.statusCode).toBe(403);
    expect(code(resume)).toBe('ORGANIZATION_SUSPENDED');
    const secondFair = await publishedFair(t.app, school, { title: '停权测试招聘会' });
    const fairSignup = await inject({
      method: 'POST',
      url: `/api/employer/fairs/${secondFair}/signup`,
      headers: employer.headers,
    });
    expect(fairSignup.statusCode).toBe(403);
    expect(code(fairSignup)).toBe('ORGANIZATION_SUSPENDED');
    const pick = await inject({
      method: 'PUT',
      url: `/api/employer/fairs/${fairId}/jobs`,
      headers: employer.headers,
      payload: { jobIds: [live.id] },
    });
    expect(code(pick)).toBe('ORGANIZATION_SUSPENDED');
    // pausing, closing and reading stay allowed
    const own = await inject({ method: 'GET', url: '/api/org/jobs', headers: employer.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toHaveLength(3);

    // hidden from search, the detail page and the fair while suspended
    expect(await searchTitles('停权')).toEqual(['停权无关的岗位']);
    const detail = await inject({ method: 'GET', url: `/api/public/jobs/${live.id}` });
    expect(detail.statusCode).toBe(404);
    const fair = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}` });
    expect(fair.json()).toMatchObject({ employerCount: 0, jobCount: 0 });
    const cards = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}/employers` });
    expect(cards.json()).toEqual([]);
    const list = await inject({ method: 'GET', url: '/api/public/fairs' });
    expect(list.json().find((f: { id: string }) => f.id === fairId)).toMatchObject({
      employerCount: 0,
      jobCount: 0,
    });

    // a seeker's favourite shows as unavailable
    const seeker = await signInAs(t.database.db, 'seeker');
    const fav = await inject({
      method: 'POST',
      url: '/api/seeker/favorites',
      headers: seeker.headers,
      payload: { jobId: live.id },
    });
    expect(fav.statusCode).toBe(404);

    // reinstated: everything is back without republishing, and publishing works again
    expect((await reinstate(employer.organizationId!)).statusCode).toBe(200);
    expect((await searchTitles('停权')).sort()).toEqual(['停权前发布的岗位', '停权无关的岗位']);
    const back = await inject({ method: 'GET', url: `/api/public/fairs/${fairId}` });
    expect(back.json()).toMatchObject({ employerCount: 1, jobCount: 1 });
    const republish = await inject({
      method: 'POST',
      url: `/api/org/jobs/${draft.json().id}/publish`,
      headers: employer.headers,
    });
    expect(republish.statusCode).toBe(200);
  });
});
