import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reportsApi } from './api';
import type { CommentConfirmation, PrivacyConfirmation, Report, ReportListQuery, ReviewComment } from './types';

export type * from './types';

export const reportKeys = {
  all: ['reports'] as const,
  list: (q: ReportListQuery) => ['reports', 'list', q] as const,
  one: (id: string) => ['reports', id] as const,
  ofGrant: (grantId: string) => ['reports', 'grant', grantId] as const,
  compare: (id: string, from: number, to: number) => ['reports', id, 'compare', from, to] as const,
};

export function useReports(query: ReportListQuery) {
  return useQuery({ queryKey: reportKeys.list(query), queryFn: () => reportsApi.list(query), placeholderData: keepPreviousData });
}

export function useGrantReports(grantId: string | undefined) {
  return useQuery({ queryKey: reportKeys.ofGrant(grantId ?? ''), queryFn: () => reportsApi.ofGrant(grantId as string), enabled: !!grantId });
}

export function useReport(id: string | undefined) {
  return useQuery({ queryKey: reportKeys.one(id ?? ''), queryFn: () => reportsApi.get(id as string), enabled: !!id });
}

export function useReportVersion(id: string, version: number | null) {
  return useQuery({ queryKey: ['reports', id, 'version', version ?? 0] as const, queryFn: () => reportsApi.version(id, version as number), enabled: !!id && version !== null });
}

export function useReportCompare(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: reportKeys.compare(id, from ?? 0, to ?? 0),
    queryFn: () => reportsApi.compare(id, from as number, to as number),
    enabled: from !== null && to !== null && from !== to,
  });
}

/** After a change to a report: its answer in the cache; the lists (and the home page's to-dos) are stale. */
export function useReportUpdater() {
  const qc = useQueryClient();
  return (report: Report) => {
    qc.setQueryData(reportKeys.one(report.id), report);
    void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
    void qc.invalidateQueries({ queryKey: reportKeys.ofGrant(report.grantId) });
    void qc.invalidateQueries({ queryKey: ['home'] });
  };
}

export function useSubmitReport(id: string) {
  const updated = useReportUpdater();
  return useMutation({ mutationFn: ({ version, confirmations }: { version: number; confirmations: PrivacyConfirmation[] }) => reportsApi.submit(id, version, confirmations), onSuccess: updated });
}

export function useAcceptReport(id: string) {
  const updated = useReportUpdater();
  return useMutation({ mutationFn: (version: number) => reportsApi.accept(id, version), onSuccess: updated });
}

export function useReturnReport(id: string) {
  const updated = useReportUpdater();
  return useMutation({ mutationFn: ({ version, comments, confirmations }: { version: number; comments: ReviewComment[]; confirmations?: CommentConfirmation[] }) => reportsApi.return(id, version, comments, confirmations), onSuccess: updated });
}

export function useCommentReport(id: string) {
  const updated = useReportUpdater();
  return useMutation({ mutationFn: ({ text, section, confirmations }: { text: string; section?: string | null; confirmations?: CommentConfirmation[] }) => reportsApi.comment(id, text, section, confirmations), onSuccess: updated });
}

export function useRequestExtension(id: string) {
  const updated = useReportUpdater();
  return useMutation({ mutationFn: ({ requestedDueDate, reason }: { requestedDueDate: string; reason: string }) => reportsApi.requestExtension(id, requestedDueDate, reason), onSuccess: updated });
}

export function useDecideExtension(id: string) {
  const updated = useReportUpdater();
  return useMutation({
    mutationFn: ({ requestId, decision, note }: { requestId: string; decision: 'granted' | 'refused'; note?: string | null }) => reportsApi.decideExtension(id, requestId, decision, note),
    onSuccess: updated,
  });
}
