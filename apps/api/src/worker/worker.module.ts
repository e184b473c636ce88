import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { CORE_IMPORTS } from '../app.module';
import { ENV, Env } from '../config/env.dto';
import { JOB_NAMES, JobName } from '../jobs/job-names';
import { createWorker } from '../modules/queue/queue.factory';
import { QUEUE } from '../modules/queue/queue.module';
import { DigestHandler } from './digest.handler';
import { LicenceCheckHandler } from './licence-check.handler';
import { ApplicationRemindersHandler, CallCloseHandler, InfoSessionReminderHandler } from './call-deadline.handlers';
import { EvaluationsService } from '../modules/evaluations/evaluations.service';
import { EvaluationOverdueHandler, EvaluationReminderHandler, EvaluationTopUpHandler } from './evaluation.handlers';
import { createMailTransport, EmailSendHandler, MAIL_TRANSPORT } from './email-send.handler';
import { checkHandlers, JOB_HANDLERS, JobHandler } from './job-handler';
import { JOB_DEFAULTS, OutboxRelay } from './outbox-relay';

/** Runs jobs from the queue and relays the outbox into it. */
@Injectable()
export class WorkerRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandler[],
    private readonly relay: OutboxRelay,
  ) {}

  async start() {
    if (this.worker) return;
    const map = checkHandlers(JOB_NAMES, this.handlers);
    this.worker = createWorker({ redisUrl: this.env.REDIS_URL, databaseUrl: this.env.DATABASE_URL, prefix: this.env.QUEUE_PREFIX }, async (job: Job) => {
      const handler = map.get(job.name as JobName);
      if (!handler) throw new Error(`No handler for ${job.name}`);
      await handler.handle(job.data as never, { jobId: job.id, attempt: job.attemptsMade + 1 });
    });
    this.worker.on('failed', (job, err) => this.logger.warn(`Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    this.worker.on('error', (err) => this.logger.warn(`Queue connection: ${err.message}`));
    void this.worker.run();
    // The daily digest at 07:00 Kosovo time; the scheduler id is fixed so restarts never add a second one.
    await this.queue.upsertJobScheduler('digest.daily', { pattern: '0 7 * * *', tz: 'Europe/Belgrade' }, {
      name: 'digest.run', data: { day: 'scheduled' }, opts: { ...JOB_DEFAULTS },
    }).catch((e) => this.logger.warn(`Could not schedule the digest: ${(e as Error).message}`));
    await this.queue.upsertJobScheduler('licence.daily', { pattern: '0 8 * * *', tz: 'Europe/Belgrade' }, {
      name: 'licence.check', data: { day: 'scheduled' }, opts: { ...JOB_DEFAULTS },
    }).catch((e) => this.logger.warn(`Could not schedule the licence check: ${(e as Error).message}`));
    this.relay.start();
    this.logger.log(`Worker running (${this.env.REDIS_URL ? 'redis' : 'postgres'} queue, jobs: ${[...map.keys()].join(', ')})`);
  }

  async onApplicationShutdown() {
    this.relay.stop();
    await this.worker?.close().catch(() => undefined);
  }
}

@Module({
  imports: [...CORE_IMPORTS],
  providers: [
    OutboxRelay,
    EmailSendHandler,
    DigestHandler,
    LicenceCheckHandler,
    CallCloseHandler,
    ApplicationRemindersHandler,
    InfoSessionReminderHandler,
    EvaluationsService,
    EvaluationTopUpHandler,
    EvaluationReminderHandler,
    EvaluationOverdueHandler,
    { provide: MAIL_TRANSPORT, inject: [ENV], useFactory: createMailTransport },
    { provide: JOB_HANDLERS, inject: [EmailSendHandler, DigestHandler, LicenceCheckHandler, CallCloseHandler, ApplicationRemindersHandler, InfoSessionReminderHandler, EvaluationTopUpHandler, EvaluationReminderHandler, EvaluationOverdueHandler], useFactory: (...handlers: JobHandler[]) => handlers },
    WorkerRunner,
  ],
  exports: [WorkerRunner, OutboxRelay],
})
export class WorkerModule {}
