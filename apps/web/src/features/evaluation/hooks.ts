import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/errors';
import { evaluationApi } from './api';
import type { Assignment } from './types';

export const evaluationKeys = {
  all: ['evaluations'] as const,
  calls: ['evaluations', 'calls'] as const,
  declaration: (callId: string) => ['evaluations', callId, 'declaration'] as const,
  assignments: (callId: string) => ['evaluations', callId, 'assignments'] as const,
  assignment: (id: string) => ['evaluations', 'assignment', id] as const,
};

export function useMyEvaluationCalls() {
  return useQuery({ queryKey: evaluationKeys.calls, queryFn: evaluationApi.myCalls });
}

export function useDeclaration(callId: string | undefined) {
  return useQuery({ queryKey: evaluationKeys.declaration(callId ?? ''), queryFn: () => evaluationApi.declaration(callId as string), enabled: !!callId });
}

/** My assignments on a call; the API answers 404 until the declaration is signed, so ask only after. */
export function useMyAssignments(callId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: evaluationKeys.assignments(callId ?? ''),
    queryFn: () => evaluationApi.assignments(callId as string),
    enabled: !!callId && enabled,
  });
}

export function useAssignment(id: string | undefined) {
  return useQuery({ queryKey: evaluationKeys.assignment(id ?? ''), queryFn: () => evaluationApi.assignment(id as string), enabled: !!id });
}

/** Put a fresh assignment in the cache and refresh the lists it shows up in. */
export function useAssignmentUpdater() {
  const qc = useQueryClient();
  return (a: Assignment) => {
    qc.setQueryData(evaluationKeys.assignment(a.id), a);
    void qc.invalidateQueries({ queryKey: evaluationKeys.assignments(a.call.id) });
    void qc.invalidateQueries({ queryKey: evaluationKeys.calls });
  };
}

export const isNotFound = (e: unknown) => isApiError(e) && e.statusCode === 404;
