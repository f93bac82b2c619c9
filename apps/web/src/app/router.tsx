import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageLoading } from '../components/feedback.tsx';
import type { Area, ModuleRoutes } from '../lib/routes.ts';
import type { Role } from '../modules/accounts/api/accounts.api.ts';
import { accountsRoutes } from '../modules/accounts/routes.tsx';
import { agreementsRoutes } from '../modules/agreements/routes.tsx';
import { graduatesRoutes } from '../modules/graduates/routes.tsx';
import { organizationsRoutes } from '../modules/organizations/routes.tsx';
import { dashboardRoutes } from '../modules/dashboard/routes.tsx';
import { adminRoutes } from '../modules/admin/routes.tsx';
import { chatRoutes } from '../modules/chat/routes.tsx';
import { notificationsRoutes } from '../modules/notifications/routes.tsx';
import { jobsRoutes } from '../modules/jobs/routes.tsx';
import { jobfairsRoutes } from '../modules/jobfairs/routes.tsx';
import { interviewsRoutes } from '../modules/interviews/routes.tsx';
import { feedbackRoutes } from '../modules/feedback/routes.tsx';
import { adminConsoleRoutes } from '../modules/admin-console/routes.tsx';
import { privacyRoutes } from '../modules/privacy/routes.tsx';
import { dashboardsRoutes } from '../modules/dashboards/routes.tsx';
import { resumesRoutes } from '../modules/resumes/routes.tsx';
import { talentpoolRoutes } from '../modules/talentpool/routes.tsx';
import { applicationsRoutes } from '../modules/applications/routes.tsx';
import { RequireRole } from './RequireRole.tsx';
import { RouteError } from './RouteError.tsx';
import { PublicLayout } from './layouts/PublicLayout.tsx';
import { NotFound } from './NotFound.tsx';

// The signed-in areas' layouts (menus, notification bell, chat badge, the socket.io client)
// are chunks of their own: the public job search and fair pages load none of them.
const SeekerLayout = lazy(() =>
  import('./layouts/SeekerLayout.tsx').then((m) => ({ default: m.SeekerLayout })),
);
const EmployerLayout = lazy(() =>
  import('./layouts/areas.tsx').then((m) => ({ default: m.EmployerLayout })),
);
const SchoolLayout = lazy(() =>
  import('./layouts/areas.tsx').then((m) => ({ default: m.SchoolLayout })),
);
const InstitutionLayout = lazy(() =>
  import('./layouts/areas.tsx').then((m) => ({ default: m.InstitutionLayout })),
);
const AdminLayout = lazy(() =>
  import('./layouts/areas.tsx').then((m) => ({ default: m.AdminLayout })),
);
// an area path no module serves: 即将上线 for a menu entry, else 404 (the menus and their icons
// are not part of every page's first load)
const AreaFallback = lazy(() => import('./AreaFallback.tsx'));

/**
 * Every module's routes, in one list. A new module (jobs, jobfairs, …) exports a
 * `ModuleRoutes` object from `modules/<name>/routes.tsx` and is added here; put it before
 * `dashboardRoutes` to replace one of its simple pages (first wins). Menu entries
 * (`navigation.tsx`) without a route show 即将上线 until a module provides them.
 */
const modules: ModuleRoutes[] = [
  accountsRoutes,
  agreementsRoutes,
  graduatesRoutes,
  organizationsRoutes,
  // before dashboard: chat provides the seeker's 消息 page
  chatRoutes,
  notificationsRoutes,
  jobsRoutes,
  jobfairsRoutes,
  interviewsRoutes,
  // before dashboard: the talent pool is the institution's landing page (seed 003)
  resumesRoutes,
  talentpoolRoutes,
  applicationsRoutes,
  // before dashboard: data overviews replace the simple home pages
  feedbackRoutes,
  adminConsoleRoutes,
  privacyRoutes,
  dashboardsRoutes,
  dashboardRoutes,
  adminRoutes,
];

interface AreaShell {
  area: Exclude<Area, 'public'>;
  base: string;
  roles: readonly Role[];
  layout: ReactNode;
}

const areas: AreaShell[] = [
  {
    area: 'seeker',
    base: '/seeker',
    roles: ['seeker'],
    layout: <SeekerLayout />,
  },
  {
    area: 'employer',
    base: '/employer',
    roles: ['employer'],
    layout: <EmployerLayout />,
  },
  {
    area: 'school',
    base: '/school',
    roles: ['school', 'college'],
    layout: <SchoolLayout />,
  },
  {
    area: 'institution',
    base: '/institution',
    roles: ['institution'],
    layout: <InstitutionLayout />,
  },
  { area: 'admin', base: '/admin', roles: ['admin'], layout: <AdminLayout /> },
];

/** When two modules serve the same path, the first in `modules` wins. */
function routesOf(area: Area): RouteObject[] {
  const byPath = new Map<string, RouteObject>();
  for (const route of modules.flatMap((module) => module[area] ?? [])) {
    const key = route.index ? '(index)' : (route.path ?? '');
    if (!byPath.has(key)) byPath.set(key, route);
  }
  return [...byPath.values()];
}

function areaRoute(shell: AreaShell): RouteObject {
  return {
    path: shell.base,
    element: (
      <RequireRole roles={shell.roles}>
        <Suspense fallback={<PageLoading />}>{shell.layout}</Suspense>
      </RequireRole>
    ),
    errorElement: <RouteError />,
    // the pathless child keeps the layout on screen when a page fails
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...routesOf(shell.area),
          { path: '*', element: <AreaFallback area={shell.area} /> },
        ],
      },
    ],
  };
}

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [...routesOf('public'), { path: '*', element: <NotFound /> }],
      },
    ],
  },
  ...areas.map(areaRoute),
]);
