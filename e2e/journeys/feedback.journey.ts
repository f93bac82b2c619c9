import { waitUntil, expectText, greyPng, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

/**
 * Issue 8: a seeker on a 360 px phone reports a malfunction with a screenshot; the platform
 * admin finds it in the queue, replies and resolves it; the seeker is notified and reads the
 * reply under 我的反馈.
 */
const journey: Journey = {
  name: 'feedback: seeker reports with a screenshot → admin replies → seeker notified',
  async run({ newPage, artifactsDir }) {
    const content = `职位详情页打不开 ${Date.now()}`;
    const seeker = await newPage({ mobile: true });
    await seeker.setViewportSize({ width: 360, height: 740 });
    await seeker.goto('/');
    await signInByApi(seeker, {
      portal: 'seeker',
      identifier: demo.seeker.idNumber,
      password: DEMO_PIN,
    });
    await seeker.goto('/seeker/feedback');
    await seeker.getByText('请选择反馈类型').waitFor();
    await seeker.getByText('功能异常', { exact: true }).click();
    await seeker.getByLabel('问题描述').fill(content);
    await seeker
      .locator('input[type=file]')
      .setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: greyPng(32, 32, 0x80) });
    await seeker
      .locator(
        '.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)',
      )
      .first()
      .waitFor();
    await waitUntil(
      'the screenshot upload',
      async () => (await seeker.locator('.ant-upload-list-item-uploading').count()) === 0,
    );
    await seeker.getByRole('button', { name: /^提\s*交$/ }).click();
    await seeker.getByText('提交成功，感谢您的反馈').waitFor();
    const mine = seeker.getByTestId('my-feedback').filter({ hasText: content });
    await mine.waitFor();
    expectText(await mine.textContent(), '待处理', 'my feedback state');
    const overflow = await seeker.evaluate(() => document.documentElement.scrollWidth);
    if (overflow > 362) throw new Error(`feedback page is ${overflow}px wide at 360px`);
    await seeker.screenshot({ path: `${artifactsDir}/feedback-seeker-360.png`, fullPage: true });

    // the platform admin answers from the queue
    const admin = await newPage();
    await admin.goto('/');
    await signInByApi(admin, {
      portal: 'staff',
      identifier: demo.staff.admin.username,
      password: DEMO_PASSWORD,
    });
    await admin.goto('/admin/feedback');
    const row = admin.getByRole('row', { name: new RegExp(content) });
    await row.waitFor();
    await row.click();
    const drawer = admin.getByRole('dialog');
    await drawer.getByText(content).waitFor();
    await drawer.locator('img').first().waitFor();
    await drawer.getByLabel('回复内容').fill('已修复，请刷新后重试');
    await drawer.getByRole('button', { name: '发送回复' }).click();
    await admin.getByText('已回复，提交人将收到通知').waitFor();
    await drawer.getByText('已解决').first().waitFor();

    // the seeker is notified and reads the reply
    await waitUntil('the reply notification', async () => {
      const res = await seeker.request.get('/api/notifications');
      const body = (await res.json()) as { items: { kind: string; body: string; link: string }[] };
      return body.items.some(
        (n) =>
          n.kind === 'feedback.replied' &&
          n.body === '已修复，请刷新后重试' &&
          n.link === '/seeker/feedback',
      );
    });
    await seeker.reload();
    await seeker.getByRole('button', { name: /^提\s*交$/ }).waitFor();
    const answered = seeker.getByTestId('my-feedback').filter({ hasText: content });
    await answered.getByText('已修复，请刷新后重试').waitFor();
    expectText(await answered.textContent(), '已解决', 'resolved feedback');

    // 个人信息与隐私 is a seeker page too: usable at 360 px
    await seeker.goto('/seeker/privacy');
    await seeker.getByText('下载我的数据').waitFor();
    const width = await seeker.evaluate(() => document.documentElement.scrollWidth);
    if (width > 362) throw new Error(`privacy page is ${width}px wide at 360px`);
    await seeker.screenshot({ path: `${artifactsDir}/privacy-seeker-360.png`, fullPage: true });
  },
};
export default journey;
