import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appliedMigrationCount, expectedMigrationCount } from '../../platform/db/database.ts';
import type { AppContext } from '../../platform/context.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), reachable: z.boolean() }),
  migrations: z.object({ applied: z.number(), expected: z.number(), current: z.boolean() }),
  version: z.string(),
});

export function systemRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const expected = expectedMigrationCount();
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: { tags: ['system'], response: { 200: healthSchema, 503: healthSchema } },
      },
      async (_request, reply) => {
        let applied = 0;
        let reachable = true;
        try {
          applied = await appliedMigrationCount(ctx.db);
        } catch {
          reachable = false;
        }
        const current = applied === expected;
        const ok = reachable && current;
        return reply.status(ok ? 200 : 503).send({
          status: ok ? 'ok' : 'degraded',
          database: { kind: ctx.database.kind, reachable },
          migrations: { applied, expected, current },
          version: ctx.config.version,
        });
      },
    );
  };
}
