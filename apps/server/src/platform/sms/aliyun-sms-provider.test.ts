import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunSmsProvider, percentEncode, signRpcRequest } from './aliyun-sms-provider.ts';

const noop = () => undefined;
const log = { info: noop, error: noop, warn: noop } as unknown as FastifyBaseLogger;

describe('Alibaba Cloud RPC signature', () => {
  it('reproduces the SendSms example of the Alibaba Cloud documentation', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(signRpcRequest(params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('reproduces the DescribeRegions example of the RPC signing documentation', () => {
    const params = {
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Version: '2014-05-26',
      Timestamp: '2016-02-23T12:46:24Z',
    };
    expect(signRpcRequest(params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes by the POP rules', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode('*')).toBe('%2A');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('~-_.')).toBe('~-_.');
    expect(percentEncode('/=&+')).toBe('%2F%3D%26%2B');
    expect(percentEncode('派')).toBe('%E6%B4%BE');
  });
});

describe('AliyunSmsProvider against a local HTTP server', () => {
  let server: http.Server;
  let baseUrl: string;
  const received: URLSearchParams[] = [];
  let answer: Record<string, string> = { Code: 'OK', RequestId: 'r-1', BizId: 'b-1' };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received.push(new URL(req.url!, 'http://x').searchParams);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const provider = () =>
    new AliyunSmsProvider(
      {
        accessKeyId: 'LTAI-test',
        accessKeySecret: 's3cret',
        signName: '职聚厅',
        templateCode: 'SMS_123456',
        baseUrl,
      },
      log,
    );

  it('sends a GET whose signature the receiver can verify independently', async () => {
    await provider().sendCode('13812341234', '482913', 'register');
    const q = received.at(-1)!;
    expect(q.get('Action')).toBe('SendSms');
    expect(q.get('PhoneNumbers')).toBe('13812341234');
    expect(q.get('SignName')).toBe('职聚厅');
    expect(q.get('TemplateCode')).toBe('SMS_123456');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ code: '482913' });
    expect(q.get('Version')).toBe('2017-05-25');
    expect(q.get('Format')).toBe('JSON');
    expect(q.get('SignatureVersion')).toBe('1.0');
    expect(q.get('Timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // the receiver's own computation, written out longhand
    const enc = (s: string) =>
      encodeURIComponent(s)
        .replace(/\+/g, '%20')
        .replace(/\*/g, '%2A')
        .replace(/!/g, '%21')
        .replace(/'/g, '%27')
        .replace(/\(/g, '%28')
        .replace(/\)/g, '%29');
    const pairs = [...q.entries()].filter(([k]) => k !== 'Signature');
    pairs.sort(([a], [b]) => (a < b ? -1 : 1));
    const canonical = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    const expected = createHmac('sha1', 's3cret&')
      .update(`GET&%2F&${enc(canonical)}`)
      .digest('base64');
    expect(q.get('Signature')).toBe(expected);
  });

  it('uses a fresh nonce per request', async () => {
    await provider().sendCode('13812341234', '111111', 'register');
    await provider().sendCode('13812341234', '222222', 'register');
    const [a, b] = received.slice(-2);
    expect(a!.get('SignatureNonce')).not.toBe(b!.get('SignatureNonce'));
  });

  it('turns a refusal into SERVICE_UNAVAILABLE', async () => {
    answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控', RequestId: 'r-2' };
    await expect(provider().sendCode('13812341234', '333333', 'register')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    answer = { Code: 'OK' };
  });

  it('turns an unreachable endpoint into SERVICE_UNAVAILABLE', async () => {
    const p = new AliyunSmsProvider(
      {
        accessKeyId: 'a',
        accessKeySecret: 'b',
        signName: 'c',
        templateCode: 'd',
        baseUrl: 'http://127.0.0.1:1',
      },
      log,
    );
    await expect(p.sendCode('13812341234', '444444', 'register')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});
