import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';

export async function registerAgreements(app: FastifyInstance, ctx: AppContext) {
  void app;
  void ctx;
}
