import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { devOutbox } from '../../modules/accounts/accounts.tables.ts';

export interface TemplateNotice {
  title: string;
  body: string;
  /** absolute URL the message opens */
  url?: string;
  time: Date;
}

/** Sends one template message of the official account (公众号模板消息) to a follower. */
export interface WechatNotifier {
  readonly name: string;
  sendTemplate(openId: string, notice: TemplateNotice): Promise<void>;
}

type WechatConfig = NonNullable<Config['wechat']['official']>;

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
  errmsg?: string;
}

/** Access token invalid or expired: fetch a new one and send again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/**
 * WeChat's documented API: `GET /cgi-bin/token?grant_type=client_credential` for the
 * access_token (cached until 5 minutes before it expires), then
 * `POST /cgi-bin/message/template/send?access_token=…`. The base URL is configurable so a
 * test or a proxy (中控服务器) can stand in for api.weixin.qq.com.
 */
export class OfficialAccountWechat implements WechatNotifier {
  readonly name = 'official';
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(private readonly config: WechatConfig) {}

  async sendTemplate(openId: string, notice: TemplateNotice) {
    const first = await this.post(await this.accessToken(), openId, notice);
    if (first.errcode && TOKEN_ERRORS.has(first.errcode)) {
      this.token = null;
      const second = await this.post(await this.accessToken(), openId, notice);
      return this.check(second);
    }
    this.check(first);
  }

  private check(answer: { errcode?: number; errmsg?: string }) {
    if (answer.errcode) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        `wechat errcode ${answer.errcode}: ${answer.errmsg}`,
      );
    }
  }

  private async post(token: string, openId: string, notice: TemplateNotice) {
    const k = this.config.templateKeys;
    const data: Record<string, { value: string }> = {
      [k.title]: { value: clip(notice.title, 20) },
      [k.body]: { value: clip(notice.body || notice.title, 20) },
      [k.time]: { value: formatTime(notice.time) },
    };
    const res = await fetch(
      `${this.config.apiBase}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: openId,
          template_id: this.config.templateId,
          url: notice.url,
          data,
        }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    if (!res.ok) throw new AppError('SERVICE_UNAVAILABLE', `wechat HTTP ${res.status}`);
    return (await res.json()) as { errcode?: number; errmsg?: string; msgid?: number };
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(`${this.config.apiBase}/cgi-bin/token`);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.config.appId);
    url.searchParams.set('secret', this.config.appSecret);
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new AppError('SERVICE_UNAVAILABLE', `wechat token HTTP ${res.status}`);
    const answer = (await res.json()) as TokenAnswer;
    if (!answer.access_token) {
      throw new AppError('SERVICE_UNAVAILABLE', `wechat token errcode ${answer.errcode}`);
    }
    const seconds = answer.expires_in ?? 7200;
    this.token = {
      value: answer.access_token,
      expiresAt: Date.now() + Math.max(60, seconds - 300) * 1000,
    };
    return this.token.value;
  }
}

/** Development: the template message is kept in the development outbox (/dev/outbox). */
export class DevWechat implements WechatNotifier {
  readonly name = 'dev';
  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  async sendTemplate(openId: string, notice: TemplateNotice) {
    await this.db.insert(devOutbox).values({
      channel: 'wechat',
      recipient: openId,
      content: `${notice.title}\n${notice.body}${notice.url ? `\n${notice.url}` : ''}`,
    });
    this.log.info({ wechat: 'dev-outbox' }, 'WeChat message kept in the development outbox');
  }
}

export function createWechatNotifier(config: Config, db: Db, log: FastifyBaseLogger) {
  if (config.wechat.provider === 'official' && config.wechat.official) {
    return new OfficialAccountWechat(config.wechat.official);
  }
  return new DevWechat(db, log);
}

function clip(text: string, max: number) {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function formatTime(d: Date) {
  const z = new Date(d.getTime() + 8 * 3600_000); // Beijing time
  const p = (n: number) => String(n).padStart(2, '0');
  return `${z.getUTCFullYear()}-${p(z.getUTCMonth() + 1)}-${p(z.getUTCDate())} ${p(z.getUTCHours())}:${p(z.getUTCMinutes())}`;
}
