import type { Page } from 'playwright-core';
import { expectText, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD } from '../../apps/server/src/demo/demo-data.ts';

async function csrf(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'hh_csrf')?.value ?? '';
}

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * Employer (才立方) sends an offer to the demo graduate 李华 → she accepts → the college and
 * the school approve → the employer downloads the PDF → she applies for termination with a
 * letter → the employer consents → the school approves → she is signable again.
 */
const journey: Journey = {
  name: 'three-party agreement: offer, accept, reviews, PDF, termination, signable again',
  async run({ newPage }) {
    const year = new Date().getFullYear();

    // ---- employer: context, offer with every clause confirmed, send
    const employer = await newPage();
    await employer.goto('/');
    const company = demo.employers[0]!;
    await signInByApi(employer, {
      portal: 'employer',
      identifier: company.creditCode,
      password: DEMO_PASSWORD,
    });
    const publicSchools = (await (await employer.request.get('/api/public/schools')).json()) as {
      id: string;
      name: string;
    }[];
    const schoolId = publicSchools.find((s) => s.name === demo.school)!.id;
    const ctx = await employer.request.put('/api/employer/context', {
      data: { schoolId, graduationYear: year },
      headers: { 'x-csrf-token': await csrf(employer) },
    });
    if (!ctx.ok()) throw new Error(`context: ${ctx.status()} ${await ctx.text()}`);

    await employer.goto('/employer/agreements');
    await employer.getByRole('tab', { name: '可签约学生' }).click();
    const row = employer.locator('.ant-table-row', { hasText: demo.graduate.name });
    await row.getByRole('button', { name: '网签三方协议' }).click();
    const drawer = employer.getByRole('dialog');
    const fill = async (label: string, value: string) => drawer.getByLabel(label).fill(value);
    await fill('工作岗位', '软件开发工程师');
    await fill('工作地点', '上海市嘉定区');
    await fill('月薪（元）', '12000');
    await fill('合同期限', '三年');
    await fill('试用期', '三个月');
    await fill('福利待遇', '五险一金');
    await fill('违约责任', '违约方支付违约金5000元');
    await fill('其他约定条款', '无');
    for (const box of await drawer.getByRole('checkbox', { name: '确认本条款' }).all()) {
      await box.check();
    }
    await drawer.getByRole('button', { name: /保\s?存/ }).click();
    await employer.getByRole('button', { name: '发起邀约' }).click();
    await employer.getByText('待学生确认').first().waitFor();
    const agreementId = employer.url().split('/').pop()!;

    // ---- graduate: inbox with deadline, accept
    const graduate = await newPage({ mobile: true });
    await graduate.goto('/');
    await signInByApi(graduate, {
      portal: 'graduate',
      identifier: demo.graduate.phone,
      password: DEMO_PASSWORD,
    });
    await graduate.goto('/seeker/offers');
    await graduate.getByText(/截止/).first().waitFor();
    await graduate
      .getByRole('button', { name: /应\s?约/ })
      .first()
      .click();
    await graduate
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s?定|OK/ })
      .click();
    await graduate.getByText('待学院审核').first().waitFor();

    // ---- college, then school approve
    for (const who of ['college', 'school'] as const) {
      const staff = await newPage();
      await staff.goto('/');
      await signInByApi(staff, {
        portal: 'staff',
        identifier: demo.staff[who].username,
        password: DEMO_PASSWORD,
      });
      await staff.goto('/school/agreements');
      await staff
        .locator('.ant-table-row', { hasText: demo.graduate.name })
        .getByRole('button', { name: /查\s?看/ })
        .click();
      await staff.getByRole('button', { name: '审核通过' }).click();
      await staff.getByText('审核通过').first().waitFor();
    }

    // ---- employer downloads the PDF
    const pdf = await employer.request.get(`/api/agreements/${agreementId}/pdf`);
    if (!pdf.ok()) throw new Error(`pdf: ${pdf.status()}`);
    expectText((await pdf.body()).subarray(0, 5).toString(), '%PDF-', 'the printed agreement');
    await employer.reload();
    await employer.getByRole('link', { name: '打印协议书' }).waitFor();

    // ---- graduate applies for termination with a letter
    await graduate.goto('/seeker/offers');
    await graduate.getByRole('button', { name: '申请解约' }).click();
    await graduate.locator('input[type=file]').setInputFiles({
      name: '解约函.pdf',
      mimeType: 'application/pdf',
      buffer: MINIMAL_PDF,
    });
    await graduate.getByLabel('申请说明').fill('考取研究生');
    await graduate.getByRole('button', { name: /提\s?交/ }).click();
    await graduate.getByText('待对方确认').first().waitFor();

    // ---- employer consents
    await employer.goto(`/employer/agreements/${agreementId}`);
    await employer.getByRole('button', { name: '同意解约' }).click();
    await employer.getByText('待学校审核').first().waitFor();

    // ---- school approves the termination
    const school = await newPage();
    await school.goto('/');
    await signInByApi(school, {
      portal: 'staff',
      identifier: demo.staff.school.username,
      password: DEMO_PASSWORD,
    });
    await school.goto('/school/terminations');
    await school
      .locator('.ant-table-row', { hasText: demo.graduate.name })
      .getByRole('button', { name: '同意解约' })
      .click();
    await school.getByText('已同意解约').waitFor();

    // ---- the graduate is signable again
    await employer.goto('/employer/agreements');
    await employer.getByRole('tab', { name: '可签约学生' }).click();
    await employer.locator('.ant-table-row', { hasText: demo.graduate.name }).waitFor();
  },
};

export default journey;
