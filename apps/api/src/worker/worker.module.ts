import { Inject, Injectable, Logger, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import { CORE_IMPORTS } from '../app.module';
import { ENV, Env } from '../config/env.dto';
import { JOB_NAMES, JobName } from '../jobs/job-names';
import { createWorker, pingQueue } from '../modules/queue/queue.factory';
import { QUEUE } from '../modules/queue/queue.module';
import { checkHandlers, JOB_HANDLERS, type FeatureJobs, type JobHandler } from '../jobs/job-handler';
import { APPLICATIONS_JOBS } from '../modules/applications/jobs/applications.jobs';
import { AUDIT_JOBS } from '../modules/audit/jobs/audit.jobs';
import { AUTH_JOBS } from '../modules/auth/jobs/auth.jobs';
import { CALLS_JOBS } from '../modules/calls/jobs/calls.jobs';
import { DOSSIER_JOBS } from '../modules/dossier/jobs/dossier.jobs';
import { EVALUATIONS_JOBS } from '../modules/evaluations/jobs/evaluations.jobs';
import { GrantDeadlinesPlanner } from '../modules/grants/jobs/grant-deadlines.planner';
import { GRANTS_JOBS } from '../modules/grants/jobs/grants.jobs';
import { MAIL_JOBS } from '../modules/mail/jobs/mail.jobs';
import { MONITORING_JOBS } from '../modules/monitoring/jobs/monitoring.jobs';
import { MonitoringRemindersPlanner } from '../modules/monitoring/jobs/monitoring-reminders.planner';
import { NOTIFICATIONS_JOBS } from '../modules/notifications/jobs/notifications.jobs';
import { ORGANIZATIONS_JOBS } from '../modules/organizations/jobs/organizations.jobs';
import { NarrativeReportRemindersPlanner } from '../modules/reports/jobs/narrative-report-reminders.planner';
import { REPORTS_JOBS } from '../modules/reports/jobs/reports.jobs';
import { RETENTION_JOBS } from '../modules/retention/jobs/retention.jobs';
import { RETENTION_SWEEP_SCHEDULER } from '../modules/retention/jobs/retention-sweep.job';
import { PORTFOLIO_JOBS } from '../modules/portfolio/jobs/portfolio.jobs';
import { PORTFOLIO_REFRESH_EVERY_MS, PORTFOLIO_REFRESH_SCHEDULER } from '../modules/portfolio/jobs/portfolio-refresh.job';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { bindMetricSources, jobMetrics, setMetricsService } from '../modules/metrics/metrics';
import { startWorkerMetricsServer } from '../modules/metrics/metrics-http';
import { MetricsRepository } from '../modules/metrics/metrics.repository';
import { JOB_DEFAULTS, OutboxRelay } from './outbox-relay';

/** The fixed id of the repeatable purge of old failed logins: restarts and several workers never add a second one. */
export const LOGIN_FAILURES_PURGE_SCHEDULER = 'login-failures.purge';

type Schedule = { id: string; repeat: { pattern: string; tz?: string } | { every: number }; name: JobName; data: Record<string, string>; what: string };

/** How often a worker checks that every repeating job is still scheduled (WorkerRunner.keepSchedules; tests call it). */
export const SCHEDULES_CHECK_EVERY_MS = 60_000;

/** The repeating jobs. Their ids are fixed, so restarts and several workers never add a second one of any. */
export const SCHEDULES: readonly Schedule[] = [
  // the daily digest at 07:00 Kosovo time
  { id: 'digest.daily', repeat: { pattern: '0 7 * * *', tz: 'Europe/Belgrade' }, name: 'digest.run', data: { day: 'scheduled' }, what: 'the digest' },
  { id: 'licence.daily', repeat: { pattern: '0 8 * * *', tz: 'Europe/Belgrade' }, name: 'licence.check', data: { day: 'scheduled' }, what: 'the licence check' },
  { id: 'audit-anchor.daily', repeat: { pattern: '30 6 * * *', tz: 'Europe/Belgrade' }, name: 'audit.anchor', data: { day: 'scheduled' }, what: 'the audit anchor' },
  { id: LOGIN_FAILURES_PURGE_SCHEDULER, repeat: { pattern: '*/15 * * * *' }, name: 'login_failures.purge', data: { at: 'scheduled' }, what: 'the purge of failed logins' },
  { id: RETENTION_SWEEP_SCHEDULER, repeat: { pattern: '30 3 * * *', tz: 'Europe/Belgrade' }, name: 'retention.sweep', data: { at: 'scheduled' }, what: 'the retention sweep' },
  { id: PORTFOLIO_REFRESH_SCHEDULER, repeat: { every: PORTFOLIO_REFRESH_EVERY_MS }, name: 'portfolio.refresh', data: { at: 'scheduled' }, what: 'the portfolio refresh' },
];

/** Runs jobs from the queue and relays the outbox into it. */
@Injectable()
export class WorkerRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;
  private metricsServer?: Server;
  private scheduleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(QUEUE) private readonly queue: Queue,
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandler[],
    private readonly relay: OutboxRelay,
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() private readonly grantDeadlines?: GrantDeadlinesPlanner,
    @Optional() private readonly monitoringReminders?: MonitoringRemindersPlanner,
    @Optional() private readonly narrativeReportReminders?: NarrativeReportRemindersPlanner,
  ) {}

  async start() {
    if (this.worker) return;
    const map = checkHandlers(JOB_NAMES, this.handlers);
    setMetricsService('worker');
    bindMetricSources({ ds: this.ds, queue: this.queue });
    // several workers share the queue: each job records which one ran it (host and process), see bull-board
    const workerName = `${hostname()}:${process.pid}`;
    this.worker = createWorker({ redisUrl: this.env.REDIS_URL, databaseUrl: this.env.DATABASE_URL, prefix: this.env.QUEUE_PREFIX, workerName }, async (job: Job) => {
      const handler = map.get(job.name as JobName);
      if (!handler) throw new Error(`No handler for ${job.name}`);
      const end = jobMetrics.duration.startTimer({ name: job.name });
      try {
        await handler.handle(job.data as never, { jobId: job.id, attempt: job.attemptsMade + 1 });
        jobMetrics.processed.inc({ name: job.name });
      } catch (e) {
        jobMetrics.failed.inc({ name: job.name });
        throw e;
      } finally {
        end();
      }
    });
    if (this.env.WORKER_METRICS_PORT) {
      const repo = new MetricsRepository(this.ds);
      const health = async () => (await Promise.all([repo.ping().then(() => true, () => false), pingQueue(this.queue).then(() => true, () => false)])).every(Boolean);
      this.metricsServer = startWorkerMetricsServer(this.env.WORKER_METRICS_PORT, this.env.METRICS_TOKEN, health);
    }
    this.worker.on('failed', (job, err) => this.logger.warn(`Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    this.worker.on('error', (err) => this.logger.warn(`Queue connection: ${err.message}`));
    void this.worker.run();
    // every repeating job, updated to this version's timing; then checked every minute (see keepSchedules)
    await this.upsertSchedules(SCHEDULES);
    this.scheduleTimer = setInterval(() => void this.keepSchedules(), SCHEDULES_CHECK_EVERY_MS);
    this.scheduleTimer.unref();
    this.relay.start();
    // grant reminders are planned from the database at start (and every few minutes), pending ones offered to the queue again
    this.grantDeadlines?.start();
    this.monitoringReminders?.start();
    this.narrativeReportReminders?.start();
    this.logger.log(`Worker running (${this.env.REDIS_URL ? 'redis' : 'postgres'} queue, jobs: ${[...map.keys()].join(', ')})`);
  }

  /**
   * Puts back each repeating job that is no longer scheduled: Redis restarted without its data (no AOF, a managed
   * Redis failed over to an empty replica) or was down when this worker started. Several workers may do it at once:
   * the ids are fixed, so there is still one of each. Returns the ids it scheduled again.
   */
  async keepSchedules(): Promise<string[]> {
    const missing: Schedule[] = [];
    for (const schedule of SCHEDULES) {
      try {
        if (!(await this.queue.getJobScheduler(schedule.id))) missing.push(schedule);
      } catch {
        return []; // the queue is not reachable now: the next check tries again
      }
    }
    if (!missing.length) return [];
    const done = await this.upsertSchedules(missing);
    if (done.length) this.logger.warn(`Repeating jobs scheduled again (the queue had lost them): ${done.join(', ')}`);
    return done;
  }

  private async upsertSchedules(schedules: readonly Schedule[]): Promise<string[]> {
    const done: string[] = [];
    for (const { id, repeat, name, data, what } of schedules) {
      try {
        await this.queue.upsertJobScheduler(id, repeat, { name, data, opts: { ...JOB_DEFAULTS } });
        done.push(id);
      } catch (e) {
        this.logger.warn(`Could not schedule ${what}: ${(e as Error).message}`);
      }
    }
    return done;
  }

  async onApplicationShutdown() {
    if (this.scheduleTimer) clearInterval(this.scheduleTimer);
    this.relay.stop();
    this.grantDeadlines?.stop();
    this.monitoringReminders?.stop();
    this.narrativeReportReminders?.stop();
    await this.worker?.close().catch(() => undefined);
    await new Promise((r) => (this.metricsServer ? this.metricsServer.close(r) : r(undefined)));
  }
}

/**
 * Every feature's jobs (`modules/<feature>/jobs/<feature>.jobs.ts`). A new job: add its name to jobs/job-names.ts,
 * its handler to the feature's jobs/ folder and list, and the feature's list here; start-up checks one handler per name.
 */
export const FEATURE_JOBS: FeatureJobs[] = [MAIL_JOBS, NOTIFICATIONS_JOBS, ORGANIZATIONS_JOBS, CALLS_JOBS, APPLICATIONS_JOBS, EVALUATIONS_JOBS, AUDIT_JOBS, AUTH_JOBS, GRANTS_JOBS, MONITORING_JOBS, REPORTS_JOBS, DOSSIER_JOBS, PORTFOLIO_JOBS, RETENTION_JOBS];
const HANDLERS = FEATURE_JOBS.flatMap((f) => f.handlers);

@Module({
  imports: [...CORE_IMPORTS, ...FEATURE_JOBS.flatMap((f) => f.imports ?? [])],
  providers: [
    OutboxRelay,
    ...HANDLERS,
    ...FEATURE_JOBS.flatMap((f) => f.providers ?? []),
    { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers },
    WorkerRunner,
  ],
  exports: [WorkerRunner, OutboxRelay],
})
export class WorkerModule {}
