import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { agreementsRoutes } from './agreements.routes.ts';
import { terminationRoutes } from './agreements.termination.routes.ts';
import { schoolSigningRoutes } from './agreements.school.routes.ts';
import { expireOffers } from './agreements.offers.ts';

const SWEEP_MS = 60_000;

export async function registerAgreements(app: FastifyInstance, ctx: AppContext) {
  await app.register(agreementsRoutes(ctx));
  await app.register(terminationRoutes(ctx));
  await app.register(schoolSigningRoutes(ctx));
  // Offers also expire when read; the sweep closes the rest and notifies their employers.
  if (ctx.config.env !== 'test') {
    const timer = setInterval(() => {
      expireOffers(ctx.db).catch((err: unknown) =>
        app.log.warn({ err }, 'offer expiry sweep failed'),
      );
    }, SWEEP_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}
