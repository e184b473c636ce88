import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/hooks';
import { organizationApi } from './api';
import type { MemberInvitationBody, OrgDocumentKind, OrganizationPatch } from './types';

export const orgKeys = {
  mine: ['organization', 'mine'] as const,
  members: (id: string) => ['organization', id, 'members'] as const,
  documents: (id: string) => ['organization', id, 'documents'] as const,
};

/** The signed-in user's organisation (only when the account belongs to one). */
export function useMyOrganization() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: orgKeys.mine,
    queryFn: organizationApi.mine,
    enabled: !!me?.organizationId,
  });
}

export function useUpdateOrganization(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) => organizationApi.update(id, patch),
    onSuccess: (org) => qc.setQueryData(orgKeys.mine, org),
  });
}

export function useMembers(id: string | null | undefined) {
  return useQuery({
    queryKey: orgKeys.members(id ?? ''),
    queryFn: () => organizationApi.members(id as string),
    enabled: !!id,
  });
}

export function useInviteMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberInvitationBody) => organizationApi.invite(id, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.members(id) }),
  });
}

export function useRevokeMemberInvitation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => organizationApi.revokeInvitation(id, invitationId),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.members(id) }),
  });
}

export function useRemoveMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => organizationApi.removeMember(id, userId),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.members(id) }),
  });
}

export function useDocuments(id: string | null | undefined) {
  return useQuery({
    queryKey: orgKeys.documents(id ?? ''),
    queryFn: () => organizationApi.documents(id as string),
    enabled: !!id,
  });
}

export function useUploadDocument(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: OrgDocumentKind; file: File }) => organizationApi.uploadDocument(id, kind, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.documents(id) }),
  });
}

export function useDeleteDocument(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => organizationApi.deleteDocument(id, documentId),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.documents(id) }),
  });
}
