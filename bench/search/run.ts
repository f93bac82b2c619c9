/**
 * npm run bench:search [-- --rows 1000000 --backend both|pglite|postgres --iterations 40
 *                          --keep --out docs/benchmarks-search.md]
 *
 * Generates postings, then measures the search route (app.inject: validation, both queries,
 * serialization) and the bare SQL of the same queries, for 1-, 2- and 4-character terms with
 * and without filters, on PGlite and PostgreSQL. Writes docs/benchmarks-search.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { jobSearchQuerySchema } from '@hirehall/shared/jobs';
import { buildApp } from '../../apps/server/src/app.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import {
  migrateDatabase,
  openPglite,
  openPostgres,
  queryRows,
  type Database,
} from '../../apps/server/src/platform/db/database.ts';
import { searchJobs, warmSearchWindows } from '../../apps/server/src/modules/jobs/jobs.repo.ts';
import { postingTokens, textArrayLiteral } from '../../apps/server/src/modules/jobs/jobs.search.ts';
import { generateJob, randomFrom } from '../../apps/server/src/modules/jobs/jobs.generate.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const BACKEND = arg('backend', 'both');
const ITER = Number(arg('iterations', '40'));
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * --keep: reuse the data of a previous --keep run with the same rows (a PostgreSQL database and
 * a PGlite folder under the temp dir; loading 1M rows into PGlite takes long), keep it after.
 * The load times shown are those of the run that loaded it.
 */
const KEEP = args.includes('--keep');
const BENCH_DB = KEEP ? `hirehall_bench_search_${ROWS}` : 'hirehall_bench_search';
const keptDir = path.join(os.tmpdir(), `hirehall-bench-search-pglite-${ROWS}`);
const keptLoad = (backend: string) =>
  path.join(os.tmpdir(), `hirehall-bench-search-${backend}-${ROWS}.load.json`);
/** --out FILE: where the report goes (default docs/benchmarks-search.md; a temp file with --keep). */
const OUT = arg(
  'out',
  KEEP ? path.join(os.tmpdir(), `bench-search-${ROWS}.md`) : 'docs/benchmarks-search.md',
);

type LoadInfo = { insertS: number; indexS: number };
function readKeptLoad(backend: string): LoadInfo | null {
  try {
    return JSON.parse(fs.readFileSync(keptLoad(backend), 'utf8')) as LoadInfo;
  } catch {
    return null;
  }
}

const cases: { name: string; query: Record<string, string> }[] = [];
for (const [len, terms] of [
  ['1字', ['工', '师', '销']],
  ['2字', ['销售', '技工', '工程']],
  ['4字', ['电话销售', '数控技工', '前端开发']],
] as const) {
  for (const q of terms) {
    cases.push({ name: `${len} ${q}`, query: { q } });
    cases.push({
      name: `${len} ${q} +筛选`,
      query: { q, district: '浦东新区', education: 'bachelor', age: '30' },
    });
  }
}
cases.push({
  name: '无关键词 +筛选 薪资排序',
  query: { district: '全市', salaryMin: '7500', sort: 'salary' },
});
cases.push({ name: '2字 销售 薪资排序', query: { q: '销售', sort: 'salary' } });

