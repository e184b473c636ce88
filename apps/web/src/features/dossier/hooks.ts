import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dossierApi, type Dossier } from './api';

export type { Dossier } from './api';

export const dossierKeys = {
  ofGrant: (grantId: string) => ['dossiers', 'grant', grantId] as const,
};

/** While a dossier is queued or being built, its list is asked again every 2 s (progress); otherwise not. */
export const POLL_MS = 2000;
const inMaking = (items: readonly Dossier[] | undefined) => (items ?? []).some((d) => d.status === 'queued' || d.status === 'building');

export function useGrantDossiers(grantId: string) {
  return useQuery({
    queryKey: dossierKeys.ofGrant(grantId),
    queryFn: () => dossierApi.list(grantId),
    refetchInterval: (q) => (inMaking(q.state.data?.items) ? POLL_MS : false),
  });
}

export function useRequestDossier(grantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => dossierApi.request(grantId),
    onSuccess: () => qc.invalidateQueries({ queryKey: dossierKeys.ofGrant(grantId) }),
  });
}
