import type { FeatureJobs } from '../../../jobs/job-handler';
import { NarrativeReportsRepository } from '../narrative-reports.repository';
import { NarrativeReportReminderHandler } from './narrative-report-reminder.job';
import { NarrativeReportRemindersPlanner } from './narrative-report-reminders.planner';
import { NarrativeReportRemindersRepository } from './narrative-report-reminders.repository';

/**
 * The reports feature's jobs: reminders of narrative reports not handed in, planned from the database
 * (narrative-report-reminders.planner.ts, started by the worker) and sent once each (narrative-report-reminder.job.ts).
 */
export const REPORTS_JOBS: FeatureJobs = {
  handlers: [NarrativeReportReminderHandler],
  providers: [NarrativeReportRemindersPlanner, NarrativeReportRemindersRepository, NarrativeReportsRepository],
};
