import type { RouteAccessEntry } from '../auth/access.ts';

/**
 * Post-processing of the generated OpenAPI document (checked by Spectral with the OWASP
 * ruleset in apps/server/test/security/spectral.test.ts):
 * - every operation states its security: the session cookie (+ CSRF header on writes) for
 *   routes that declare roles; none for the public ones (listed in the Spectral overrides);
 * - the shared error envelope is documented for 400/401/403/404/500/503;
 * - unbounded strings and arrays carry the bound the server really enforces: the request
 *   body limit (a JSON string or array cannot be longer than the body that carries it);
 * - integers say int64 (zod's `.int()` stays within the safe-integer range).
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const UNSAFE = new Set(['put', 'post', 'patch', 'delete']);

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', pattern: '^[A-Z_]+$', maxLength: 64 },
        message: { type: 'string', maxLength: 500 },
        details: {},
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

export function hardenOpenApi(
  doc: Json,
  accessTable: RouteAccessEntry[],
  options: { bodyLimit: number },
): Json {
  const access = new Map<string, RouteAccessEntry['access']>();
  for (const entry of accessTable) {
    const path = entry.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    access.set(`${entry.method.toLowerCase()} ${path}`, entry.access);
  }
  const components = (doc.components ?? {}) as Json;
  doc.components = {
    ...components,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'hh_session' },
      adminSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'hh_session',
        description: 'a session of a platform or school administrator account (/admin routes)',
      },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    },
  };
  // Same origin as the web app; production deployments serve it over HTTPS (README).
  doc.servers = [{ url: '/', description: 'production: this deployment', 'x-internal': false }];

  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, ops] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const declared = access.get(`${method} ${path}`);
      const isPublic = declared === undefined || declared === 'public';
      if (!isPublic) {
        const scheme = path.includes('/admin') ? 'adminSession' : 'session';
        op.security = [UNSAFE.has(method) ? { [scheme]: [], csrf: [] } : { [scheme]: [] }];
      }
      const responses = (op.responses ?? {}) as Json;
      responses['400'] ??= errorResponse('请求参数有误 (VALIDATION_FAILED / BAD_REQUEST)');
      if (!isPublic) {
        responses['401'] ??= errorResponse(
          '未登录或会话已过期 (UNAUTHENTICATED / SESSION_EXPIRED)',
        );
        responses['403'] ??= errorResponse('无权限、CSRF 校验失败或须先修改密码');
      }
      if (path.includes('{')) responses['404'] ??= errorResponse('记录不存在或不属于当前机构');
      responses['500'] ??= errorResponse('服务器内部错误 (INTERNAL)');
      responses['503'] ??= errorResponse('数据库暂不可用 (SERVICE_UNAVAILABLE)');
      op.responses = responses;
    }
  }
  bound(doc, options.bodyLimit);
  return doc;
}

/** Adds the enforced bounds to every schema node that lacks one. */
function bound(node: unknown, limit: number): void {
  if (Array.isArray(node)) {
    for (const item of node) bound(item, limit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  const types = Array.isArray(o.type) ? (o.type as string[]) : [o.type];
  if (types.includes('string') && o.maxLength === undefined && !o.enum && o.const === undefined) {
    o.maxLength = limit;
  }
  if (types.includes('array') && o.maxItems === undefined) o.maxItems = Math.floor(limit / 2);
  if (types.includes('integer') && o.format === undefined) o.format = 'int64';
  for (const value of Object.values(o)) bound(value, limit);
}
