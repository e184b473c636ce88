import { http } from '../../api/http';
import type { OutcomeLetter } from './types';

export const outcomeApi = {
  get: (applicationId: string) => http.get<OutcomeLetter>(`/api/applications/${applicationId}/outcome`),
  /** A plain link: the browser downloads it with the session cookie. */
  pdfUrl: (applicationId: string) => `/api/applications/${applicationId}/outcome.pdf`,
};
