import { waitUntil, expectText, type Journey } from '../harness.ts';
import { demo, DEMO_PASSWORD, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

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
/** A posting the employer can publish (every required field, nothing the compliance check flags). */
const publishableJob = {
  title: '上限验证专员',
  occupation: '行政专员',
  description: '负责日常行政事务与档案整理。',
  skills: '熟练使用办公软件',
  salaryMin: 5500,
  salaryMax: 6499,
  education: 'college',
  ageMin: 18,
  ageMax: 45,
  employmentType: 'full_time',
  district: '浦东新区',
  headcount: 1,
};

/**
 * Issue 3 (active-posting cap): in 单位管理 the admin sees an employer's effective cap and its
 * source, is told off for an empty value, sets an override at the employer's active count —
 * the figure and source update and the employer's next publish is refused — then restores the
 * default.
 */
const postingCap: Journey = {
  name: 'admin 单位管理: 在招职位上限 override shown, enforced on the employer, cleared',
  async run({ newPage }) {
    const employer = demo.employers[1];
    const admin = await newPage();
    await admin.goto('/');
    const signIn = await admin.request.post('/api/auth/sign-in', {
      data: { portal: 'staff', identifier: demo.staff.admin.username, password: DEMO_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`admin sign-in: ${signIn.status()} ${await signIn.text()}`);
    const adminCsrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    await admin.goto('/admin');
    await admin.getByRole('menuitem', { name: /单位管理$/ }).click();
    await admin.waitForURL('**/admin/organization-admin');
    await admin.getByRole('combobox').fill(employer.name);
    await admin.locator('.ant-select-item-option', { hasText: employer.name }).first().click();

    const effective = admin.getByTestId('posting-cap-effective');
    const source = admin.getByTestId('posting-cap-source');
    await effective.waitFor();
    expectText(await effective.textContent(), '不限', 'a company’s default cap');
    expectText(await source.textContent(), '按单位类型默认', 'cap source before');
    const active = Number(await admin.getByTestId('posting-cap-active').textContent());
    if (!Number.isInteger(active) || active < 1) throw new Error(`active postings: ${active}`);
    const orgId = await admin.evaluate(async (name) => {
      const res = await fetch('/api/admin/organizations');
      const orgs = (await res.json()) as { id: string; name: string }[];
      return orgs.find((o) => o.name === name)?.id;
    }, employer.name);
    if (!orgId) throw new Error(`no organization ${employer.name}`);

    try {
      await admin.getByRole('button', { name: '保存上限' }).click();
      await admin.getByText('请输入上限（0–10000 的整数）').waitFor();
      await admin.getByLabel('单独设置上限').fill(String(active));
      // the field is checked again as it changes: the error goes before 保存上限 is pressed
      await admin.getByText('请输入上限（0–10000 的整数）').waitFor({ state: 'detached' });
      const saved = admin.waitForResponse(
        (r) => r.url().endsWith('/posting-cap') && r.request().method() === 'PUT',
      );
      await admin.getByRole('button', { name: '保存上限' }).click();
      if ((await saved).status() !== 200)
        throw new Error(`PUT posting-cap: ${(await saved).status()}`);
      await admin.getByText(`已将「${employer.name}」的在招职位上限设为 ${active} 条`).waitFor();
      await waitUntil('the override to show', async () =>
        ((await effective.textContent()) ?? '').includes(`${active} 条`),
      );
      expectText(await source.textContent(), '单独设置', 'cap source after the override');
      await admin.getByText(/已达到上限/).waitFor();

      // the employer at its cap cannot publish one more posting
      const company = await newPage();
      await company.goto('/');
      const employerIn = await company.request.post('/api/auth/sign-in', {
        data: { portal: 'employer', identifier: employer.creditCode, password: DEMO_PASSWORD },
      });
      if (!employerIn.ok()) throw new Error(`employer sign-in: ${employerIn.status()}`);
      const headers = {
        'x-csrf-token': ((await employerIn.json()) as { csrfToken: string }).csrfToken,
      };
      const created = await company.request.post('/api/org/jobs', {
        data: publishableJob,
        headers,
      });
      if (created.status() !== 201) throw new Error(`create: ${await created.text()}`);
      const jobId = ((await created.json()) as { id: string }).id;
      const refused = await company.request.post(`/api/org/jobs/${jobId}/publish`, { headers });
      const body = (await refused.json()) as { error?: { code: string; message: string } };
      if (refused.status() !== 409 || body.error?.code !== 'ACTIVE_POSTING_LIMIT') {
        throw new Error(`publish at the cap: ${refused.status()} ${JSON.stringify(body)}`);
      }
      expectText(body.error.message, String(active), 'the refusal names the cap');
      await company.request.delete(`/api/org/jobs/${jobId}`, { headers });

      await admin.getByRole('button', { name: '恢复默认' }).click();
      await admin.getByText(`已恢复「${employer.name}」的默认上限：不限`).waitFor();
      await waitUntil('the default to show again', async () =>
        ((await source.textContent()) ?? '').includes('按单位类型默认'),
      );
      expectText(await effective.textContent(), '不限', 'cap after restoring the default');
    } finally {
      // later journeys publish for this employer: never leave the override behind
      await admin.request.put(`/api/admin/organizations/${orgId}/posting-cap`, {
        data: { cap: null },
        headers: { 'x-csrf-token': adminCsrf },
      });
    }
  },
};

export default [journey, postingCap];