async function load(database: Database, rows: number) {
  const db = database.db;
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into organizations (kind, name) values ('company', '基准测试单位') returning id`,
  );
  await db.execute(sql`drop index if exists job_postings_search_idx`);
  await db.execute(sql`drop index if exists job_postings_live_newest_idx`);
  await db.execute(sql`drop index if exists job_postings_live_salary_idx`);
  const r = randomFrom(42);
  const batch = 5000;
  const t0 = performance.now();
  const now = Date.now();
  for (let done = 0; done < rows; done += batch) {
    const cols = {
      title: [] as string[],
      occupation: [] as string[],
      smin: [] as number[],
      smax: [] as number[],
      edu: [] as string[],
      amin: [] as number[],
      amax: [] as number[],
      emp: [] as string[],
      district: [] as string[],
      head: [] as number[],
      status: [] as string[],
      at: [] as string[],
      vec: [] as string[],
    };
    for (let i = done; i < Math.min(rows, done + batch); i++) {
      const j = generateJob(r);
      cols.title.push(j.title);
      cols.occupation.push(j.occupation);
      cols.smin.push(j.salaryMin);
      cols.smax.push(j.salaryMax);
      cols.edu.push(j.education);
      cols.amin.push(j.ageMin);
      cols.amax.push(j.ageMax);
      cols.emp.push(j.employmentType);
      cols.district.push(j.district);
      cols.head.push(j.headcount);
      cols.status.push(i % 10 === 0 ? 'paused' : 'published');
      cols.at.push(new Date(now - i * 30_000).toISOString());
      cols.vec.push(textArrayLiteral(postingTokens(j)));
    }
    await db.execute(sql`insert into job_postings (organization_id, title, occupation, salary_min,
        salary_max, education, age_min, age_max, employment_type, district, headcount, status,
        published_at, search_vector, description)
      select ${org!.id}, t, o, smin, smax, edu, amin, amax, emp, d, h, st, at::timestamptz,
        array_to_tsvector(v::text[]), ''
      from unnest(${textArrayLiteral(cols.title)}::text[], ${textArrayLiteral(cols.occupation)}::text[],
        ${`{${cols.smin.join(',')}}`}::int[], ${`{${cols.smax.join(',')}}`}::int[],
        ${textArrayLiteral(cols.edu)}::text[], ${`{${cols.amin.join(',')}}`}::int[],
        ${`{${cols.amax.join(',')}}`}::int[], ${textArrayLiteral(cols.emp)}::text[],
        ${textArrayLiteral(cols.district)}::text[], ${`{${cols.head.join(',')}}`}::int[],
        ${textArrayLiteral(cols.status)}::text[], ${textArrayLiteral(cols.at)}::text[],
        ${textArrayLiteral(cols.vec)}::text[])
        as x(t, o, smin, smax, edu, amin, amax, emp, d, h, st, at, v)`);
    if ((done / batch) % 20 === 0) {
      process.stdout.write(`\r  inserted ${Math.min(rows, done + batch)} / ${rows}`);
    }
  }
  const insertS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await db.execute(
    sql`create index job_postings_search_idx on job_postings using gin (search_vector)
      with (fastupdate = off)`,
  );
  await db.execute(sql`create index job_postings_live_newest_idx on job_postings
    (published_at desc nulls last, id desc nulls last) where status = 'published' and deleted_at is null`);
  await db.execute(sql`create index job_postings_live_salary_idx on job_postings
    (salary_max desc nulls last, id desc nulls last) where status = 'published' and deleted_at is null`);
  await db.execute(sql`analyze job_postings`);
  const indexS = (performance.now() - t1) / 1000;
  console.log(
    `\n  loaded ${rows} rows in ${insertS.toFixed(1)} s, indexes + analyze ${indexS.toFixed(1)} s`,
  );
  return { insertS, indexS };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function measure(database: Database) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HIREHALL_DATA_DIR: dataDir,
    HIREHALL_DEMO: '0',
  });
  const app = await buildApp({ config, database });
  await app.ready();
  // steady state: the window days a running server refreshes in the background
  await warmSearchWindows(database.db);
  const results = [];
  for (const c of cases) {
    const url = `/api/public/jobs?${new URLSearchParams(c.query).toString()}`;
    const parsed = jobSearchQuerySchema.parse(c.query);
    const route: number[] = [];
    const bare: number[] = [];
    let hits = 0;
    for (let i = 0; i < ITER + 3; i++) {
      const a = performance.now();
      const res = await app.inject({ method: 'GET', url });
      const b = performance.now();
      if (res.statusCode !== 200) throw new AppError('INTERNAL', `${url}: ${res.body}`);
      hits = res.json().items.length;
      const c0 = performance.now();
      await searchJobs(database.db, parsed);
      const c1 = performance.now();
      if (i >= 3) {
        route.push(b - a);
        bare.push(c1 - c0);
      }
    }
    const row = {
      name: c.name,
      hits,
      p50: pct(route, 50),
      p95: pct(route, 95),
      sqlP50: pct(bare, 50),
      sqlP95: pct(bare, 95),
    };
    console.log(
      `  ${row.name.padEnd(22)} hits ${String(hits).padStart(5)}  route p50 ${row.p50.toFixed(1)} p95 ${row.p95.toFixed(1)} ms | sql p50 ${row.sqlP50.toFixed(1)} p95 ${row.sqlP95.toFixed(1)} ms | ratio ${(row.p50 / row.sqlP50).toFixed(2)}`,
    );
    results.push(row);
  }
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return results;
}

type Result = Awaited<ReturnType<typeof measure>>;

async function runPglite() {
  const kept = KEEP ? readKeptLoad('pglite') : null;
  if (KEEP && !kept) fs.rmSync(keptDir, { recursive: true, force: true });
  const dir = KEEP ? keptDir : fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-bench-pglite-'));
  console.log(`PGlite (${dir}${kept ? ', reused' : ''})`);
  const database = await openPglite({ dataDir: dir });
  try {
    await migrateDatabase(database);
    const loadInfo = kept ?? (await load(database, ROWS));
    if (KEEP && !kept) fs.writeFileSync(keptLoad('pglite'), JSON.stringify(loadInfo));
    return { loadInfo, results: await measure(database) };
  } finally {
    await database.close();
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres() {
  console.log('PostgreSQL');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const kept = KEEP ? readKeptLoad('postgres') : null;
  const exists =
    kept &&
    (await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB])).rowCount;
  if (!exists) {
    await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.query(
      `create database ${BENCH_DB} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
    );
  }
  const url = new URL(PG_URL);
  url.pathname = `/${BENCH_DB}`;
  const database = await openPostgres(url.toString());
  try {
    await migrateDatabase(database);
    const loadInfo = exists && kept ? kept : await load(database, ROWS);
    if (KEEP && !exists) fs.writeFileSync(keptLoad('postgres'), JSON.stringify(loadInfo));
    return { loadInfo, results: await measure(database) };
  } finally {
    await database.close();
    if (!KEEP) await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.end();
  }
}

