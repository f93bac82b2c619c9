import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { jobSearchQuerySchema, positionTypes, salaryBands } from '@hirehall/shared/jobs';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createOrganization } from '../../../test/fixtures.ts';
import { queryRows } from '../../platform/db/database.ts';
import { searchJobs, searchPageSql } from './jobs.repo.ts';
import {
  dayNumber,
  queryTokens,
  searchTokens,
  searchVectorSql,
  windowTokens,
} from './jobs.search.ts';
import { generateJob, randomFrom } from './jobs.generate.ts';

let t: TestApp;
const r = randomFrom(20260301);
const titles: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrganization(t.database.db, 'company');
  const db = t.database.db;
  const rows = Array.from({ length: 1500 }, () => generateJob(r));
  // a few awkward strings: LIKE wildcards, quotes, backslashes, mixed case
  rows.push(
    { ...rows[0]!, title: "100%_完成率 O'Reilly", occupation: 'a\\b' },
    { ...rows[0]!, title: 'PhP高手', occupation: 'PHP' },
  );
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await db.execute(sql`insert into job_postings (organization_id, status, title, occupation,
        salary_min, salary_max, district, headcount, published_at, search_vector, deleted_at,
        education, employment_type, position_type, region, age_min, age_max)
      values ${sql.join(
        chunk.map((j, k) => {
          const status = (i + k) % 17 === 3 ? 'paused' : 'published';
          const deleted = (i + k) % 23 === 7 ? sql`now()` : sql`null`;
          return sql`(${org.id}, ${status}, ${j.title}, ${j.occupation}, ${j.salaryMin},
            ${j.salaryMax}, ${j.district}, ${j.headcount}, now() - ${`${i + k} hours`}::interval,
            ${searchVectorSql(j)}, ${deleted}, ${j.education}, ${j.employmentType},
            ${j.positionType}, ${j.region}, ${j.ageMin}, ${j.ageMax})`;
        }),
        sql`, `,
      )}`);
  }
  titles.push(...rows.map((j) => j.title), ...rows.map((j) => j.occupation));
}, 120_000);
afterAll(() => t.close());

async function viaIndex(q: string, filters: Record<string, string> = {}, ordered = false) {
  const query = jobSearchQuerySchema.parse({ q, pageSize: 50, ...filters });
  const rows = await queryRows<{ id: string }>(
    t.database.db,
    searchPageSql({ ...query, pageSize: 100_000 }),
  );
  const ids = rows.map((x) => x.id);
  return ordered ? ids : ids.sort();
}

/** The oracle: plain ILIKE and column comparisons, no index; `ordered` keeps the sort order. */
async function viaLike(q: string, filters: Record<string, string> = {}, ordered = false) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const f = filters;
  const district =
    f.district === '全市'
      ? sql`and district <> '外省市'`
      : f.district
        ? sql`and district = ${f.district}`
        : sql``;
  const order =
    f.sort === 'salary'
      ? sql`order by salary_max desc nulls last, id desc`
      : sql`order by published_at desc nulls last, id desc`;
  const rows = await queryRows<{ id: string }>(
    t.database.db,
    sql`select id from job_postings where status = 'published' and deleted_at is null
      and (title ilike ${pattern} or occupation ilike ${pattern}) ${district}
      ${f.education ? sql`and education = ${f.education}` : sql``}
      ${f.employmentType ? sql`and employment_type = ${f.employmentType}` : sql``}
      ${f.region ? sql`and region = ${f.region}` : sql``}
      ${f.positionType ? sql`and position_type = ${f.positionType}` : sql``}
      ${f.age ? sql`and ${Number(f.age)} between coalesce(age_min, 16) and coalesce(age_max, 65)` : sql``}
      ${f.salaryMin ? sql`and greatest(salary_min, salary_max) >= ${Number(f.salaryMin)}` : sql``}
      ${f.salaryMax ? sql`and least(salary_min, salary_max) <= ${Number(f.salaryMax)}` : sql``}
      ${order}`,
  );
  const ids = rows.map((x) => x.id);
  return ordered ? ids : ids.sort();
}

