import type { FeatureJobs } from '../../../jobs/job-handler';
import { CallCloseHandler } from './call-close.job';
import { InfoSessionReminderHandler } from './info-session-reminder.job';

/** The calls feature's jobs: closing a call at its deadline, reminding of info sessions. */
export const CALLS_JOBS: FeatureJobs = { handlers: [CallCloseHandler, InfoSessionReminderHandler] };
