import { api, data, downloadUrl } from '../../api/client';
import type { PhotoUpload, PlanVisitBody, ReviewVisitReportBody, SaveVisitReportBody, UpdateVisitBody, VisitListQuery } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

/** The monitoring visits API: the calendar, planning, the visit report, its photos and review (apps/api/src/modules/monitoring). */
export const visitsApi = {
  list: (query: VisitListQuery) => data(api.GET('/api/visits', { params: { query } })),
  ofGrant: (grantId: string) => data(api.GET('/api/grants/{id}/visits', byId(grantId))),
  plan: (grantId: string, body: PlanVisitBody) => data(api.POST('/api/grants/{id}/visits', { ...byId(grantId), body })),
  get: (id: string) => data(api.GET('/api/visits/{id}', byId(id))),
  update: (id: string, body: UpdateVisitBody) => data(api.PATCH('/api/visits/{id}', { ...byId(id), body })),

  saveReport: (id: string, body: SaveVisitReportBody) => data(api.PUT('/api/visits/{id}/report', { ...byId(id), body })),
  uploadPhoto: (id: string, { clientKey, file, caption, fileName }: PhotoUpload) => {
    const form = new FormData();
    form.append('file', file, fileName ?? `${clientKey}.${extensionOf(file.type)}`);
    form.append('clientKey', clientKey);
    if (caption) form.append('caption', caption);
    return data(api.POST('/api/visits/{id}/report/photos', { ...byId(id), body: form as never }));
  },
  deletePhoto: (id: string, photoId: string) =>
    data(api.DELETE('/api/visits/{id}/report/photos/{photoId}', { params: { path: { id, photoId } } })),
  submit: (id: string, version: number) => data(api.POST('/api/visits/{id}/report/submit', { ...byId(id), body: { version } })),
  review: (id: string, body: ReviewVisitReportBody) => data(api.POST('/api/visits/{id}/report/review', { ...byId(id), body })),
  share: (id: string, version: number) => data(api.POST('/api/visits/{id}/report/share', { ...byId(id), body: { version } })),
  comment: (id: string, body: string) => data(api.POST('/api/visits/{id}/report/comments', { ...byId(id), body: { body } })),

  /** A plain link: the browser loads the photo with the session cookie. */
  photoUrl: (id: string, photoId: string) => downloadUrl('/api/visits/{id}/report/photos/{photoId}', { id, photoId }),
};

function extensionOf(mime: string): string {
  if (mime === 'image/png') return 'png';
  if (mime === 'image/webp') return 'webp';
  return 'jpg';
}
