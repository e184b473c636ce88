import type { ApplicationContent, CallStatus } from '@grants/domain';
import { http } from '../../api/http';
import type { Paged } from '../../api/types';
import type { Application, ApplicationAttachment, ApplicationListItem, Call, CallDefinition, CallDocumentView, CallSummary, InfoSession, Question } from './types';

/**
 * The definition as PATCH /api/calls/:id takes it: without what the server keeps itself (the reference, the
 * uploaded documents), which the definition it sends carries but the API refuses as unknown fields.
 */
export function editableDefinition(definition: CallDefinition): Omit<CallDefinition, 'reference' | 'documents'> {
  const { reference: _reference, documents: _documents, ...rest } = definition;
  return rest;
}

export const callsApi = {
  list: (status?: string) => http.get<CallSummary[]>('/api/calls', { query: { status } }),
  get: (id: string) => http.get<Call>(`/api/calls/${id}`),
  create: (body: { reference: string; title: { en: string; sq: string; sr: string }; copyFromCallId?: string }) =>
    http.post<Call>('/api/calls', body),
  update: (id: string, body: { definition: CallDefinition; version: number; amendmentReason?: string }) =>
    http.patch<Call>(`/api/calls/${id}`, { ...body, definition: editableDefinition(body.definition) }),
  publish: (id: string, version: number) => http.post<Call>(`/api/calls/${id}/publish`, { version }),
  transition: (id: string, to: Exclude<CallStatus, 'draft' | 'published'>, version: number) =>
    http.post<Call>(`/api/calls/${id}/transition`, { to, version }),
  uploadDocument: (id: string, file: File, kind: string, language?: string | null) => {
    const form = new FormData();
    form.append('kind', kind);
    if (language) form.append('language', language);
    form.append('file', file);
    return http.post<CallDocumentView>(`/api/calls/${id}/documents`, form);
  },
  questions: (id: string) => http.get<Question[]>(`/api/calls/${id}/questions`),
  ask: (id: string, question: string) => http.post<Question>(`/api/calls/${id}/questions`, { question }),
  answer: (id: string, questionId: string, answer: string) =>
    http.post<Question>(`/api/calls/${id}/questions/${questionId}/answer`, { answer }),
  follow: (id: string) => http.post<void>(`/api/calls/${id}/follow`),
  unfollow: (id: string) => http.delete<void>(`/api/calls/${id}/follow`),
  planInfoSession: (id: string, body: { startsAt: string; place?: string; onlineLink?: string; capacity: number }) =>
    http.post<InfoSession[]>(`/api/calls/${id}/info-sessions`, body),
  registerInfoSession: (id: string, sessionId: string, attendees: number) =>
    http.post<InfoSession[]>(`/api/calls/${id}/info-sessions/${sessionId}/registration`, { attendees }),
  cancelInfoSession: (id: string, sessionId: string) =>
    http.delete<InfoSession[]>(`/api/calls/${id}/info-sessions/${sessionId}/registration`),
  /** A plain link (the browser downloads it with the session cookie). */
  infoSessionCsvUrl: (id: string, sessionId: string) => `/api/calls/${id}/info-sessions/${sessionId}/registrations.csv`,
};

export const applicationsApi = {
  start: (callId: string) => http.post<Application>(`/api/calls/${callId}/applications`),
  list: (query: { callId?: string; status?: string; q?: string } = {}) =>
    http.get<Paged<ApplicationListItem>>('/api/applications', { query }),
  get: (id: string) => http.get<Application>(`/api/applications/${id}`),
  save: (id: string, version: number, content: Partial<ApplicationContent>) =>
    http.patch<Application>(`/api/applications/${id}`, { version, content }),
  uploadAttachment: (id: string, requirementId: string, file: File) => {
    const form = new FormData();
    form.append('requirementId', requirementId);
    form.append('file', file);
    return http.post<ApplicationAttachment>(`/api/applications/${id}/attachments`, form);
  },
  deleteAttachment: (id: string, attachmentId: string) => http.delete(`/api/applications/${id}/attachments/${attachmentId}`),
  submit: (id: string, version: number) => http.post<Application>(`/api/applications/${id}/submit`, { version }),
  withdraw: (id: string) => http.post<Application>(`/api/applications/${id}/withdraw`),
  admissibility: (id: string, body: { answers: { itemId: string; passed: boolean; reason?: string }[]; decide: boolean }) =>
    http.put<Application>(`/api/applications/${id}/admissibility`, body),
};
