import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import type { AppContext } from './platform/context.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { hardenOpenApi } from './platform/http/openapi.ts';
import { lazyRequestLoggers } from './platform/http/request-logger.ts';
import { registerAccessControl, type RouteAccessEntry } from './platform/auth/access.ts';
import { registerHttpCache } from './platform/http-cache.ts';
import { LocalDiskStorage, type FileStorage } from './platform/storage/storage.ts';
import { DatabaseStorage } from './platform/storage/database-storage.ts';
import { createSmsProvider } from './platform/sms/create-sms-provider.ts';
import { RealtimeHub } from './platform/realtime/realtime.ts';
import { EventDispatcher } from './platform/events/dispatcher.ts';
import { createMailer } from './platform/mail/mail.ts';
import { createWechatNotifier } from './platform/wechat/wechat.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { registerModules } from './modules.ts';

z.config(z.locales.zhCN());

export interface BuildOptions {
  config: Config;
  database: Database;
  storage?: FileStorage;
  /** a pino destination for tests that read the log */
  logStream?: NodeJS.WritableStream;
  /** the web build to serve, if it has an index.html (tests give a fake one); apps/web/dist */
  webDist?: string;
}

/**
 * Every schema is zod. Factories that give the zod compilers (the ones set below) mean Fastify
 * does not load its default ones, ajv and fast-json-stringify (≈ 60 ms of a start), only for
 * them to be replaced. Fastify types the factories after ajv's, hence the cast.
 */
const zodCompilersFactory = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * How long a browser keeps a file of the web build (`file`: relative to the build, possibly
 * the .br/.gz sent instead):
 * - hashed build assets (Vite's `assets/name-[hash].js|css|…`) never change under their name:
 *   a year, immutable;
 * - HTML (index.html at `/`, `/index.html` and every app route) and the service worker:
 *   `no-cache`, revalidated on every use (ETag / Last-Modified, 304): a kept index.html would
 *   reference the previous build's assets after a deployment, a kept sw.js its app shell;
 * - other files without a hash (icons, manifest, robots.txt): an hour.
 */
function webCacheControl(file: string): string {
  const name = file
    .split(path.sep)
    .join('/')
    .replace(/\.(br|gz)$/, '');
  if (name.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  if (name.endsWith('.html') || name === 'sw.js') return 'no-cache';
  return 'public, max-age=3600';
}

/** Everything is wired here; nothing listens. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    schemaController: { compilersFactory: zodCompilersFactory },
    // one access-log line per request (below) instead of Fastify's two: half the logging cost
    logController: new LogController({ disableRequestLogging: true }),
    // a request's pino child only once it logs something
    childLoggerFactory: lazyRequestLoggers,
    logger: {
      level: config.logLevel,
      stream: options.logStream,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.code',
          '*.idNumber',
          '*.phone',
        ],
        censor: '[redacted]',
      },
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    sms: createSmsProvider(config, database.db, app.log),
    storage:
      options.storage ??
      (config.storage === 'database'
        ? new DatabaseStorage(database.db)
        : new LocalDiskStorage(path.join(config.dataDir, 'files'))),
    realtime: new RealtimeHub(app, database, config),
    events: new EventDispatcher(database, app.log, config.dispatchIntervalMs),
    mailer: createMailer(config, database.db, app.log),
    wechat: createWechatNotifier(config, database.db, app.log),
  };
  if (config.dispatcher) app.addHook('onReady', () => ctx.events.start());
  app.addHook('onClose', async () => {
    await ctx.events.stop();
    ctx.mailer.close?.();
  });

  registerErrorHandler(app);
  await app.register(cookie);
  // multipart (uploads) only where routes take them: platform/storage/multipart.ts
  const accessTable: RouteAccessEntry[] = [];
  await app.register(swagger, {
    openapi: {
      info: { title: 'HireHall API', version: config.version },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hh_session' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) =>
      hardenOpenApi(
        ('openapiObject' in documentObject
          ? documentObject.openapiObject
          : documentObject.swaggerObject) as Record<string, unknown>,
        accessTable,
        { bodyLimit: 1024 * 1024 },
      ),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorate('accessTable', accessTable);
  registerAccessControl(app, database.db, accessTable);
  registerHttpCache(app);
  // JSON and the server-rendered pages, br or gzip (after the cache: it keeps the plain body;
  // before the routes: the plugin hooks each route as it is added). Built assets are sent
  // precompressed by @fastify/static and left alone; request bodies are never decompressed.
  await app.register(compress, { threshold: 1024, globalDecompression: false });
  if (['trace', 'debug', 'info'].includes(config.logLevel)) {
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        { req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      );
    });
  }

  await app.register(systemRoutes(ctx));
  await registerModules(app, ctx);

  const webDist = options.webDist ?? defaultWebDist;
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    // loaded only when there is a web build to serve (tests and API-only starts skip it)
    const { default: fastifyStatic } = await import('@fastify/static');
    // The build writes .br/.gz beside each JS and CSS file and index.html; they are sent to
    // browsers that accept them. Cache-Control is set only here, by webCacheControl, on 200 and
    // 304 alike: setHeaders runs after @fastify/send's headers (which would overwrite a header
    // set before reply.sendFile), and send sets none of its own (`cacheControl: false`).
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', webCacheControl(path.relative(webDist, filePath)));
      },
    });
    // client-side routes of the app: its index.html
    app.get('/*', { config: { access: 'public' } }, (request, reply) => {
      // An asset missing from this build (e.g. after a rebuild) is a 404, never the page.
      if (/^\/(api|assets|dev)\//.test(request.url)) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    accessTable: RouteAccessEntry[];
  }
}
