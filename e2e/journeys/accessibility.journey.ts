import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root, type Journey } from '../harness.ts';

/**
 * axe-core (WCAG 2.1 A/AA rules) in Chromium on every public page of the web app, on a
 * desktop and a phone viewport: 0 serious or critical violations. The pages are read from
 * the router sources (`path: '…'`), so a new public page is checked when it is added;
 * `:id` takes the first fair or posting of the demo data, `:token` is skipped.
 */
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function routerPaths(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/path: '(\/[^']*)'/g)) found.add(m[1]!);
      }
    }
  };
  walk(path.join(root, 'apps/web/src'));
  return [...found].sort();
}

const staffPrefixes =
  /^\/(admin|employer|institution|school|college|seeker|graduate|messages|my)\b/;

const journey: Journey = {
  name: 'accessibility: axe-core finds no serious or critical violation on any public page',
  async run({ newPage, server }) {
    const firstId = async (url: string) => {
      const body = (await (await fetch(`${server.baseUrl}${url}`)).json()) as
        { items?: { id: string }[] } | { id: string }[];
      const items = Array.isArray(body) ? body : (body.items ?? []);
      return items[0]?.id;
    };
    const fairId = await firstId('/api/public/fairs');
    const jobId = await firstId('/api/public/jobs');
    const pages = ['/', ...routerPaths()]
      .filter((p) => !staffPrefixes.test(p) && !/:token|^\/(socket\.io|api)\b/.test(p) && p !== '*')
      .map((p) =>
        p.startsWith('/jobfairs/:id')
          ? fairId
            ? p.replace(':id', fairId)
            : null
          : p.startsWith('/jobs/:id')
            ? jobId
              ? p.replace(':id', jobId)
              : null
            : p.includes(':')
              ? null
              : p,
      )
      .filter((p): p is string => p !== null);
    const failures: string[] = [];
    for (const mobile of [false, true]) {
      const page = await newPage({ mobile });
      for (const url of pages) {
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.addScriptTag({ content: axeSource });
        const violations = (await page.evaluate(async () => {
          const axe = (
            window as unknown as { axe: { run: (o: object) => Promise<{ violations: unknown[] }> } }
          ).axe;
          const result = await axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          });
          return result.violations;
        })) as { id: string; impact: string; nodes: { target: string[] }[] }[];
        for (const v of violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            failures.push(
              `${mobile ? 'phone' : 'desktop'} ${url}: ${v.impact} ${v.id} at ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}`,
            );
          }
        }
      }
    }
    console.log(`  axe: ${pages.length} pages × 2 viewports checked`);
    if (failures.length) throw new Error(`axe violations:\n${failures.join('\n')}`);
  },
};
export default journey;
