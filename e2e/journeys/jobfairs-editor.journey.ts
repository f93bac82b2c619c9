import type { Page } from 'playwright-core';
import { expectText, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD } from '../../apps/server/src/demo/demo-data.ts';

async function csrf(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'hh_csrf')?.value ?? '';
}

/**
 * School staff write a fair introduction with the rich-text toolbar (no HTML typed): a bold
 * line, a bulleted point and a link; pasted markup arrives as plain text. The saved
 * introduction holds exactly that formatting and the public fair page shows it.
 */
const journey: Journey = {
  name: 'school: fair introduction with the rich-text editor',
  async run({ newPage, artifactsDir }) {
    const page = await newPage();
    await page.goto('/');
    const signIn = await page.request.post('/api/auth/sign-in', {
      data: { portal: 'staff', identifier: demo.staff.school.username, password: DEMO_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`school sign-in: ${signIn.status()}`);
    const title = `富文本简介招聘会${Date.now()}`;
    const created = await page.request.post('/api/school/fairs', {
      headers: { 'x-csrf-token': await csrf(page) },
      data: {
        title,
        type: 'online',
        startsAt: '2026-12-20T09:00:00+08:00',
        endsAt: '2026-12-21T17:00:00+08:00',
        city: '上海市',
        address: '线上招聘大厅',
        introduction: '',
        invitation: '诚邀参加',
      },
    });
    if (created.status() !== 201) throw new Error(`create fair: ${await created.text()}`);
    const fairId = ((await created.json()) as { id: string }).id;

    await page.goto('/school/jobfairs');
    await page
      .locator('.ant-table-row', { hasText: title })
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    const dialog = page.getByRole('dialog');
    const editor = dialog.getByRole('textbox', { name: '招聘会简介' });
    await editor.click();
    await page.keyboard.type('欢迎参会');
    await page.keyboard.press('ControlOrMeta+A');
    await dialog.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: '加粗' }).click(); // bold off for the new line
    await dialog.getByRole('button', { name: '项目列表' }).click();
    await page.keyboard.type('第一要点');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // leaves the list
    await dialog.getByRole('button', { name: '插入链接' }).click();
    const url = page.getByRole('textbox', { name: '链接地址' });
    await url.fill('https://example.com/fair');
    await page.getByRole('button', { name: /^插\s*入$/ }).click();
    // pasted markup is inserted as text, never as HTML
    await editor.evaluate((el) => {
      el.focus();
      const data = new DataTransfer();
      data.setData('text/plain', '<img src=x onerror=alert(1)>');
      data.setData('text/html', '<img src=x onerror=alert(1)>');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await page.screenshot({ path: `${artifactsDir}/jobfairs-editor.png` });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();

    const fairs = (await (await page.request.get('/api/school/fairs')).json()) as {
      id: string;
      introduction: string;
    }[];
    const intro = fairs.find((f) => f.id === fairId)?.introduction ?? '';
    if (!/<(b|strong)>欢迎参会<\/(b|strong)>/.test(intro)) throw new Error(`bold: ${intro}`);
    expectText(intro, '<li>第一要点</li>', 'list item');
    expectText(intro, 'href="https://example.com/fair"', 'link');
    expectText(intro, '&lt;img', 'pasted markup as text');
    if (intro.includes('<img')) throw new Error(`pasted HTML kept: ${intro}`);

    await page.request.post(`/api/school/fairs/${fairId}/publish`, {
      headers: { 'x-csrf-token': await csrf(page) },
    });
    await page.goto(`/jobfairs/${fairId}`);
    const shown = page.locator('b, strong', { hasText: '欢迎参会' });
    await shown.first().waitFor();
    await page.getByRole('link', { name: 'https://example.com/fair' }).first().waitFor();
  },
};

export default journey;
