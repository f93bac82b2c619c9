import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
  });
  t = await createTestApp({ LOG_LEVEL: 'info' }, { logStream: stream });
});
afterAll(() => t.close());

it('writes one access-log line per request, with method, url and status', async () => {
  lines.length = 0;
  const res = await t.app.inject({ method: 'GET', url: '/api/health?probe=access-log' });
  expect(res.statusCode).toBe(200);
  await new Promise((r) => setImmediate(r));
  const about = lines.filter((l) => JSON.stringify(l).includes('probe=access-log'));
  expect(about).toHaveLength(1);
  expect(JSON.stringify(about[0])).toContain('GET');
  expect(JSON.stringify(about[0])).toContain('200');
});
