import { expectText, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

/**
 * The demo seeker opens the demo 电话销售 posting (华为), applies with 投递简历, is told the
 * places left, sees them again under 我的应聘; the employer opens 职位投递记录, the candidate,
 * and marks the application 合格.
 */
const journey: Journey = {
  name: 'apply to 电话销售, remaining quota, employer marks 合格',
  async run({ newPage }) {
    const seeker = await newPage({ mobile: true });
    seeker.on('pageerror', (err) => console.error('seeker page error:', err.message));
    seeker.on('console', (m) => m.type() === 'error' && console.error('seeker console:', m.text()));
    await seeker.goto('/');
    await signInByApi(seeker, {
      portal: 'seeker',
      identifier: demo.seeker.idNumber,
      password: DEMO_PIN,
    });

    const search = await seeker.request.get(`/api/public/jobs?q=${encodeURIComponent('电话销售')}`);
    if (!search.ok()) throw new Error(`search: ${search.status()} ${await search.text()}`);
    const found = (await search.json()) as { items: { id: string; title: string }[] };
    const job = found.items.find((j) => j.title === '电话销售');
    if (!job)
      throw new Error(`demo 电话销售 posting not found: ${JSON.stringify(found).slice(0, 300)}`);

    await seeker.goto(`/seeker/jobs/${job.id}`);
    await seeker.getByRole('button', { name: /投递简历/ }).click();
    await seeker.getByRole('button', { name: /确认投递/ }).click();
    const success = seeker.locator('.ant-modal-confirm-content');
    await success.waitFor();
    expectText(await success.textContent(), '还剩余 9 个应聘名额', 'success message');
    await seeker
      .getByRole('button', { name: /知道了|确\s?定|OK/ })
      .first()
      .click();
    await seeker.getByRole('button', { name: '已投递' }).waitFor();

    await seeker.goto('/seeker/applications');
    const quota = seeker.locator('[data-testid="quota"]');
    await quota.waitFor();
    expectText(await quota.textContent(), '还剩余 9 个应聘名额', 'quota on 我的应聘');
    await seeker.getByText('电话销售').first().waitFor();

    const employer = await newPage();
    await employer.goto('/');
    const huawei = demo.employers.find((e) => e.name === '华为技术有限公司')!;
    await signInByApi(employer, {
      portal: 'employer',
      identifier: huawei.creditCode,
      password: DEMO_PASSWORD,
    });
    await employer.goto(`/employer/applications?jobId=${job.id}`);
    await employer
      .getByText(/1人投递/)
      .first()
      .waitFor();
    await employer.getByRole('link', { name: demo.seeker.name }).first().click();
    await employer.getByText('在线简历').waitFor();
    await employer.getByRole('button', { name: /^合\s?格$/ }).click();
    await employer.getByText('已标记为合格').waitFor();

    await employer.goto(`/employer/applications?jobId=${job.id}`);
    await employer.locator('.ant-segmented-item', { hasText: '合格' }).click();
    const row = employer.locator('.ant-table-row', { hasText: demo.seeker.name });
    await row.waitFor();
    expectText(await row.textContent(), '合格', 'the mark in the filtered list');
  },
};

export default journey;
