import { and, count, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import type { AuditEntryView, AuditQuery } from '@hirehall/shared/admin';
import type { Queryable } from '../../platform/db/database.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { accounts } from '../accounts/accounts.tables.ts';

export const AUDIT_EXPORT_LIMIT = 50_000;

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

function whereOf(f: Omit<AuditQuery, 'page' | 'pageSize'>): SQL | undefined {
  return and(
    f.action ? like(auditLog.action, `${f.action.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    f.actorAccountId ? eq(auditLog.actorAccountId, f.actorAccountId) : undefined,
    f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
    f.from ? gte(auditLog.createdAt, dayStart(f.from)) : undefined,
    f.to ? lt(auditLog.createdAt, new Date(dayStart(f.to).getTime() + 86_400_000)) : undefined,
  );
}

async function selectEntries(
  q: Queryable,
  where: SQL | undefined,
  limit: number,
  offset: number,
): Promise<AuditEntryView[]> {
  const rows = await q
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      actorAccountId: auditLog.actorAccountId,
      actorName: accounts.displayName,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      details: auditLog.details,
      hash: auditLog.hash,
    })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorAccountId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function searchAudit(q: Queryable, query: AuditQuery) {
  const where = whereOf(query);
  const items = await selectEntries(q, where, query.pageSize, (query.page - 1) * query.pageSize);
  const [total] = await q.select({ n: count() }).from(auditLog).where(where);
  return { items, total: total?.n ?? 0 };
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV (UTF-8 with BOM, for Excel) of the entries that match, newest first. */
export async function exportAuditCsv(
  q: Queryable,
  filter: Omit<AuditQuery, 'page' | 'pageSize'>,
): Promise<{ csv: string; rows: number }> {
  const items = await selectEntries(q, whereOf(filter), AUDIT_EXPORT_LIMIT, 0);
  const header = [
    '编号',
    '时间',
    '操作人',
    '操作人ID',
    '角色',
    '操作',
    '对象类型',
    '对象ID',
    'IP',
    '详情',
    '哈希',
  ];
  const lines = items.map((e) =>
    [
      e.id,
      e.createdAt,
      e.actorName,
      e.actorAccountId,
      e.actorRole,
      e.action,
      e.targetType,
      e.targetId,
      e.ip,
      e.details,
      e.hash,
    ]
      .map(csvCell)
      .join(','),
  );
  return { csv: '\ufeff' + [header.join(','), ...lines].join('\r\n') + '\r\n', rows: items.length };
}

export async function countAuditRows(q: Queryable): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row?.n ?? 0;
}
