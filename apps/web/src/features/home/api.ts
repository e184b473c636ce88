import { api, data } from '../../api/client';

export const homeApi = {
  /** What waits on the signed-in reader, by kind, counted and oldest first. */
  todo: () => data(api.GET('/api/home/todo')),
};
