import { useQuery } from '@tanstack/react-query';
import { openDataApi } from './api';

export const openDataKeys = { summary: ['open-data', 'summary'] as const };

export function useOpenDataSummary() {
  return useQuery({ queryKey: openDataKeys.summary, queryFn: openDataApi.summary });
}
