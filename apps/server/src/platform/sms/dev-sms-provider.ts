import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { devOutbox } from '../../modules/accounts/accounts.tables.ts';
import type { SmsProvider } from './sms.ts';

/** Development provider: nothing leaves the machine; messages appear at /dev/outbox. */
export class DevSmsProvider implements SmsProvider {
  readonly name = 'dev';
  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  async sendCode(phone: string, code: string, purpose: string) {
    const content = `【HireHall】您的验证码为 ${code}，5分钟内有效（${purpose}）。如非本人操作请忽略。`;
    await this.db.insert(devOutbox).values({ channel: 'sms', recipient: phone, content });
    this.log.info(
      { sms: 'dev-outbox', purpose },
      'SMS kept in the development outbox (/dev/outbox)',
    );
  }

  async sendNotice(phone: string, text: string) {
    await this.db
      .insert(devOutbox)
      .values({ channel: 'sms', recipient: phone, content: `【HireHall】${text}` });
    this.log.info({ sms: 'dev-outbox' }, 'SMS notice kept in the development outbox');
  }
}
