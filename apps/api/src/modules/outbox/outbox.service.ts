import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { JobName, JobPayload } from '../../jobs/job-names';
import { OutboxEntity } from './entities/outbox.entity';

/**
 * The API never talks to the queue directly: it writes the intent here, in the same transaction as the change
 * that causes it, and the worker relays it. A crash or a Redis outage after commit loses nothing.
 */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(
    manager: EntityManager,
    jobName: N,
    payload: JobPayload<N>,
    opts: { jobId?: string; runAt?: Date } = {},
  ): Promise<void> {
    await manager.insert(OutboxEntity, {
      jobName,
      payload: payload as never,
      jobId: opts.jobId ?? null,
      runAt: opts.runAt ?? null,
    });
  }
}
