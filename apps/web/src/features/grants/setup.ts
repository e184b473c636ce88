/**
 * From award to grant: the organisation's budget revision to a lowered award (checked by the server as it is
 * typed), the Secretariat's awards waiting for a grant, the revision's acceptance and the agreement's draw-up.
 */
import { useQuery } from '@tanstack/react-query';
import { api, data, type RequestBodyOf, type Schemas } from '../../api/client';
import type { ReviseBudgetBody } from './types';

export type PendingAward = Schemas['PendingAwardResponseDto'];
export type BudgetRevisionCheck = Schemas['BudgetRevisionCheckResponseDto'];
export type DrawUpBody = RequestBodyOf<'/api/awards/{id}/grant', 'post'>;

const byId = (id: string) => ({ params: { path: { id } } });

export const setupApi = {
  pendingAwards: () => data(api.GET('/api/grants/pending-awards')),
  checkRevision: (awardId: string, body: ReviseBudgetBody) => data(api.POST('/api/awards/{id}/budget-revision/check', { ...byId(awardId), body })),
  acceptRevision: (awardId: string) => data(api.POST('/api/awards/{id}/budget-revision/accept', byId(awardId))),
  drawUp: (awardId: string, body: DrawUpBody) => data(api.POST('/api/awards/{id}/grant', { ...byId(awardId), body })),
};

export const setupKeys = {
  pending: ['grants', 'pending-awards'] as const,
};

export function usePendingAwards(enabled = true) {
  return useQuery({ queryKey: setupKeys.pending, queryFn: () => setupApi.pendingAwards(), enabled });
}
