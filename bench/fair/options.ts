// Command-line options shared by bench:fair and bench:cluster, and the stored-message check.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../apps/server/src/platform/db/database.ts';
import type { SeedOptions } from './seed.ts';

export const argv = process.argv.slice(2);
export const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};

export function seedOptionsFromArgs(): SeedOptions {
  return {
    seekers: Number(arg('users', '500')),
    employers: Number(arg('employers', '25')),
    postingsPerEmployer: Number(arg('postings-per-employer', '8')),
    backgroundPostings: Number(arg('background-postings', '3000')),
    interviews: Number(arg('interviews', '5')),
  };
}

export function simArgs() {
  const [lo, hi] = arg('think', '5000-15000').split('-').map(Number);
  return {
    seconds: Number(arg('seconds', '60')),
    thinkMs: [lo!, hi ?? lo!] as [number, number],
    rampSeconds: Number(arg('ramp', '20')),
  };
}

/** Acknowledged messages that are not stored (each client id is unique in the database). */
export async function missingStored(db: Db, clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from chat_messages
        where client_id in (select jsonb_array_elements_text(${JSON.stringify(clientIds)}::jsonb)::uuid)`,
  );
  return clientIds.length - (row?.n ?? 0);
}
