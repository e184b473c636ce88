import { api, data, downloadUrl } from '../../api/client';
import type { DecisionBody, ExportFormat } from './types';

const call = (id: string) => ({ params: { path: { id } } });

/** A plain link with the export's format: the browser downloads it with the session cookie. */
const exportUrl = (path: string, format: ExportFormat) => `${path}?${new URLSearchParams({ format })}`;

/** The Secretariat's side of evaluation: pool, assignments, ranking, decision, awards. */
export const evaluationAdminApi = {
  overview: (callId: string) => data(api.GET('/api/calls/{id}/evaluation', call(callId))),
  addEvaluator: (callId: string, userId: string) => data(api.POST('/api/calls/{id}/evaluators', { ...call(callId), body: { userId } })),
  removeEvaluator: (callId: string, userId: string) =>
    data(api.DELETE('/api/calls/{id}/evaluators/{userId}', { params: { path: { id: callId, userId } } })),
  autoAssign: (callId: string) => data(api.POST('/api/calls/{id}/assignments/auto', call(callId))),
  assign: (callId: string, applicationId: string, evaluatorId: string) =>
    data(api.POST('/api/calls/{id}/assignments', { ...call(callId), body: { applicationId, evaluatorId } })),
  unassign: (assignmentId: string) => data(api.DELETE('/api/assignments/{id}', call(assignmentId))),
  reopen: (assignmentId: string, reason: string) => data(api.POST('/api/assignments/{id}/reopen', { ...call(assignmentId), body: { reason } })),
  ranking: (callId: string, envelopeCents?: number | null) =>
    data(api.GET('/api/calls/{id}/ranking', { params: { path: { id: callId }, query: { envelopeCents: envelopeCents ?? undefined } } })),
  decide: (callId: string, body: DecisionBody) => data(api.POST('/api/calls/{id}/decision', { ...call(callId), body })),
  decline: (awardId: string, reason: string) => data(api.POST('/api/awards/{id}/decline', { ...call(awardId), body: { reason } })),
  sheetsExportUrl: (callId: string, format: ExportFormat) => exportUrl(downloadUrl('/api/calls/{id}/sheets/export', { id: callId }), format),
  rankingExportUrl: (callId: string, format: ExportFormat) => exportUrl(downloadUrl('/api/calls/{id}/ranking/export', { id: callId }), format),
  reportUrl: (callId: string) => downloadUrl('/api/calls/{id}/evaluation-report.pdf', { id: callId }),
};
