import { api, data, downloadUrl } from '../../api/client';
import type { GrantListQuery, PaymentOrderFormat, PayBody, ReviseBudgetBody, SignBody, TrancheRequestBody, TransitionBody } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

/** The grants API: agreements, signing, tranches, payment orders (apps/api/src/modules/grants). */
export const grantsApi = {
  list: (query: GrantListQuery) => data(api.GET('/api/grants', { params: { query } })),
  get: (id: string) => data(api.GET('/api/grants/{id}', byId(id))),
  send: (id: string) => data(api.POST('/api/grants/{id}/send', byId(id))),
  sign: (id: string, body: SignBody) => data(api.POST('/api/grants/{id}/sign', { ...byId(id), body })),
  countersign: (id: string) => data(api.POST('/api/grants/{id}/countersign', byId(id))),
  transition: (id: string, body: TransitionBody) => data(api.POST('/api/grants/{id}/transition', { ...byId(id), body })),
  assignMonitor: (id: string, monitorId: string) => data(api.PATCH('/api/grants/{id}/monitor', { ...byId(id), body: { monitorId } })),
  uploadDocument: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return data(api.POST('/api/grants/{id}/documents', { ...byId(id), body: form as never }));
  },
  uploadSignedCopy: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return data(api.POST('/api/grants/{id}/signed-copy', { ...byId(id), body: form as never }));
  },
  /** Plain links: the browser downloads them with the session cookie. */
  agreementUrl: (id: string) => downloadUrl('/api/grants/{id}/agreement.pdf', { id }),
  fileUrl: (id: string, fileId: string) => downloadUrl('/api/grants/{id}/files/{fileId}', { id, fileId }),

  requestTranche: (id: string, body: TrancheRequestBody) => data(api.POST('/api/tranches/{id}/request', { ...byId(id), body })),
  approveTranche: (id: string) => data(api.POST('/api/tranches/{id}/approve', byId(id))),
  returnTranche: (id: string, reason: string) => data(api.POST('/api/tranches/{id}/return', { ...byId(id), body: { reason } })),
  payTranche: (id: string, body: PayBody) => data(api.POST('/api/tranches/{id}/pay', { ...byId(id), body })),

  revision: (awardId: string) => data(api.GET('/api/awards/{id}/budget-revision', byId(awardId))),
  revise: (awardId: string, body: ReviseBudgetBody) => data(api.PUT('/api/awards/{id}/budget-revision', { ...byId(awardId), body })),

  /** The monitors a grant may be given (the Secretariat's user list, monitors only). */
  monitors: () => data(api.GET('/api/users', { params: { query: { role: 'monitor', pageSize: 100 } } })),
};

export const paymentOrdersApi = {
  list: () => data(api.GET('/api/payment-orders')),
  preview: (day: string) => data(api.GET('/api/payment-orders/preview', { params: { query: { day } } })),
  create: (day: string) => data(api.POST('/api/payment-orders', { body: { day } })),
  fileUrl: (id: string, format: PaymentOrderFormat) => `${downloadUrl('/api/payment-orders/{id}/file', { id })}?${new URLSearchParams({ format })}`,
};
