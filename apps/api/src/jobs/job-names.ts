/**
 * Every job the worker runs, with its payload (ids only). Exactly one handler per name is registered; the
 * worker checks that at start-up. Job ids are deterministic (see jobIds) so a job is never queued twice.
 */
export type JobPayloads = {
  /** Send one row of `emails` (SMTP, or caught for the demo mailbox). */
  'email.send': { emailId: string };
  /** Build the daily digest e-mail for every user with undigested notifications. */
  'digest.run': { day: string };
  /** Warn organisations whose social-services licence expires within 60 days (at 60, 30 and 7 days). */
  'licence.check': { day: string };
};

export type JobName = keyof JobPayloads;
export type JobPayload<N extends JobName> = JobPayloads[N];
export const JOB_NAMES = ['email.send', 'digest.run', 'licence.check'] as const satisfies readonly JobName[];

export const QUEUE_NAME = 'grants';

/** BullMQ refuses ':' in custom ids, so ids use '.' */
export const jobIds = {
  email: (emailId: string) => `email.${emailId}`,
  digest: (day: string) => `digest.${day}`,
};
