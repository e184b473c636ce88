import { api, data } from '../../api/client';

export const mailboxApi = {
  list: () => data(api.GET('/api/dev/mailbox')),
};
