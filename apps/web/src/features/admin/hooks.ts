import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi, type AuditQuery, type StaffInvitationBody, type UserQuery } from './api';

export const adminKeys = {
  users: (q: UserQuery) => ['admin', 'users', q] as const,
  usersAll: ['admin', 'users'] as const,
  invitations: ['admin', 'invitations'] as const,
  audit: (q: AuditQuery) => ['admin', 'audit', q] as const,
};

export function useUsers(query: UserQuery) {
  return useQuery({ queryKey: adminKeys.users(query), queryFn: () => adminApi.users(query), placeholderData: keepPreviousData });
}

export function useSetUserActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => (active ? adminApi.reactivate(id) : adminApi.deactivate(id)),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.usersAll }),
  });
}

export function useStaffInvitations(enabled = true) {
  return useQuery({ queryKey: adminKeys.invitations, queryFn: adminApi.invitations, enabled });
}

export function useInviteStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffInvitationBody) => adminApi.invite(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.invitations }),
  });
}

export function useRevokeStaffInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: adminApi.revokeInvitation,
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.invitations }),
  });
}

export function useAuditLog(query: AuditQuery) {
  return useQuery({ queryKey: adminKeys.audit(query), queryFn: () => adminApi.audit(query), placeholderData: keepPreviousData });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: adminApi.verifyAudit });
}
