import { Logger } from '@nestjs/common';
import { createPostgresBackend, Queue, Worker, type Processor } from 'bullmq';
import IORedis from 'ioredis';
import { QUEUE_NAME } from '../../jobs/job-names';

export type QueueSettings = { redisUrl?: string; databaseUrl: string; prefix?: string; /** the worker's name, kept on each job it runs (processedBy) */ workerName?: string };

/**
 * BullMQ on Redis when REDIS_URL is set (production, CI), otherwise on its PostgreSQL backend in the portal's
 * own database (schema `bullmq`), so a demo needs nothing but PostgreSQL.
 */
export function queueBackend(s: QueueSettings): 'redis' | 'postgres' {
  return s.redisUrl ? 'redis' : 'postgres';
}

function redis(url: string) {
  return new IORedis(url, { maxRetriesPerRequest: null });
}

const pgConnection = (s: QueueSettings) => ({ connectionString: s.databaseUrl, schema: 'bullmq', migrate: true, max: 5 });

const queueLogger = new Logger('Queue');

export function createQueue(s: QueueSettings): Queue {
  const queue: Queue = s.redisUrl
    ? new Queue(QUEUE_NAME, { connection: redis(s.redisUrl), prefix: s.prefix, skipWaitingForReady: true })
    : // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (new (Queue as any)(QUEUE_NAME, { connection: pgConnection(s) }, createPostgresBackend) as Queue);
  // A lost connection (Redis or PostgreSQL restarted) is an 'error' event: without a listener it would end the
  // process. The queue reconnects by itself, and what the API must not lose is in the outbox anyway.
  queue.on('error', (err) => queueLogger.warn(`Queue connection: ${err.message}`));
  return queue;
}

export function createWorker(s: QueueSettings, processor: Processor, concurrency = 4): Worker {
  if (s.redisUrl) {
    return new Worker(QUEUE_NAME, processor, { connection: redis(s.redisUrl), prefix: s.prefix, concurrency, autorun: false, name: s.workerName });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new (Worker as any)(QUEUE_NAME, processor, { connection: pgConnection(s), concurrency, autorun: false }, createPostgresBackend) as Worker;
}

/** Rejects when the promise has not settled within the time: a queue that does not answer is treated as down. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when the queue answers, rejects after the timeout. */
export async function pingQueue(queue: Queue, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      queue.getJobCounts('waiting'),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('queue timeout')), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
