import { randomInt } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { creditCodeCheckChar, idNumberCheckChar } from '@hirehall/shared/validators';
import {
  waitUntil,
  expectText,
  greyPng,
  latestSmsCode,
  type Journey,
  type Server,
} from '../harness.ts';
import { demo, DEMO_PASSWORD } from '../../apps/server/src/demo/demo-data.ts';

/**
 * The foundation's journeys (issue 2): employer registration reviewed by the school, public
 * seeker registration, the certified person's phone flow. Driven through the UI by labels and
 * button texts; the dev outbox and the dev captcha answers stand in for the phone and the eyes.
 */

/** antd puts a space between two Chinese characters on a button: 登录 reads 登 录. */
const cn = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

function newCreditCode(): string {
  const first17 = `91310114MA${digits(7)}`;
  return first17 + creditCodeCheckChar(first17)!;
}

function newIdNumber(): string {
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const first17 = `310114${randomInt(1990, 2004)}${month}${day}${digits(3)}`;
  return first17 + idNumberCheckChar(first17);
}

const newPhone = () => `137${digits(8)}`;

/** Remembers the newest captcha the page fetched, and types its answer like a person would. */
function watchCaptchas(page: Page, server: Server) {
  let latest: string | null = null;
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/api/auth/captcha' || !response.ok()) return;
    void response
      .json()
      .then((body: { captchaId: string }) => (latest = body.captchaId))
      .catch(() => undefined);
  });
  return {
    async solve() {
      const input = page.getByRole('textbox', { name: '图形验证码' });
      await input.waitFor();
      await page.getByAltText('图形验证码，点击刷新').waitFor();
      await waitUntil('a captcha id', async () => latest !== null);
      const res = await fetch(`${server.baseUrl}/api/dev/captchas/${latest}`);
      if (!res.ok) throw new Error(`dev captcha answer: ${res.status}`);
      await input.fill(((await res.json()) as { answer: string }).answer);
    },
  };
}

async function expectUrl(page: Page, pathname: string) {
  await page.waitForURL((url) => url.pathname === pathname);
}

/** Clicks 获取验证码 and answers with the code from the dev outbox. */
async function fillSmsCode(page: Page, server: Server, phone: string, used: string[] = []) {
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText('验证码已发送，请注意查收短信').waitFor();
  const code = await latestSmsCode(server, phone, used);
  await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
  return code;
}

