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
  /** At the submission deadline: close the call (the API's own deadline check does not wait for this). */
  'call.close': { callId: string; deadline: string };
  /** 7 days, 2 days and 3 hours before the deadline: remind organisations whose application is still a draft. */
  'application.reminders': { callId: string; key: string; deadline: string };
  /** The day before an info session: remind the registered organisations. */
  'info_session.reminder': { sessionId: string; startsAt: string };
  /**
   * Brings an application up to the evaluators it needs: after a declared conflict (a replacement) or a divergent
   * pair of sheets (a further evaluator). Recomputes from the database, so running it twice assigns nobody twice.
   */
  'evaluation.top_up': { applicationId: string; reason: 'replacement' | 'divergence' };
  /** 3 days and 1 day before an evaluation due date: remind the evaluators whose sheets on the call are not submitted. */
  'evaluation.reminder': { callId: string; dueAt: string; days: number };
  /** At the due date: tell the Secretariat (and the evaluators) which sheets are overdue. */
  'evaluation.overdue': { callId: string; dueAt: string };
  /** Once a day: record the head of the audit chain (length and hash) as an anchor, so a cut or rewritten tail shows. */
  'audit.anchor': { day: string };
  /** Every 15 minutes: forget failed logins of unknown addresses older than the lockout window (login_failures). */
  'login_failures.purge': { at: string };
  /**
   * One grant reminder planned from the database (modules/grants/jobs): an agreement waiting for signature, a report
   * due, a tranche its conditions allow. The key is the row of grant_reminders and the job id; the handler checks
   * the grant again and sends once.
   */
  'grant.reminder': { key: string };
  /**
   * One monitoring reminder planned from the database (modules/monitoring/jobs): a live action point waiting on its
   * owner, an announced visit two days ahead. The key is the row of grant_reminders and the job id; the handler checks
   * the point or visit again and sends once.
   */
  'monitoring.reminder': { key: string };
  /**
   * One narrative-report reminder planned from the database (modules/reports/jobs): a report not handed in, 14 days
   * before, on and the day after its due date in force (to the organisation), 7 days after (to the Secretariat). The key
   * is the row of grant_reminders and the job id; the handler reads the report again and sends once.
   */
  'narrative_report.reminder': { key: string };
  /** Builds one requested auditor's dossier of a grant (modules/dossier/jobs): a ready or failed one is left alone. */
  'dossier.build': { dossierId: string };
  /** Every 30 seconds: rewrite the portfolio dashboard's pre-aggregated figures in one transaction (modules/portfolio/jobs). */
  'portfolio.refresh': { at: string };
  /** Daily: remove what has reached the end of its retention period, in batches, and record the run (modules/retention/jobs). */
  'retention.sweep': { at: string };
};

export type JobName = keyof JobPayloads;
export type JobPayload<N extends JobName> = JobPayloads[N];
export const JOB_NAMES = ['email.send', 'digest.run', 'licence.check', 'call.close', 'application.reminders', 'info_session.reminder', 'evaluation.top_up', 'evaluation.reminder', 'evaluation.overdue', 'audit.anchor', 'login_failures.purge', 'grant.reminder', 'monitoring.reminder', 'narrative_report.reminder', 'dossier.build', 'portfolio.refresh', 'retention.sweep'] as const satisfies readonly JobName[];

export const QUEUE_NAME = 'grants';

/** BullMQ refuses ':' in custom ids, so ids use '.' */
export const jobIds = {
  email: (emailId: string) => `email.${emailId}`,
  digest: (day: string) => `digest.${day}`,
  /** The deadline is part of the id: an extended deadline schedules a new job and the old one finds nothing to do. */
  callClose: (callId: string, deadlineMs: number) => `call.${callId}.close.${deadlineMs}`,
  reminder: (callId: string, key: string, deadlineMs: number) => `call.${callId}.reminder.${key}.${deadlineMs}`,
  infoSessionReminder: (sessionId: string) => `info-session.${sessionId}.reminder`,
  /** Unique per event that may need a further evaluator (a conflict, a submitted sheet); the handler is idempotent anyway. */
  evaluationTopUp: (applicationId: string, eventId: string) => `evaluation.${applicationId}.top-up.${eventId}`,
  evaluationReminder: (callId: string, dueMs: number, days: number) => `evaluation.${callId}.reminder.${dueMs}.${days}d`,
  evaluationOverdue: (callId: string, dueMs: number) => `evaluation.${callId}.overdue.${dueMs}`,
  /** The reminder's key (modules/grants/jobs/grant-reminder-keys.ts) is its id: `grant.<id>.signature.<sentMs>.S+7d` … */
  grantReminder: (key: string) => key,
  /** The reminder's key (modules/monitoring/jobs/monitoring-reminder-keys.ts) is its id: `action_point.<id>.<dueDate>.<round>.A-7d`, `visit.<id>.<date>.V-2d` */
  monitoringReminder: (key: string) => key,
  /** The reminder's key (modules/reports/jobs/narrative-report-reminder-keys.ts) is its id: `narrative-report.<id>.<dueDate>.R-14d` */
  narrativeReportReminder: (key: string) => key,
  /** One per request of a dossier (a failed one requested again is a new attempt, so a new job). */
  dossierBuild: (dossierId: string, attempt: number) => `dossier.${dossierId}.build.${attempt}`,
};
