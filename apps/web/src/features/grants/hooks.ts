import { useQuery, useQueryClient } from '@tanstack/react-query';
import { grantsApi, paymentOrdersApi } from './api';
import type { Grant, GrantListQuery } from './types';

export const grantKeys = {
  all: ['grants'] as const,
  list: (q: GrantListQuery) => ['grants', 'list', q] as const,
  one: (id: string) => ['grants', id] as const,
  monitors: ['grants', 'monitors'] as const,
  revision: (awardId: string) => ['grants', 'revision', awardId] as const,
  orders: ['paymentOrders'] as const,
  preview: (day: string) => ['paymentOrders', 'preview', day] as const,
};

export function useGrants(query: GrantListQuery) {
  return useQuery({ queryKey: grantKeys.list(query), queryFn: () => grantsApi.list(query) });
}

export function useGrant(id: string | undefined) {
  return useQuery({ queryKey: grantKeys.one(id ?? ''), queryFn: () => grantsApi.get(id as string), enabled: !!id });
}

export function useMonitors(enabled: boolean) {
  return useQuery({ queryKey: grantKeys.monitors, queryFn: () => grantsApi.monitors(), enabled, staleTime: 60_000 });
}

export function useBudgetRevision(awardId: string | undefined) {
  return useQuery({ queryKey: grantKeys.revision(awardId ?? ''), queryFn: () => grantsApi.revision(awardId as string), enabled: !!awardId });
}

/**
 * After an action on a grant or one of its tranches: the grant's answer (when the route gave it) goes in the
 * cache, otherwise the grant is read again; the lists and the payment orders are stale either way.
 */
export function useGrantUpdater(id: string) {
  const qc = useQueryClient();
  return (grant?: Grant) => {
    if (grant) qc.setQueryData(grantKeys.one(id), grant);
    else void qc.invalidateQueries({ queryKey: grantKeys.one(id) });
    void qc.invalidateQueries({ queryKey: ['grants', 'list'] });
    void qc.invalidateQueries({ queryKey: grantKeys.orders });
  };
}

export function usePaymentOrderPreview(day: string) {
  return useQuery({ queryKey: grantKeys.preview(day), queryFn: () => paymentOrdersApi.preview(day), enabled: /^\d{4}-\d{2}-\d{2}$/.test(day) });
}

export function usePaymentOrders() {
  return useQuery({ queryKey: [...grantKeys.orders, 'list'], queryFn: () => paymentOrdersApi.list() });
}
