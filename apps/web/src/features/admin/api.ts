import { http } from '../../api/http';
import type { AdminUser, AuditEntry, AuditVerification, Language, Paged, Role, StaffInvitation, StaffRole } from '../../api/types';

export type UserQuery = { q?: string; role?: Role | ''; page?: number; pageSize?: number };
export type AuditQuery = { page: number; pageSize: number; entity?: string; action?: string };
export type StaffInvitationBody = { email: string; role: StaffRole; language: Language; fullName?: string };

export const adminApi = {
  users: (query: UserQuery) => http.get<Paged<AdminUser>>('/api/users', { query: { q: query.q, role: query.role, page: query.page, pageSize: query.pageSize } }),
  deactivate: (id: string) => http.post<void>(`/api/users/${encodeURIComponent(id)}/deactivate`),
  reactivate: (id: string) => http.post<void>(`/api/users/${encodeURIComponent(id)}/reactivate`),
  invitations: () => http.get<StaffInvitation[]>('/api/invitations'),
  invite: (body: StaffInvitationBody) => http.post<unknown>('/api/invitations', body),
  revokeInvitation: (id: string) => http.delete(`/api/invitations/${encodeURIComponent(id)}`),
  audit: (query: AuditQuery) => http.get<Paged<AuditEntry>>('/api/audit', { query }),
  verifyAudit: () => http.post<AuditVerification>('/api/audit/verify'),
};

export const QUEUE_DASHBOARD_URL = '/api/admin/queues';
