import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { closureApi } from './api';
import type { CloseGrantBody, RecordRepaymentBody, RecoveryOrderListQuery } from './types';

export type * from './types';

export const closureKeys = {
  finalBalance: (grantId: string) => ['closure', 'finalBalance', grantId] as const,
  checklist: (grantId: string) => ['closure', 'checklist', grantId] as const,
  orders: (q: RecoveryOrderListQuery) => ['recoveryOrders', 'list', q] as const,
  order: (id: string) => ['recoveryOrders', id] as const,
};

export function useFinalBalance(grantId: string | undefined) {
  return useQuery({ queryKey: closureKeys.finalBalance(grantId ?? ''), queryFn: () => closureApi.finalBalance(grantId as string), enabled: !!grantId });
}

export function useClosure(grantId: string | undefined) {
  return useQuery({ queryKey: closureKeys.checklist(grantId ?? ''), queryFn: () => closureApi.closure(grantId as string), enabled: !!grantId });
}

export function useRecoveryOrders(query: RecoveryOrderListQuery = {}) {
  return useQuery({ queryKey: closureKeys.orders(query), queryFn: () => closureApi.recoveryOrders(query) });
}

export function useRecoveryOrder(id: string | undefined) {
  return useQuery({ queryKey: closureKeys.order(id ?? ''), queryFn: () => closureApi.recoveryOrder(id as string), enabled: !!id });
}

/** After drawing up or closing, everything the grant shows moves: its balance, checklist, tranches, status. */
function useGrantClosureChanged(grantId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['closure'] });
    void qc.invalidateQueries({ queryKey: ['recoveryOrders'] });
    void qc.invalidateQueries({ queryKey: ['grants', grantId] });
    void qc.invalidateQueries({ queryKey: ['grants', 'list'] });
  };
}

export function useDrawUpFinalBalance(grantId: string) {
  const qc = useQueryClient();
  const changed = useGrantClosureChanged(grantId);
  return useMutation({
    mutationFn: (version: number) => closureApi.drawUp(grantId, version),
    onSuccess: (view) => {
      qc.setQueryData(closureKeys.finalBalance(grantId), view);
      changed();
    },
  });
}

export function useCloseGrant(grantId: string) {
  const qc = useQueryClient();
  const changed = useGrantClosureChanged(grantId);
  return useMutation({
    mutationFn: (body: CloseGrantBody) => closureApi.close(grantId, body),
    onSuccess: (view) => {
      qc.setQueryData(closureKeys.checklist(grantId), view);
      changed();
    },
  });
}

export function useRecordRepayment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordRepaymentBody) => closureApi.recordRepayment(id, body),
    onSuccess: (order) => {
      qc.setQueryData(closureKeys.order(id), order);
      void qc.invalidateQueries({ queryKey: ['recoveryOrders', 'list'] });
      void qc.invalidateQueries({ queryKey: ['closure'] });
    },
  });
}
