import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsApi } from './api';
import type { PreferenceItem } from './types';

export const preferencesKey = ['notification-preferences'] as const;

export function useNotificationPreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: settingsApi.preferences });
}

export function useSaveNotificationPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: PreferenceItem[]) => settingsApi.savePreferences(items),
    onSuccess: (answer) => qc.setQueryData(preferencesKey, answer),
  });
}