async function signOut(page: Page) {
  const menu = page.getByRole('button', { name: '账号菜单' });
  // the signed-in layout is a chunk of its own: wait for its header (phone menu or 退出)
  await menu
    .or(page.getByRole('button', { name: '退出' }))
    .first()
    .waitFor();
  if (await menu.isVisible()) {
    const item = page.getByRole('menuitem', { name: '退出' });
    // A tap that lands while the page is still settling after a sign-in may not open the
    // menu, or the menu may close again before 退出 is tapped (seen once in CI: the item was
    // visible, then animating, then gone); a person opens the menu again and taps 退出.
    for (let attempt = 1; ; attempt++) {
      if (!(await item.isVisible())) await menu.click();
      try {
        await item.click({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await item.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
      }
    }
  } else {
    await page.getByRole('button', { name: '退出' }).click();
  }
  await expectUrl(page, '/');
  await page.getByText('请选择您的身份登录').waitFor();
}

async function pickOption(page: Page, select: Locator, label: string) {
  await select.click();
  await page.locator('.ant-select-item-option', { hasText: label }).first().click();
}

const employerJourney: Journey = {
  name: 'employer registers in three steps, the school approves, the employer signs in and works there',
  async run({ newPage, server }) {
    const year = new Date().getFullYear();
    const name = `e2e测试科技有限公司${digits(6)}`;
    const creditCode = newCreditCode();
    const password = 'Hire2026ok';

    // step one: profile, licence, password, captcha
    const page = await newPage();
    const captcha = watchCaptchas(page, server);
    await page.goto('/');
    await page.getByRole('link', { name: '用人单位登录' }).click();
    await page.getByRole('link', { name: '单位注册' }).click();
    await page.getByRole('heading', { name: '用人单位注册' }).waitFor();
    await page.getByLabel('单位全称').fill(name);
    await page.getByLabel('统一社会信用代码').fill(creditCode);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: '营业执照' }).click(),
    ]);
    await chooser.setFiles({
      name: '营业执照.png',
      mimeType: 'image/png',
      buffer: greyPng(64, 40, 0xc8),
    });
    await page.getByText('已上传：营业执照.png').waitFor();
    await page.getByLabel('联系人').fill('王经理');
    await page.getByLabel('联系电话').fill(newPhone());
    await page.getByLabel('联系邮箱').fill('hr@example.com');
    await page.getByLabel('登录密码').fill(password);
    await page.getByLabel('重复密码').fill(password);
    await captcha.solve();
    await page.getByRole('button', { name: '下一步' }).click();

    // step two: 才立方测试学院, this year's graduates
    await page.getByLabel('申请入驻的学校').waitFor();
    await pickOption(page, page.getByLabel('申请入驻的学校'), demo.school);
    await page.getByRole('checkbox', { name: `${year}届` }).check();
    await page.getByRole('button', { name: '完成申请' }).click();

    // step three: notification channel
    await page.getByRole('radio', { name: /短信/ }).check();
    await page.getByRole('button', { name: cn('完成') }).click();
    await page.getByText('注册成功，请等待学校审核').waitFor();
    const row = page.getByRole('row', { name: new RegExp(demo.school) });
    expectText(await row.textContent(), '待审核', 'admission after registration');
    await page.getByRole('button', { name: '进入单位首页' }).click();
    await expectUrl(page, '/employer');
    await page.getByText('尚无审核通过的学校').waitFor();
    await signOut(page);

    // the school's employment office approves
    const school = await newPage();
    await school.goto('/login/staff');
    await school.getByLabel('用户名').fill(demo.staff.school.username);
    await school.getByLabel('密码').fill(DEMO_PASSWORD);
    await school.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(school, '/school');
    await school.getByRole('menuitem', { name: '单位审核' }).click();
    await expectUrl(school, '/school/admissions');
    const pending = school.getByRole('row', { name: new RegExp(name) });
    await pending.waitFor();
    expectText(await pending.textContent(), `${year}届`, 'pending admission');
    await pending.getByRole('button', { name: cn('通过') }).click();
    await school
      .getByRole('dialog')
      .getByRole('button', { name: cn('通过') })
      .click();
    await school.getByText(`已通过「${name}」的入驻申请`).waitFor();
    await school.getByRole('tab', { name: '已通过' }).click();
    await school.getByRole('row', { name: new RegExp(name) }).waitFor();

    // the employer signs in with the credit code and works at the school
    await page.getByRole('link', { name: '用人单位登录' }).click();
    await page.getByLabel('统一社会信用代码或单位全称').fill(creditCode);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(page, '/employer');
    const card = page.locator('.ant-card', { hasText: '学校入驻审核' });
    await card.getByText('已通过').waitFor();
    expectText(await card.textContent(), `${demo.school} · ${year}届`, 'admission card');
    const current = page.getByRole('combobox', { name: '当前学校' });
    await waitUntil('the employer context to be the school', async () =>
      ((await page.locator('.ant-select', { has: current }).textContent()) ?? '').includes(
        demo.school,
      ),
    );
  },
};

