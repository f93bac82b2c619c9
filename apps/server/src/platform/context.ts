import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { SmsProvider } from './sms/sms.ts';
import type { FileStorage } from './storage/storage.ts';
import type { RealtimeHub } from './realtime/realtime.ts';
import type { EventDispatcher } from './events/dispatcher.ts';
import type { Mailer } from './mail/mail.ts';
import type { WechatNotifier } from './wechat/wechat.ts';

/** What modules are given: plain dependencies, wired once in app.ts. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  sms: SmsProvider;
  storage: FileStorage;
  /** socket.io on the API server: rooms per account and per conversation */
  realtime: RealtimeHub;
  /** outbox consumers and delivery workers; `nudge()` after a commit that appended events */
  events: EventDispatcher;
  mailer: Mailer;
  wechat: WechatNotifier;
}
