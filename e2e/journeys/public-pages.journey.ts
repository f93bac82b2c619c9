import type { Page } from 'playwright-core';
import { expectText, waitUntil, type Journey } from '../harness.ts';
import { demo } from '../../apps/server/src/demo/demo-data.ts';

const horizontalOverflow = (page: Page) =>
  page.evaluate(
    () =>
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) -
      document.documentElement.clientWidth,
  );

/**
 * Issue 9: the public job search and fair pages are server-rendered HTML. A visitor on a
 * 360 px phone with JavaScript off searches, filters and pages the jobs, opens the demo fair,
 * searches 销售 among its employers and finds 华为's 电话销售; an unknown fair is a 404 page.
 * With JavaScript on, the app's links to those pages and the service worker hand them to
 * the server, and a job opened from the fair is the app's detail page.
 */
const journey: Journey = {
  name: 'public pages without JavaScript: job search, filters, paging, demo fair, 404; the app hands over',
  async run({ browser, server, newPage, artifactsDir }) {
    const fairs = (await (await fetch(`${server.baseUrl}/api/public/fairs`)).json()) as {
      id: string;
      title: string;
    }[];
    const fair = fairs.find((f) => f.title === demo.fair.title);
    if (!fair) throw new Error('demo fair not found');

    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const first = await page.goto('/jobs');
      if (first?.status() !== 200) throw new Error(`/jobs: ${first?.status()}`);
      await page.getByRole('heading', { name: '职位搜索' }).waitFor();
      if ((await page.locator('.hh-link-card').count()) === 0) throw new Error('no job cards');
      if ((await horizontalOverflow(page)) > 0) throw new Error('/jobs is wider than 360 px');
      await page.screenshot({ path: `${artifactsDir}/public-jobs-360.png`, fullPage: true });

      await page.getByRole('searchbox', { name: '职位关键词' }).fill('销售');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL(/\/jobs\?q=%E9%94%80%E5%94%AE/);
      const sales = page.locator('.hh-link-card', { hasText: '电话销售' }).first();
      expectText(await sales.textContent(), '6500-7499', 'salary band');

      await page.getByText('筛选条件').click();
      await page.getByLabel('文化程度').selectOption({ label: '大学专科/高职' });
      await page.getByRole('button', { name: '确定' }).click();
      await page.waitForURL(/education=college/);
      if (!page.url().includes('q=%E9%94%80%E5%94%AE'))
        throw new Error(`keyword lost: ${page.url()}`);
      for (const tag of await page.locator('.hh-link-card .hh-tag:first-child').allTextContents()) {
        if (tag !== '大学专科/高职') throw new Error(`education filter not applied: ${tag}`);
      }

      await page.goto('/jobs?page=1');
      const next = page.getByRole('link', { name: '下一页' });
      if (await next.count()) {
        await next.click();
        await page.waitForURL(/page=2/);
        await page.getByText('第 2 页').waitFor();
      }

      await page.goto(`/jobfairs/${fair.id}`);
      await page.getByRole('heading', { name: fair.title }).waitFor();
      expectText(await page.locator('body').textContent(), '关注人次', 'fair counts');
      if ((await horizontalOverflow(page)) > 0)
        throw new Error('the fair page is wider than 360 px');
      await page.getByRole('searchbox', { name: '搜索单位或职位' }).fill('销售');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL(/\?q=/);
      const card = await page.locator('.hh-panel', { hasText: '电话销售' }).last().textContent();
      expectText(card, '华为', 'employer card');
      expectText(card, '6500-7499', 'salary band');
      if (await page.getByText('设计工程师').count()) throw new Error('the search did not narrow');
      await page.screenshot({ path: `${artifactsDir}/public-fair-360.png`, fullPage: true });

      await page.goto('/jobfairs');
      await page
        .getByRole('link', { name: new RegExp(fair.title) })
        .first()
        .waitFor();

      const missing = await page.goto('/jobfairs/00000000-0000-4000-8000-000000000000');
      if (missing?.status() !== 404) throw new Error(`unknown fair: ${missing?.status()}`);
      await page.getByRole('heading', { name: '招聘会不存在' }).waitFor();
    } finally {
      await context.close();
    }

    // with JavaScript: a job opened from the fair is the app's page, carrying the fair…
    const page = await newPage({ mobile: true });
    await page.goto(`/jobfairs/${fair.id}?q=${encodeURIComponent('销售')}`);
    await page.getByRole('link', { name: '电话销售' }).first().click();
    await page.getByText('职位描述').waitFor();
    if (!page.url().includes(`fairId=${fair.id}`)) throw new Error(`no fairId: ${page.url()}`);
    // …whose 查看该公司全部职位 (a link inside the app) loads the server's page
    await page.getByRole('link', { name: '查看该公司全部职位' }).click();
    await page.waitForURL(/\/jobs\?organizationId=/);
    await page.getByRole('heading', { name: /的全部职位$/ }).waitFor();
    if (await page.locator('#root').count()) throw new Error('the app drew the job search');

    // the service worker answers the app's pages, never these: it must not return the shell
    await page.goto('/');
    await waitUntil('the service worker to control the page', () =>
      page.evaluate(() => navigator.serviceWorker?.controller !== null),
    );
    await page.goto('/jobs');
    await page.getByRole('heading', { name: '职位搜索' }).waitFor();
    if (await page.locator('#root').count()) throw new Error('the service worker served the shell');
  },
};
export default journey;
