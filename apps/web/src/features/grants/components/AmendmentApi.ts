import { useQuery } from '@tanstack/react-query';
import { api, data, type RequestBodyOf, type Schemas } from '../../../api/client';

/** The amendments and versions API (apps/api/src/modules/grants/amendments.controller.ts and the decision route). */
export type AmendmentRequestBody = RequestBodyOf<'/api/grants/{id}/amendments', 'post'>;
export type AmendmentContext = Schemas['AmendmentContextResponseDto'];
export type GrantVersionSummary = Schemas['GrantVersionSummaryResponseDto'];
export type GrantVersionDetail = Schemas['GrantVersionDetailResponseDto'];
export type GrantVersionDiff = Schemas['GrantVersionDiffResponseDto'];

const byId = (id: string) => ({ params: { path: { id } } });

export const amendmentsApi = {
  context: (grantId: string) => data(api.GET('/api/grants/{id}/amendments/context', byId(grantId))),
  request: (grantId: string, body: AmendmentRequestBody) => data(api.POST('/api/grants/{id}/amendments', { ...byId(grantId), body })),
  decide: (amendmentId: string, decision: 'approved' | 'rejected', reason?: string) =>
    data(api.POST('/api/grant-amendments/{id}/decision', { ...byId(amendmentId), body: { decision, ...(reason?.trim() ? { reason: reason.trim() } : {}) } })),
  versions: (grantId: string) => data(api.GET('/api/grants/{id}/versions', byId(grantId))),
  version: (grantId: string, version: number) => data(api.GET('/api/grants/{id}/versions/{version}', { params: { path: { id: grantId, version } } })),
  compare: (grantId: string, from: number, to: number) => data(api.GET('/api/grants/{id}/versions/compare', { params: { path: { id: grantId }, query: { from, to } } })),
};

export const amendmentKeys = {
  context: (grantId: string) => ['grants', grantId, 'amendment-context'] as const,
  versions: (grantId: string) => ['grants', grantId, 'versions'] as const,
  compare: (grantId: string, from: number, to: number) => ['grants', grantId, 'compare', from, to] as const,
};

export function useAmendmentContext(grantId: string, enabled = true) {
  return useQuery({ queryKey: amendmentKeys.context(grantId), queryFn: () => amendmentsApi.context(grantId), enabled });
}

export function useGrantVersions(grantId: string) {
  return useQuery({ queryKey: amendmentKeys.versions(grantId), queryFn: () => amendmentsApi.versions(grantId) });
}

export function useVersionCompare(grantId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: amendmentKeys.compare(grantId, from ?? 0, to ?? 0),
    queryFn: () => amendmentsApi.compare(grantId, from!, to!),
    enabled: from !== null && to !== null && from !== to,
  });
}
