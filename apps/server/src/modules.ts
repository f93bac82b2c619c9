import type { FastifyInstance } from 'fastify';
import type { AppContext } from './platform/context.ts';
import { resumesRoutes } from './modules/resumes/resumes.routes.ts';
import { talentPoolRoutes } from './modules/talentpool/talentpool.routes.ts';
import { applicationsRoutes } from './modules/applications/applications.routes.ts';
import { registerAccounts } from './modules/accounts/accounts.routes.ts';
import { registerGraduates } from './modules/graduates/graduates.module.ts';
import { registerAgreements } from './modules/agreements/agreements.module.ts';
import { registerOrganizations } from './modules/organizations/organizations.routes.ts';
import { registerJobs } from './modules/jobs/jobs.routes.ts';
import { registerJobfairs } from './modules/jobfairs/jobfairs.routes.ts';
import { registerNotifications } from './modules/notifications/notifications.module.ts';
import { registerChat } from './modules/chat/chat.module.ts';
import { registerInterviews } from './modules/interviews/interviews.module.ts';
import { registerFeedback } from './modules/feedback/feedback.routes.ts';
import { registerAdmin } from './modules/admin/admin.routes.ts';
import { registerPrivacy } from './modules/privacy/privacy.routes.ts';
import { registerDashboards } from './modules/dashboards/dashboards.routes.ts';

/** The one place that lists the domain modules. */
export async function registerModules(app: FastifyInstance, ctx: AppContext) {
  await registerAccounts(app, ctx);
  await registerOrganizations(app, ctx);
  await registerJobs(app, ctx);
  await registerJobfairs(app, ctx);
  await registerNotifications(app, ctx);
  await registerChat(app, ctx);
  await registerInterviews(app, ctx);
  await registerGraduates(app, ctx);
  await registerAgreements(app, ctx);
  await registerFeedback(app, ctx);
  await app.register(resumesRoutes(ctx));
  await app.register(talentPoolRoutes(ctx));
  await app.register(applicationsRoutes(ctx));
  await registerAdmin(app, ctx);
  await registerPrivacy(app, ctx);
  await registerDashboards(app, ctx);
}
