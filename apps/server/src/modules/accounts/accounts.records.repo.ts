import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.ts';
import { graduateRecords, personnelRegistry } from '../organizations/organizations.tables.ts';

/** Reads and binds the records other modules import: the certified-personnel registry and
 * the graduate lists. Binding writes only `account_id` and its time. */

export async function findRegistryEntry(q: Queryable, phone: string) {
  const [row] = await q
    .select({
      phone: personnelRegistry.phone,
      name: personnelRegistry.name,
      accountId: personnelRegistry.accountId,
    })
    .from(personnelRegistry)
    .where(eq(personnelRegistry.phone, phone));
  return row ?? null;
}

/** Binds an unbound entry; false when someone bound it meanwhile. */
export async function bindRegistryEntry(q: Queryable, phone: string, accountId: string) {
  const rows = await q
    .update(personnelRegistry)
    .set({ accountId, boundAt: sql`now()` })
    .where(and(eq(personnelRegistry.phone, phone), isNull(personnelRegistry.accountId)))
    .returning({ phone: personnelRegistry.phone });
  return rows.length > 0;
}

export async function findGraduateRecord(q: Queryable, schoolId: string, studentNumber: string) {
  const [row] = await q
    .select({
      id: graduateRecords.id,
      schoolId: graduateRecords.schoolId,
      studentNumber: graduateRecords.studentNumber,
      name: graduateRecords.name,
      idNumber: graduateRecords.idNumber,
      phone: graduateRecords.phone,
      status: graduateRecords.status,
      graduationYear: graduateRecords.graduationYear,
      accountId: graduateRecords.accountId,
    })
    .from(graduateRecords)
    .where(
      and(
        eq(graduateRecords.schoolId, schoolId),
        sql`upper(${graduateRecords.studentNumber}) = upper(${studentNumber.trim()})`,
      ),
    );
  return row ?? null;
}

export async function activateGraduateRecord(q: Queryable, recordId: string, accountId: string) {
  const rows = await q
    .update(graduateRecords)
    .set({ accountId, activatedAt: sql`now()` })
    .where(and(eq(graduateRecords.id, recordId), isNull(graduateRecords.accountId)))
    .returning({ id: graduateRecords.id });
  return rows.length > 0;
}
