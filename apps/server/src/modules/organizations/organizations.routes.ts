import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registrationRoutes } from './registration.routes.ts';
import { admissionsRoutes } from './admissions.routes.ts';
import { profileRoutes } from './profile.routes.ts';
import { adminRoutes } from './admin.routes.ts';
import { filesRoutes } from './files.routes.ts';

/** Organizations: registration, admissions, company info, administration, files. */
export async function registerOrganizations(app: FastifyInstance, ctx: AppContext) {
  await app.register(registrationRoutes(ctx));
  await app.register(admissionsRoutes(ctx));
  await app.register(profileRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(filesRoutes(ctx));
}