/** Random seed-003/004 filters: age, salary band, region, position type, district, education. */
function randomFilters(): Record<string, string> {
  const f: Record<string, string> = {};
  if (r.next() < 0.4) f.age = String(r.pick([16, 18, 22, 30, 45, 50, 60, 65]));
  if (r.next() < 0.4) {
    const band = r.pick(salaryBands);
    if (band.min != null) f.salaryMin = String(band.min);
    if (band.max != null) f.salaryMax = String(band.max);
  }
  if (r.next() < 0.3) f.region = r.pick(['上海', '北京', '成都', '西安', '南昌', '广州']);
  if (r.next() < 0.3) f.positionType = r.pick(positionTypes);
  if (r.next() < 0.3) f.district = r.pick(['全市', '外省市', '浦东新区']);
  if (r.next() < 0.2) f.education = r.pick(['bachelor', 'college']);
  if (r.next() < 0.5) f.sort = 'salary';
  return f;
}

function randomQuery(): string {
  const source = r.pick(titles);
  const chars = [...source];
  const len = Math.min(chars.length, r.pick([1, 1, 2, 2, 2, 3, 4, 5]));
  const start = r.int(0, chars.length - len);
  let q = chars.slice(start, start + len).join('');
  if (r.next() < 0.15) q = q.toUpperCase();
  if (r.next() < 0.1) q = `${q}${r.pick(['师', '员', '工', 'x'])}`; // often absent
  return q.trim() || '工';
}

