import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { grantsApi } from '../grants/api';
import { actionPointsApi, type ActionPoint, type ActionPointListQuery, type PriorityQuery, type ReopenActionPointBody } from './action-points-api';

export const actionPointKeys = {
  all: ['actionPoints'] as const,
  list: (q: ActionPointListQuery) => ['actionPoints', 'list', q] as const,
  one: (id: string) => ['actionPoints', id] as const,
  priority: (q: PriorityQuery) => ['monitoring', 'priority', q] as const,
};

export function useActionPoints(query: ActionPointListQuery, enabled = true) {
  return useQuery({ queryKey: actionPointKeys.list(query), queryFn: () => actionPointsApi.list(query), placeholderData: keepPreviousData, enabled });
}

export function useActionPoint(id: string | undefined) {
  return useQuery({ queryKey: actionPointKeys.one(id ?? ''), queryFn: () => actionPointsApi.get(id as string), enabled: !!id });
}

export function useMonitoringPriority(query: PriorityQuery) {
  return useQuery({ queryKey: actionPointKeys.priority(query), queryFn: () => actionPointsApi.priority(query), placeholderData: keepPreviousData });
}

/** After a change to an action point: its answer in the cache; the lists, the visit that holds it, the home page and the priority are stale. */
function useActionPointUpdater() {
  const qc = useQueryClient();
  return (point: ActionPoint) => {
    qc.setQueryData(actionPointKeys.one(point.id), point);
    void qc.invalidateQueries({ queryKey: ['actionPoints', 'list'] });
    void qc.invalidateQueries({ queryKey: ['visits', point.visitId] });
    void qc.invalidateQueries({ queryKey: ['home'] });
    void qc.invalidateQueries({ queryKey: ['monitoring'] });
  };
}

/** The owner's answer: the evidence files are uploaded to the grant's documents first (POST /api/grants/:id/documents), then the answer names them. */
export function useAnswerActionPoint(point: ActionPoint) {
  const updated = useActionPointUpdater();
  return useMutation({
    mutationFn: async ({ answer, files }: { answer: string; files: File[] }) => {
      const evidenceFileIds: string[] = [];
      for (const file of files) evidenceFileIds.push((await grantsApi.uploadDocument(point.grantId, file)).id);
      return actionPointsApi.answer(point.id, { version: point.version, ...(answer.trim() ? { answer: answer.trim() } : {}), ...(evidenceFileIds.length ? { evidenceFileIds } : {}) });
    },
    onSuccess: updated,
  });
}

export function useCloseActionPoint(point: ActionPoint) {
  const updated = useActionPointUpdater();
  return useMutation({ mutationFn: () => actionPointsApi.close(point.id, point.version), onSuccess: updated });
}

export function useReopenActionPoint(point: ActionPoint) {
  const updated = useActionPointUpdater();
  return useMutation({ mutationFn: (reason: string) => actionPointsApi.reopen(point.id, { version: point.version, reason } satisfies ReopenActionPointBody), onSuccess: updated });
}
