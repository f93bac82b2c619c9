import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';
import { createPublishedJob } from './jobs.test-helpers.ts';

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
const page = (url: string, headers: Record<string, string> = {}) =>
  inject({ method: 'GET', url, headers });
/** The job detail links of a result page, in order. */
const jobIds = (html: string) =>
  [...html.matchAll(/href="\/jobs\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
const apiIds = async (query: string) =>
  ((await page(`/api/public/jobs?${query}`)).json().items as { id: string }[]).map((j) => j.id);

describe('GET /jobs: the server-rendered job search', () => {
  it('answers a Chinese page with 暂无职位 while nothing is published', async () => {
    const res = await page('/jobs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(res.body).toContain('<title>职位搜索 - HireHall 就业服务平台</title>');
    expect(res.body).toMatch(/<meta name="description" content="[^"]+"/);
    expect(res.body).toContain('暂无职位');
    expect(res.body).toMatch(
      /<form role="search" aria-label="职位搜索" action="\/jobs" method="get">/,
    );
    expect(res.body).toContain('href="/login"');
    // no application JavaScript at all
    expect(res.body).not.toContain('<script');
  });

  it('lists what the API lists, applies the keyword and the filters, in the same order', async () => {
    const sales = await createPublishedJob(t.app, employer.headers);
    const php = await createPublishedJob(t.app, employer.headers, {
      title: 'PHP工程师',
      occupation: '软件开发',
      education: 'bachelor',
      district: '徐汇区',
      salaryMin: 9500,
      salaryMax: 10499,
    });
    const all = await page('/jobs');
    expect(jobIds(all.body)).toEqual(await apiIds(''));
    expect(jobIds(all.body)).toEqual([php.id, sales.id]);
    expect(all.body).toContain('6500-7499');
    expect(all.body).toContain('大学专科/高职');

    const keyword = await page(`/jobs?q=${encodeURIComponent('销售')}`);
    expect(jobIds(keyword.body)).toEqual([sales.id]);
    expect(keyword.body).toContain('value="销售"');

    const filtered = await page(
      `/jobs?q=&education=bachelor&district=${encodeURIComponent('徐汇区')}&age=30`,
    );
    expect(jobIds(filtered.body)).toEqual([php.id]);
    expect(jobIds(filtered.body)).toEqual(
      await apiIds(`education=bachelor&district=${encodeURIComponent('徐汇区')}&age=30`),
    );
    // the filter section is open and shows the choice
    expect(filtered.body).toContain('<details class="hh-filters" open="">');
    expect(filtered.body).toContain('<option value="bachelor" selected="">');

    const band = await page(`/jobs?salary=${encodeURIComponent('6500-7499')}`);
    expect(jobIds(band.body)).toEqual([sales.id]);
    const bySalary = await page('/jobs?sort=salary');
    expect(jobIds(bySalary.body)).toEqual(await apiIds('sort=salary'));

    const company = await page(`/jobs?organizationId=${other.organizationId}`);
    expect(jobIds(company.body)).toEqual([]);
    expect(company.body).toContain('暂无职位');
  });

  it('pages with links that keep the query', async () => {
    for (let i = 0; i < 21; i++) {
      await createPublishedJob(t.app, other.headers, {
        title: `仓库管理员${i}`,
        occupation: '仓储',
      });
    }
    const first = await page(`/jobs?q=${encodeURIComponent('仓库')}`);
    expect(jobIds(first.body)).toHaveLength(20);
    expect(first.body).toContain(
      '<a class="hh-button" rel="next" href="/jobs?q=%E4%BB%93%E5%BA%93&amp;page=2">下一页</a>',
    );
    expect(first.body).toContain('<span class="hh-button" aria-disabled="true">上一页</span>');
    const second = await page(`/jobs?q=${encodeURIComponent('仓库')}&page=2`);
    expect(jobIds(second.body)).toEqual(await apiIds(`q=${encodeURIComponent('仓库')}&page=2`));
    expect(jobIds(second.body)).toHaveLength(1);
    expect(second.body).toContain('rel="prev" href="/jobs?q=%E4%BB%93%E5%BA%93&amp;page=1"');
    expect(second.body).toContain('第 2 页');
  });

  it('escapes what employers typed: a <script> title is text', async () => {
    await createPublishedJob(t.app, employer.headers, {
      title: '<script>alert("x")</script>保安',
      occupation: '保安员',
    });
    const res = await page(`/jobs?q=${encodeURIComponent('保安')}`);
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;保安');
    expect(res.body).not.toContain('<script');
    const echoed = await page(`/jobs?q=${encodeURIComponent('"><script>x</script>')}`);
    expect(echoed.statusCode).toBe(200);
    expect(echoed.body).not.toContain('<script');
  });

  it('answers unknown filter values with a 400 page in Chinese', async () => {
    const res = await page('/jobs?education=phd');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('搜索条件有误');
    expect((await page('/jobs?salary=999')).statusCode).toBe(400);
    expect((await page('/jobs?page=0')).statusCode).toBe(400);
  });

  it('compresses the page and the API JSON; anonymous answers are shared and revalidated', async () => {
    const br = await page('/jobs', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toContain('仓库管理员');
    const gz = await page('/api/public/jobs', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString()).items).toHaveLength(20);

    const plain = await page('/jobs?sort=salary');
    expect(plain.headers['cache-control']).toBe('public, max-age=30');
    expect(plain.headers.vary).toMatch(/cookie/i);
    const etag = plain.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await page('/jobs?sort=salary', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });

  it('shows a signed-in visitor the way to their workspace, privately', async () => {
    const seeker = await signInAs(t.database.db, 'seeker');
    const res = await page('/jobs', seeker.headers);
    expect(res.body).toContain('<a class="hh-button hh-primary" href="/seeker">进入工作台</a>');
    expect(res.body).not.toContain('href="/login"');
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });
});
