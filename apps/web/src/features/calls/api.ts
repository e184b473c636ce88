import { api, data, downloadUrl, type QueryOf, type RequestBodyOf } from '../../api/client';
import type { AdmissibilityBody, ApplicationContentPatch, CallDefinition } from './types';

type CallStatusTarget = RequestBodyOf<'/api/calls/{id}/transition', 'post'>['to'];
type DocumentKind = RequestBodyOf<'/api/calls/{id}/documents', 'post'>['kind'];

/**
 * The definition as PATCH /api/calls/:id takes it: without what the server keeps itself (the reference, the
 * uploaded documents), which the definition it sends carries but the API refuses as unknown fields.
 */
export function editableDefinition(definition: CallDefinition): RequestBodyOf<'/api/calls/{id}', 'patch'>['definition'] {
  const { reference: _reference, documents: _documents, ...rest } = definition;
  return rest;
}

const call = (id: string) => ({ params: { path: { id } } });

export const callsApi = {
  list: (status?: QueryOf<'/api/calls', 'get'>['status']) => data(api.GET('/api/calls', { params: { query: { status } } })),
  get: (id: string) => data(api.GET('/api/calls/{id}', call(id))),
  create: (body: RequestBodyOf<'/api/calls', 'post'>) => data(api.POST('/api/calls', { body })),
  update: (id: string, body: { definition: CallDefinition; version: number; amendmentReason?: string }) =>
    data(api.PATCH('/api/calls/{id}', { ...call(id), body: { ...body, definition: editableDefinition(body.definition) } })),
  publish: (id: string, version: number) => data(api.POST('/api/calls/{id}/publish', { ...call(id), body: { version } })),
  transition: (id: string, to: CallStatusTarget, version: number) =>
    data(api.POST('/api/calls/{id}/transition', { ...call(id), body: { to, version } })),
  uploadDocument: (id: string, file: File, kind: DocumentKind, language?: string | null) => {
    const form = new FormData();
    form.append('kind', kind);
    if (language) form.append('language', language);
    form.append('file', file);
    return data(api.POST('/api/calls/{id}/documents', { ...call(id), body: form as never }));
  },
  questions: (id: string) => data(api.GET('/api/calls/{id}/questions', call(id))),
  ask: (id: string, question: string) => data(api.POST('/api/calls/{id}/questions', { ...call(id), body: { question } })),
  answer: (id: string, questionId: string, answer: string) =>
    data(api.POST('/api/calls/{id}/questions/{questionId}/answer', { params: { path: { id, questionId } }, body: { answer } })),
  follow: (id: string) => data(api.POST('/api/calls/{id}/follow', call(id))),
  unfollow: (id: string) => data(api.DELETE('/api/calls/{id}/follow', call(id))),
  planInfoSession: (id: string, body: RequestBodyOf<'/api/calls/{id}/info-sessions', 'post'>) =>
    data(api.POST('/api/calls/{id}/info-sessions', { ...call(id), body })),
  registerInfoSession: (id: string, sessionId: string, attendees: number) =>
    data(api.POST('/api/calls/{id}/info-sessions/{sessionId}/registration', { params: { path: { id, sessionId } }, body: { attendees } })),
  cancelInfoSession: (id: string, sessionId: string) =>
    data(api.DELETE('/api/calls/{id}/info-sessions/{sessionId}/registration', { params: { path: { id, sessionId } } })),
  /** The Secretariat cancels a planned session; the API tells every registered organisation the reason. */
  cancelSession: (id: string, sessionId: string, reason: string) =>
    data(api.POST('/api/calls/{id}/info-sessions/{sessionId}/cancel', { params: { path: { id, sessionId } }, body: { reason } })),
  /** A plain link (the browser downloads it with the session cookie). */
  infoSessionCsvUrl: (id: string, sessionId: string) => downloadUrl('/api/calls/{id}/info-sessions/{sessionId}/registrations.csv', { id, sessionId }),
};

export const applicationsApi = {
  start: (callId: string) => data(api.POST('/api/calls/{id}/applications', call(callId))),
  list: (query: QueryOf<'/api/applications', 'get'> = {}) => data(api.GET('/api/applications', { params: { query } })),
  get: (id: string) => data(api.GET('/api/applications/{id}', call(id))),
  save: (id: string, version: number, content: ApplicationContentPatch) =>
    data(api.PATCH('/api/applications/{id}', { ...call(id), body: { version, content } })),
  /** The form's autosave: the same save, answering only what it changes (version, budget, completeness, clock). */
  autosave: (id: string, version: number, content: ApplicationContentPatch) =>
    data(api.PATCH('/api/applications/{id}/autosave', { ...call(id), body: { version, content } })),
  uploadAttachment: (id: string, requirementId: string, file: File) => {
    const form = new FormData();
    form.append('requirementId', requirementId);
    form.append('file', file);
    return data(api.POST('/api/applications/{id}/attachments', { ...call(id), body: form as never }));
  },
  deleteAttachment: (id: string, attachmentId: string) =>
    data(api.DELETE('/api/applications/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  submit: (id: string, version: number) => data(api.POST('/api/applications/{id}/submit', { ...call(id), body: { version } })),
  withdraw: (id: string) => data(api.POST('/api/applications/{id}/withdraw', call(id))),
  admissibility: (id: string, body: AdmissibilityBody) => data(api.PUT('/api/applications/{id}/admissibility', { ...call(id), body })),
};
