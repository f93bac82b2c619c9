import path from 'node:path';
import type { Page } from 'playwright-core';
import { publishJob, expectText, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

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

/** Total energy of the audio the page's current call receives (grows while sound arrives). */
function inboundAudioEnergy(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const hook = (globalThis as { __hhCall?: { pc: RTCPeerConnection } }).__hhCall;
    if (!hook) return -1;
    let energy = 0;
    (await hook.pc.getStats()).forEach(
      (s: { type: string; kind?: string; totalAudioEnergy?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') energy += s.totalAudioEnergy ?? 0;
      },
    );
    return energy;
  });
}

/** Whether sound arrives: the received energy grows over a second. */
async function hearsSound(page: Page) {
  const before = await inboundAudioEnergy(page);
  await new Promise((r) => setTimeout(r, 1000));
  const after = await inboundAudioEnergy(page);
  if (process.env.HH_DEBUG) console.log(`audio energy ${before} → ${after}`);
  return before >= 0 && after - before > 1e-6;
}

/** Mean brightness (0–255) of the other party's picture, or -1 before it plays. */
function remoteBrightness(page: Page): Promise<number> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]');
    if (!video || video.readyState < 2) return -1;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(video, 0, 0, 64, 48);
    const data = g.getImageData(0, 0, 64, 48).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i]! + data[i + 1]! + data[i + 2]!;
    return sum / (data.length / 4) / 3;
  });
}

/** 静音 and 关闭摄像头 on the employer's side switch the sent tracks; the seeker notices. */
async function exerciseToggles(employer: Page, seeker: Page) {
  const tracks = () => localTracks(employer);
  await waitFor('the seeker to hear the employer', () => hearsSound(seeker));
  const buttons = employer.locator('[data-testid="call-view"]').getByRole('button');
  await buttons.filter({ hasText: /^\s*静\s?音\s*$/ }).click();
  await waitFor(
    'the employer microphone muted',
    async () => (await tracks()).audio?.enabled === false,
  );
  await waitFor('the seeker to hear silence', async () => !(await hearsSound(seeker)));
  await employer.getByRole('button', { name: '取消静音' }).click();
  await waitFor('the employer microphone on', async () => (await tracks()).audio?.enabled === true);
  await waitFor('the seeker to hear the employer again', () => hearsSound(seeker));

  await waitFor(
    'the seeker to see the employer',
    async () => (await remoteBrightness(seeker)) > 20,
  );
  await employer.getByRole('button', { name: '关闭摄像头' }).click();
  await waitFor('the employer camera off', async () => (await tracks()).video?.enabled === false);
  await waitFor('a black picture at the seeker', async () => {
    const b = await remoteBrightness(seeker);
    return b >= 0 && b < 8;
  });
  await employer.getByRole('button', { name: '打开摄像头' }).click();
  await waitFor('the employer camera on', async () => (await tracks()).video?.enabled === true);
  await waitFor(
    'the seeker to see the employer again',
    async () => (await remoteBrightness(seeker)) > 20,
  );
}

/** Milliseconds until midnight in China (UTC+8), where the hall's day ends. */
function untilChinaMidnight(now = Date.now()) {
  const day = 24 * 3600_000;
  const offset = 8 * 3600_000;
  return day - ((now + offset) % day);
}

