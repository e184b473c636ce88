import type { NarrativeReportContent, NarrativeReportSection } from '@grants/domain';
import { api, data } from '../../api/client';
import { savedContent } from './content';
import type { CommentConfirmation, PrivacyConfirmation, ReportListQuery, ReviewComment } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

/** The narrative reports API: lists, the report, saving, the privacy scan, submission, review, versions, comments, more time (apps/api/src/modules/reports). */
export const reportsApi = {
  list: (query: ReportListQuery) => data(api.GET('/api/reports', { params: { query } })),
  ofGrant: (grantId: string) => data(api.GET('/api/grants/{id}/reports', byId(grantId))),
  get: (id: string) => data(api.GET('/api/reports/{id}', byId(id))),
  save: (id: string, version: number, content: NarrativeReportContent) => data(api.PUT('/api/reports/{id}', { ...byId(id), body: { version, content: savedContent(content) } })),
  privacyScan: (id: string) => data(api.POST('/api/reports/{id}/privacy-scan', byId(id))),
  submit: (id: string, version: number, confirmations: PrivacyConfirmation[]) => data(api.POST('/api/reports/{id}/submit', { ...byId(id), body: { version, confirmations } })),
  accept: (id: string, version: number) => data(api.POST('/api/reports/{id}/accept', { ...byId(id), body: { version } })),
  return: (id: string, version: number, comments: ReviewComment[], confirmations: CommentConfirmation[] = []) =>
    data(api.POST('/api/reports/{id}/return', { ...byId(id), body: confirmations.length ? { version, comments, confirmations } : { version, comments } })),
  version: (id: string, version: number) => data(api.GET('/api/reports/{id}/versions/{version}', { params: { path: { id, version } } })),
  compare: (id: string, from: number, to: number) => data(api.GET('/api/reports/{id}/compare', { params: { path: { id }, query: { from, to } } })),
  comment: (id: string, text: string, section?: string | null, confirmations: CommentConfirmation[] = []) =>
    data(api.POST('/api/reports/{id}/comments', { ...byId(id), body: { text, ...(section ? { section: section as NarrativeReportSection } : {}), ...(confirmations.length ? { confirmations } : {}) } })),
  requestExtension: (id: string, requestedDueDate: string, reason: string) => data(api.POST('/api/reports/{id}/extension-requests', { ...byId(id), body: { requestedDueDate, reason } })),
  decideExtension: (id: string, requestId: string, decision: 'granted' | 'refused', note?: string | null) =>
    data(api.POST('/api/reports/{id}/extension-requests/{requestId}/decision', { params: { path: { id, requestId } }, body: note ? { decision, note } : { decision } })),
};
