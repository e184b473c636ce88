import { api, data, downloadUrl, type Schemas } from '../../../api/client';

export type OpenDataSummary = Schemas['OpenDataSummaryResponseDto'];

/** Open data (apps/api/src/modules/open-data): what the files hold now, and the files themselves as download links. */
export const openDataApi = {
  summary: () => data(api.GET('/api/open-data/summary')),
  iatiUrl: () => downloadUrl('/api/open-data/iati.xml'),
  csvUrl: () => downloadUrl('/api/open-data/grants.csv'),
};
