import type { FeatureJobs } from '../../../jobs/job-handler';
import { AuditAnchorHandler } from './audit-anchor.job';

/** The audit feature's jobs: the daily anchor of the chain's head. */
export const AUDIT_JOBS: FeatureJobs = { handlers: [AuditAnchorHandler] };
