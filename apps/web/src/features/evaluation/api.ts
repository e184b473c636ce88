import { api, data } from '../../api/client';
import type { ConflictBody, DeclarationLanguage, SaveSheetBody } from './types';

const assignment = (id: string) => ({ params: { path: { id } } });
const call = (callId: string) => ({ params: { path: { callId } } });

/** The evaluator's side of evaluation: the declaration, my assignments, the conflict question, the sheet. */
export const evaluationApi = {
  myCalls: () => data(api.GET('/api/evaluations')),
  declaration: (callId: string) => data(api.GET('/api/evaluations/{callId}/declaration', call(callId))),
  sign: (callId: string, language: DeclarationLanguage) =>
    data(api.POST('/api/evaluations/{callId}/declaration', { ...call(callId), body: { language, accept: true } })),
  assignments: (callId: string) => data(api.GET('/api/evaluations/{callId}/assignments', call(callId))),
  assignment: (id: string) => data(api.GET('/api/assignments/{id}', assignment(id))),
  conflict: (id: string, body: ConflictBody) => data(api.POST('/api/assignments/{id}/conflict', { ...assignment(id), body })),
  saveSheet: (id: string, body: SaveSheetBody) => data(api.PUT('/api/assignments/{id}/sheet', { ...assignment(id), body })),
  submit: (id: string, version: number) => data(api.POST('/api/assignments/{id}/submit', { ...assignment(id), body: { version } })),
};