const hhMinutes = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * Two Chromium pages with fake camera and microphone: the employer invites from the
 * negotiation hall, the seeker attends from 我的应聘 (面试通知 NEW → 查看回复 → 参加面试), the
 * employer confirms; the employer's device check picks a microphone the call then sends; the
 * hall shows the seeker online; the call connects with video both ways; mute and camera
 * toggles silence and blacken what the seeker receives; the seeker's page reloads (the drop);
 * the employer calls again and video flows again; the employer marks 合适 and ends, the hall
 * moves to the next candidate (a second interview), who is called and marked 待定.
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
    // the interviews are minutes from now and the hall shows one China day: never straddle
    // midnight (the journey takes a few minutes), wait for the new day instead
    if (untilChinaMidnight() < 12 * 60_000) {
      console.log('  (close to midnight in China: waiting for the new day)');
      await new Promise((r) => setTimeout(r, untilChinaMidnight() + 5000));
    }
    await employer.goto('/');
    await seeker.goto('/');
    const csrfToken = await signInByApi(employer, {
      portal: 'employer',
      identifier: demo.employers[1].creditCode,
      password: DEMO_PASSWORD,
    });
    const seekerCsrf = await signInByApi(seeker, {
      portal: 'seeker',
      identifier: demo.seeker.idNumber,
      password: DEMO_PIN,
    });

    // two postings of this employer and the seeker's applications to them
    const h = { 'x-csrf-token': csrfToken };
    const sh = { 'x-csrf-token': seekerCsrf };
    const applyTo = async (title: string) => {
      const job = await publishJob(employer, csrfToken, {
        title,
        description: '负责招聘平台的后端开发。',
        skills: 'Node.js、PostgreSQL',
        headcount: 1,
      });
      const applied = await seeker.request.post('/api/applications', {
        data: { jobId: job.id },
        headers: sh,
      });
      if (!applied.ok()) throw new Error(`apply: ${applied.status()} ${await applied.text()}`);
      return ((await applied.json()) as { application: { id: string } }).application;
    };
    await applyTo('视频面试测试岗');
    const second = await applyTo('第二轮复试岗');

    // 面试邀约 from the negotiation hall: in three minutes, by video
    await employer.goto('/employer/negotiation-hall');
    await employer.locator('[data-testid="hall-candidate"]', { hasText: '视频面试测试岗' }).click();
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

    // the second candidate (the same seeker's other application), a minute later, by the API
    const invited = await employer.request.post('/api/interviews', {
      headers: h,
      data: {
        applicationId: second.id,
        startsAt: new Date(Date.now() + 4 * 60_000).toISOString(),
        mode: 'video',
        contactName: '王老师',
        contactPhone: '021-61234567',
      },
    });
    if (!invited.ok()) throw new Error(`invite: ${invited.status()} ${await invited.text()}`);
    const secondId = ((await invited.json()) as { id: string }).id;
    const attended = await seeker.request.post(`/api/interviews/${secondId}/attend`, {
      headers: sh,
    });
    if (!attended.ok()) throw new Error(`attend: ${attended.status()}`);

    // 我的应聘: the application shows 面试通知 NEW; 查看回复 → 参加面试
    await seeker.goto('/seeker/applications');
    const application = seeker.locator('[data-testid="my-application"]', {
      hasText: '视频面试测试岗',
    });
    await application
      .locator('[data-testid="application-interview-notice"]', { hasText: '面试通知 NEW' })
      .waitFor();
    await application.locator('[data-testid="view-reply"]').click();
    await seeker.locator('[data-testid="notice-attend"]').click();
    await seeker.getByText('已回复参加面试').waitFor();
    // the opened notice is no longer NEW
    await application
      .locator('[data-testid="application-interview-notice"]', { hasText: /^面试通知$/ })
      .waitFor();

    // the employer confirms both in the hall's invitation list
    await employer.goto('/employer/interview-hall?hhtest=1');
    await employer.getByRole('tab', { name: '面试邀约' }).click();
    for (let i = 0; i < 2; i++) {
      await employer.locator('[data-testid="confirm-interview"]').first().click();
      await employer.getByText('已确认，已向求职者发送详细面试通知').last().waitFor();
      await waitFor(
        'the confirmation to leave the list',
        async () => (await employer.locator('[data-testid="confirm-interview"]').count()) === 1 - i,
      );
    }

    // the seeker reads the detailed notice and waits in the waiting room
    await seeker.goto('/seeker/interviews?hhtest=1');
    const item = seeker.locator('[data-testid="agenda-item"]', { hasText: '视频面试测试岗' });
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
    await exerciseToggles(employer, seeker);
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
    await waitFor('the queue to show the result', async () =>
      ((await entry.textContent()) ?? '').includes('合适'),
    );
    expectText(await entry.textContent(), '中断 1 次', 'the interruption is recorded');

    // the hall moves to the next candidate in the queue, who waits in the waiting room
    const nextEntry = employer.locator('[data-testid="queue-entry"]').nth(1);
    await employer.getByRole('heading', { name: /第二轮复试岗/ }).waitFor();
    await seeker.goto(`/seeker/interviews?hhtest=1&id=${secondId}`);
    await seeker.locator('[data-testid="device-check"]').waitFor();
    await seeker.getByRole('button', { name: '设备正常' }).click();
    await waitFor(
      'the next candidate online',
      async () => (await nextEntry.getAttribute('data-online')) === '1',
    );
    await nextEntry.getByRole('button', { name: '开始面试' }).click();
    await answer(seeker);
    await expectVideoFlowing(employer, seeker, 'with the next candidate');
    await employer.getByRole('button', { name: /挂\s?断/ }).click();
    await result.getByText('待定', { exact: true }).click();
    await result.getByRole('button', { name: '结束面试' }).click();
    await waitFor('the queue to show the second result', async () =>
      ((await nextEntry.textContent()) ?? '').includes('待定'),
    );
  },
};
export default journey;
