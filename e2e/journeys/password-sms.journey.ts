import type { Page } from 'playwright-core';
import { latestSmsCode, type Journey } from '../harness.ts';
import { demo, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

async function signIn(page: Page, password: string) {
  const res = await page.request.post('/api/auth/sign-in', {
    data: { portal: 'seeker', identifier: demo.seeker.idNumber, password },
  });
  if (!res.ok()) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
}

async function expectUrl(page: Page, pathname: string) {
  await page.waitForURL((url) => url.pathname === pathname, { timeout: 15_000 });
}

/**
 * 修改密码 (seed 004 §8) with the identity checked by an SMS code to the account's phone, on a
 * phone-sized screen; then back to the demo PIN with the current-password check, so the
 * other journeys keep the demo credentials.
 */
const journey: Journey = {
  name: 'seeker changes the password with an SMS code, then back with the current password',
  async run({ newPage, server }) {
    const page = await newPage({ mobile: true });
    await page.goto('/');
    await signIn(page, DEMO_PIN);
    await page.goto('/password/change');
    await page.getByRole('heading', { name: '修改密码' }).waitFor();

    await page.getByRole('radio', { name: '短信验证' }).check();
    await page.getByText('验证码将发送至账号绑定的手机号').waitFor();
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送至 139****0001').waitFor();
    const code = await latestSmsCode(server, demo.seeker.phone);
    await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
    await page.getByLabel('新密码').fill('582913');
    await page.getByLabel('重复密码').fill('582913');
    await page.getByRole('button', { name: '确认修改' }).click();
    await expectUrl(page, '/seeker');

    const again = await newPage({ mobile: true });
    await again.goto('/');
    await signIn(again, '582913');
    await again.goto('/password/change');
    await again.getByRole('radio', { name: '密码验证' }).waitFor();
    await again.getByLabel('当前密码').fill('582913');
    await again.getByLabel('新密码').fill(DEMO_PIN);
    await again.getByLabel('重复密码').fill(DEMO_PIN);
    await again.getByRole('button', { name: '确认修改' }).click();
    await expectUrl(again, '/seeker');
    await signIn(again, DEMO_PIN);
  },
};

export default journey;
