import { http } from '../../api/http';
import type { AutoAssignResult, DecisionBody, EvaluationOverview, RankingData } from './types';

/** The Secretariat's side of evaluation: pool, assignments, ranking, decision, awards. */
export const evaluationAdminApi = {
  overview: (callId: string) => http.get<EvaluationOverview>(`/api/calls/${callId}/evaluation`),
  addEvaluator: (callId: string, userId: string) => http.post<EvaluationOverview>(`/api/calls/${callId}/evaluators`, { userId }),
  removeEvaluator: (callId: string, userId: string) => http.delete<EvaluationOverview>(`/api/calls/${callId}/evaluators/${userId}`),
  autoAssign: (callId: string) => http.post<AutoAssignResult>(`/api/calls/${callId}/assignments/auto`),
  assign: (callId: string, applicationId: string, evaluatorId: string) =>
    http.post<EvaluationOverview>(`/api/calls/${callId}/assignments`, { applicationId, evaluatorId }),
  unassign: (assignmentId: string) => http.delete<EvaluationOverview>(`/api/assignments/${assignmentId}`),
  reopen: (assignmentId: string, reason: string) => http.post<{ ok: true }>(`/api/assignments/${assignmentId}/reopen`, { reason }),
  ranking: (callId: string, envelopeCents?: number | null) =>
    http.get<RankingData>(`/api/calls/${callId}/ranking`, { query: { envelopeCents: envelopeCents ?? undefined } }),
  decide: (callId: string, body: DecisionBody) => http.post<RankingData>(`/api/calls/${callId}/decision`, body),
  decline: (awardId: string, reason: string) => http.post<RankingData>(`/api/awards/${awardId}/decline`, { reason }),
  /** Plain links: the browser downloads them with the session cookie. */
  sheetsExportUrl: (callId: string, format: 'csv' | 'xlsx') => `/api/calls/${callId}/sheets/export?format=${format}`,
  rankingExportUrl: (callId: string, format: 'csv' | 'xlsx') => `/api/calls/${callId}/ranking/export?format=${format}`,
  reportUrl: (callId: string) => `/api/calls/${callId}/evaluation-report.pdf`,
};
