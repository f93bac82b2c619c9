import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminDashboardSchema,
  dashboardYearQuerySchema,
  employerDashboardSchema,
  schoolDashboardSchema,
} from '@hirehall/shared/dashboards';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/auth/access.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { employerDashboard } from './dashboards.employer.ts';
import { schoolDashboard } from './dashboards.school.ts';
import { adminDashboard } from './dashboards.admin.ts';

const tags = ['dashboards'];

function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dashboards/employer',
      {
        config: { access: { roles: ['employer', 'institution'] as Role[] } },
        schema: { tags, response: { 200: employerDashboardSchema } },
      },
      async (request) => employerDashboard(ctx.db, actorOf(request)),
    );

    app.get(
      '/api/dashboards/school',
      {
        config: { access: { roles: ['school', 'college'] as Role[] } },
        schema: {
          tags,
          querystring: dashboardYearQuerySchema,
          response: { 200: schoolDashboardSchema },
        },
      },
      async (request) => schoolDashboard(ctx.db, actorOf(request), request.query.graduationYear),
    );

    app.get(
      '/api/dashboards/admin',
      {
        config: { access: { roles: ['admin'] as Role[] } },
        schema: { tags, response: { 200: adminDashboardSchema } },
      },
      async () => adminDashboard(ctx.db),
    );
  };
}

export async function registerDashboards(app: FastifyInstance, ctx: AppContext) {
  await app.register(dashboardRoutes(ctx));
}
