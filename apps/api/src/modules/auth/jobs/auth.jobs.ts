import type { FeatureJobs } from '../../../jobs/job-handler';
import { LoginFailuresPurgeHandler } from './login-failures-purge.job';

/** The accounts feature's jobs: forgetting old failed logins of unknown addresses. */
export const AUTH_JOBS: FeatureJobs = { handlers: [LoginFailuresPurgeHandler] };
