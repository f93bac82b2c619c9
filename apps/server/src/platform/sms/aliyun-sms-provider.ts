import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../errors.ts';
import type { SmsProvider } from './sms.ts';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  /** template of notices, one variable `${content}`; without it notices are refused */
  noticeTemplateCode?: string;
  /** injectable for tests; defaults to the public endpoint */
  baseUrl?: string;
  timeoutMs?: number;
}

/** Alibaba Cloud POP percent-encoding: RFC 3986 unreserved set, space as %20, `~` kept. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Signature version 1.0: base64(HMAC-SHA1(secret + "&", "GET&%2F&" + encode(canonical query))). */
export function signRpcRequest(params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `GET&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Sends verification codes through Alibaba Cloud SMS `SendSms` (dysmsapi, 2017-05-25). */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  private readonly baseUrl: string;

  constructor(
    private readonly options: AliyunSmsOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.baseUrl = (options.baseUrl ?? 'https://dysmsapi.aliyuncs.com').replace(/\/$/, '');
  }

  buildParams(phone: string, code: string, now = new Date(), nonce = randomUUID()) {
    return {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      TemplateCode: this.options.templateCode,
      TemplateParam: JSON.stringify({ code }),
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
  }

  async sendCode(phone: string, code: string, purpose: string): Promise<void> {
    await this.send(this.buildParams(phone, code), purpose);
  }

  /** Notices use their own template (短信通知模板) with the text as `content`. */
  async sendNotice(phone: string, text: string): Promise<void> {
    if (!this.options.noticeTemplateCode) {
      throw new AppError('SERVICE_UNAVAILABLE', 'ALIYUN_SMS_NOTICE_TEMPLATE_CODE is not set');
    }
    const params = {
      ...this.buildParams(phone, ''),
      TemplateCode: this.options.noticeTemplateCode,
      TemplateParam: JSON.stringify({ content: [...text].slice(0, 35).join('') }),
    };
    await this.send(params, 'notice');
  }

  private async send(params: ReturnType<AliyunSmsProvider['buildParams']>, purpose: string) {
    const signature = signRpcRequest(params, this.options.accessKeySecret);
    const query = Object.entries({ Signature: signature, ...params })
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
      .join('&');
    let body: { Code?: string; Message?: string; RequestId?: string };
    try {
      const res = await fetch(`${this.baseUrl}/?${query}`, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      body = (await res.json()) as typeof body;
    } catch (err) {
      this.log.error({ sms: 'aliyun', purpose, err: (err as Error).message }, 'SMS request failed');
      throw new AppError('SERVICE_UNAVAILABLE', '短信发送失败，请稍后再试');
    }
    if (body.Code !== 'OK') {
      // the phone number and the code stay out of the log
      this.log.error(
        {
          sms: 'aliyun',
          purpose,
          aliyunCode: body.Code,
          message: body.Message,
          requestId: body.RequestId,
        },
        'SMS refused by Alibaba Cloud',
      );
      throw new AppError('SERVICE_UNAVAILABLE', '短信发送失败，请稍后再试');
    }
    this.log.info({ sms: 'aliyun', purpose, requestId: body.RequestId }, 'SMS sent');
  }
}
