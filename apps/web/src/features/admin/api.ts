import { api, data } from '../../api/client';
import type { AuditQuery, StaffInvitationBody, UserQuery } from './types';

export type { AuditQuery, StaffInvitationBody, UserQuery } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

export const adminApi = {
  users: (query: UserQuery) => data(api.GET('/api/users', { params: { query } })),
  deactivate: (id: string) => data(api.POST('/api/users/{id}/deactivate', byId(id))),
  reactivate: (id: string) => data(api.POST('/api/users/{id}/reactivate', byId(id))),
  invitations: () => data(api.GET('/api/invitations')),
  invite: (body: StaffInvitationBody) => data(api.POST('/api/invitations', { body })),
  revokeInvitation: (id: string) => data(api.DELETE('/api/invitations/{id}', byId(id))),
  audit: (query: AuditQuery) => data(api.GET('/api/audit', { params: { query } })),
  verifyAudit: () => data(api.POST('/api/audit/verify')),
};

/** Bull Board, mounted by the API outside its OpenAPI document (a page, not a JSON route). */
export const QUEUE_DASHBOARD_URL = '/api/admin/queues';
