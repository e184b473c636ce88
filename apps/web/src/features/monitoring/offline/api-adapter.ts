/**
 * The sync engine's way to the API, through the generated client (@grants/api-client): the monitoring routes of
 * apps/api/src/modules/monitoring. Errors come as ApiError (api/errors.ts); a dropped network as fetch's TypeError.
 */
import { api, data, type Schemas } from '../../../api/client';
import type { ServerPhoto, ServerVisit, VisitSyncAdapter } from './types';

const byId = (id: string) => ({ params: { path: { id } } });

function extensionOf(mime: string): string {
  if (mime === 'image/png') return 'png';
  if (mime === 'image/webp') return 'webp';
  return 'jpg';
}

/** The API's Visit as the offline layer reads it (the API keeps ratings and statuses on their scales). */
export const asServerVisit = (visit: Schemas['VisitResponseDto']): ServerVisit => visit as unknown as ServerVisit;

export const visitSyncApi: VisitSyncAdapter = {
  async uploadPhoto(visitId, clientKey, blob, caption) {
    const form = new FormData();
    form.append('file', blob, `${clientKey}.${extensionOf(blob.type)}`);
    form.append('clientKey', clientKey);
    if (caption) form.append('caption', caption);
    const photo = await data(api.POST('/api/visits/{id}/report/photos', { ...byId(visitId), body: form as never }));
    return photo as ServerPhoto;
  },
  async saveReport(visitId, version, content, actionPoints) {
    const body = { version, content, actionPoints } as unknown as Schemas['SaveVisitReportDto'];
    return asServerVisit(await data(api.PUT('/api/visits/{id}/report', { ...byId(visitId), body })));
  },
  async getVisit(visitId) {
    return asServerVisit(await data(api.GET('/api/visits/{id}', byId(visitId))));
  },
  async deletePhoto(visitId, photoId) {
    await data(api.DELETE('/api/visits/{id}/report/photos/{photoId}', { params: { path: { id: visitId, photoId } } }));
  },
};
