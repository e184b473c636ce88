import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applicationsApi, callsApi } from './api';
import { rememberServerNow } from './components/Kosovo';
import type { Application, Call, InfoSession } from './types';

export const callKeys = {
  all: ['calls'] as const,
  list: ['calls', 'list'] as const,
  one: (id: string) => ['calls', id] as const,
  questions: (id: string) => ['calls', id, 'questions'] as const,
};

export const applicationKeys = {
  all: ['applications'] as const,
  list: (q: Record<string, string | undefined>) => ['applications', 'list', q] as const,
  one: (id: string) => ['applications', id] as const,
};

export function useCalls() {
  return useQuery({ queryKey: callKeys.list, queryFn: () => callsApi.list() });
}

export function useCall(id: string | undefined) {
  return useQuery({ queryKey: callKeys.one(id ?? ''), queryFn: async () => {
      const call = await callsApi.get(id as string);
      rememberServerNow(call.serverNow);
      return call;
    },
    enabled: !!id });
}

export function useQuestions(id: string | undefined) {
  return useQuery({ queryKey: callKeys.questions(id ?? ''), queryFn: () => callsApi.questions(id as string), enabled: !!id });
}

/** Put a fresh call in the cache and refresh the lists. */
export function useCallUpdater() {
  const qc = useQueryClient();
  return (call: Call) => {
    rememberServerNow(call.serverNow);
    qc.setQueryData(callKeys.one(call.id), call);
    void qc.invalidateQueries({ queryKey: callKeys.list });
  };
}

/** Put a call's fresh list of info sessions in its cached copy. */
export function useInfoSessionsUpdater(callId: string) {
  const qc = useQueryClient();
  return (infoSessions: InfoSession[]) => {
    qc.setQueryData<Call>(callKeys.one(callId), (call) => (call ? { ...call, infoSessions } : call));
  };
}

export function useApplications(query: { callId?: string; status?: string; q?: string }, enabled = true) {
  return useQuery({ queryKey: applicationKeys.list(query), queryFn: () => applicationsApi.list(query), enabled });
}

export function useApplication(id: string | undefined) {
  return useQuery({ queryKey: applicationKeys.one(id ?? ''), queryFn: async () => {
      const app = await applicationsApi.get(id as string);
      rememberServerNow(app.serverNow);
      return app;
    },
    enabled: !!id });
}

export function useApplicationUpdater() {
  const qc = useQueryClient();
  return (app: Application) => {
    rememberServerNow(app.serverNow);
    qc.setQueryData(applicationKeys.one(app.id), app);
    void qc.invalidateQueries({ queryKey: ['applications', 'list'] });
    void qc.invalidateQueries({ queryKey: callKeys.all });
  };
}

export function useStartApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => applicationsApi.start(callId),
    onSuccess: (app) => {
      qc.setQueryData(applicationKeys.one(app.id), app);
      void qc.invalidateQueries({ queryKey: callKeys.all });
    },
  });
}

/** The Secretariat cancels an info session with a reason; the call's cached copy takes the fresh list, then the call is fetched again. */
export function useCancelInfoSession(callId: string) {
  const qc = useQueryClient();
  const updateSessions = useInfoSessionsUpdater(callId);
  return useMutation({
    mutationFn: ({ sessionId, reason }: { sessionId: string; reason: string }) => callsApi.cancelSession(callId, sessionId, reason),
    onSuccess: (list) => {
      updateSessions(list);
      void qc.invalidateQueries({ queryKey: callKeys.one(callId) });
    },
  });
}
