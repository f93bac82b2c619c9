import type { Page } from 'playwright-core';
import { waitUntil, expectText, type Journey } from '../harness.ts';
import { demo, DEMO_PIN } from '../../apps/server/src/demo/demo-data.ts';

/** The page is not wider than the screen: nothing to scroll sideways. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) -
      document.documentElement.clientWidth,
  );
}

/** Issue 8 (reach): installable, precached app shell; an offline reload still shows the app. */
const install: Journey = {
  name: 'PWA: manifest, service worker with the whole build precached, offline reload of /',
  async run({ newPage }) {
    const page = await newPage({ mobile: true });
    await page.goto('/');
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    if (href !== '/manifest.webmanifest') throw new Error(`manifest link: ${href}`);
    const manifest = (await (await page.request.get(href)).json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { sizes: string }[];
    };
    expectText(manifest.name, 'HireHall', 'manifest name');
    if (manifest.start_url !== '/' || manifest.display !== 'standalone') {
      throw new Error(`manifest: ${JSON.stringify(manifest)}`);
    }
    for (const size of ['192x192', '512x512']) {
      if (!manifest.icons.some((i) => i.sizes === size)) throw new Error(`no ${size} icon`);
    }

    // registered and active: install has finished precaching
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    if (new URL(scope).pathname !== '/') throw new Error(`service worker scope ${scope}`);
    const sw = await (await page.request.get('/sw.js')).text();
    const build = /const BUILD = (\{.*\});/.exec(sw);
    if (!build) throw new Error('sw.js has no precache list: the build did not write it');
    const { version, files } = JSON.parse(build[1]!) as { version: string; files: string[] };
    const scripts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')]
        .map((e) => new URL('src' in e && e.src ? e.src : (e as HTMLLinkElement).href).pathname)
        .filter((p) => p.startsWith('/assets/')),
    );
    if (scripts.length === 0 || !scripts.every((s) => files.includes(s))) {
      throw new Error(`precache list misses the entry files: ${scripts.join(', ')}`);
    }
    if (!files.some((f) => f.endsWith('.css')) || files.length < 20) {
      throw new Error(`precache list too small (${files.length}): lazy pages would be missing`);
    }
    const cached = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    }, `hirehall-shell-${version}`);
    const missing = files.filter((f) => !cached.includes(f));
    if (missing.length > 0 || !cached.includes('/')) {
      throw new Error(`not precached: ${missing.slice(0, 5).join(', ')} (${missing.length})`);
    }
    await waitUntil('the page to be controlled', () =>
      page.evaluate(() => navigator.serviceWorker.controller !== null),
    );

    // offline: the reload comes from the cache, and a lazy page still opens
    await page.context().setOffline(true);
    try {
      await page.reload();
      await page.getByText('请选择您的身份登录').waitFor();
      await page.getByText('个人求职者登录').click();
      await page.waitForURL('**/login/seeker');
      await page
        .getByRole('button', { name: /登\s*录/ })
        .first()
        .waitFor();
    } finally {
      await page.context().setOffline(false);
    }
  },
};

const seekerRoutes = [
  '/seeker',
  '/seeker/jobs',
  'JOB',
  '/seeker/jobfairs',
  'FAIR',
  '/seeker/me',
  '/seeker/resume',
  '/seeker/offers',
  '/seeker/card',
  '/seeker/applications',
  '/seeker/favorites',
  '/seeker/interviews',
  '/seeker/feedback',
  '/seeker/privacy',
  '/seeker/messages',
  '/seeker/notifications',
];

/** Issue 8 (reach): every seeker page fits a 360 px phone without sideways scrolling. */
const narrow: Journey = {
  name: 'seeker pages at 360 px: no horizontal scroll; 举报 from a job opens the prefilled report',
  async run({ newPage }) {
    const page = await newPage({ mobile: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const signIn = await page.request.post('/api/auth/sign-in', {
      data: { portal: 'seeker', identifier: demo.seeker.idNumber, password: DEMO_PIN },
    });
    if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()} ${await signIn.text()}`);
    const jobs = (await (await page.request.get('/api/public/jobs')).json()) as {
      items: { id: string }[];
    };
    const jobId = jobs.items[0]?.id;
    if (!jobId) throw new Error('the demo has no published job');
    const fairs = (await (await page.request.get('/api/public/fairs')).json()) as { id: string }[];
    if (!fairs[0]) throw new Error('the demo has no fair');
    const wide: string[] = [];
    for (const route of seekerRoutes) {
      const url =
        route === 'JOB'
          ? `/seeker/jobs/${jobId}`
          : route === 'FAIR'
            ? `/seeker/jobfairs/${fairs[0].id}`
            : route;
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page
        .locator('.ant-spin-spinning')
        .first()
        .waitFor({ state: 'hidden' })
        .catch(() => {});
      if (page.url().includes('/login')) throw new Error(`${url} sent the seeker to sign in`);
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) wide.push(`${url} (+${overflow}px)`);
    }
    if (wide.length > 0) throw new Error(`wider than 360 px: ${wide.join(', ')}`);

    await page.goto(`/seeker/jobs/${jobId}`);
    const report = page.getByRole('link', { name: '举报职位' });
    const link = new URL((await report.getAttribute('href'))!, 'http://x');
    if (
      link.pathname !== '/seeker/feedback' ||
      link.searchParams.get('kind') !== 'abuse' ||
      link.searchParams.get('targetType') !== 'job' ||
      link.searchParams.get('targetId') !== jobId
    ) {
      throw new Error(`举报职位 links to ${link.pathname}${link.search}`);
    }
    await report.click();
    await page.waitForURL('**/seeker/feedback?**');
    const target = page.getByPlaceholder(/对象编号/);
    await target.waitFor();
    if ((await target.inputValue()) !== jobId) throw new Error('the report target is not filled');
    const checked = page.locator('.ant-radio-button-wrapper-checked');
    expectText(await checked.textContent(), '违规举报', 'selected feedback kind');
  },
};

export default [install, narrow];
