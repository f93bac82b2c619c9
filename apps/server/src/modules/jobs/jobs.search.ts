import { sql, type SQL } from 'drizzle-orm';
import { OUTSIDE_CITY, WHOLE_CITY, type JobSearchQuery } from '@hirehall/shared/jobs';

/**
 * Chinese keyword search without extensions. pg_trgm cannot index two-character Chinese
 * terms, so at write time we store, for title and occupation separately, every single
 * character and every pair of adjacent characters (lower-cased) as the lexemes of a `simple`
 * tsvector. A query of n ≥ 2 characters becomes the AND of its n−1 bigrams, a one-character
 * query its unigram. The index narrows candidates to a superset of `ILIKE '%q%'`; the same
 * ILIKE then runs on those rows, so results equal the LIKE oracle exactly.
 */
export function normalizeChars(value: string): string[] {
  const out: string[] = [];
  for (const ch of value) {
    const lower = ch.toLowerCase();
    out.push([...lower].length === 1 ? lower : ch);
  }
  return out;
}

export function searchTokens(...fields: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const field of fields) {
    if (!field) continue;
    const chars = normalizeChars(field);
    for (let i = 0; i < chars.length; i++) {
      tokens.add(chars[i]!);
      if (i + 1 < chars.length) tokens.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...tokens];
}

/**
 * The lexemes a query must all match: bigrams that together cover it (every other one, plus
 * the last), or its single character. Overlapping bigrams of one word add almost no
 * narrowing but cost GIN work; ILIKE decides anyway.
 */
export function queryTokens(q: string): string[] {
  const chars = normalizeChars(q);
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 2) grams.add(chars[i]! + chars[i + 1]!);
  const n = chars.length;
  grams.add(chars[n - 2]! + chars[n - 1]!);
  return [...grams];
}

/** tsquery literal syntax: each lexeme quoted, quotes doubled, backslashes escaped. */
export function tsqueryLiteral(tokens: string[]): string {
  return tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ');
}

/** PostgreSQL array literal of text: one parameter however many tokens. */
export function textArrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** The equality filters, also stored as lexemes so one GIN scan applies keyword and filters. */
export interface FilterFields {
  district?: string | null;
  education?: string | null;
  employmentType?: string | null;
  positionType?: string | null;
  region?: string | null;
}

/** Filter lexemes ('d:浦东新区', 'e:bachelor', …): longer than 2 chars, so never a keyword gram. */
export function filterTokens(f: FilterFields): string[] {
  const out: string[] = [];
  if (f.district) {
    out.push(`d:${f.district}`);
    if (f.district !== OUTSIDE_CITY) out.push(`d:${WHOLE_CITY}`);
  }
  if (f.education) out.push(`e:${f.education}`);
  // the usual pair of seed 004 as one rarer lexeme, so a GIN scan reads a short list
  if (f.district && f.education) out.push(`de:${f.district}|${f.education}`);
  if (f.employmentType) out.push(`t:${f.employmentType}`);
  if (f.positionType) out.push(`p:${f.positionType}`);
  if (f.region) out.push(`r:${f.region}`);
  return out;
}

export type SearchFields = FilterFields & { title: string; occupation: string };

/** Every lexeme of a posting: keyword grams of title and occupation, plus filter lexemes. */
export function postingTokens(f: SearchFields): string[] {
  return [...searchTokens(f.title, f.occupation), ...filterTokens(f)];
}

/** tsvector value for INSERT/UPDATE. */
export function searchVectorSql(f: SearchFields): SQL {
  return sql`array_to_tsvector(${textArrayLiteral(postingTokens(f))}::text[])`;
}

export function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** UTC day number (days since 1970) of a timestamp, as the bucket lexemes count days. */
export function dayNumber(at: Date | string): number {
  return Math.floor(new Date(at).getTime() / 86_400_000);
}

/**
 * Publication windows. A trigger (migration 0009) stores in every posting's vector the lexemes
 * 'b1:<day>', 'b2:<day>>4>' and 'b3:<day>>8>' of its published_at. The postings published on
 * day `fromDay` or later are exactly those matching the OR of the fewest aligned blocks that
 * cover [fromDay, untilDay]; `untilDay` must not be before the newest posting's day.
 */