const seekerJourney: Journey = {
  name: 'public seeker registers with real-name data on a phone, signs out and in with ID number + PIN',
  async run({ newPage, server }) {
    const idNumber = newIdNumber();
    const phone = newPhone();
    const pin = '284617';

    const page = await newPage({ mobile: true });
    await page.goto('/');
    await page.getByRole('link', { name: '个人求职者登录' }).click();
    await page.getByRole('link', { name: cn('注册') }).click();
    await page.getByRole('heading', { name: '实名注册' }).waitFor();
    const hint = await page.getByText('开发环境实名认证').textContent();
    const bankCard = hint?.match(/\d{16,19}/)?.[0];
    if (!bankCard) throw new Error(`no test bank card in the hint: ${hint}`);

    await page.getByLabel('姓名').fill('测试求职者');
    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByLabel('手机号').fill(phone);
    await fillSmsCode(page, server, phone);
    await page.getByLabel('银行卡号').fill(bankCard);
    await page.getByLabel('登录密码').fill(pin);
    await page.getByLabel('重复密码').fill(pin);
    await page.getByRole('button', { name: cn('注册') }).click();
    await expectUrl(page, '/seeker');
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await signOut(page);

    await page.getByRole('link', { name: '个人求职者登录' }).click();
    await page.getByLabel('证件号码或账号').fill(idNumber);
    await page.getByLabel('密码').fill(pin);
    await page.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(page, '/seeker');
    await page.getByRole('button', { name: '账号菜单' }).click();
    await page.getByRole('menuitem', { name: '测试求职者' }).waitFor();
  },
};

const certifiedPassword = 'Cert2026ok';

const certifiedJourney: Journey = {
  name: 'certified person: unknown phone refused, first sign-in by SMS code sets the password, then password sign-in',
  async run({ newPage, server }) {
    const page = await newPage({ mobile: true });
    await page.goto('/');
    await page.getByRole('link', { name: '认证人员登录' }).click();
    const phoneField = page.getByLabel('手机号');
    await phoneField.fill('13700000000');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('此手机号不存在，不能登录').waitFor();

    const phone = demo.unboundRegistry.phone;
    await phoneField.fill(phone);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('首次登录：请获取短信验证码并设置登录密码。').waitFor();
    await fillSmsCode(page, server, phone);
    await page.getByLabel('设置密码').fill(certifiedPassword);
    await page.getByLabel('重复密码').fill(certifiedPassword);
    await page.getByRole('button', { name: '设置密码并登录' }).click();
    await expectUrl(page, '/seeker');
    await signOut(page);

    await page.getByRole('link', { name: '认证人员登录' }).click();
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('密码').fill(certifiedPassword);
    await page.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(page, '/seeker');
  },
};

const graduateJourney: Journey = {
  name: 'graduate activates on a phone (student number, ID tail, SMS code), then signs in by student number and by phone',
  async run({ newPage, server }) {
    const g = demo.unactivatedGraduate;
    const password = 'Grad2026ok';
    const page = await newPage({ mobile: true });
    await page.goto('/');
    await page.getByRole('link', { name: '毕业生登录' }).click();
    await page.getByRole('link', { name: '首次登录激活' }).click();
    await page.getByRole('heading', { name: '毕业生首次登录激活' }).waitFor();
    await pickOption(page, page.getByLabel('学校'), demo.school);
    await page.getByLabel('学号', { exact: true }).fill(g.studentNumber);
    await page.getByLabel('身份证号后6位').fill(g.idNumber.slice(-6));
    await fillSmsCode(page, server, g.phone);
    await page.getByText(`验证码已发送至 ${g.phone.slice(0, 3)}****${g.phone.slice(-4)}`).waitFor();
    await page.getByLabel('设置密码').fill(password);
    await page.getByLabel('重复密码').fill(password);
    await page.getByRole('button', { name: '激活并登录' }).click();
    await expectUrl(page, '/seeker');
    await signOut(page);

    await page.getByRole('link', { name: '毕业生登录' }).click();
    await pickOption(page, page.getByLabel('学校'), demo.school);
    await page.getByLabel('学号', { exact: true }).fill(g.studentNumber);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(page, '/seeker');
    await signOut(page);

    await page.getByRole('link', { name: '毕业生登录' }).click();
    await page.locator('label', { hasText: '手机号登录' }).click();
    await page.getByLabel('手机号', { exact: true }).fill(g.phone);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(page, '/seeker');
  },
};

