import { api, data } from '../../api/client';
import type { RetentionSettingsBody } from './types';

export const retentionApi = {
  settings: () => data(api.GET('/api/retention/settings')),
  update: (body: RetentionSettingsBody) => data(api.PUT('/api/retention/settings', { body })),
  dryRun: () => data(api.POST('/api/retention/dry-run')),
  runs: () => data(api.GET('/api/retention/runs')),
  runNow: () => data(api.POST('/api/retention/runs')),
  erase: (id: string, reason: string) => data(api.POST('/api/users/{id}/erase', { params: { path: { id } }, body: { reason } })),
};
