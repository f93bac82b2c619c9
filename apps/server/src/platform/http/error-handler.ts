import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCatalog, type ErrorBody, type ErrorCode } from '@hirehall/shared/errors';
import { AppError } from '../errors.ts';

function body(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return { error: { code, message: message ?? errorCatalog[code].message, details } };
}

const fastifyCodeMap: Record<string, ErrorCode> = {
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'FILE_TOO_LARGE',
  FST_PARTS_LIMIT: 'BAD_REQUEST',
  FST_FILES_LIMIT: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

/** Maps every error to `{ error: { code, message, details } }`; 5xx details only in logs. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'server error');
      return reply
        .status(err.status)
        .send(body(err.code, err.message, err.status >= 500 ? undefined : err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message,
      }));
      return reply.status(400).send(body('VALIDATION_FAILED', undefined, details));
    }
    if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED'));
    const mapped = err.code ? fastifyCodeMap[err.code] : undefined;
    if (mapped) return reply.status(errorCatalog[mapped].status).send(body(mapped));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('BAD_REQUEST'));
    }
    if (isDatabaseDown(err)) {
      request.log.error({ err }, 'database unavailable');
      return reply.status(503).send(body('SERVICE_UNAVAILABLE'));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('ROUTE_NOT_FOUND'));
  });
}

const DATABASE_DOWN_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
];
const DATABASE_DOWN_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|not queryable/;

/** PostgreSQL unreachable, shutting down or restarting; drizzle wraps the driver's error in `cause`. */
export function isDatabaseDown(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && DATABASE_DOWN_CODES.includes(code)) return true;
    if (typeof message === 'string' && DATABASE_DOWN_MESSAGE.test(message)) return true;
    e = cause;
  }
  return false;
}