const staffJourney: Journey = {
  name: 'the platform admin creates a school staff account; its first sign-in forces a new password',
  async run({ newPage }) {
    const username = `e2e-school-${digits(6)}`;
    const admin = await newPage();
    await admin.goto('/login/staff');
    await admin.getByLabel('用户名').fill(demo.staff.admin.username);
    await admin.getByLabel('密码').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(admin, '/admin');
    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    await admin.getByRole('button', { name: '创建账号' }).click();
    const dialog = admin.getByRole('dialog', { name: '创建账号' });
    await pickOption(admin, dialog.getByLabel('所属学校'), demo.school);
    await dialog.getByLabel('登录用户名').fill(username);
    await dialog.getByLabel('姓名').fill('新来的老师');
    await dialog.getByRole('button', { name: cn('创建') }).click();
    const shown = admin.getByRole('dialog', { name: '账号已创建' });
    await shown.getByText('只显示这一次').waitFor();
    const initial = (
      await shown
        .getByText('初始密码', { exact: true })
        .locator('xpath=following-sibling::*[1]')
        .textContent()
    )?.trim();
    if (!initial) throw new Error('no initial password on screen');
    await shown.getByRole('button', { name: '我已复制' }).click();
    await admin
      .getByRole('row', { name: new RegExp(username) })
      .getByText('待修改初始密码')
      .waitFor();

    const staff = await newPage();
    await staff.goto('/login/staff');
    await staff.getByLabel('用户名').fill(username);
    await staff.getByLabel('密码').fill(initial);
    await staff.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(staff, '/password/change');
    await staff.getByText('请先修改初始密码').waitFor();
    // the school area stays closed until the password is changed
    await staff.goto('/school/admissions');
    await expectUrl(staff, '/password/change');
    await staff.getByLabel('初始密码').fill(initial);
    await staff.getByLabel('新密码').fill('School2026ok');
    await staff.getByLabel('重复密码').fill('School2026ok');
    await staff.getByRole('button', { name: '确认修改' }).click();
    await expectUrl(staff, '/school');
    await staff.getByText('新来的老师').first().waitFor();
  },
};

/** Runs last in this file: the phone's 60-second SMS cooldown has mostly passed by then. */
const certifiedResetJourney: Journey = {
  name: 'certified person forgets the password: SMS code, new password, sign in with it',
  async run({ newPage, server }) {
    const phone = demo.unboundRegistry.phone;
    const newPassword = 'Reset2026ok';
    const page = await newPage({ mobile: true });
    await page.goto('/login/certified');
    await page.getByRole('link', { name: '忘记密码' }).click();
    await page.getByRole('heading', { name: '忘记密码' }).waitFor();
    await page.getByLabel('手机号').fill(phone);
    const used = await latestSmsCode(server, phone).then(
      (code) => [code],
      () => [],
    );
    // a person waits out the cooldown the page tells them about
    const tooSoon = page.getByText(/验证码发送过于频繁，请\d+秒后再试/);
    for (;;) {
      await page.getByRole('button', { name: '获取验证码' }).click();
      // only a sent code starts the button's countdown; the refusal is a toast
      const outcome = await Promise.race([
        page
          .getByRole('button', { name: /秒后重新获取/ })
          .waitFor()
          .then(() => 'sent'),
        tooSoon.waitFor().then(() => 'wait'),
      ]);
      if (outcome === 'sent') break;
      const text = await tooSoon.textContent();
      const seconds = Number(text?.match(/(\d+)秒/)?.[1] ?? 5);
      await page.waitForTimeout(seconds * 1000 + 200);
      // the refusal toast of this attempt must not answer the next one
      await tooSoon.waitFor({ state: 'hidden' });
    }
    const code = await latestSmsCode(server, phone, used);
    await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
    await page.getByRole('radio', { name: '其他账号' }).check();
    await page.getByLabel('新密码').fill(newPassword);
    await page.getByLabel('重复密码').fill(newPassword);
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('密码已重置').waitFor();
    await page.getByRole('button', { name: '去登录' }).click();

    await page.getByRole('link', { name: '认证人员登录' }).click();
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('密码').fill(newPassword);
    await page.getByRole('button', { name: cn('登录') }).click();
    await expectUrl(page, '/seeker');
  },
};

export default [
  certifiedJourney,
  employerJourney,
  seekerJourney,
  graduateJourney,
  staffJourney,
  certifiedResetJourney,
];
