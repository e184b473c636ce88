import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { strategyReportsApi, type CreateStrategyReport, type StrategyNarrative, type StrategyReport } from './api';

export const strategyReportKeys = {
  list: ['strategy-reports'] as const,
  one: (id: string) => ['strategy-reports', id] as const,
};

export function useStrategyReports() {
  return useQuery({ queryKey: strategyReportKeys.list, queryFn: strategyReportsApi.list });
}

export function useStrategyReport(id: string) {
  return useQuery({ queryKey: strategyReportKeys.one(id), queryFn: () => strategyReportsApi.get(id) });
}

/** After a change: the report as the API answered it, and the list refetched. */
function useSettle() {
  const qc = useQueryClient();
  return (r: StrategyReport) => {
    qc.setQueryData(strategyReportKeys.one(r.id), r);
    void qc.invalidateQueries({ queryKey: strategyReportKeys.list, exact: true });
  };
}

export function useCreateStrategyReport() {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: CreateStrategyReport) => strategyReportsApi.create(body), onSuccess: settle });
}

export function useSaveNarrative(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (v: { version: number; narrative: StrategyNarrative }) => strategyReportsApi.update(id, v.version, v.narrative), onSuccess: settle });
}

export function useRedraft(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (version: number) => strategyReportsApi.redraft(id, version), onSuccess: settle });
}

export function useIssue(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (version: number) => strategyReportsApi.issue(id, version), onSuccess: settle });
}
