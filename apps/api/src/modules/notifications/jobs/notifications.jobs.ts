import type { FeatureJobs } from '../../../jobs/job-handler';
import { DigestHandler } from './digest.job';

/** The notifications feature's jobs: the daily digest e-mail. */
export const NOTIFICATIONS_JOBS: FeatureJobs = { handlers: [DigestHandler] };
