import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { SmsProvider } from './sms.ts';
import { DevSmsProvider } from './dev-sms-provider.ts';

export function createSmsProvider(config: Config, db: Db, log: FastifyBaseLogger): SmsProvider {
  return new DevSmsProvider(db, log);
}
