import { useQuery, useQueryClient } from '@tanstack/react-query';
import { callSocketEvents as ev } from '@hirehall/shared/interview-events';
import type { AgendaItem, HallQueue, Interview, QueuePosition } from '@hirehall/shared/interviews';
import { api, ApiError } from '../../../lib/api.ts';
import { getSocket, useOnConnect, useSocketEvent } from '../../notifications/api/socket.ts';

export const interviewKeys = {
  all: ['interviews'] as const,
  hall: ['interviews', 'hall'] as const,
  list: (applicationId?: string) => ['interviews', 'list', applicationId ?? ''] as const,
  mine: ['interviews', 'mine'] as const,
  queue: (id: string) => ['interviews', 'queue', id] as const,
};

/** Today's queue; presence is read by the server from the realtime hub, refreshed often. */
export function useHallQueue() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: interviewKeys.hall,
    queryFn: () => api<HallQueue>('/api/interviews/hall'),
    refetchInterval: 3000,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: interviewKeys.hall });
  useSocketEvent(ev.status, refresh);
  useSocketEvent('presence:changed', refresh);
  useOnConnect(refresh);
  return query;
}

export function useEmployerInterviews(applicationId?: string) {
  return useQuery({
    queryKey: interviewKeys.list(applicationId),
    queryFn: () => api<{ items: Interview[] }>('/api/interviews', { query: { applicationId } }),
  });
}

export function useAgenda() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: interviewKeys.mine,
    queryFn: () => api<{ items: AgendaItem[] }>('/api/interviews/mine'),
  });
  useSocketEvent('notification:created', () => {
    void qc.invalidateQueries({ queryKey: interviewKeys.mine });
  });
  return query;
}

export function useQueuePosition(id: string | null) {
  return useQuery({
    queryKey: interviewKeys.queue(id ?? ''),
    queryFn: () => api<QueuePosition>(`/api/interviews/${id}/queue`),
    enabled: !!id,
    refetchInterval: 5000,
  });
}

export function interviewAction<T = Interview>(id: string, action: string, body: unknown = {}) {
  return api<T>(`/api/interviews/${id}/${action}`, { method: 'POST', body });
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A socket request with an acknowledgement; a refusal becomes an ApiError. */
export function emitCall<T>(event: string, payload: unknown): Promise<T> {
  return getSocket()
    .timeout(10_000)
    .emitWithAck(event, payload)
    .then((answer: Answer<T>) => {
      if (answer.ok) return answer.data;
      throw new ApiError(answer.error.code, answer.error.message, 409);
    });
}
