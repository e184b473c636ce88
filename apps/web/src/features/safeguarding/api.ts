import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type RequestBodyOf, type Schemas } from '../../api/client';

export type SafeguardingReceipt = Schemas['SafeguardingReceiptDto'];
export type SafeguardingFollowUp = Schemas['SafeguardingFollowUpViewDto'];
export type SafeguardingList = Schemas['SafeguardingReportListDto'];
export type SafeguardingReport = Schemas['SafeguardingReportDetailDto'];
export type NewSafeguardingReport = RequestBodyOf<'/api/safeguarding/reports', 'post'>;
export type SafeguardingStatusChange = RequestBodyOf<'/api/safeguarding/reports/{id}/status', 'post'>;

/** The confidential safeguarding channel (apps/api/src/modules/safeguarding). */
export const safeguardingApi = {
  report: (body: NewSafeguardingReport) => data(api.POST('/api/safeguarding/reports', { body })),
  followUp: (code: string) => data(api.POST('/api/safeguarding/follow-up', { body: { code } })),
  reply: (code: string, body: string) => data(api.POST('/api/safeguarding/follow-up/messages', { body: { code, body } })),
  list: () => data(api.GET('/api/safeguarding/reports')),
  get: (id: string) => data(api.GET('/api/safeguarding/reports/{id}', { params: { path: { id } } })),
  message: (id: string, body: string) => data(api.POST('/api/safeguarding/reports/{id}/messages', { params: { path: { id } }, body: { body } })),
  status: (id: string, body: SafeguardingStatusChange) => data(api.POST('/api/safeguarding/reports/{id}/status', { params: { path: { id } }, body })),
};

export const safeguardingKeys = { list: ['safeguarding'] as const, one: (id: string) => ['safeguarding', id] as const };

export const useSafeguardingReports = (enabled = true) => useQuery({ queryKey: safeguardingKeys.list, queryFn: safeguardingApi.list, enabled });
export const useSafeguardingReport = (id: string) => useQuery({ queryKey: safeguardingKeys.one(id), queryFn: () => safeguardingApi.get(id), staleTime: Infinity });

function useSettle() {
  const qc = useQueryClient();
  return (r: SafeguardingReport) => {
    qc.setQueryData(safeguardingKeys.one(r.id), r);
    void qc.invalidateQueries({ queryKey: safeguardingKeys.list, exact: true });
  };
}

export function useSafeguardingMessage(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: string) => safeguardingApi.message(id, body), onSuccess: settle });
}

export function useSafeguardingStatus(id: string) {
  const settle = useSettle();
  return useMutation({ mutationFn: (body: SafeguardingStatusChange) => safeguardingApi.status(id, body), onSuccess: settle });
}
