import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, downloadUrl, type RequestBodyOf, type Schemas } from '../../../api/client';

/** The expenditure reports API (apps/api/src/modules/grants/expenditure-reports.controller.ts). */
export type GrantExpenditure = Schemas['GrantExpenditureResponseDto'];
export type ExpenditureReport = Schemas['ExpenditureReportResponseDto'];
export type ExpenditureLineView = Schemas['ExpenditureStatementLineResponseDto'];
export type ExpenditureProblem = Schemas['ExpenditureProblemResponseDto'];
export type SaveExpenditureBody = RequestBodyOf<'/api/expenditure-reports/{id}', 'put'>;
export type ReviewExpenditureBody = RequestBodyOf<'/api/expenditure-reports/{id}/review', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const expenditureApi = {
  overview: (grantId: string) => data(api.GET('/api/grants/{id}/expenditure', byId(grantId))),
  create: (grantId: string, periodEnd?: string) => data(api.POST('/api/grants/{id}/expenditure-reports', { ...byId(grantId), body: periodEnd ? { periodEnd } : {} })),
  get: (id: string) => data(api.GET('/api/expenditure-reports/{id}', byId(id))),
  save: (id: string, body: SaveExpenditureBody) => data(api.PUT('/api/expenditure-reports/{id}', { ...byId(id), body })),
  submit: (id: string, version: number) => data(api.POST('/api/expenditure-reports/{id}/submit', { ...byId(id), body: { version } })),
  review: (id: string, body: ReviewExpenditureBody) => data(api.POST('/api/expenditure-reports/{id}/review', { ...byId(id), body })),
  fileUrl: (id: string, fileId: string) => downloadUrl('/api/expenditure-reports/{id}/files/{fileId}', { id, fileId }),
};

export const expenditureKeys = {
  overview: (grantId: string) => ['grants', grantId, 'expenditure'] as const,
  report: (id: string) => ['expenditure-reports', id] as const,
};

export function useGrantExpenditure(grantId: string, enabled = true) {
  return useQuery({ queryKey: expenditureKeys.overview(grantId), queryFn: () => expenditureApi.overview(grantId), enabled });
}

export function useExpenditureReport(id: string | undefined) {
  return useQuery({ queryKey: expenditureKeys.report(id ?? ''), queryFn: () => expenditureApi.get(id as string), enabled: !!id });
}

/** After a change to a report: its answer in the cache; its grant's statement, page and the home to-dos are stale. */
export function useExpenditureUpdater() {
  const qc = useQueryClient();
  return (report: ExpenditureReport) => {
    qc.setQueryData(expenditureKeys.report(report.id), report);
    void qc.invalidateQueries({ queryKey: ['grants', report.grantId] });
    void qc.invalidateQueries({ queryKey: ['home'] });
  };
}
