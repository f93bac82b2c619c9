/**
 * bench:faults (kill -9) — the database side: a PostgreSQL database of our own, the seed
 * (written straight into the database before the server starts) and the final verification.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { seedChatPairs } from '../lib/seed-chat.ts';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  openDatabase,
  queryRows,
  type Database,
} from '../../apps/server/src/platform/db/database.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../apps/server/src/platform/auth/sessions.ts';

export interface ChatSide {
  conversationId: string;
  cookie: string;
}

export interface Seeker {
  accountId: string;
  headers: Record<string, string>;
}

export interface Seed {
  /** two sides (employer, seeker) per conversation */
  chatSides: ChatSide[];
  conversationIds: string[];
  applySeekers: Seeker[];
  postingIds: string[];
}

export interface SeedSize {
  conversations: number;
  applySeekers: number;
  postings: number;
}

/** A fresh UTF-8 database on the PostgreSQL of `adminUrl`; `drop()` removes it. */
export async function createOwnPostgres(adminUrl: string) {
  const name = `kill9_faults_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(
    `create database ${name} lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8' encoding 'UTF8' template template0`,
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => run(`drop database if exists ${name} with (force)`),
  };
}

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

/**
 * Migrates (as the server would) and writes: `conversations` employer–seeker pairs with an
 * application and a conversation each, `postings` published postings, `applySeekers` seekers;
 * a session for every account. Closes the database (PGlite: the server must own the folder).
 */
export async function seed(
  where: { dataDir: string; databaseUrl?: string },
  size: SeedSize,
): Promise<Seed> {
  const database = await openDatabase(where);
  try {
    const chat = await seedConversations(database, size.conversations);
    const postingIds = await seedPostings(database, chat.orgIds, size.postings);
    const applySeekers = await seedSeekers(database, size.applySeekers);
    return { chatSides: chat.sides, conversationIds: chat.ids, applySeekers, postingIds };
  } finally {
    await database.close();
  }
}

async function seedConversations(database: Database, n: number) {
  const pairs = await seedChatPairs(database, n, '故障测试');
  const sides: ChatSide[] = pairs.flatMap((p) => [
    { conversationId: p.conversationId, cookie: `${SESSION_COOKIE}=${p.employerToken}` },
    { conversationId: p.conversationId, cookie: `${SESSION_COOKIE}=${p.seekerToken}` },
  ]);
  return {
    sides,
    ids: pairs.map((p) => p.conversationId),
    orgIds: pairs.map((p) => p.organizationId),
  };
}

async function seedPostings(database: Database, orgIds: string[], n: number) {
  const json = JSON.stringify(
    Array.from({ length: n }, (_, i) => ({ org: orgIds[i % orgIds.length], i })),
  );
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`insert into job_postings (organization_id, status, title, published_at)
        select org, 'published', '销售代表' || i, now()
        from jsonb_to_recordset(${json}::jsonb) as x(org uuid, i int) returning id`,
  );
  return rows.map((r) => r.id);
}

async function seedSeekers(database: Database, n: number): Promise<Seeker[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    csrf: randomBytes(24).toString('base64url'),
    i,
  }));
  const json = JSON.stringify(rows.map((r) => ({ ...r, hash: sha256(r.token) })));
  const r = sql`(select * from jsonb_to_recordset(${json}::jsonb) as x(id uuid, hash text, csrf text, i int))`;
  await database.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into accounts (id, role, display_name) select id, 'seeker', '投递者' || i from ${r} r`,
    );
    await tx.execute(sql`insert into sessions (token_hash, account_id, csrf_token, expires_at)
                         select hash, id, csrf, now() + interval '1 day' from ${r} r`);
  });
  return rows.map((s) => ({
    accountId: s.id,
    headers: {
      cookie: `${SESSION_COOKIE}=${s.token}; ${CSRF_COOKIE}=${s.csrf}`,
      'x-csrf-token': s.csrf,
      'content-type': 'application/json',
    },
  }));
}

/** What the clients were told was stored. */
export interface Acknowledged {
  /** clientId → conversationId, for every chat message the server acknowledged */
  messages: Map<string, string>;
  /** application id → seeker, for every apply answered 201 (or confirmed by a retry) */
  applications: Map<string, { seekerId: string; jobId: string }>;
  /** application ids whose withdrawal was acknowledged */
  withdrawals: Set<string>;
  /** `${seeker}:${job}` → how many apply episodes the clients started for that pair */
  episodes: Map<string, number>;
}

export interface Verdict {
  chat: {
    acked: number;
    stored: number;
    lost: number;
    duplicates: number;
    wrongConversation: number;
    conversationsWithSeqGaps: number;
  };
  applications: {
    acked: number;
    ackedWithdrawals: number;
    stored: number;
    lost: number;
    withdrawalsLost: number;
    duplicates: number;
    /** `${seeker}:${job}` of the pairs with more rows than apply attempts started */
    duplicatePairs: string[];
    seekersOverQuotaNow: number;
    seekersOverQuotaEver: number;
    maxActiveEver: number;
  };
}

/** Reads the database after the run and compares it with what was acknowledged. */
export async function verify(
  database: Database,
  seeded: Seed,
  acked: Acknowledged,
  quota: number,
): Promise<Verdict> {
  const conversationIds = JSON.stringify(seeded.conversationIds);
  const messages = await queryRows<{ client_id: string; conversation_id: string; n: number }>(
    database.db,
    sql`select client_id, conversation_id, count(*)::int as n from chat_messages
        where conversation_id in (select value::uuid from jsonb_array_elements_text(${conversationIds}::jsonb))
        group by 1, 2`,
  );
  const byClient = new Map<string, { conversations: Set<string>; n: number }>();
  for (const m of messages) {
    const e = byClient.get(m.client_id) ?? { conversations: new Set(), n: 0 };
    e.conversations.add(m.conversation_id);
    e.n += m.n;
    byClient.set(m.client_id, e);
  }
  let lost = 0;
  let wrongConversation = 0;
  for (const [clientId, conversationId] of acked.messages) {
    const e = byClient.get(clientId);
    if (!e) lost++;
    else if (!e.conversations.has(conversationId)) wrongConversation++;
  }
  const duplicates = [...byClient.values()].reduce((s, e) => s + (e.n - 1), 0);
  const [gaps] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from (
          select c.id from conversations c left join chat_messages m on m.conversation_id = c.id
          where c.id in (select value::uuid from jsonb_array_elements_text(${conversationIds}::jsonb))
          group by c.id, c.last_seq
          having count(m.id) <> c.last_seq or coalesce(max(m.seq), 0) <> c.last_seq
              or count(distinct m.seq) <> count(m.id) or coalesce(min(m.seq), 1) <> 1) x`,
  );
  return {
    chat: {
      acked: acked.messages.size,
      stored: messages.reduce((s, m) => s + m.n, 0),
      lost,
      duplicates,
      wrongConversation,
      conversationsWithSeqGaps: gaps!.n,
    },
    applications: await verifyApplications(database, seeded, acked, quota),
  };
}

