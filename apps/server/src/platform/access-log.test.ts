import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from './config.ts';
import { openTestDatabase } from '../../test/test-app.ts';

let app: FastifyInstance;
let drop: () => Promise<void>;
let dataDir: string;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-accesslog-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HIREHALL_DATA_DIR: dataDir,
    HIREHALL_DEMO: '0',
  });
  const opened = await openTestDatabase();
  drop = opened.drop;
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
  });
  app = await buildApp({ config, database: opened.database, logStream: stream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('writes one access-log line per request, with method, url and status', async () => {
  lines.length = 0;
  const res = await app.inject({ method: 'GET', url: '/api/health?probe=access-log' });
  expect(res.statusCode).toBe(200);
  await new Promise((r) => setImmediate(r));
  const about = lines.filter((l) => JSON.stringify(l).includes('probe=access-log'));
  expect(about).toHaveLength(1);
  expect(JSON.stringify(about[0])).toContain('GET');
  expect(JSON.stringify(about[0])).toContain('200');
});
