import type { FeatureJobs } from '../../../jobs/job-handler';
import { GrantsRepository } from '../../grants/grants.repository';
import { MonitoringReminderHandler } from './monitoring-reminder.job';
import { MonitoringRemindersPlanner } from './monitoring-reminders.planner';
import { MonitoringRemindersRepository } from './monitoring-reminders.repository';

/**
 * The monitoring feature's jobs: reminders of action points and announced visits planned from the database
 * (monitoring-reminders.planner.ts, started by the worker) and sent once each (monitoring-reminder.job.ts).
 */
export const MONITORING_JOBS: FeatureJobs = {
  handlers: [MonitoringReminderHandler],
  providers: [MonitoringRemindersPlanner, MonitoringRemindersRepository, GrantsRepository],
};
