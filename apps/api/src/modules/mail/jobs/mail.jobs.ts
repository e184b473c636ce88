import { ENV } from '../../../config/env.dto';
import type { FeatureJobs } from '../../../jobs/job-handler';
import { createMailTransport, EmailSendHandler, MAIL_TRANSPORT } from './email-send.job';

/** The mail feature's jobs: sending one e-mail (SMTP, or caught for the demo mailbox). */
export const MAIL_JOBS: FeatureJobs = {
  handlers: [EmailSendHandler],
  providers: [{ provide: MAIL_TRANSPORT, inject: [ENV], useFactory: createMailTransport }],
};
