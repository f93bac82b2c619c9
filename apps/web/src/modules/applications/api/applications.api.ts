import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationDetail,
  ApplicationFair,
  ApplicationMark,
  ApplyInput,
  ApplyResult,
  CandidateSummary,
  EmployerApplicationsQuery,
  MyApplication,
  PostingApplicationCount,
  Quota,
} from '@hirehall/shared/applications';
import { api } from '../../../lib/api.ts';

export const applicationKeys = {
  all: ['applications'] as const,
  mine: (scope: 'current' | 'history') => ['applications', 'mine', scope] as const,
  forJob: (jobId: string) => ['applications', 'for-job', jobId] as const,
  fairs: ['applications', 'fairs'] as const,
  postings: (fairId?: string) => ['applications', 'postings', fairId ?? ''] as const,
  candidates: (q: Partial<EmployerApplicationsQuery>) => ['applications', 'candidates', q] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
};

export function useMyApplications(scope: 'current' | 'history') {
  return useQuery({
    queryKey: applicationKeys.mine(scope),
    queryFn: () =>
      api<{ items: MyApplication[]; quota: Quota }>('/api/applications', { query: { scope } }),
  });
}

export function useApplicationForJob(jobId: string, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.forJob(jobId),
    queryFn: () =>
      api<{ application: MyApplication | null; quota: Quota }>(
        `/api/applications/for-job/${jobId}`,
      ),
    enabled,
  });
}

export function useApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApplyInput) =>
      api<ApplyResult>('/api/applications', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

export function useWithdraw() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ application: MyApplication; quota: Quota }>(`/api/applications/${id}/withdraw`, {
        method: 'POST',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

export function usePostingCounts(fairId?: string) {
  return useQuery({
    queryKey: applicationKeys.postings(fairId),
    queryFn: () =>
      api<PostingApplicationCount[]>('/api/employer/applications/postings', {
        query: { fairId },
      }),
  });
}

/** Fairs to narrow the employer's applications to (approved there, or applied to from it). */
export function useApplicationFairs() {
  return useQuery({
    queryKey: applicationKeys.fairs,
    queryFn: () => api<ApplicationFair[]>('/api/employer/applications/fairs'),
  });
}

export function useCandidates(query: Partial<EmployerApplicationsQuery>) {
  return useQuery({
    queryKey: applicationKeys.candidates(query),
    queryFn: () =>
      api<{ items: CandidateSummary[]; total: number; page: number; pageSize: number }>(
        '/api/employer/applications',
        { query: query as Record<string, string | number | undefined> },
      ),
  });
}

export function useApplicationDetail(id: string) {
  return useQuery({
    queryKey: applicationKeys.detail(id),
    queryFn: () => api<ApplicationDetail>(`/api/employer/applications/${id}`),
  });
}

export function useMark() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      mark,
      notifySeeker,
    }: {
      id: string;
      mark: ApplicationMark | null;
      /** 通知求职者 */
      notifySeeker?: boolean;
    }) =>
      api<CandidateSummary>(`/api/employer/applications/${id}/mark`, {
        method: 'PUT',
        body: { mark, notifySeeker },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}
