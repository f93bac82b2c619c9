import { expectText, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Issue 8 (administration): the admin's menu reaches 职位审核, 被标记消息, 轮播图管理 and
 * 系统消息; a system message written there is listed as sent and reaches a seeker.
 */
const journey: Journey = {
  name: 'admin console: menu entries, 系统消息 composed → listed → seeker notified, 被标记消息 queue',
  async run({ newPage }) {
    const admin = await newPage();
    await admin.goto('/');
    const signIn = await admin.request.post('/api/auth/sign-in', {
      data: { portal: 'staff', identifier: demo.staff.admin.username, password: DEMO_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`admin sign-in: ${signIn.status()} ${await signIn.text()}`);
    await admin.goto('/admin');
    for (const entry of ['职位审核', '被标记消息', '轮播图管理', '系统消息']) {
      await admin.getByRole('menuitem', { name: new RegExp(`${entry}$`) }).waitFor();
    }
    // the home page's shortcut
    await admin.getByRole('link', { name: '职位审核', exact: true }).last().click();
    await admin.waitForURL('**/admin/job-reviews');
    await admin.getByRole('heading', { name: '职位审核' }).waitFor();

    await admin.getByRole('menuitem', { name: /被标记消息$/ }).click();
    await admin.waitForURL('**/admin/chat-safety');
    await admin.getByRole('heading', { name: '被标记消息' }).waitFor();
    await admin.getByText('待处理', { exact: true }).waitFor();

    const title = `系统维护通知 ${Date.now()}`;
    await admin.getByRole('menuitem', { name: /系统消息$/ }).click();
    await admin.waitForURL('**/admin/broadcasts');
    await admin.getByLabel('标题').fill(title);
    await admin.getByLabel('内容').fill('本周六 0:00–2:00 系统维护，期间暂停服务。');
    await admin.getByRole('button', { name: /^发\s*送$/ }).click();
    const confirm = admin.getByRole('dialog');
    expectText(await confirm.textContent(), '求职者、用人单位', 'confirmation audience');
    await confirm.getByRole('button', { name: /^发\s*送$/ }).click();
    const row = admin.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    expectText(await row.textContent(), '求职者', 'audience column');

    const seeker = await newPage({ mobile: true });
    await seeker.goto('/');
    const seekerIn = await seeker.request.post('/api/auth/sign-in', {
      data: { portal: 'seeker', identifier: demo.seeker.idNumber, password: DEMO_PIN },
    });
    if (!seekerIn.ok()) throw new Error(`seeker sign-in: ${seekerIn.status()}`);
    await waitUntil('the system message to reach the seeker', async () => {
      const res = await seeker.request.get('/api/notifications');
      const body = (await res.json()) as { items: { kind: string; title: string }[] };
      return body.items.some((n) => n.kind === 'system.broadcast' && n.title === title);
    });
    await admin.reload();
    await waitUntil('the broadcast to show as delivered', async () => {
      await admin.reload();
      const text = await admin.getByRole('row', { name: new RegExp(title) }).textContent();
      return !text?.includes('发送中');
    });
  },
};
export default journey;