describe('Chinese search equals ILIKE', () => {
  it('tokenizes into unigrams and bigrams; queries into bigrams', () => {
    expect(searchTokens('技工', 'PHP')).toEqual(['技', '技工', '工', 'p', 'ph', 'h', 'hp']);
    expect(queryTokens('销售')).toEqual(['销售']);
    expect(queryTokens('电话销售')).toEqual(['电话', '销售']);
    expect(queryTokens('前端开发岗')).toEqual(['前端', '开发', '发岗']);
    expect(queryTokens('PHP')).toEqual(['ph', 'hp']);
    expect(queryTokens('技')).toEqual(['技']);
  });

  it('finds 1-, 2- and 4-character terms and Latin words, case-insensitively', async () => {
    for (const q of [
      '工',
      '技工',
      '销售',
      '电话销售',
      'PHP',
      'php',
      'Java',
      '100%_',
      "O'Re",
      'a\\b',
    ]) {
      const expected = await viaLike(q);
      expect(await viaIndex(q), q).toEqual(expected);
    }
    expect((await viaIndex('技工')).length).toBeGreaterThan(0);
    expect((await viaIndex('100%_')).length).toBe(1);
  });

  it('matches the LIKE oracle on 300 random queries', async () => {
    for (let i = 0; i < 300; i++) {
      const q = randomQuery();
      expect(await viaIndex(q), q).toEqual(await viaLike(q));
    }
  }, 120_000);

  it('matches the oracle with filters (district incl. 全市/外省市, education, employment type)', async () => {
    for (let i = 0; i < 60; i++) {
      const filters: Record<string, string> = {};
      if (r.next() < 0.6) filters.district = r.pick(['全市', '外省市', '浦东新区', '嘉定区']);
      if (r.next() < 0.5) filters.education = r.pick(['bachelor', 'college', 'master']);
      if (r.next() < 0.4) filters.employmentType = r.pick(['full_time', 'informal']);
      const q = r.next() < 0.2 ? '' : randomQuery();
      expect(await viaIndex(q, filters), `${q} ${JSON.stringify(filters)}`).toEqual(
        await viaLike(q, filters),
      );
    }
  }, 120_000);

  it('matches the oracle with age, salary band, region and position type, newest or by salary', async () => {
    let nonEmpty = 0;
    for (let i = 0; i < 80; i++) {
      const filters = randomFilters();
      const q = r.next() < 0.35 ? '' : r.next() < 0.5 ? '认证' : randomQuery();
      const expected = await viaLike(q, filters, true);
      if (expected.length) nonEmpty++;
      expect(await viaIndex(q, filters, true), `${q} ${JSON.stringify(filters)}`).toEqual(expected);
      // the route's page 1 (walk / windows / full query) is the oracle's first page
      const query = jobSearchQuerySchema.parse({ q, pageSize: 10, ...filters });
      const page = await searchJobs(t.database.db, query);
      expect(
        page.items.map((j) => j.id),
        `page ${q} ${JSON.stringify(filters)}`,
      ).toEqual(expected.slice(0, 10));
      expect(page.hasMore).toBe(expected.length > 10);
    }
    expect(nonEmpty).toBeGreaterThan(20);
  }, 120_000);

  it('each filter alone narrows as the oracle says', async () => {
    for (const filters of [
      { age: '16' },
      { age: '60' },
      { salaryMax: '1499' },
      { salaryMin: '12500' },
      { salaryMin: '7500', salaryMax: '8499' },
      { region: '成都' },
      { positionType: '审核员' },
      { region: '北京', positionType: '高级审核员', sort: 'salary' },
      { sort: 'salary' },
    ] as Record<string, string>[]) {
      const expected = await viaLike('', filters, true);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(await viaIndex('', filters, true), JSON.stringify(filters)).toEqual(expected);
    }
    // salary sort is by the top of the range, highest first
    const bySalary = await searchJobs(
      t.database.db,
      jobSearchQuerySchema.parse({ sort: 'salary', pageSize: 50 }),
    );
    const tops = bySalary.items.map((j) => j.salaryMax ?? 0);
    expect(tops).toEqual([...tops].sort((a, b) => b - a));
  });

  it("the window shortcut returns exactly the full query's page", async () => {
    for (const q of ['工', '销售', '师', 'PHP']) {
      for (const sort of ['newest', 'salary'] as const) {
        const query = jobSearchQuerySchema.parse({ q, sort, pageSize: 10, page: 2 });
        const full = await queryRows<{ id: string }>(t.database.db, searchPageSql(query));
        const viaRepo = await searchJobs(t.database.db, query);
        expect(
          viaRepo.items.map((j) => j.id),
          `${q} ${sort}`,
        ).toEqual(full.slice(0, 10).map((x) => x.id));
      }
    }
  });

  it('publication windows cover exactly the days since their start', () => {
    const days = (tokens: string[]) =>
      tokens.flatMap((t) => {
        const [level, n] = [t.slice(0, 2), Number(t.slice(3))];
        const size = level === 'b3' ? 256 : level === 'b2' ? 16 : 1;
        return Array.from({ length: size }, (_, i) => n * size + i);
      });
    for (let i = 0; i < 200; i++) {
      const from = 20_000 + r.int(0, 900);
      const until = from + r.int(0, 700);
      const covered = new Set(days(windowTokens(from, until)));
      expect(Math.min(...covered)).toBe(from);
      for (let d = from; d <= until; d++) expect(covered.has(d)).toBe(true);
      expect(windowTokens(from, until).length).toBeLessThan(40 + (until - from) / 256);
    }
  });

  it('the trigger keeps the day lexemes in step with published_at', async () => {
    const [row] = await queryRows<{ v: string; p: Date }>(
      t.database.db,
      sql`select search_vector::text as v, published_at as p from job_postings
        where published_at is not null limit 1`,
    );
    const day = dayNumber(row!.p);
    expect(row!.v).toContain(`'b1:${day}'`);
    expect(row!.v).toContain(`'b2:${day >> 4}'`);
    expect(row!.v).toContain(`'b3:${day >> 8}'`);
  });

  it('publication-day windows return exactly the full query page (filters, pages 1–3)', async () => {
    const today = dayNumber(new Date());
    for (let i = 0; i < 60; i++) {
      const filters: Record<string, string> = {};
      if (r.next() < 0.5) filters.district = r.pick(['全市', '浦东新区', '嘉定区']);
      if (r.next() < 0.4) filters.education = r.pick(['bachelor', 'college']);
      const q = r.next() < 0.15 ? '' : randomQuery();
      const page = r.pick([1, 1, 2, 3]);
      const query = jobSearchQuerySchema.parse({ q, page, pageSize: 5, ...filters });
      const full = await queryRows<{ id: string }>(t.database.db, searchPageSql(query));
      const windowed = await searchJobs(t.database.db, query, {
        walk: false,
        windowDays: [today - r.int(1, 4), today - r.int(10, 30)],
      });
      const label = `${q} p${page} ${JSON.stringify(filters)}`;
      expect(
        windowed.items.map((j) => j.id),
        label,
      ).toEqual(full.slice(0, 5).map((x) => x.id));
      expect(windowed.hasMore, label).toBe(full.length > 5);
    }
  }, 120_000);

  it('serves the same through the route, page by page', async () => {
    const all = await viaLike('工');
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/public/jobs?q=${encodeURI('工')}&pageSize=50&page=${page}`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((j: { id: string }) => j.id));
      if (!body.hasMore) break;
    }
    expect(seen.sort()).toEqual(all);
  });
});
