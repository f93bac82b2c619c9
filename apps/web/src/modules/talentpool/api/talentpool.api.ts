import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MyCard,
  PointsLedger,
  PoolPage,
  PoolQuery,
  RevealResult,
  TalentCard,
  ViewRecordPage,
} from '@hirehall/shared/talentpool';
import { api } from '../../../lib/api.ts';

export const poolKeys = {
  myCard: ['talent-card'] as const,
  pool: (q: Partial<PoolQuery>) => ['talent-pool', q] as const,
  card: (id: string) => ['talent-pool', 'card', id] as const,
  views: (page: number) => ['talent-pool', 'views', page] as const,
  points: ['points'] as const,
  ledgerPage: (before?: number) => ['points', 'page', before ?? 0] as const,
  shared: (token: string) => ['shared-card', token] as const,
};

export const useMyCard = () =>
  useQuery({ queryKey: poolKeys.myCard, queryFn: () => api<MyCard>('/api/talent-card') });

export function useMoveCard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (event: 'push' | 'withdraw') =>
      api<MyCard>(`/api/talent-card/${event}`, { method: 'POST' }),
    onSuccess: (data) => qc.setQueryData(poolKeys.myCard, data),
  });
}

export function useShareCard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (showContact: boolean) =>
      api<{ token: string; showContact: boolean }>('/api/talent-card/shares', {
        method: 'POST',
        body: { showContact },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: poolKeys.myCard }),
  });
}

export function useRevokeShare() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      api<void>(`/api/talent-card/shares/${token}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: poolKeys.myCard }),
  });
}

export const useSharedCard = (token: string) =>
  useQuery({
    queryKey: poolKeys.shared(token),
    queryFn: () => api<TalentCard>(`/api/public/cards/${token}`),
  });

export const usePool = (query: Partial<PoolQuery>) =>
  useQuery({
    queryKey: poolKeys.pool(query),
    queryFn: () =>
      api<PoolPage>('/api/talent-pool', {
        query: query as Record<string, string | number | undefined>,
      }),
  });

export const usePoolCard = (id: string | null) =>
  useQuery({
    queryKey: poolKeys.card(id ?? ''),
    queryFn: () => api<PoolPage['items'][number]>(`/api/talent-pool/${id}`),
    enabled: Boolean(id),
  });

export function useReveal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<RevealResult>(`/api/talent-pool/${id}/reveal`, { method: 'POST' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['talent-pool'] });
      void qc.invalidateQueries({ queryKey: poolKeys.points });
    },
  });
}

export const useViewRecords = (page: number, pageSize = 20) =>
  useQuery({
    queryKey: poolKeys.views(page),
    queryFn: () => api<ViewRecordPage>('/api/talent-pool/views', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });

/** One page of the points ledger: the newest entries, or those older than `before`. */
export const useLedgerPage = (before?: number) =>
  useQuery({
    queryKey: poolKeys.ledgerPage(before),
    queryFn: () => api<PointsLedger>('/api/points', { query: { before, limit: 20 } }),
    placeholderData: keepPreviousData,
  });

export const usePoints = () =>
  useQuery({ queryKey: poolKeys.points, queryFn: () => api<PointsLedger>('/api/points') });
