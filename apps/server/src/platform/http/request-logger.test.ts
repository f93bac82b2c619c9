import { PassThrough } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, expect, it, vi } from 'vitest';
import { lazyRequestLoggers } from './request-logger.ts';

let app: FastifyInstance;
afterEach(() => app.close());

async function appLoggingAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
  });
  app = Fastify({
    logger: { level, stream },
    disableRequestLogging: true,
    childLoggerFactory: lazyRequestLoggers,
  });
  app.get('/quiet', async (request) => {
    request.log.info('an info line');
    request.log.debug({ detail: 1 }, 'a debug line');
    return { ok: true };
  });
  app.get('/loud', async (request) => {
    request.log.warn({ what: 'x' }, 'a warning');
    request.log.info('and an info line');
    request.log.child({ step: 'inner' }).warn('from a child');
    return { ok: true };
  });
  app.get('/own-level', { logLevel: 'error' }, async (request) => {
    request.log.warn('not at this route');
    return { level: request.log.level };
  });
  await app.ready();
  const child = vi.spyOn(app.log, 'child');
  return { lines, child };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('makes no pino child for a request that logs nothing at an enabled level', async () => {
  const { lines, child } = await appLoggingAt('warn');
  const res = await app.inject('/quiet');
  expect(res.statusCode).toBe(200);
  await settle();
  expect(child).not.toHaveBeenCalled();
  expect(lines).toEqual([]);
});

it('logs with the request id once something is logged, through one child per request', async () => {
  const { lines, child } = await appLoggingAt('warn');
  await app.inject('/loud');
  await app.inject('/loud');
  await settle();
  // per request: its own child, and the one its handler asks for (pino's children inherit
  // the spied method from their parent)
  expect(child).toHaveBeenCalledTimes(4);
  expect(child.mock.calls.map(([bindings]) => bindings)).toEqual([
    { reqId: 'req-1' },
    { step: 'inner' },
    { reqId: 'req-2' },
    { step: 'inner' },
  ]);
  expect(lines.map((l) => l.msg)).toEqual([
    'a warning',
    'from a child',
    'a warning',
    'from a child',
  ]);
  expect(lines[0]).toMatchObject({ reqId: 'req-1', what: 'x', level: 40 });
  expect(lines[1]).toMatchObject({ reqId: 'req-1', step: 'inner' });
  expect(lines[2]).toMatchObject({ reqId: 'req-2' });
});

it('at level info the info lines are written', async () => {
  const { lines } = await appLoggingAt('info');
  await app.inject('/quiet');
  await settle();
  expect(lines.map((l) => l.msg)).toEqual(['an info line']);
  expect(lines[0]!.reqId).toBe('req-1');
});

it("a route's own log level still applies", async () => {
  const { lines } = await appLoggingAt('info');
  const res = await app.inject('/own-level');
  await settle();
  expect(res.json()).toEqual({ level: 'error' });
  expect(lines).toEqual([]);
});
