import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import { openTestDatabase } from '../../../test/test-app.ts';
import { latestSmsCode } from './accounts.test-helpers.ts';
import type { Database } from '../../platform/db/database.ts';

let app: FastifyInstance;
let database: Database;
let drop: () => Promise<void>;
let dataDir: string;
let logText = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-log-'));
  const opened = await openTestDatabase();
  database = opened.database;
  drop = opened.drop;
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  app = await buildApp({
    config: loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'trace',
      HIREHALL_DATA_DIR: dataDir,
      HIREHALL_DEMO: '0',
    }),
    database,
    logStream,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('logs', () => {
  it('never contain phones, ID numbers, codes or passwords', async () => {
    const phone = '13512348765';
    const idNumber = '440304199003071213';
    await app.inject({
      method: 'POST',
      url: '/api/auth/sms-codes',
      payload: { phone, purpose: 'register' },
    });
    const smsCode = await latestSmsCode(database.db, phone);
    const payload = {
      name: '日志测试',
      documentKind: 'id_card',
      idNumber,
      phone,
      smsCode,
      verification: { method: 'face', faceToken: 'dev-face-ok' },
      password: '385926',
    };
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/seekers', payload })).statusCode,
    ).toBe(200);
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { portal: 'seeker', identifier: idNumber, password: '903847' },
    });
    expect(logText.length).toBeGreaterThan(0);
    for (const secret of [phone, idNumber, smsCode, '385926', '903847']) {
      expect(logText).not.toContain(secret);
    }
  });
});
