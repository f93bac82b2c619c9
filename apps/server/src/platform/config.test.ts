import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { envVariableNames, loadConfig } from './config.ts';

/** The message loadConfig throws for `env`, split into lines. */
function errorLines(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as Error).message.split('\n');
  }
  throw new Error('loadConfig accepted a bad environment');
}

describe('configuration from the environment', () => {
  it('defaults run the platform locally', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', demo: true, databaseUrl: undefined });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('reports each bad variable on one clear line of its own, and nothing else', () => {
    const lines = errorLines({
      PORT: 'abc',
      DATABASE_URL: 'nonsense',
      HIREHALL_DEMO: 'maybe',
      HIREHALL_SESSION_DAYS: '0',
      HIREHALL_PUBLIC_URL: 'not a url',
      LOG_LEVEL: 'loud',
      HOST: '0.0.0.0', // fine: not reported
    });
    expect(lines[0]).toBe('环境变量配置有误 / invalid environment:');
    expect(lines.slice(1)).toEqual([
      '  PORT: must be a number',
      '  DATABASE_URL: must start with postgres:// or postgresql://',
      expect.stringMatching(/^ {2}HIREHALL_DEMO: .*"0"\|"1"/),
      expect.stringMatching(/^ {2}HIREHALL_SESSION_DAYS: .*>0/),
      expect.stringMatching(/^ {2}HIREHALL_PUBLIC_URL: Invalid URL/),
      expect.stringMatching(/^ {2}LOG_LEVEL: .*"info"/),
    ]);
  });

  it('one line even when a variable fails several checks', () => {
    const lines = errorLines({ PORT: '70000.5' });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {2}PORT: /);
  });

  it('a provider chosen by one variable names each missing variable it needs', () => {
    expect(errorLines({ HIREHALL_SMS_PROVIDER: 'aliyun', ALIYUN_SMS_SIGN_NAME: '才立方' })).toEqual(
      [
        '环境变量配置有误 / invalid environment:',
        '  ALIYUN_SMS_ACCESS_KEY_ID: required when HIREHALL_SMS_PROVIDER=aliyun',
        '  ALIYUN_SMS_ACCESS_KEY_SECRET: required when HIREHALL_SMS_PROVIDER=aliyun',
        '  ALIYUN_SMS_TEMPLATE_CODE: required when HIREHALL_SMS_PROVIDER=aliyun',
      ],
    );
    expect(errorLines({ HIREHALL_MAIL_TRANSPORT: 'smtp' })[1]).toBe(
      '  SMTP_HOST: required when HIREHALL_MAIL_TRANSPORT=smtp',
    );
    expect(errorLines({ HIREHALL_TURN_URLS: 'turn:x:3478' })[1]).toBe(
      '  HIREHALL_TURN_SECRET: required when HIREHALL_TURN_URLS is set',
    );
  });
});

describe('public URL', () => {
  it('defaults to localhost on the configured port, without a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3999' }).publicUrl).toBe('http://localhost:3999');
    expect(loadConfig({ HIREHALL_PUBLIC_URL: 'https://job.example.cn/' }).publicUrl).toBe(
      'https://job.example.cn',
    );
  });
});

describe('Secure cookies', () => {
  it('follow HIREHALL_PUBLIC_URL: https → Secure, http → not', () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ HIREHALL_PUBLIC_URL: 'https://job.example.cn' }).secureCookies).toBe(true);
    expect(loadConfig({ HIREHALL_PUBLIC_URL: 'http://10.0.0.5:3000' }).secureCookies).toBe(false);
  });

  it('HIREHALL_SECURE_COOKIES overrides either way', () => {
    const https = 'https://job.example.cn';
    const http = 'http://localhost:3000';
    expect(
      loadConfig({ HIREHALL_PUBLIC_URL: https, HIREHALL_SECURE_COOKIES: '0' }).secureCookies,
    ).toBe(false);
    expect(
      loadConfig({ HIREHALL_PUBLIC_URL: http, HIREHALL_SECURE_COOKIES: '1' }).secureCookies,
    ).toBe(true);
    expect(loadConfig({ HIREHALL_SECURE_COOKIES: 'yes' }).secureCookies).toBe(true);
    expect(errorLines({ HIREHALL_SECURE_COOKIES: 'on' })[1]).toMatch(
      /^ {2}HIREHALL_SECURE_COOKIES: /,
    );
  });
});

describe('.env.example', () => {
  const file = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../../.env.example',
  );
  const documented = new Set(
    [...fs.readFileSync(file, 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!),
  );

  it('documents every variable the configuration schema knows', () => {
    expect(envVariableNames.length).toBeGreaterThan(20);
    expect(envVariableNames.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('documents no variable the schema does not know', () => {
    const known = new Set<string>(envVariableNames);
    expect([...documented].filter((name) => !known.has(name))).toEqual([]);
  });

  it('its uncommented values are themselves a valid configuration', () => {
    const env: Record<string, string> = {};
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)) {
      env[m[1]!] = m[2]!;
    }
    expect(Object.keys(env).length).toBeGreaterThan(10);
    expect(() => loadConfig(env)).not.toThrow();
  });
});
