import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { evaluationAdminApi } from './api';
import type { EvaluationOverview, RankingData } from './types';

export const evaluationAdminKeys = {
  overview: (callId: string) => ['evaluationAdmin', callId] as const,
  /** All rankings of a call (the call's envelope and every what-if). */
  rankings: (callId: string) => ['ranking', callId] as const,
  ranking: (callId: string, envelopeCents: number | null) => ['ranking', callId, envelopeCents] as const,
};

export function useEvaluationOverview(callId: string | undefined) {
  return useQuery({ queryKey: evaluationAdminKeys.overview(callId ?? ''), queryFn: () => evaluationAdminApi.overview(callId as string), enabled: !!callId });
}

/** Put a fresh overview in the cache; what changes assignments also changes the ranking. */
export function useOverviewUpdater(callId: string) {
  const qc = useQueryClient();
  return (overview?: EvaluationOverview) => {
    if (overview) qc.setQueryData(evaluationAdminKeys.overview(callId), overview);
    else void qc.invalidateQueries({ queryKey: evaluationAdminKeys.overview(callId) });
    void qc.invalidateQueries({ queryKey: evaluationAdminKeys.rankings(callId) });
  };
}

/** The ranking with the call's envelope (null) or a what-if envelope. */
export function useRanking(callId: string | undefined, envelopeCents: number | null = null) {
  return useQuery({
    queryKey: evaluationAdminKeys.ranking(callId ?? '', envelopeCents),
    queryFn: () => evaluationAdminApi.ranking(callId as string, envelopeCents),
    enabled: !!callId,
    placeholderData: envelopeCents === null ? undefined : keepPreviousData,
  });
}

/** After a decision or a decline: the answer is the ranking with the call's envelope; every what-if is stale. */
export function useRankingUpdater(callId: string) {
  const qc = useQueryClient();
  return (data?: RankingData) => {
    if (data) qc.setQueryData(evaluationAdminKeys.ranking(callId, null), data);
    void qc.invalidateQueries({ queryKey: evaluationAdminKeys.rankings(callId), predicate: (q) => !data || q.queryKey[2] !== null });
    void qc.invalidateQueries({ queryKey: evaluationAdminKeys.overview(callId) });
    void qc.invalidateQueries({ queryKey: ['calls', callId] });
  };
}
