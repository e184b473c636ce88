import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobIds } from '../jobs/job-names';
import { withTimeout } from '../modules/queue/queue.factory';
import { QUEUE } from '../modules/queue/queue.module';

export const JOB_DEFAULTS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * Moves outbox rows into the queue. A row is marked relayed only after the queue accepted it; if the queue is
 * down the row waits. Adding the same job id twice is a no-op in BullMQ, so a crash between the two steps
 * at worst offers the job again and it is ignored.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('Outbox');
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(QUEUE) private readonly queue: Queue) {}

  start(intervalMs = 500) {
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.relayOnce();
        await this.sweepStuckEmails();
      } catch (e) {
        this.logger.warn(`Relay paused: ${(e as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    void tick();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Relays up to `batch` rows; returns how many went to the queue. Safe with several workers (SKIP LOCKED). */
  async relayOnce(batch = 100): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let failure: { id: string; error: Error } | undefined;
    try {
      const done = await this.ds.transaction(async (m) => {
        const rows: { id: string; job_name: string; payload: Record<string, unknown>; job_id: string | null; run_at: Date | null }[] = await m.query(
          `SELECT id, job_name, payload, job_id, run_at FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
        let n = 0;
        for (const r of rows) {
          try {
            const delay = r.run_at ? Math.max(0, new Date(r.run_at).getTime() - Date.now()) : 0;
            await withTimeout(this.queue.add(r.job_name, r.payload, { ...JOB_DEFAULTS, jobId: r.job_id ?? `outbox.${r.id}`, delay }), 5_000, 'queue');
          } catch (e) {
            failure = { id: r.id, error: e as Error };
            break; // the queue is down: stop this round, the rest keep their order
          }
          await m.query(`UPDATE outbox SET relayed_at = now(), attempts = attempts + 1 WHERE id = $1`, [r.id]);
          n++;
        }
        return n;
      });
      if (failure) {
        await this.ds.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [failure.id, String(failure.error.message)]);
        throw failure.error;
      }
      return done;
    } finally {
      this.running = false;
    }
  }

  /** E-mails still pending long after they were relayed (e.g. the queue lost its data) are offered again. */
  private lastSweep = 0;
  async sweepStuckEmails() {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM emails WHERE status = 'pending' AND created_at < now() - interval '5 minutes' ORDER BY created_at LIMIT 200`,
    );
    for (const r of rows) {
      const existing = await this.queue.getJob(jobIds.email(r.id));
      if (!existing || (await existing.isFailed())) {
        if (existing) await existing.remove().catch(() => undefined);
        await this.queue.add('email.send', { emailId: r.id }, { ...JOB_DEFAULTS, jobId: jobIds.email(r.id) });
      }
    }
  }
}