async function verifyApplications(
  database: Database,
  seeded: Seed,
  acked: Acknowledged,
  quota: number,
): Promise<Verdict['applications']> {
  const seekerIds = JSON.stringify(seeded.applySeekers.map((s) => s.accountId));
  const rows = await queryRows<{
    id: string;
    seeker_account_id: string;
    job_id: string;
    status: string;
    created_at: string;
    withdrawn_at: string | null;
  }>(
    database.db,
    sql`select id, seeker_account_id, job_id, status,
               (extract(epoch from created_at) * 1000000)::bigint::text as created_at,
               (extract(epoch from withdrawn_at) * 1000000)::bigint::text as withdrawn_at
        from applications
        where seeker_account_id in (select value::uuid from jsonb_array_elements_text(${seekerIds}::jsonb))`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  let lost = 0;
  let withdrawalsLost = 0;
  for (const [id, a] of acked.applications) {
    const row = byId.get(id);
    if (!row || row.seeker_account_id !== a.seekerId || row.job_id !== a.jobId) lost++;
  }
  for (const id of acked.withdrawals) {
    if (byId.get(id)?.status !== 'withdrawn') withdrawalsLost++;
  }
  // a row more than the apply episodes started for that seeker and posting is a duplicate
  const perPair = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.seeker_account_id}:${r.job_id}`;
    perPair.set(key, (perPair.get(key) ?? 0) + 1);
  }
  let duplicates = 0;
  const duplicatePairs: string[] = [];
  for (const [key, n] of perPair) {
    const extra = Math.max(0, n - (acked.episodes.get(key) ?? 0));
    duplicates += extra;
    if (extra > 0) duplicatePairs.push(key);
  }
  const quotaHistory = activeHistory(rows, quota);
  return {
    acked: acked.applications.size,
    ackedWithdrawals: acked.withdrawals.size,
    stored: rows.length,
    lost,
    withdrawalsLost,
    duplicates,
    duplicatePairs,
    ...quotaHistory,
  };
}

/**
 * The quota over the whole run, from the rows: each application is active from `created_at`
 * to `withdrawn_at` (µs since the epoch) (one seeker's changes are serialised by the row lock, so their
 * timestamps order them); at an equal instant the withdrawal counts first.
 */
function activeHistory(
  rows: {
    seeker_account_id: string;
    created_at: string;
    withdrawn_at: string | null;
    status: string;
  }[],
  quota: number,
) {
  const events = new Map<string, { t: number; d: number }[]>();
  let seekersOverQuotaNow = 0;
  const activeNow = new Map<string, number>();
  for (const r of rows) {
    const list = events.get(r.seeker_account_id) ?? [];
    list.push({ t: Number(r.created_at), d: 1 });
    if (r.withdrawn_at) list.push({ t: Number(r.withdrawn_at), d: -1 });
    events.set(r.seeker_account_id, list);
    if (r.status !== 'withdrawn') {
      activeNow.set(r.seeker_account_id, (activeNow.get(r.seeker_account_id) ?? 0) + 1);
    }
  }
  for (const n of activeNow.values()) if (n > quota) seekersOverQuotaNow++;
  let seekersOverQuotaEver = 0;
  let maxActiveEver = 0;
  for (const list of events.values()) {
    list.sort((a, b) => a.t - b.t || a.d - b.d);
    let active = 0;
    let max = 0;
    for (const e of list) max = Math.max(max, (active += e.d));
    maxActiveEver = Math.max(maxActiveEver, max);
    if (max > quota) seekersOverQuotaEver++;
  }
  return { seekersOverQuotaNow, seekersOverQuotaEver, maxActiveEver };
}
