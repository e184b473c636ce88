import type { FeatureJobs } from '../../../jobs/job-handler';
import { EvaluationsModule } from '../evaluations.module';
import { EvaluationOverdueHandler } from './evaluation-overdue.job';
import { EvaluationReminderHandler } from './evaluation-reminder.job';
import { EvaluationTopUpHandler } from './evaluation-top-up.job';

/** The evaluations feature's jobs: further or replacement evaluators, reminders and the escalation of overdue sheets. */
export const EVALUATIONS_JOBS: FeatureJobs = {
  handlers: [EvaluationTopUpHandler, EvaluationReminderHandler, EvaluationOverdueHandler],
  imports: [EvaluationsModule],
};
