import type { Page } from 'playwright-core';
import { expectText, type Journey } from '../harness.ts';
import { demo, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

async function signInSeeker(page: Page) {
  const res = await page.request.post('/api/auth/sign-in', {
    data: { portal: 'seeker', identifier: demo.seeker.idNumber, password: DEMO_PIN },
  });
  if (!res.ok()) throw new Error(`seeker sign-in: ${res.status()} ${await res.text()}`);
}

/**
 * Seed 001 + 004 on a phone: the seeker opens the demo fair, searches 销售 among its employers,
 * finds 华为's 电话销售 (6500-7499), opens it, looks at the probation info and favourites it;
 * the job search finds it too, and it is in 职位收藏. Then applies to 华为's 人事行政专员 from the
 * fair (the application carries the fair) and sees the fair's times in China time.
 */
const journey: Journey = {
  name: 'seeker: demo fair → search 销售 → 华为 电话销售 → favourite',
  async run({ newPage, artifactsDir }) {
    const page = await newPage({ mobile: true });
    await page.goto('/');
    await signInSeeker(page);

    const fairs = (await (await page.request.get('/api/public/fairs')).json()) as {
      id: string;
      title: string;
    }[];
    const fair = fairs.find((f) => f.title === demo.fair.title);
    if (!fair) throw new Error('demo fair not found');

    await page.goto(`/seeker/jobfairs/${fair.id}`);
    await page.getByText('参会企业').first().waitFor();
    expectText(await page.locator('body').textContent(), '关注人次', 'fair counts');
    await page.getByText('设计工程师').first().waitFor(); // employer cards load after the fair

    await page.getByPlaceholder('输入单位名称、职位名称进行搜索').fill('销售');
    await page
      .getByRole('button', { name: '搜 索' })
      .or(page.getByRole('button', { name: '搜索' }))
      .first()
      .click();
    await page.getByText('电话销售').first().waitFor();
    await page
      .locator('.hh-panel', { hasText: '设计工程师' })
      .first()
      .waitFor({ state: 'detached' });
    const card = await page.locator('.hh-panel', { hasText: '电话销售' }).last().textContent();
    expectText(card, '华为', 'employer card');
    expectText(card, '6500-7499', 'salary band');
    await page.screenshot({ path: `${artifactsDir}/jobs.journey-fair.png` });

    await page.getByRole('link', { name: '电话销售' }).first().click();
    await page.getByText('职位描述').waitFor();
    if (!page.url().includes(`fairId=${fair.id}`)) throw new Error(`no fairId: ${page.url()}`);
    await page.getByRole('button', { name: /试用期/ }).click();
    await page.getByText('试用期信息').waitFor();
    await page.getByRole('button', { name: /收藏/ }).click();
    await page.getByRole('button', { name: /已收藏/ }).waitFor();

    await page.goto('/seeker/jobs');
    await page.getByPlaceholder('输入职业名称，如 技工、销售').fill('销售');
    await page.keyboard.press('Enter');
    await page.locator('.hh-link-card', { hasText: '电话销售' }).first().waitFor();

    await page.goto('/seeker/favorites');
    await page.getByText('电话销售').first().waitFor();
    await page.screenshot({ path: `${artifactsDir}/jobs.journey-favorites.png` });

    // 投递简历 at the fair (华为 人事行政专员): the detail page's ApplyButton sends the fair along
    await page.goto(`/seeker/jobfairs/${fair.id}`);
    const hr = page
      .locator('div', { has: page.getByRole('link', { name: '人事行政专员' }) })
      .last();
    await hr.getByRole('link', { name: '投递简历' }).click();
    await page.getByText('职位描述').waitFor();
    await page.getByRole('button', { name: '投递简历' }).click();
    await page.getByRole('dialog').getByText('将发送您的在线简历').waitFor();
    await page.getByRole('button', { name: /确认投递/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '投递成功' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '已投递' }).waitFor();
    const mine = (await (await page.request.get('/api/applications')).json()) as {
      items: { jobTitle: string; fairId: string | null }[];
    };
    const applied = mine.items.find((a) => a.jobTitle === '人事行政专员');
    if (applied?.fairId !== fair.id)
      throw new Error(`application without the fair: ${JSON.stringify(applied)}`);

    // fair times show in China time whatever the browser's zone (this page runs in UTC)
    const fairJson = (await (await page.request.get(`/api/public/fairs/${fair.id}`)).json()) as {
      startsAt: string;
    };
    const shanghai = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(fairJson.startsAt));
    await page.goto(`/seeker/jobfairs/${fair.id}`);
    await page.getByText('参会企业').first().waitFor();
    expectText(await page.locator('body').textContent(), shanghai, 'fair start in China time');
  },
};
export default journey;
