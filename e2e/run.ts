// Browser journeys in real Chromium against the real server: `npm run test:e2e`.
// `npm run test:e2e -- employer` runs only journeys whose file name contains "employer".
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, root, startServer, type Journey, type JourneyContext } from './harness.ts';

const filter = process.argv[2];
const dir = path.join(root, 'e2e/journeys');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.journey.ts') && (!filter || f.includes(filter)))
  .sort();
const artifactsDir = path.join(root, 'e2e/artifacts');
fs.mkdirSync(artifactsDir, { recursive: true });

const browser = await launchBrowser();
const server = await startServer();
let passed = 0;
let failed = 0;
try {
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as {
      default: Journey | Journey[];
    };
    const journeys = Array.isArray(mod.default) ? mod.default : [mod.default];
    for (const journey of journeys) {
      const pages: Page[] = [];
      const ctx: JourneyContext = {
        server,
        browser,
        artifactsDir,
        async newPage(options) {
          const context = await browser.newContext({
            baseURL: server.baseUrl,
            locale: 'zh-CN',
            viewport: options?.mobile ? { width: 390, height: 844 } : { width: 1366, height: 800 },
            isMobile: options?.mobile ?? false,
          });
          const page = await context.newPage();
          page.setDefaultTimeout(15_000);
          pages.push(page);
          return page;
        },
      };
      const started = Date.now();
      try {
        await journey.run(ctx);
        passed++;
        console.log(`✓ ${journey.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        console.log(`✗ ${journey.name}\n  ${(err as Error).stack ?? err}`);
        for (const [i, page] of pages.entries()) {
          const shot = path.join(artifactsDir, `${path.basename(file, '.ts')}-${i}.png`);
          await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
          console.log(`  screenshot: ${shot}`);
        }
      } finally {
        for (const page of pages) await page.context().close();
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
  if (failed > 0) console.log(`server log: ${server.logFile}`);
  else fs.rmSync(server.dataDir, { recursive: true, force: true });
}
console.log(`\nJourneys: ${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) process.exit(1);
