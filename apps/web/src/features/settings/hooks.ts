import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Delivery } from '../../api/types';
import { settingsApi } from './api';

export const preferencesKey = ['notification-preferences'] as const;

export function useNotificationPreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: settingsApi.preferences });
}

export function useSaveNotificationPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: { kind: string; delivery: Delivery }[]) => settingsApi.savePreferences(items),
    onSuccess: (answer) => qc.setQueryData(preferencesKey, answer),
  });
}
