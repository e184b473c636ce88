import { api, data, downloadUrl, type Schemas } from '../../api/client';

export type Dossier = Schemas['DossierResponseDto'];

/** The auditor's dossier of a grant (apps/api/src/modules/dossier): request, list, follow, download. */
export const dossierApi = {
  list: (grantId: string) => data(api.GET('/api/grants/{grantId}/dossiers', { params: { path: { grantId } } })),
  get: (id: string) => data(api.GET('/api/dossiers/{id}', { params: { path: { id } } })),
  request: (grantId: string) => data(api.POST('/api/grants/{grantId}/dossiers', { params: { path: { grantId } } })),
  downloadUrl: (id: string) => downloadUrl('/api/dossiers/{id}/download', { id }),
};
