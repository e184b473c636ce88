import { http } from '../../api/http';
import type { NotificationPage } from '../../api/types';

export const notificationsApi = {
  list: (params: { unread?: boolean; page?: number; pageSize?: number }) =>
    http.get<NotificationPage>('/api/notifications', {
      query: { unread: params.unread ? 'true' : undefined, page: params.page ?? 1, pageSize: params.pageSize },
    }),
  markRead: (id: string) => http.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => http.post<void>('/api/notifications/read-all'),
};
