import type { FastifyInstance } from 'fastify';
import type { AppContext } from './platform/context.ts';

/** The one place that lists the domain modules. */
export async function registerModules(app: FastifyInstance, ctx: AppContext) {
  void app;
  void ctx;
}
