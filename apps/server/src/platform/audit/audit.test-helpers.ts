import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';

/**
 * Tests only: runs a statement the append-only triggers would refuse, as a database superuser
 * could (session_replication_role = replica skips triggers), to show the verifier catches it.
 */
export async function tamperWithAuditLog(q: Queryable, statement: SQL): Promise<void> {
  await q.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}
