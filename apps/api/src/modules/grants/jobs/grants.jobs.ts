import type { FeatureJobs } from '../../../jobs/job-handler';
import { GrantsRepository } from '../grants.repository';
import { TrancheConditionsService } from '../tranche-conditions.service';
import { GrantDeadlinesPlanner } from './grant-deadlines.planner';
import { GrantDeadlinesRepository } from './grant-deadlines.repository';
import { GrantReminderHandler } from './grant-reminder.job';

/**
 * The grants feature's jobs: reminders planned from the database (grant-deadlines.planner.ts, started by the
 * worker) and sent once each (grant-reminder.job.ts).
 */
export const GRANTS_JOBS: FeatureJobs = {
  handlers: [GrantReminderHandler],
  providers: [GrantDeadlinesPlanner, GrantDeadlinesRepository, GrantsRepository, TrancheConditionsService],
};
