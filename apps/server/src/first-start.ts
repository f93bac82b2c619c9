import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';

/**
 * On the first start: create the platform admin (printing its initial password once) and,
 * unless HIREHALL_DEMO=0, load the demo data and print the demo credentials.
 */
export async function prepareFirstStart(input: { config: Config; db: Db; log: FastifyBaseLogger }) {
  void input;
}
