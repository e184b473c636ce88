import { api, data } from '../../api/client';
import type { NotificationQuery } from './types';

export const notificationsApi = {
  list: (params: { unread?: boolean; page?: number; pageSize?: number }) => {
    // the filter travels as text; without it the API lists read and unread alike
    const query: NotificationQuery = { unread: params.unread ? 'true' : undefined, page: params.page ?? 1, pageSize: params.pageSize };
    return data(api.GET('/api/notifications', { params: { query } }));
  },
  markRead: (id: string) => data(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
  markAllRead: () => data(api.POST('/api/notifications/read-all')),
};
