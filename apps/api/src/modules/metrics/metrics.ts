import type { Queue } from 'bullmq';
import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { QUEUE_NAME } from '../../jobs/job-names';
import { withTimeout } from '../queue/queue.factory';
import { MetricsRepository, type BacklogFigures } from './metrics.repository';

/**
 * The Prometheus metrics of one process (API or worker), in one registry: Node's defaults (CPU, memory, event loop,
 * GC), HTTP request durations by route template and status, the queue's depth, the outbox's and the e-mails'
 * backlog and age, the database pool, e-mails sent and failed, jobs processed and failed, and whether the database
 * and the queue answer. Figures about shared state (queue, outbox, e-mails, health) are read at scrape time from the
 * one PostgreSQL and Redis, so every process reports the same value; across API processes they are aggregated with
 * max/min, never summed (see metrics-http.ts for the cluster).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });
// API processes under node:cluster answer the primary's requests for their metrics (prom-client's IPC protocol)
if (cluster.isWorker) {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry();
}

/** Which program this process is: a label on every metric. */
export function setMetricsService(service: 'api' | 'worker') {
  registry.setDefaultLabels({ service });
}

type Sources = { ds?: DataSource; queue?: Queue };
const sources: Sources = {};
/** Where the scrape-time figures come from (the process's own DataSource and queue); the latest call wins. */
export function bindMetricSources(s: Sources) {
  Object.assign(sources, s);
  snapshot = null;
}

type Snapshot = {
  databaseUp: boolean; queueUp: boolean; backlog: BacklogFigures | null; queueCounts: Record<string, number> | null;
};
let snapshot: { at: number; value: Promise<Snapshot> } | null = null;
/** One read of the shared state per scrape (the gauges below share it for a second). */
function shared(): Promise<Snapshot> {
  if (snapshot && Date.now() - snapshot.at < 1000) return snapshot.value;
  const value = (async (): Promise<Snapshot> => {
    const { ds, queue } = sources;
    const repo = ds ? new MetricsRepository(ds) : null;
    const backlog = repo ? await withTimeout(repo.backlog(), 2000, 'database').catch(() => null) : null;
    const queueCounts = queue
      ? await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'), 2000, 'queue').catch(() => null)
      : null;
    return { databaseUp: backlog !== null, queueUp: queueCounts !== null, backlog, queueCounts };
  })();
  snapshot = { at: Date.now(), value };
  return value;
}

export const httpRequestDuration = new Histogram({
  name: 'grants_http_request_duration_seconds',
  help: 'HTTP requests of the API by method, route template (e.g. /api/applications/:id/submit) and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

new Gauge({
  name: 'grants_queue_jobs',
  help: 'Jobs in the BullMQ queue by state (waiting, active, delayed, failed, completed kept), read from the queue at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  aggregator: 'max',
  async collect() {
    this.reset();
    const s = await shared();
    for (const [state, n] of Object.entries(s.queueCounts ?? {})) this.set({ queue: QUEUE_NAME, state }, n);
  },
});

new Gauge({
  name: 'grants_outbox_unsent',
  help: 'Outbox rows not yet relayed to the queue',
  registers: [registry],
  aggregator: 'max',
  async collect() {
    const b = (await shared()).backlog;
    if (b) this.set(b.outboxUnsent);
  },
});

new Gauge({
  name: 'grants_outbox_oldest_unsent_age_seconds',
  help: 'Age of the oldest outbox row not yet relayed (0 when none): grows while the worker or Redis is down',
  registers: [registry],
  aggregator: 'max',
  async collect() {
    const b = (await shared()).backlog;
    if (b) this.set(b.outboxOldestAgeSeconds);
  },
});

new Gauge({
  name: 'grants_emails_pending',
  help: 'E-mails written but not yet sent',
  registers: [registry],
  aggregator: 'max',
  async collect() {
    const b = (await shared()).backlog;
    if (b) this.set(b.emailsPending);
  },
});

new Gauge({
  name: 'grants_email_oldest_pending_age_seconds',
  help: 'Age of the oldest e-mail not yet sent (0 when none)',
  registers: [registry],
  aggregator: 'max',
  async collect() {
    const b = (await shared()).backlog;
    if (b) this.set(b.emailOldestPendingAgeSeconds);
  },
});

new Gauge({
  name: 'grants_up',
  help: '1 when the component answers this process (database: a query; queue: a count in Redis), else 0',
  labelNames: ['component'] as const,
  registers: [registry],
  aggregator: 'min',
  async collect() {
    const s = await shared();
    this.set({ component: 'database' }, s.databaseUp ? 1 : 0);
    this.set({ component: 'queue' }, s.queueUp ? 1 : 0);
  },
});

type PgPool = { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } };
new Gauge({
  name: 'grants_db_pool_connections',
  help: "The process's PostgreSQL pool (TypeORM): connections open (total), idle, requests waiting for one, and the pool's max",
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    const pool = (sources.ds?.driver as unknown as { master?: PgPool } | undefined)?.master;
    if (!pool) return;
    this.set({ state: 'total' }, pool.totalCount);
    this.set({ state: 'idle' }, pool.idleCount);
    this.set({ state: 'waiting' }, pool.waitingCount);
    if (pool.options?.max) this.set({ state: 'max' }, pool.options.max);
  },
});

/** E-mails handed to SMTP (the worker's counters; an API process reports 0). */
export const mailMetrics = {
  sent: new Counter({ name: 'grants_emails_sent_total', help: 'E-mails accepted by the SMTP server', registers: [registry] }),
  failed: new Counter({ name: 'grants_emails_failed_total', help: 'Attempts to send an e-mail that failed (retried with backoff)', registers: [registry] }),
};

/** Jobs run by this worker process, by job name. */
export const jobMetrics = {
  processed: new Counter({ name: 'grants_jobs_processed_total', help: 'Jobs that ran to completion, by job name', labelNames: ['name'] as const, registers: [registry] }),
  failed: new Counter({ name: 'grants_jobs_failed_total', help: 'Job runs that failed (retried with backoff until attempts run out), by job name', labelNames: ['name'] as const, registers: [registry] }),
  duration: new Histogram({
    name: 'grants_job_duration_seconds', help: 'Duration of job runs, by job name', labelNames: ['name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120], registers: [registry],
  }),
};
