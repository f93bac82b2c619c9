import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization } from '../../../test/fixtures.ts';
import { loadJobsDemo } from './jobs.demo.ts';
import { prepareFirstStart } from '../../first-start.ts';
import { findDemoIds } from '../../demo/demo-data.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('runs inside the demo loader of first start', async () => {
  const t2 = await createTestApp({ HIREHALL_DEMO: '1' });
  try {
    await prepareFirstStart({
      config: t2.config,
      db: t2.database.db,
      log: t2.app.log,
      print: () => undefined,
    });
    const ids = await findDemoIds(t2.database.db);
    const fair = (
      await t2.app.inject({ method: 'GET', url: `/api/public/fairs/${ids!.fairId}` })
    ).json();
    expect(fair).toMatchObject({ employerCount: 4, jobCount: 8 });
  } finally {
    await t2.close();
  }
}, 120_000);

it("loads seed 001's fair with counts from real rows, idempotently", async () => {
  const school = await createOrganization(t.database.db, 'school', '才立方测试学院');
  const { fairId } = await loadJobsDemo(t.database.db, { schoolId: school.id, generated: 30 });
  const again = await loadJobsDemo(t.database.db, { schoolId: school.id, generated: 30 });
  expect(again.fairId).toBe(fairId);
  const fair = (await t.app.inject({ method: 'GET', url: `/api/public/fairs/${fairId}` })).json();
  expect(fair).toMatchObject({ employerCount: 4, jobCount: 8 });
  const cards = (
    await t.app.inject({ method: 'GET', url: `/api/public/fairs/${fairId}/employers` })
  ).json() as {
    name: string;
    shortName: string | null;
    jobs: { title: string; salaryText: string }[];
  }[];
  const lines = cards.flatMap((c) =>
    c.jobs.map((j) => `${c.shortName ?? c.name} ${j.title} ${j.salaryText}`),
  );
  expect(lines.sort()).toEqual(
    [
      '才立方 PHP 7500-8499',
      '才立方 前端开发 7500-8499',
      '萃思 PHP2 2500-3499',
      '黑龙江才立方就业信息服务有限公司 PHP工程师 4500-5499',
      '黑龙江才立方就业信息服务有限公司 前端开发 1500以下',
      '华为技术有限公司 电话销售 6500-7499',
      '华为技术有限公司 设计工程师 5500-6499',
      '华为技术有限公司 人事行政专员 2500-3499',
    ].sort(),
  );
  const search = (
    await t.app.inject({
      method: 'GET',
      url: `/api/public/jobs?q=${encodeURI('销售')}&pageSize=50`,
    })
  ).json();
  expect(
    search.items.some(
      (j: { title: string; organizationName: string }) =>
        j.title === '电话销售' && j.organizationName === '华为技术有限公司',
    ),
  ).toBe(true);
});
