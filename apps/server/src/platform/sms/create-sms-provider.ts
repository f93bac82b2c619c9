import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { SmsProvider } from './sms.ts';
import { DevSmsProvider } from './dev-sms-provider.ts';
import { AliyunSmsProvider } from './aliyun-sms-provider.ts';

export function createSmsProvider(config: Config, db: Db, log: FastifyBaseLogger): SmsProvider {
  if (config.sms.provider === 'aliyun' && config.sms.aliyun) {
    return new AliyunSmsProvider(config.sms.aliyun, log);
  }
  return new DevSmsProvider(db, log);
}
