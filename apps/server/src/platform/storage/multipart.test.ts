import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { multipart as form } from '../../modules/applications/applications.fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { Config } from '../config.ts';
import { registerErrorHandler } from '../http/error-handler.ts';
import { acceptUploads, isMultipart } from './multipart.ts';
import { readMultipartFile } from './uploads.ts';

let app: FastifyInstance;
let hirehall: TestApp;
beforeAll(async () => {
  app = Fastify();
  registerErrorHandler(app);
  const config = { uploadMaxBytes: 1024 } as Config;
  await app.register(async (scope) => {
    await acceptUploads(scope, config);
    scope.post('/uploads', async (request) => {
      const { bytes, fileName } = await readMultipartFile(request);
      return { size: bytes.length, fileName };
    });
  });
  await app.register(async (scope) => {
    scope.post('/json', async (request) => ({ multipart: isMultipart(request) }));
  });
  await app.ready();
  hirehall = await createTestApp();
});
afterAll(async () => {
  await app.close();
  await hirehall.close();
});

it('takes a file on the routes of a plugin that accepts uploads, within its size limit', async () => {
  const ok = await app.inject({
    method: 'POST',
    url: '/uploads',
    ...form('cv.pdf', Buffer.alloc(100)),
  });
  expect(ok.json()).toEqual({ size: 100, fileName: 'cv.pdf' });
  const big = await app.inject({
    method: 'POST',
    url: '/uploads',
    ...form('cv.pdf', Buffer.alloc(2048)),
  });
  expect(big.statusCode).toBe(413);
  expect(big.json().error.code).toBe('FILE_TOO_LARGE');
});

it('refuses a multipart body elsewhere with a clear error, not a crash', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/json',
    ...form('cv.pdf', Buffer.alloc(10)),
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('BAD_REQUEST');
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  // a route outside the upload scopes that asks anyway is a bug, reported as such
  const json = await app.inject({ method: 'POST', url: '/json', payload: { a: 1 } });
  expect(json.statusCode).toBe(500);
  expect(json.json().error.code).toBe('INTERNAL');
});

it('the server does not hook multipart onto every request, only the upload routes’ plugins', async () => {
  expect(hirehall.app.hasRequestDecorator('isMultipart')).toBe(false);
  const res = await hirehall.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    ...form('x.bin', Buffer.alloc(10)),
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('BAD_REQUEST');
});
