import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { retentionApi } from './api';
import type { RetentionSettingsBody } from './types';

export const retentionKeys = {
  settings: ['retention', 'settings'] as const,
  runs: ['retention', 'runs'] as const,
};

export function useRetentionSettings() {
  return useQuery({ queryKey: retentionKeys.settings, queryFn: retentionApi.settings });
}

export function useUpdateRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionSettingsBody) => retentionApi.update(body),
    onSuccess: (settings) => qc.setQueryData(retentionKeys.settings, settings),
  });
}

export function useRetentionDryRun() {
  return useMutation({ mutationFn: retentionApi.dryRun });
}

export function useRetentionRuns() {
  return useQuery({ queryKey: retentionKeys.runs, queryFn: retentionApi.runs });
}

export function useRunRetention() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: retentionApi.runNow, onSuccess: () => qc.invalidateQueries({ queryKey: retentionKeys.runs }) });
}

export function useEraseUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => retentionApi.erase(id, reason),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}
