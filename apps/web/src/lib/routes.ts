import type { RouteObject } from 'react-router';

/** Areas of the app; each has one layout and one guard, composed in `app/router.tsx`. */
export type Area = 'public' | 'seeker' | 'employer' | 'school' | 'institution' | 'admin';

/**
 * What a module contributes to the router: route objects per area, with paths relative to
 * the area's base (`/employer`, `/school`, …; `public` routes are absolute). Pages are
 * `React.lazy` imports, so each module is its own chunk.
 */
export type ModuleRoutes = Partial<Record<Area, RouteObject[]>>;
