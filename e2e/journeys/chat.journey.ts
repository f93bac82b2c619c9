import type { Page } from 'playwright-core';
import sharp from 'sharp';
import fs from 'node:fs';
import path from 'node:path';
import { publishJob, expectText, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

async function badgeCount(page: Page): Promise<number> {
  const text = await page
    .locator('[data-testid="chat-unread-badge"] .ant-badge-count')
    .first()
    .textContent({ timeout: 500 })
    .catch(() => null);
  return Number(text ?? 0) || 0;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Employer and seeker in two pages: the employer opens the conversation from the negotiation
 * hall and sends text, an emoji and an image; the seeker's 消息 badge updates live on a phone;
 * the seeker reads and answers in place.
 */
const journey: Journey = {
  name: 'negotiation-hall chat: text, emoji, image, live unread badge',
  async run({ newPage, artifactsDir }) {
    const employer = await newPage();
    const seeker = await newPage({ mobile: true });
    await employer.goto('/');
    await seeker.goto('/');
    const employerCsrf = await signInByApi(employer, {
      portal: 'employer',
      identifier: demo.employers[0].creditCode,
      password: DEMO_PASSWORD,
    });
    const seekerCsrf = await signInByApi(seeker, {
      portal: 'seeker',
      identifier: demo.seeker.idNumber,
      password: DEMO_PIN,
    });

    // the employer publishes a posting and the seeker applies to it
    const job = await publishJob(employer, employerCsrf, {
      title: '前端开发工程师',
      description: '负责招聘平台的前端开发。',
      skills: 'React、TypeScript',
      headcount: 2,
    });
    const applied = await seeker.request.post('/api/applications', {
      data: { jobId: job.id },
      headers: { 'x-csrf-token': seekerCsrf },
    });
    if (!applied.ok()) throw new Error(`apply: ${applied.status()} ${await applied.text()}`);

    // the seeker waits on the messages tab (phone)
    await seeker.goto('/seeker/messages');
    await seeker.getByText('消息').first().waitFor();
    const before = await badgeCount(seeker);

    // the employer opens the hall, picks the candidate and writes
    await employer.goto('/employer/negotiation-hall');
    await employer.locator('[data-testid="hall-candidate"]').first().click();
    const input = employer.getByLabel('消息内容');
    await input.waitFor();
    await input.fill('您好，看了您的简历，方便聊聊吗？');
    await employer.getByRole('button', { name: /^发\s?送$/ }).click();
    await waitFor(
      'the seeker badge to count the message',
      async () => (await badgeCount(seeker)) > before,
    );

    await employer.getByRole('button', { name: '表情' }).click();
    await employer.getByRole('button', { name: '表情 👍' }).click();
    await employer.getByRole('button', { name: /^发\s?送$/ }).click();

    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#2f80ed' },
    })
      .png()
      .toBuffer();
    const file = path.join(artifactsDir, 'chat-image.png');
    fs.writeFileSync(file, png);
    await employer.locator('input[type=file]').setInputFiles(file);
    await waitFor(
      'the image in the employer panel',
      async () => (await employer.locator('img[alt="图片消息"]').count()) > 0,
    );
    await waitFor(
      'the seeker badge to reach 3',
      async () => (await badgeCount(seeker)) >= before + 3,
    );

    // the seeker opens the conversation, sees all three, answers
    await seeker.locator('[data-testid="conversation-item"]').first().click();
    const panel = seeker.locator('[data-testid="chat-messages"]');
    await waitFor(
      'the messages on the seeker side',
      async () => (await panel.locator('[data-testid="chat-message"]').count()) >= 3,
    );
    expectText(await panel.textContent(), '方便聊聊吗', 'seeker sees the text');
    expectText(await panel.textContent(), '👍', 'seeker sees the emoji');
    await seeker.locator('img[alt="图片消息"]').first().waitFor();
    await seeker.getByLabel('消息内容').fill('您好，可以的！');
    await seeker.getByRole('button', { name: /^发\s?送$/ }).click();
    await waitFor('the reply on the employer side', async () =>
      ((await employer.locator('[data-testid="chat-messages"]').textContent()) ?? '').includes(
        '可以的',
      ),
    );
    await waitFor(
      'the seeker badge to clear after reading',
      async () => (await badgeCount(seeker)) === 0,
    );

    // 标记 with 通知求职者: the seeker is told
    await employer.getByRole('checkbox', { name: '通知求职者' }).check();
    await employer.getByRole('button', { name: '标记合格' }).click();
    await waitFor('the seeker to be notified of the mark', async () => {
      const res = await seeker.request.get('/api/notifications');
      const body = (await res.json()) as { items: { kind: string }[] };
      return body.items.some((i) => i.kind === 'application.marked');
    });

    // 洽谈 from the application page opens the same conversation
    const { application } = (await applied.json()) as { application: { id: string } };
    await employer.goto(`/employer/applications/${application.id}`);
    await employer.getByRole('button', { name: /洽\s?谈/ }).click();
    await waitFor('the conversation in the application page drawer', async () =>
      ((await employer.locator('[data-testid="chat-messages"]').textContent()) ?? '').includes(
        '可以的',
      ),
    );
    await seeker.screenshot({ path: path.join(artifactsDir, 'chat-seeker.png') });
    await employer.screenshot({ path: path.join(artifactsDir, 'chat-employer.png') });

    // a message asking for a deposit and WeChat is flagged; the platform admin confirms it
    const flagged = `入职前请先交押金300元，加微信详聊（${Date.now().toString(36)}）`;
    await employer.getByLabel('消息内容').last().fill(flagged);
    await employer
      .getByRole('button', { name: /^发\s?送$/ })
      .last()
      .click();
    await waitFor('the flagged message in the employer panel', async () =>
      ((await employer.locator('[data-testid="chat-messages"]').textContent()) ?? '').includes(
        flagged,
      ),
    );
    await decideFlaggedMessage(await newPage(), flagged);
  },
};

