import { api, data } from '../../api/client';
import type { PreferenceItem } from './types';

export const settingsApi = {
  preferences: () => data(api.GET('/api/users/me/notification-preferences')),
  savePreferences: (items: PreferenceItem[]) => data(api.PUT('/api/users/me/notification-preferences', { body: { items } })),
};
