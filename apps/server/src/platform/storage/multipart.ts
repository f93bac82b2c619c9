import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

/**
 * Multipart bodies (uploads), for the routes of the plugin that calls this and only those:
 * `await acceptUploads(app, ctx.config)` at the start of the routes plugin.
 * @fastify/multipart hooks every request of the scope it is registered in (an onRequest hook
 * with a 'close' listener, an onResponse hook) — ≈ 1.5 µs of a cached public GET that takes
 * ≈ 24 µs — so it is not registered for the whole server. A multipart body sent to a route
 * elsewhere is refused as an unsupported media type (BAD_REQUEST).
 */
export async function acceptUploads(app: FastifyInstance, config: Config) {
  // on `app` itself: @fastify/multipart is a fastify-plugin, it decorates the registering scope
  await app.register(multipart, {
    limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 30, parts: 32 },
  });
}

/** `request.isMultipart()`, for a route whose plugin accepts uploads (else a clear bug). */
export function isMultipart(request: FastifyRequest): boolean {
  if (typeof request.isMultipart !== 'function') {
    throw new AppError(
      'INTERNAL',
      `${request.routeOptions.url ?? request.url}: uploads are not accepted here (acceptUploads)`,
    );
  }
  return request.isMultipart();
}