function table(title: string, target: number, run: { loadInfo: LoadInfo; results: Result }) {
  const worst = Math.max(...run.results.map((r) => r.p95));
  const lines = [
    `### ${title}`,
    '',
    `Load: ${run.loadInfo.insertS.toFixed(1)} s insert, ${run.loadInfo.indexS.toFixed(1)} s indexes + ANALYZE. ` +
      `Worst route p95 ${worst.toFixed(1)} ms (target ≤ ${target} ms: ${worst <= target ? 'met' : 'NOT met'}).`,
    '',
    '| query | rows on page 1 | route p50 ms | route p95 ms | SQL p50 ms | SQL p95 ms | route/SQL p50 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...run.results.map(
      (r) =>
        `| ${r.name} | ${r.hits} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.sqlP50.toFixed(1)} | ${r.sqlP95.toFixed(1)} | ${(r.p50 / r.sqlP50).toFixed(2)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

const sections: string[] = [];
const summary: Record<string, { worstP95Ms: number; targetMs: number; pass: boolean }> = {};
const record = (name: string, target: number, run: { loadInfo: LoadInfo; results: Result }) => {
  const worst = Math.max(...run.results.map((r) => r.p95));
  summary[name] = { worstP95Ms: Number(worst.toFixed(1)), targetMs: target, pass: worst <= target };
  sections.push(table(name === 'postgres' ? 'PostgreSQL' : 'PGlite', target, run));
};
if (BACKEND === 'both' || BACKEND === 'postgres') record('postgres', 25, await runPostgres());
if (BACKEND === 'both' || BACKEND === 'pglite') record('pglite', 60, await runPglite());
const loadAverage = os.loadavg().map((x) => Math.round(x * 10) / 10);

const doc = `# Search benchmark

Generated by \`npm run bench:search -- --rows ${ROWS} --backend ${BACKEND} --iterations ${ITER}\` on ${new Date().toISOString().slice(0, 10)}
(${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; load average at the end ${loadAverage.join(', ')}).

${ROWS.toLocaleString('en')} generated postings (90 % published), first page of 20, newest first unless noted.
"route" = \`GET /api/public/jobs\` through \`app.inject\` (validation, page query, serialization); "SQL" = the same queries run bare through the repo (\`searchJobs\`: the window query, then the GIN query when the window holds no full page). Filters = 浦东新区 + 大学本科 + age 30.
Terms: 1 char = unigram lexeme, 2 and 4 chars = ANDed bigrams, then \`ILIKE\` on the candidates.
How a first page is found (the walk, the day window, the GIN query): [search-design.md](search-design.md).

${sections.join('\n')}`;
const out = OUT;
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, doc);
console.log(`\nwrote ${out}`);
const jsonOut = arg('json', '');
if (jsonOut) {
  const pass = Object.values(summary).every((x) => x.pass);
  const result = { bench: 'search', rows: ROWS, iterations: ITER, loadAverage, summary, pass };
  fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
}
