import type { SQL } from 'drizzle-orm';
import type { Queryable } from './database.ts';

/** The parts of a drizzle database (or transaction) that run a query under a name. */
interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      isResponseInArrayMode: boolean,
    ): { execute(): Promise<unknown> };
  };
}

/**
 * `queryRows` for a statement that runs many times a second with the same text (the chat
 * writer's). On PostgreSQL it becomes a named prepared statement: parsed once per connection
 * and, once PostgreSQL settles on a generic plan, planned once, instead of parsed, analysed and
 * planned at every call. On PGlite the name changes nothing. Rows come back as from
 * `queryRows` (drizzle's own type parsers).
 *
 * The name must belong to one statement text: node-postgres refuses a known name with
 * another text, so a statement with variants names each variant.
 */
export async function queryPrepared<T>(q: Queryable, name: string, query: SQL): Promise<T[]> {
  const { dialect, session } = q as unknown as DrizzleInternals;
  const result = (await session
    .prepareQuery(dialect.sqlToQuery(query), undefined, name, false)
    .execute()) as { rows: T[] };
  return result.rows;
}
