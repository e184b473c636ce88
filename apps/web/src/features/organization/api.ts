import { http } from '../../api/http';
import type { Language, OrgDocument, OrgDocumentKind, OrgMembers, Organization, OrganizationPatch } from '../../api/types';

const base = (id: string) => `/api/organizations/${encodeURIComponent(id)}`;

export const organizationApi = {
  mine: () => http.get<Organization>('/api/organizations/mine'),
  get: (id: string) => http.get<Organization>(base(id)),
  update: (id: string, patch: OrganizationPatch) => http.patch<Organization>(base(id), patch),
  members: (id: string) => http.get<OrgMembers>(`${base(id)}/members`),
  invite: (id: string, body: { email: string; language: Language }) => http.post<unknown>(`${base(id)}/invitations`, body),
  revokeInvitation: (id: string, invitationId: string) =>
    http.delete(`${base(id)}/invitations/${encodeURIComponent(invitationId)}`),
  removeMember: (id: string, userId: string) => http.delete(`${base(id)}/members/${encodeURIComponent(userId)}`),
  documents: (id: string) => http.get<OrgDocument[]>(`${base(id)}/documents`),
  uploadDocument: (id: string, kind: OrgDocumentKind, file: File) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return http.post<OrgDocument>(`${base(id)}/documents`, form);
  },
  deleteDocument: (id: string, documentId: string) => http.delete(`${base(id)}/documents/${encodeURIComponent(documentId)}`),
};

export const downloadUrl = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}/download`;
