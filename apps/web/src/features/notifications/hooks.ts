import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/hooks';
import { notificationsApi } from './api';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unread: boolean, page: number) => ['notifications', 'list', { unread, page }] as const,
  unread: ['notifications', 'unread'] as const,
};

export const NOTIFICATIONS_PAGE_SIZE = 20;

export function useNotifications(unread: boolean, page: number) {
  return useQuery({
    queryKey: notificationKeys.list(unread, page),
    queryFn: () => notificationsApi.list({ unread, page, pageSize: NOTIFICATIONS_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

/** Unread notifications (first page) and their count, refreshed every minute. */
export function useUnreadNotifications() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => notificationsApi.list({ unread: true, page: 1 }),
    enabled: !!me,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: notificationsApi.markRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: notificationsApi.markAllRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
