import { api, data } from '../../api/client';
import type { CloseGrantBody, RecordRepaymentBody, RecoveryOrderListQuery } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

/** Closing a grant: the final balance, the closure checklist, recovery orders (apps/api/src/modules/grants/closure.controller.ts). */
export const closureApi = {
  finalBalance: (grantId: string) => data(api.GET('/api/grants/{id}/final-balance', byId(grantId))),
  drawUp: (grantId: string, version: number) => data(api.POST('/api/grants/{id}/final-balance', { ...byId(grantId), body: { version } })),
  closure: (grantId: string) => data(api.GET('/api/grants/{id}/closure', byId(grantId))),
  close: (grantId: string, body: CloseGrantBody) => data(api.POST('/api/grants/{id}/close', { ...byId(grantId), body })),
  recoveryOrders: (query: RecoveryOrderListQuery) => data(api.GET('/api/recovery-orders', { params: { query } })),
  recoveryOrder: (id: string) => data(api.GET('/api/recovery-orders/{id}', byId(id))),
  recordRepayment: (id: string, body: RecordRepaymentBody) => data(api.POST('/api/recovery-orders/{id}/repayments', { ...byId(id), body })),
};
