import { http } from '../../api/http';
import type { Mailbox } from '../../api/types';

export const mailboxApi = {
  list: () => http.get<Mailbox>('/api/dev/mailbox'),
};
