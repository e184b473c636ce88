import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { visitsApi } from './api';
import type { PhotoUpload, PlanVisitBody, ReviewVisitReportBody, SaveVisitReportBody, UpdateVisitBody, Visit, VisitListQuery } from './types';

export type * from './types';

export const visitKeys = {
  all: ['visits'] as const,
  list: (q: VisitListQuery) => ['visits', 'list', q] as const,
  one: (id: string) => ['visits', id] as const,
  ofGrant: (grantId: string) => ['visits', 'grant', grantId] as const,
};

export function useVisits(query: VisitListQuery) {
  return useQuery({ queryKey: visitKeys.list(query), queryFn: () => visitsApi.list(query), placeholderData: keepPreviousData });
}

export function useVisit(id: string | undefined) {
  return useQuery({ queryKey: visitKeys.one(id ?? ''), queryFn: () => visitsApi.get(id as string), enabled: !!id });
}

export function useGrantVisits(grantId: string | undefined) {
  return useQuery({ queryKey: visitKeys.ofGrant(grantId ?? ''), queryFn: () => visitsApi.ofGrant(grantId as string), enabled: !!grantId });
}

/**
 * After a change to a visit: its answer goes in the cache; the lists (the calendar, the grant's visits) and the
 * action points and monitoring priority it feeds are stale.
 */
export function useVisitUpdater() {
  const qc = useQueryClient();
  return (visit: Visit) => {
    qc.setQueryData(visitKeys.one(visit.id), visit);
    void qc.invalidateQueries({ queryKey: ['visits', 'list'] });
    void qc.invalidateQueries({ queryKey: visitKeys.ofGrant(visit.grantId) });
    void qc.invalidateQueries({ queryKey: ['actionPoints'] });
    void qc.invalidateQueries({ queryKey: ['monitoring'] });
  };
}

export function usePlanVisit(grantId: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (body: PlanVisitBody) => visitsApi.plan(grantId, body), onSuccess: updated });
}

export function useUpdateVisit(id: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (body: UpdateVisitBody) => visitsApi.update(id, body), onSuccess: updated });
}

export function useSaveVisitReport(id: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (body: SaveVisitReportBody) => visitsApi.saveReport(id, body), onSuccess: updated });
}

/** A photo uploaded; the visit is read again (its report lists the photo). */
export function useUploadVisitPhoto(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (photo: PhotoUpload) => visitsApi.uploadPhoto(id, photo),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitKeys.one(id) }),
  });
}

export function useDeleteVisitPhoto(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (photoId: string) => visitsApi.deletePhoto(id, photoId),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitKeys.one(id) }),
  });
}

export function useSubmitVisitReport(id: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (version: number) => visitsApi.submit(id, version), onSuccess: updated });
}

export function useReviewVisitReport(id: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (body: ReviewVisitReportBody) => visitsApi.review(id, body), onSuccess: updated });
}

export function useShareVisitReport(id: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (version: number) => visitsApi.share(id, version), onSuccess: updated });
}

export function useCommentVisitReport(id: string) {
  const updated = useVisitUpdater();
  return useMutation({ mutationFn: (body: string) => visitsApi.comment(id, body), onSuccess: updated });
}
