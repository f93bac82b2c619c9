import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';

/**
 * Caching of the web build: HTML and the service worker are revalidated on every use (a
 * browser keeping index.html after a deployment would ask for the previous build's assets),
 * hashed assets are kept a year. Served from a fake build with the layout Vite writes.
 */

const INDEX_HTML =
  '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-B7x9Qk2a.js"></script>' +
  '<link rel="stylesheet" href="/assets/index-Dm4Lr8Zp.css"></head><body><div id="root"></div></body></html>';
const ASSET = '/assets/index-B7x9Qk2a.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

let t: TestApp;
let webDist: string;

function write(file: string, content: string, { precompress = false } = {}) {
  const full = path.join(webDist, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  if (precompress) {
    fs.writeFileSync(`${full}.gz`, zlib.gzipSync(content));
    fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(content));
  }
}

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-webbuild-dist-'));
  write('index.html', INDEX_HTML, { precompress: true });
  write(ASSET, `console.log(${JSON.stringify('x'.repeat(2000))});`, { precompress: true });
  write('/assets/index-Dm4Lr8Zp.css', 'body{margin:0}', { precompress: true });
  write('sw.js', "const BUILD = { version: 'abc', files: [] };");
  write('manifest.webmanifest', '{"name":"HireHall"}');
  write('robots.txt', 'User-agent: *\n');
  write('icons/icon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await createTestApp({}, { webDist });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('HTML of the app', () => {
  it.each(['/', '/index.html', '/seeker/jobs', '/employer/postings/42/applications?tab=new'])(
    '%s is index.html with Cache-Control: no-cache and validators',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(INDEX_HTML);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeTruthy();
      expect(res.headers['last-modified']).toBeTruthy();
    },
  );

  it.each(['/', '/seeker/jobs'])(
    '%s precompressed (br) is no-cache too and varies on Accept-Encoding',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(INDEX_HTML);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    },
  );

  it.each(['/', '/seeker/jobs'])(
    '%s revalidates: If-None-Match and If-Modified-Since answer 304, still no-cache',
    async (url) => {
      const first = await t.app.inject({ method: 'GET', url });
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);

      const byEtag = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(byEtag.statusCode).toBe(304);
      expect(byEtag.body).toBe('');
      expect(byEtag.headers.etag).toBe(etag);
      expect(byEtag.headers['cache-control']).toBe('no-cache');

      const byDate = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'if-modified-since': lastModified },
      });
      expect(byDate.statusCode).toBe(304);
      expect(byDate.headers['cache-control']).toBe('no-cache');

      // a changed file (a new deployment) is sent again in full
      const stale = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': 'W/"0-0"' },
      });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(INDEX_HTML);
    },
  );
});

describe('files of the build', () => {
  it('hashed assets are kept a year, immutable, plain or precompressed', async () => {
    const plain = await t.app.inject({ method: 'GET', url: ASSET });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);

    const br = await t.app.inject({
      method: 'GET',
      url: ASSET,
      headers: { 'accept-encoding': 'br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);

    const css = await t.app.inject({
      method: 'GET',
      url: '/assets/index-Dm4Lr8Zp.css',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('an asset missing from this build is a 404, not the page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-Old0Hash.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<!doctype html>');
  });

  it('the service worker is revalidated on every use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sw.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/manifest.webmanifest', '/robots.txt', '/icons/icon.svg'])(
    '%s (no hash in its name) is kept an hour',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
    },
  );
});

describe('API beside the build', () => {
  it('an API answer carries no cache header of the build and is never the page', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expect(health.headers['cache-control']).toBeUndefined();

    const missing = await t.app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
  });
});
