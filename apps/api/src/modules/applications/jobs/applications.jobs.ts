import type { FeatureJobs } from '../../../jobs/job-handler';
import { ApplicationRemindersHandler } from './application-reminders.job';

/** The applications feature's jobs: reminding organisations whose application is still a draft. */
export const APPLICATIONS_JOBS: FeatureJobs = { handlers: [ApplicationRemindersHandler] };
