import { http } from '../../api/http';
import type { Assignment, ConflictAnswer, Declaration, MyAssignments, MyEvaluationCall, SaveSheetAnswer, SaveSheetBody } from './types';

export const evaluationApi = {
  myCalls: () => http.get<{ items: MyEvaluationCall[] }>('/api/evaluations'),
  declaration: (callId: string) => http.get<Declaration>(`/api/evaluations/${callId}/declaration`),
  sign: (callId: string, language: 'en' | 'sq' | 'sr') =>
    http.post<Declaration>(`/api/evaluations/${callId}/declaration`, { language, accept: true }),
  assignments: (callId: string) => http.get<MyAssignments>(`/api/evaluations/${callId}/assignments`),
  assignment: (id: string) => http.get<Assignment>(`/api/assignments/${id}`),
  conflict: (id: string, body: { conflict: false } | { conflict: true; reason: string }) =>
    http.post<ConflictAnswer>(`/api/assignments/${id}/conflict`, body),
  saveSheet: (id: string, body: SaveSheetBody) => http.put<SaveSheetAnswer>(`/api/assignments/${id}/sheet`, body),
  submit: (id: string, version: number) => http.post<Assignment>(`/api/assignments/${id}/submit`, { version }),
};