/**
 * 被标记消息: the admin finds the message in the 待处理 queue with its flags, confirms the
 * violation with a note (without suspending the employer, whom later journeys use), sees it
 * leave the queue, and finds it under 已核实 with the decision and the note.
 */
async function decideFlaggedMessage(admin: Page, text: string) {
  await admin.goto('/');
  const signedIn = await admin.request.post('/api/auth/sign-in', {
    data: { portal: 'staff', identifier: demo.staff.admin.username, password: DEMO_PASSWORD },
  });
  if (!signedIn.ok()) throw new Error(`admin sign-in: ${signedIn.status()}`);
  await admin.goto('/admin/chat-safety');
  await admin.getByRole('heading', { name: '被标记消息' }).waitFor();
  const open = admin.locator('tr', { hasText: text });
  await open.waitFor();
  expectText(await open.textContent(), '索要押金或费用', 'the deposit flag');
  expectText(await open.textContent(), '引导添加微信/QQ等站外联系', 'the off-platform flag');
  expectText(await open.textContent(), demo.employers[0].name, 'the sending employer');

  await open.getByRole('button', { name: '核实违规' }).click();
  const dialog = admin.getByRole('dialog').filter({ hasText: '核实违规' });
  expectText(await dialog.textContent(), text, 'the dialog quotes the message');
  const note = '已核实：向求职者索要押金，已警告该单位';
  await dialog.getByLabel('处理说明').fill(note);
  const decided = admin.waitForResponse(
    (r) => r.url().endsWith('/review') && r.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: /^确\s?认$/ }).click();
  const res = await decided;
  if (res.status() !== 200) throw new Error(`review: ${res.status()} ${await res.text()}`);
  await admin.getByText('已处理', { exact: true }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  await open.waitFor({ state: 'detached' });

  await admin.getByText('已核实', { exact: true }).click();
  const reviewed = admin.locator('tr', { hasText: text });
  await reviewed.waitFor();
  expectText(await reviewed.textContent(), '已核实违规', 'the decision');
  expectText(await reviewed.textContent(), note, 'the note');
  if ((await reviewed.getByRole('button', { name: '核实违规' }).count()) > 0) {
    throw new Error('a decided message still offers 核实违规');
  }
}
export default journey;