export function windowTokens(fromDay: number, untilDay: number): string[] {
  const out: string[] = [];
  // blocks only start at or after fromDay; overshooting untilDay covers no posting yet
  for (let d = fromDay; d <= untilDay;) {
    const level = d % 256 === 0 ? 3 : d % 16 === 0 ? 2 : 1;
    out.push(level === 3 ? `b3:${d >> 8}` : level === 2 ? `b2:${d >> 4}` : `b1:${d}`);
    d += level === 3 ? 256 : level === 2 ? 16 : 1;
  }
  return out;
}

/**
 * WHERE clauses of a public search (alias `j` = job_postings), LIVE rows only. `window`
 * (from windowTokens) joins the same GIN query, restricting it to recent postings.
 */
export function searchConditions(query: Partial<JobSearchQuery>, window?: string[]): SQL[] {
  const where: SQL[] = [
    sql`j.status = 'published'`,
    sql`j.deleted_at is null`,
    // postings of a suspended organization disappear while it is suspended
    // (a per-row filter against the few suspended ids: it keeps index-order walks streaming)
    sql`j.organization_id <> all(array(select so.id from organizations so
      where so.status <> 'active'))`,
  ];
  const q = query.q?.trim();
  const lexemes = q ? queryTokens(q) : [];
  // 全市 holds nearly every posting: its lexeme would not narrow anything (the SQL check does)
  const district = query.district === WHOLE_CITY ? undefined : query.district;
  if (district && query.education) lexemes.push(`de:${district}|${query.education}`);
  else {
    if (district) lexemes.push(`d:${district}`);
    if (query.education) lexemes.push(`e:${query.education}`);
  }
  if (query.employmentType) lexemes.push(`t:${query.employmentType}`);
  if (query.positionType) lexemes.push(`p:${query.positionType}`);
  if (query.region) lexemes.push(`r:${query.region}`);
  if (window?.length) {
    const within = `(${window.map((w) => tsqueryLiteral([w])).join(' | ')})`;
    const all = lexemes.length ? `${tsqueryLiteral(lexemes)} & ${within}` : within;
    where.push(sql`j.search_vector @@ ${all}::tsquery`);
  } else if (lexemes.length) {
    where.push(sql`j.search_vector @@ ${tsqueryLiteral(lexemes)}::tsquery`);
  }
  if (q) {
    const pattern = likePattern(q);
    where.push(sql`(j.title ilike ${pattern} or j.occupation ilike ${pattern})`);
  }
  if (query.education) where.push(sql`j.education = ${query.education}`);
  if (query.age != null) {
    where.push(sql`coalesce(j.age_min, 16) <= ${query.age}`);
    where.push(sql`coalesce(j.age_max, 65) >= ${query.age}`);
  }
  if (query.employmentType) where.push(sql`j.employment_type = ${query.employmentType}`);
  if (query.district === WHOLE_CITY) where.push(sql`j.district <> ${OUTSIDE_CITY}`);
  else if (query.district) where.push(sql`j.district = ${query.district}`);
  if (query.region) where.push(sql`j.region = ${query.region}`);
  if (query.positionType) where.push(sql`j.position_type = ${query.positionType}`);
  // salary band filter: the posting's range overlaps the chosen band
  if (query.salaryMin != null)
    where.push(sql`coalesce(j.salary_max, j.salary_min) >= ${query.salaryMin}`);
  if (query.salaryMax != null)
    where.push(sql`coalesce(j.salary_min, j.salary_max) <= ${query.salaryMax}`);
  if (query.organizationId) where.push(sql`j.organization_id = ${query.organizationId}`);
  return where;
}

export function searchOrder(sort: JobSearchQuery['sort'] | undefined): SQL {
  return sort === 'salary'
    ? sql`j.salary_max desc nulls last, j.id desc nulls last`
    : sql`j.published_at desc nulls last, j.id desc nulls last`;
}
