import type { FastifyRequest } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { agreementRequestKeys } from './agreements.tables.ts';

export interface StoredResponse<T> {
  status: number;
  body: T;
}

/**
 * Runs `work` in a transaction. With an `Idempotency-Key` header, the key is claimed in the
 * same transaction: a replay (even a concurrent one, which waits on the key row) answers
 * with the first response instead of acting again.
 */
export async function runIdempotent<T>(
  db: Db,
  request: FastifyRequest,
  route: string,
  work: (tx: Tx) => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T>> {
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' ? header.trim() : '';
  const accountId = request.actor?.accountId;
  if (!key || !accountId) return db.transaction(work);
  if (key.length > 100) throw new AppError('BAD_REQUEST', 'Idempotency-Key 过长');
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(agreementRequestKeys)
      .values({ accountId, key, route })
      .onConflictDoNothing()
      .returning({ key: agreementRequestKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select()
        .from(agreementRequestKeys)
        .where(
          and(eq(agreementRequestKeys.accountId, accountId), eq(agreementRequestKeys.key, key)),
        );
      if (!stored || stored.route !== route || stored.responseStatus === null) {
        throw new AppError('CONFLICT', '该请求标识已用于其他操作');
      }
      return { status: stored.responseStatus, body: stored.responseBody as T };
    }
    const result = await work(tx);
    await tx
      .update(agreementRequestKeys)
      .set({
        responseStatus: result.status,
        responseBody: sql`${JSON.stringify(result.body ?? null)}::jsonb`,
      })
      .where(and(eq(agreementRequestKeys.accountId, accountId), eq(agreementRequestKeys.key, key)));
    return result;
  });
}
