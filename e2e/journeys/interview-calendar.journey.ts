import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { publishJob, expectText, signInByApi, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

/** The .ics the button (an antd Button with href: a link) downloads, unfolded. */
async function download(page: Page, button: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return fs.readFileSync(await file.path(), 'utf8').replace(/\r\n /g, '');
}

const field = (ics: string, name: string) =>
  new RegExp(`^${name}[:;](.*?)\\r?$`, 'm').exec(ics)?.[1];

/**
 * 面试日程 and the calendar: the seeker downloads the confirmed interview's .ics; the employer
 * cancels; the seeker's page now offers the cancellation, which withdraws the same event.
 */
const journey: Journey = {
  name: 'interview calendar: confirmed .ics, then the cancellation .ics from 面试日程',
  async run({ newPage }) {
    const employer = await newPage();
    const seeker = await newPage();
    await employer.goto('/');
    await seeker.goto('/');
    const eh = {
      'x-csrf-token': await signInByApi(employer, {
        portal: 'employer',
        identifier: demo.employers[1].creditCode,
        password: DEMO_PASSWORD,
      }),
    };
    const sh = {
      'x-csrf-token': await signInByApi(seeker, {
        portal: 'seeker',
        identifier: demo.seeker.idNumber,
        password: DEMO_PIN,
      }),
    };
    const call = async (page: Page, url: string, headers: Record<string, string>, data = {}) => {
      const res = await page.request.post(url, { data, headers });
      if (!res.ok()) throw new Error(`${url}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };

    // invited, attended and confirmed through the API: this journey is about what follows
    const job = await publishJob(employer, eh['x-csrf-token'], {
      title: '日历取消测试岗',
      description: '负责面试日程相关功能的测试。',
      skills: '细心、耐心',
      headcount: 1,
    });
    const applied = await call(seeker, '/api/applications', sh, { jobId: job.id });
    const applicationId = (applied.application as { id: string }).id;
    const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 24 * 3600_000);
    const interview = await call(employer, '/api/interviews', eh, {
      applicationId,
      startsAt: startsAt.toISOString(),
      durationMinutes: 30,
      mode: 'onsite',
      place: '上海市嘉定区招聘大厅 3 楼',
      contactName: '王老师',
      contactPhone: '021-61234567',
      notes: '请携带身份证',
    });
    const id = interview.id as string;
    await call(seeker, `/api/interviews/${id}/attend`, sh);
    await call(employer, `/api/interviews/${id}/confirm`, eh);

    await seeker.goto(`/seeker/interviews?id=${id}`);
    const detail = seeker.getByTestId('interview-detail');
    await detail.waitFor();
    const confirmed = await download(
      seeker,
      detail.getByRole('link', { name: '加入日历（.ics）' }),
    );
    expectText(field(confirmed, 'METHOD'), 'PUBLISH', 'the confirmed calendar');
    const uid = field(confirmed, 'UID');
    const sequence = Number(field(confirmed, 'SEQUENCE'));

    await call(employer, `/api/interviews/${id}/cancel`, eh, { reason: '岗位已招满' });
    await seeker.reload();
    await detail.waitFor();
    expectText(await detail.textContent(), '该面试已取消', 'the cancelled notice');
    if ((await detail.getByRole('link', { name: '加入日历（.ics）' }).count()) > 0) {
      throw new Error('a cancelled interview still offers 加入日历');
    }
    const cancelled = await download(
      seeker,
      detail.getByRole('link', { name: '下载取消日历（.ics）' }),
    );
    expectText(field(cancelled, 'METHOD'), 'CANCEL', 'the cancellation method');
    expectText(field(cancelled, 'STATUS'), 'CANCELLED', 'the cancellation status');
    if (field(cancelled, 'UID') !== uid)
      throw new Error(`UID changed: ${uid} → ${field(cancelled, 'UID')}`);
    if (Number(field(cancelled, 'SEQUENCE')) <= sequence) {
      throw new Error(`SEQUENCE not raised: ${sequence} → ${field(cancelled, 'SEQUENCE')}`);
    }
  },
};
export default journey;
