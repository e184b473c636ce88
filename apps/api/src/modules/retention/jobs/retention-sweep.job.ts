import { Injectable } from '@nestjs/common';
import type { JobHandler } from '../../../jobs/job-handler';
import { RetentionService } from '../retention.service';

/** The fixed id of the daily sweep's scheduler: restarts and several workers never add a second one. */
export const RETENTION_SWEEP_SCHEDULER = 'retention.daily';

/**
 * Daily (03:30 Kosovo time): removes what has reached the end of its retention period, in batches, and records
 * the run (retention_runs, audit `retention.swept`). Idempotent: a second run finds nothing more to remove.
 */
@Injectable()
export class RetentionSweepHandler implements JobHandler<'retention.sweep'> {
  readonly name = 'retention.sweep' as const;
  constructor(private readonly retention: RetentionService) {}

  async handle() {
    await this.retention.sweep();
  }
}
