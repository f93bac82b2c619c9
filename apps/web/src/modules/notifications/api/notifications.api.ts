import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationList, Preferences } from '@hirehall/shared/notifications';
import { notificationSocketEvents } from '@hirehall/shared/notification-events';
import { api } from '../../../lib/api.ts';
import { useOnConnect, useSocketEvent } from './socket.ts';

const keys = {
  unread: ['notifications', 'unread'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', unreadOnly] as const,
  preferences: ['notifications', 'preferences'] as const,
};

/** The badge: fetched once, then kept live by the socket. */
export function useUnreadNotifications() {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: keys.unread,
    queryFn: () => api<{ unread: number }>('/api/notifications/unread-count'),
    select: (d) => d.unread,
  });
  useSocketEvent<{ notification: Notification; unread: number }>(
    notificationSocketEvents.created,
    (d) => {
      qc.setQueryData(keys.unread, { unread: d.unread });
      void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  );
  useSocketEvent<{ unread: number }>(notificationSocketEvents.unread, (d) => {
    qc.setQueryData(keys.unread, { unread: d.unread });
    void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
  });
  useOnConnect(() => void qc.invalidateQueries({ queryKey: ['notifications'] }));
  return query;
}

export function useNotifications(unreadOnly: boolean) {
  return useQuery({
    queryKey: keys.list(unreadOnly),
    queryFn: () =>
      api<NotificationList>('/api/notifications', {
        query: { unreadOnly: unreadOnly ? '1' : undefined, limit: 50 },
      }),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      api<{ unread: number }>('/api/notifications/read', { method: 'POST', body }),
    onSuccess: (d) => {
      qc.setQueryData(keys.unread, { unread: d.unread });
      void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: keys.preferences,
    queryFn: () => api<Preferences>('/api/notifications/preferences'),
  });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      api<Preferences>('/api/notifications/preferences', { method: 'PUT', body }),
    onSuccess: (d) => qc.setQueryData(keys.preferences, d),
  });
}
