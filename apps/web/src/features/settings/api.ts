import { http } from '../../api/http';
import type { Delivery, NotificationPreference } from '../../api/types';

export const settingsApi = {
  preferences: () => http.get<{ items: NotificationPreference[] }>('/api/users/me/notification-preferences'),
  savePreferences: (items: { kind: string; delivery: Delivery }[]) =>
    http.put<{ items: NotificationPreference[] }>('/api/users/me/notification-preferences', { items }),
};
