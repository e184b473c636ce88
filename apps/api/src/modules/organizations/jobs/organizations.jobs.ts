import type { FeatureJobs } from '../../../jobs/job-handler';
import { LicenceCheckHandler } from './licence-check.job';

/** The organisations feature's jobs: the daily check of social-services licences about to expire. */
export const ORGANIZATIONS_JOBS: FeatureJobs = { handlers: [LicenceCheckHandler] };
