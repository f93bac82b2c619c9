import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectText, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

async function signIn(page: Page, body: Record<string, string>) {
  const res = await page.request.post('/api/auth/sign-in', { data: body });
  if (!res.ok()) throw new Error(`sign-in ${body.portal}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as { csrfToken: string };
}

/** Answers the ringing call; clicks again if the dialog was still animating in. */
async function answer(seeker: Page) {
  const accept = seeker.locator('[data-testid="accept-call"]');
  await accept.waitFor();
  await waitFor('the call to be answered', async () => {
    if (await accept.isVisible()) await accept.click({ timeout: 2000 }).catch(() => undefined);
    await accept.waitFor({ state: 'hidden', timeout: 2000 });
    return true;
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Decoded inbound video frames of the page's current call (test hook, ?hhtest). */
function framesOf(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const hook = (globalThis as { __hhCall?: { inboundVideoFrames(): Promise<number> } }).__hhCall;
    return hook ? hook.inboundVideoFrames() : -1;
  });
}

/** Frames arrive and keep arriving on both sides. */
async function expectVideoFlowing(employer: Page, seeker: Page, when: string) {
  for (const [side, page] of [
    ['employer', employer],
    ['seeker', seeker],
  ] as const) {
    await waitFor(`${side} receives video ${when}`, async () => (await framesOf(page)) > 0);
    const first = await framesOf(page);
    await waitFor(
      `${side} video frames growing ${when}`,
      async () => (await framesOf(page)) > first + 5,
    );
  }
}

/** The tracks the page's current call sends: enabled state and device. */
function localTracks(page: Page) {
  return page.evaluate(() => {
    const hook = (globalThis as { __hhCall?: { pc: RTCPeerConnection } }).__hhCall;
    const out: Partial<Record<string, { enabled: boolean; deviceId?: string }>> = {};
    for (const sender of hook?.pc.getSenders() ?? []) {
      const t = sender.track;
      if (t) out[t.kind] = { enabled: t.enabled, deviceId: t.getSettings().deviceId };
    }
    return out as { audio?: { enabled: boolean; deviceId?: string }; video?: typeof out.video };
  });
}

/** In the device check, picks the last microphone the browser lists; returns its id. */
async function chooseLastMicrophone(page: Page) {
  const check = page.locator('[data-testid="device-check"]');
  await check.waitFor();
  const mic = await waitForValue('the microphones to be listed', () =>
    page.evaluate(async () => {
      const all = await navigator.mediaDevices.enumerateDevices();
      const mics = all.filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default');
      return mics.length > 1 ? mics[mics.length - 1]! : null;
    }),
  );
  await check.getByLabel('麦克风').click();
  await page.locator('.ant-select-item-option', { hasText: mic.label }).click();
  return mic.deviceId;
}

async function waitForValue<T>(what: string, read: () => Promise<T | null>, ms = 20_000) {
  let value: T | null = null;
  await waitFor(what, async () => (value = await read()) !== null, ms);
  return value as T;
}

const hhMinutes = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * Two Chromium pages with fake camera and microphone: the employer invites from the
 * negotiation hall, the seeker attends, the employer confirms; the hall shows the seeker
 * online; the call connects with video both ways; the seeker's page reloads (the drop); the
 * employer calls again and video flows again; the employer marks 合适 and ends.
 */
const journey: Journey = {
  name: 'interviews: invitation, confirmation and a one-to-one video call with a drop',
  async run({ newPage, artifactsDir }) {
    const employer = await newPage();
    const seeker = await newPage();
    for (const [name, page] of [
      ['employer', employer],
      ['seeker', seeker],
    ] as const) {
      page.on('console', (m) => {
        if (process.env.HH_DEBUG || m.type() === 'error') console.log(`[${name}] ${m.text()}`);
      });
      page.on('pageerror', (e) => console.log(`[${name}] pageerror ${e.message}`));
    }
    await employer.goto('/');
    await seeker.goto('/');
    const { csrfToken } = await signIn(employer, {
      portal: 'employer',
      identifier: demo.employers[1].creditCode,
      password: DEMO_PASSWORD,
    });
    const { csrfToken: seekerCsrf } = await signIn(seeker, {
      portal: 'seeker',
      identifier: demo.seeker.idNumber,
      password: DEMO_PIN,
    });

    // a posting of this employer and the seeker's application to it
    const h = { 'x-csrf-token': csrfToken };
    const created = await employer.request.post('/api/org/jobs', {
      headers: h,
      data: {
        title: '视频面试测试岗',
        occupation: '软件开发',
        description: '负责招聘平台的后端开发。',
        skills: 'Node.js、PostgreSQL',
        salaryMin: 7500,
        salaryMax: 8499,
        education: 'college',
        ageMin: 18,
        ageMax: 45,
        employmentType: 'full_time',
        district: '嘉定区',
        headcount: 1,
        probationMonths: 3,
        probationSalary: 6500,
      },
    });
    if (!created.ok()) throw new Error(`create job: ${created.status()} ${await created.text()}`);
    const job = (await created.json()) as { id: string };
    const published = await employer.request.post(`/api/org/jobs/${job.id}/publish`, {
      headers: h,
    });
    if (!published.ok()) throw new Error(`publish: ${published.status()}`);
    const applied = await seeker.request.post('/api/applications', {
      data: { jobId: job.id },
      headers: { 'x-csrf-token': seekerCsrf },
    });
    if (!applied.ok()) throw new Error(`apply: ${applied.status()} ${await applied.text()}`);

    // 面试邀约 from the negotiation hall: in three minutes, by video
    await employer.goto('/employer/negotiation-hall');
    await employer.locator('[data-testid="hall-candidate"]').first().click();
    await employer.locator('[data-testid="interview-invite"]').click();
    const dialog = employer.getByRole('dialog');
    const picker = dialog.getByLabel('面试日期和时间');
    await picker.click();
    await picker.fill(hhMinutes(new Date(Date.now() + 3 * 60_000)));
    await picker.press('Enter');
    await dialog.getByLabel('单位联系人').fill('王老师');
    await dialog.getByLabel('电话').fill('021-61234567');
    await dialog.getByLabel('备注').fill('请提前调试摄像头和麦克风');
    await dialog.getByRole('button', { name: /^发\s?送$/ }).click();
    await employer.getByText('面试邀约已发送').waitFor();

    // the seeker sees 面试通知 NEW and attends
    await seeker.goto('/seeker/interviews');
    const item = seeker.locator('[data-testid="agenda-item"]', { hasText: '视频面试测试岗' });
    await item.locator('[data-testid="interview-new"]').waitFor();
    await item.getByRole('button', { name: '参加面试', exact: true }).click();
    await seeker.getByText('已回复参加面试').waitFor();

    // the employer confirms in the hall's invitation list
    await employer.goto('/employer/interview-hall?hhtest=1');
    await employer.getByRole('tab', { name: '面试邀约' }).click();
    await employer.locator('[data-testid="confirm-interview"]').first().click();
    await employer.getByText('已确认，已向求职者发送详细面试通知').waitFor();

    // the seeker reads the detailed notice and waits in the waiting room
    await seeker.goto('/seeker/interviews?hhtest=1');
    await item.click();
    const detail = seeker.locator('[data-testid="interview-detail"]');
    await detail.getByText('021-61234567').waitFor();
    expectText(await detail.textContent(), '王老师', 'the detailed notice names the contact');
    await seeker.locator('[data-testid="device-check"]').waitFor();
    await seeker.getByRole('button', { name: '设备正常' }).click();

    // the employer's device check: another microphone is chosen, and the call uses it
    await employer.getByRole('tab', { name: '当日面试队列' }).click();
    const micId = await chooseLastMicrophone(employer);
    await employer.getByRole('button', { name: '设备正常' }).click();

    // the queue shows the seeker online; 开始面试 rings the seeker's page
    const entry = employer.locator('[data-testid="queue-entry"]').first();
    await waitFor(
      'the seeker online in the queue',
      async () => (await entry.getAttribute('data-online')) === '1',
    );
    await entry.getByRole('button', { name: '开始面试' }).click();
    await answer(seeker);
    await expectVideoFlowing(employer, seeker, 'after the first answer');
    const sent = await localTracks(employer);
    if (sent.audio?.deviceId !== micId) {
      throw new Error(`the call sends microphone ${sent.audio?.deviceId}, chosen ${micId}`);
    }
    await employer.screenshot({ path: path.join(artifactsDir, 'interviews-employer-call.png') });

    // the drop: the seeker's page reloads; the employer sees the interruption
    await seeker.reload();
    await employer.locator('[data-testid="call-status"]', { hasText: '通话中断' }).waitFor();
    await seeker.locator('[data-testid="waiting-room"]').waitFor();

    // call again until the reloaded page rings (its socket may take a moment to be online)
    const accept = seeker.locator('[data-testid="accept-call"]');
    await waitFor(
      'the reloaded page to ring',
      async () => {
        const again = employer.getByRole('button', { name: '重新呼叫' });
        if (await again.isVisible()) await again.click();
        await accept.waitFor({ timeout: 3000 });
        return true;
      },
      30_000,
    );
    await answer(seeker);
    await expectVideoFlowing(employer, seeker, 'after calling again');
    await seeker.screenshot({ path: path.join(artifactsDir, 'interviews-seeker-call.png') });

    // hang up, mark 合适, end: the interruption is recorded on the interview
    await employer.getByRole('button', { name: /挂\s?断/ }).click();
    const result = employer.locator('[data-testid="result-form"]');
    await result.getByText('合适', { exact: true }).click();
    await result.getByLabel('面试评价').fill('表达清晰，技术基础扎实');
    await result.getByRole('button', { name: '结束面试' }).click();
    await employer.getByText('面试已结束').first().waitFor();
    await waitFor('the queue to show the result', async () =>
      ((await entry.textContent()) ?? '').includes('合适'),
    );
    expectText(await entry.textContent(), '中断 1 次', 'the interruption is recorded');
  },
};
export default journey;
