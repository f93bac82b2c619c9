import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../db/database.ts';
import { auditHead, auditLog } from './audit.tables.ts';

export interface AuditEntry {
  actorAccountId?: string | null;
  actorRole?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

const GENESIS = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth: `details` is stored as jsonb, which does not
 * keep key order, so the hash must not depend on it.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function hashOf(prevHash: string, e: AuditEntry, createdAt: string) {
  const canonical = canonicalJson([
    prevHash,
    e.actorAccountId ?? null,
    e.actorRole ?? null,
    e.action,
    e.targetType ?? null,
    e.targetId ?? null,
    e.ip ?? null,
    e.details ?? {},
    createdAt,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one audit row, chained to the hash the head records (the newest row's, kept by a
 * trigger): after someone deletes the newest rows, the next row's link exposes the gap. Call
 * inside the transaction of the change it records; the advisory lock orders concurrent writers.
 * Never put passwords, codes, full ID numbers or phones in `details`.
 */
export async function recordAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.execute(sql`select pg_advisory_xact_lock(7365002)`);
  const [head] = await queryRows<{ hash: string | null }>(
    q,
    sql`select last_hash as hash from audit_head where id = 1`,
  );
  const prevHash = head?.hash ?? GENESIS;
  const createdAt = new Date().toISOString();
  await q.insert(auditLog).values({
    actorAccountId: entry.actorAccountId ?? null,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
    prevHash,
    hash: hashOf(prevHash, entry, createdAt),
    createdAt: new Date(createdAt),
  });
}

export interface AuditCheck {
  /** null when intact; else the first row whose link or hash is wrong, or the missing newest row */
  brokenAt: number | null;
  /** 'chain': a row was edited, removed or inserted in the middle; 'head': the newest rows are gone */
  problem: 'chain' | 'head' | null;
  rows: number;
}

/**
 * Walks the hash chain, then compares its end with the head (newest id, hash, row count) that
 * the insert trigger keeps: deleting the newest rows leaves the chain itself intact.
 */
export async function checkAuditLog(q: Queryable): Promise<AuditCheck> {
  const rows = await q.select().from(auditLog).orderBy(asc(auditLog.id));
  let prev = GENESIS;
  for (const r of rows) {
    const expected = hashOf(prev, r, r.createdAt.toISOString());
    if (r.prevHash !== prev || r.hash !== expected) {
      return { brokenAt: r.id, problem: 'chain', rows: rows.length };
    }
    prev = r.hash;
  }
  const [head] = await q
    .select()
    .from(auditHead)
    .where(sql`${auditHead.id} = 1`);
  const last = rows.at(-1);
  const headMatches =
    head !== undefined &&
    head.rowCount === rows.length &&
    (head.lastId ?? null) === (last?.id ?? null) &&
    (head.lastHash ?? null) === (last?.hash ?? null);
  if (!headMatches) {
    return { brokenAt: head?.lastId ?? last?.id ?? 0, problem: 'head', rows: rows.length };
  }
  return { brokenAt: null, problem: null, rows: rows.length };
}

/** Returns the id of the first broken (or missing newest) row, or null when intact. */
export async function verifyAuditChain(q: Queryable): Promise<number | null> {
  return (await checkAuditLog(q)).brokenAt;
}
