import type {
  Banner,
  Favorite,
  JobDetail,
  JobFields,
  JobSearchQuery,
  JobSearchResult,
  OwnJob,
} from '@hirehall/shared/jobs';
import { api } from '../../../lib/api.ts';

export const jobKeys = {
  search: (q: Partial<JobSearchQuery>) => ['jobs', 'search', q] as const,
  detail: (id: string) => ['jobs', 'detail', id] as const,
  own: ['jobs', 'own'] as const,
  ownOne: (id: string) => ['jobs', 'own', id] as const,
  favorites: ['jobs', 'favorites'] as const,
  banners: ['jobs', 'banners'] as const,
  adminBanners: ['jobs', 'admin-banners'] as const,
  reviews: ['jobs', 'reviews'] as const,
};

export type ReviewItem = OwnJob & { organizationName: string };

export const searchJobs = (q: Partial<JobSearchQuery>) =>
  api<JobSearchResult>('/api/public/jobs', { query: q as Record<string, string | number> });
export const fetchJob = (id: string) => api<JobDetail>(`/api/public/jobs/${id}`);
export const fetchBanners = () => api<Banner[]>('/api/public/banners');

export const fetchOwnJobs = () => api<OwnJob[]>('/api/org/jobs');
export const fetchOwnJob = (id: string) => api<OwnJob>(`/api/org/jobs/${id}`);
export const createJob = (fields: JobFields) =>
  api<OwnJob>('/api/org/jobs', { method: 'POST', body: fields });
export const saveJob = (id: string, body: JobFields & { version: number }) =>
  api<OwnJob>(`/api/org/jobs/${id}`, { method: 'PATCH', body });
export const jobAction = (id: string, action: 'publish' | 'pause' | 'resume' | 'close') =>
  api<OwnJob>(`/api/org/jobs/${id}/${action}`, { method: 'POST' });
export const deleteJob = (id: string) => api<void>(`/api/org/jobs/${id}`, { method: 'DELETE' });

export const fetchFavorites = () => api<Favorite[]>('/api/seeker/favorites');
export const addFavorite = (jobId: string) =>
  api<Favorite[]>('/api/seeker/favorites', { method: 'POST', body: { jobId } });
export const removeFavorite = (jobId: string) =>
  api<Favorite[]>(`/api/seeker/favorites/${jobId}`, { method: 'DELETE' });

export const fetchReviewQueue = () => api<ReviewItem[]>('/api/review/jobs');
export const approveJob = (id: string) =>
  api<OwnJob>(`/api/review/jobs/${id}/approve`, { method: 'POST', body: {} });
export const returnJob = (id: string, reason: string) =>
  api<OwnJob>(`/api/review/jobs/${id}/return`, { method: 'POST', body: { reason } });

export const fetchAdminBanners = () => api<Banner[]>('/api/admin/banners');
export type BannerInput = Omit<Banner, 'id'>;
export const createBanner = (b: BannerInput) =>
  api<Banner>('/api/admin/banners', { method: 'POST', body: b });
export const updateBanner = (id: string, b: BannerInput) =>
  api<Banner>(`/api/admin/banners/${id}`, { method: 'PUT', body: b });
export const deleteBanner = (id: string) =>
  api<void>(`/api/admin/banners/${id}`, { method: 'DELETE' });
