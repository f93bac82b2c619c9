import { expectText, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

/**
 * Seed 002 §3: the employer's 首页 shows the data overview. A seeker applies to one of 才立方's
 * postings; the employer's home then counts the resume and lists it under 最新简历.
 */
const journey: Journey = {
  name: 'employer dashboard: a new application shows in 数据概览 and 最新简历',
  async run({ newPage, artifactsDir }) {
    const employer = demo.employers[0];
    const seeker = await newPage({ mobile: true });
    await seeker.goto('/');
    const csrf = await signInByApi(seeker, {
      portal: 'seeker',
      identifier: demo.seeker.idNumber,
      password: DEMO_PIN,
    });
    const jobs = (await (
      await seeker.request.get('/api/public/jobs', { params: { pageSize: 50 } })
    ).json()) as { items: { id: string; title: string; organizationName: string }[] };
    const job = jobs.items.find((j) => j.organizationName === employer.name);
    if (!job) throw new Error(`no published posting of ${employer.name} in the public search`);
    const applied = await seeker.request.post('/api/applications', {
      data: { jobId: job.id },
      headers: { 'x-csrf-token': csrf },
    });
    if (![201, 409].includes(applied.status())) {
      throw new Error(`apply: ${applied.status()} ${await applied.text()}`);
    }

    const page = await newPage();
    await page.goto('/');
    await signInByApi(page, {
      portal: 'employer',
      identifier: employer.creditCode,
      password: DEMO_PASSWORD,
    });
    const api = (await (await page.request.get('/api/dashboards/employer')).json()) as {
      applicationsTotal: number;
      postings: Record<string, number>;
    };
    if (api.applicationsTotal < 1) throw new Error('the dashboard API counts no application');
    await page.goto('/employer');
    await page.getByText('数据概览').waitFor();
    const resumes = page.getByTestId('stat-收到简历');
    await resumes.waitFor();
    expectText(await resumes.textContent(), String(api.applicationsTotal), '收到简历');
    expectText(
      await page.getByTestId('stat-在招职位').textContent(),
      String(api.postings.published ?? 0),
      '在招职位',
    );
    const latest = page.getByTestId('latest-resume').filter({ hasText: job.title });
    await latest.first().waitFor();
    await page.locator('.ant-card-head-title', { hasText: '职位投递记录' }).waitFor();
    await page.locator('.ant-card-head-title', { hasText: '系统消息' }).waitFor();
    await page.screenshot({ path: `${artifactsDir}/employer-dashboard.png`, fullPage: true });
  },
};
export default journey;
