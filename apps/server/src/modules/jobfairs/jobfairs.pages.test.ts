import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { admit, createPublishedJob } from '../jobs/jobs.test-helpers.ts';
import { signUpApproved } from './jobfairs.fixtures.ts';

let t: TestApp;
let school: SignedIn;
let employer: SignedIn;
let fairId: string;
let jobs: { sales: string; php: string };
const inject = (opts: InjectOptions) => t.app.inject(opts);
const page = (url: string, headers: Record<string, string> = {}) =>
  inject({ method: 'GET', url, headers });

async function createFair(title: string, publish: boolean) {
  const created = await inject({
    method: 'POST',
    url: '/api/school/fairs',
    headers: school.headers,
    payload: {
      title,
      type: 'online',
      startsAt: '2026-03-20T09:00:00+08:00',
      endsAt: '2026-04-02T22:00:00+08:00',
      city: '上海市',
      district: '嘉定区',
      address: '线上互联网招聘大厅',
      introduction: '<p>尊敬的用人单位：</p><script>alert(1)</script><b>诚邀</b>',
      invitation: '诚邀广大用人单位参加！',
    },
  });
  const id = created.json().id as string;
  if (publish) {
    await inject({
      method: 'POST',
      url: `/api/school/fairs/${id}/publish`,
      headers: school.headers,
    });
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  school = await signInAs(t.database.db, 'school');
  employer = await signInAs(t.database.db, 'employer');
  await admit(t.database.db, employer.organizationId!, school.organizationId!);
  fairId = await createFair('2026届<script>alert("fair")</script>春季招聘会', true);
  const sales = await createPublishedJob(t.app, employer.headers);
  const php = await createPublishedJob(t.app, employer.headers, {
    title: 'PHP<img src=x onerror=alert(1)>',
    occupation: '软件开发',
  });
  jobs = { sales: sales.id, php: php.id };
  await signUpApproved(t.app, fairId, { employer, school });
  await inject({
    method: 'PUT',
    url: `/api/employer/fairs/${fairId}/jobs`,
    headers: employer.headers,
    payload: { jobIds: [sales.id, php.id] },
  });
});
afterAll(() => t.close());

describe('GET /jobfairs/:id: the server-rendered fair page', () => {
  it('shows the fair, its counts, its introduction and every employer with its postings', async () => {
    const res = await page(`/jobfairs/${fairId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(res.body).toContain('<title>2026届&lt;script&gt;');
    expect(res.body).toMatch(
      /<meta name="description" content="[^"]*参会企业 1 个，可投递职位 2 个/,
    );
    expect(res.body).toContain('参会企业 <b>1</b> 个 | 可投递职位 <b>2</b> 个');
    expect(res.body).toContain('2026-03-20 09:00 — 2026-04-02 22:00');
    // the sanitized introduction is markup; what sanitize-html removed stays removed
    expect(res.body).toContain('<b>诚邀</b>');
    expect(res.body).not.toContain('alert(1)</script>');
    expect(res.body).toContain(`href="/jobs/${jobs.sales}?fairId=${fairId}"`);
    expect(res.body).toContain(`href="/jobs?organizationId=${employer.organizationId}"`);
    expect(res.body).toContain('6500-7499');
    expect(res.body).toContain('<svg'); // the QR code, drawn on the server
  });

  it('escapes fair and posting titles', async () => {
    const res = await page(`/jobfairs/${fairId}`);
    expect(res.body).toContain(
      '<h1 style="font-size:24px;margin:8px 0">2026届&lt;script&gt;alert(&quot;fair&quot;)&lt;/script&gt;春季招聘会</h1>',
    );
    expect(res.body).toContain('PHP&lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).not.toContain('<img');
    // one script only: the page's own constant (visit count, share)
    expect(res.body.match(/<script/g)).toHaveLength(1);
    expect(res.body).not.toContain('<script>alert');
  });

  it('searches employers and postings with ?q=', async () => {
    const found = await page(`/jobfairs/${fairId}?q=${encodeURIComponent('销售')}`);
    expect(found.body).toContain(`href="/jobs/${jobs.sales}?fairId=${fairId}"`);
    expect(found.body).not.toContain(`href="/jobs/${jobs.php}?fairId=${fairId}"`);
    expect(found.body).toContain('value="销售"');
    const none = await page(`/jobfairs/${fairId}?q=${encodeURIComponent('厨师')}`);
    expect(none.body).toContain('没有符合条件的单位或职位');
  });

  it('answers an unknown, malformed or draft fair with a Chinese 404 page', async () => {
    const draft = await createFair('草稿招聘会', false);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-fair', draft]) {
      const res = await page(`/jobfairs/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('招聘会不存在');
      expect(res.body).toContain('<html lang="zh-CN">');
      expect(res.body).not.toContain('草稿招聘会');
    }
  });

  it('is compressed, shared for visitors with an ETag, private for a signed-in employer', async () => {
    const gz = await page(`/jobfairs/${fairId}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toContain('参展企业');
    expect(gz.headers['cache-control']).toBe('public, max-age=15');
    const etag = gz.headers.etag as string;
    expect((await page(`/jobfairs/${fairId}`, { 'if-none-match': etag })).statusCode).toBe(304);

    const mine = await page(`/jobfairs/${fairId}`, employer.headers);
    expect(mine.headers['cache-control']).toBe('private, no-cache');
    expect(mine.body).toContain('单位报名参加');
    expect(mine.body).toContain('href="/employer"');
  });
});

describe('GET /jobfairs: the fair list', () => {
  it('lists published fairs, not drafts, with their counts', async () => {
    const res = await page('/jobfairs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/jobfairs/${fairId}"`);
    expect(res.body).toContain('进行中');
    expect(res.body).toContain('参会企业 1 个 | 可投递职位 2 个');
    expect(res.body).not.toContain('草稿招聘会');
  });

  it('sends /jobfairs/ and /jobs/ to the pages themselves', async () => {
    const fairs = await page('/jobfairs/');
    expect(fairs.statusCode).toBe(301);
    expect(fairs.headers.location).toBe('/jobfairs');
    const jobs = await page('/jobs/?q=%E9%94%80%E5%94%AE');
    expect(jobs.statusCode).toBe(301);
    expect(jobs.headers.location).toBe('/jobs?q=%E9%94%80%E5%94%AE');
  });
});
