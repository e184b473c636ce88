import { api, data, downloadUrl } from '../../api/client';
import type { MemberInvitationBody, OrgDocumentKind, OrganizationPatch } from './types';

const org = (id: string) => ({ params: { path: { id } } });

export const organizationApi = {
  mine: () => data(api.GET('/api/organizations/mine')),
  get: (id: string) => data(api.GET('/api/organizations/{id}', org(id))),
  update: (id: string, patch: OrganizationPatch) => data(api.PATCH('/api/organizations/{id}', { ...org(id), body: patch })),
  members: (id: string) => data(api.GET('/api/organizations/{id}/members', org(id))),
  invite: (id: string, body: MemberInvitationBody) => data(api.POST('/api/organizations/{id}/invitations', { ...org(id), body })),
  revokeInvitation: (id: string, invitationId: string) =>
    data(api.DELETE('/api/organizations/{id}/invitations/{invitationId}', { params: { path: { id, invitationId } } })),
  removeMember: (id: string, userId: string) =>
    data(api.DELETE('/api/organizations/{id}/members/{userId}', { params: { path: { id, userId } } })),
  documents: (id: string) => data(api.GET('/api/organizations/{id}/documents', org(id))),
  uploadDocument: (id: string, kind: OrgDocumentKind, file: File) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return data(api.POST('/api/organizations/{id}/documents', { ...org(id), body: form as never }));
  },
  deleteDocument: (id: string, documentId: string) =>
    data(api.DELETE('/api/organizations/{id}/documents/{documentId}', { params: { path: { id, documentId } } })),
};

/** A plain link to a stored file (the browser downloads it with the session cookie). */
export const fileDownloadUrl = (fileId: string) => downloadUrl('/api/files/{fileId}/download', { fileId });
