import { lazy } from 'react';
import type { ModuleRoutes } from '../../lib/routes.ts';
import { ServerRenderedPage } from '../../components/ServerRenderedPage.tsx';

const JobSearchPage = lazy(() => import('./pages/JobSearchPage.tsx'));
const JobDetailPage = lazy(() => import('./pages/JobDetailPage.tsx'));
const FavoritesPage = lazy(() => import('./pages/FavoritesPage.tsx'));
const OwnJobsPage = lazy(() => import('./pages/OwnJobsPage.tsx'));
const JobEditPage = lazy(() => import('./pages/JobEditPage.tsx'));
const JobReviewPage = lazy(() => import('./pages/JobReviewPage.tsx'));
const BannersPage = lazy(() => import('./pages/BannersPage.tsx'));

const ownJobs = [
  { path: 'jobs', element: <OwnJobsPage /> },
  { path: 'jobs/:id', element: <JobEditPage /> },
];

export const jobsRoutes: ModuleRoutes = {
  public: [
    // the public search is a server-rendered page (ARCHITECTURE.md); signed-in seekers use theirs
    { path: '/jobs', element: <ServerRenderedPage /> },
    { path: '/jobs/:id', element: <JobDetailPage /> },
  ],
  seeker: [
    { path: 'jobs', element: <JobSearchPage /> },
    { path: 'jobs/:id', element: <JobDetailPage /> },
    { path: 'favorites', element: <FavoritesPage /> },
  ],
  employer: ownJobs,
  institution: ownJobs,
  school: [{ path: 'job-reviews', element: <JobReviewPage /> }],
  admin: [
    { path: 'job-reviews', element: <JobReviewPage /> },
    { path: 'banners', element: <BannersPage /> },
  ],
};
