import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { graduatesRoutes } from './graduates.routes.ts';

export async function registerGraduates(app: FastifyInstance, ctx: AppContext) {
  await app.register(graduatesRoutes(ctx));
}
