import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { reminderInstants } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobIds, type JobName, type JobPayload } from '../jobs/job-names';
import { withTimeout } from '../modules/queue/queue.factory';
import { QUEUE } from '../modules/queue/queue.module';

/** How often the relay rebuilds from the database what the queue should hold (see OutboxRelay.sweep). */
export const SWEEP_EVERY_MS = 30_000;

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
        await this.sweep();
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

  /**
   * What the queue should hold is rebuilt from the database, its source of truth, for when the queue lost it (a Redis
   * restarted without its data, a failover to a replica that had not caught up): every e-mail still pending a minute
   * after it was written, and the closing job and coming reminders of every published call, are offered again under
   * their own job ids, a no-op while the queue still has them. Every SWEEP_EVERY_MS (`force` for tests); returns what
   * it re-offered.
   */
  private lastSweep = 0;
  async sweep(force = false): Promise<{ emails: number; calls: number }> {
    if (!force && Date.now() - this.lastSweep < SWEEP_EVERY_MS) return { emails: 0, calls: 0 };
    this.lastSweep = Date.now();
    return { emails: await this.sweepStuckEmails(), calls: await this.sweepCallClosings() };
  }

  /** E-mails still pending a minute after they were written (their job lost, or failed for good) are offered again. */
  private async sweepStuckEmails(): Promise<number> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM emails WHERE status = 'pending' AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT 200`,
    );
    let n = 0;
    for (const r of rows) if (await this.offerAgain('email.send', { emailId: r.id }, jobIds.email(r.id))) n++;
    return n;
  }

  /**
   * A published call is closed at its deadline by a delayed job, and its applicants reminded before it (7 days, 2 days,
   * 3 hours): each still to come is offered again when the queue no longer has it, with the payload CallsService gave it.
   */
  private async sweepCallClosings(): Promise<number> {
    const rows: { id: string; deadline: string }[] = await this.ds.query(
      `SELECT id, definition #>> '{dates,submissionDeadlineAt}' AS deadline FROM calls
        WHERE status = 'published' AND submission_deadline_at IS NOT NULL AND definition #>> '{dates,submissionDeadlineAt}' IS NOT NULL`,
    );
    let n = 0;
    for (const { id, deadline } of rows) {
      const stamp = new Date(deadline).getTime();
      if (await this.offerAgain('call.close', { callId: id, deadline }, jobIds.callClose(id, stamp), Math.max(0, stamp - Date.now()))) n++;
      for (const r of reminderInstants(deadline)) {
        const delay = new Date(r.at).getTime() - Date.now();
        if (delay > 0 && (await this.offerAgain('application.reminders', { callId: id, key: r.key, deadline }, jobIds.reminder(id, r.key, stamp), delay))) n++;
      }
    }
    return n;
  }

  /** Adds the job unless the queue has it (a failed one is replaced); a queue that does not answer counts as down. */
  private async offerAgain<N extends JobName>(name: N, data: JobPayload<N>, jobId: string, delay = 0): Promise<boolean> {
    const existing = await withTimeout(this.queue.getJob(jobId), 5_000, 'queue');
    if (existing && !(await existing.isFailed())) return false;
    if (existing) await existing.remove().catch(() => undefined);
    await withTimeout(this.queue.add(name, data, { ...JOB_DEFAULTS, jobId, delay }), 5_000, 'queue');
    return true;
  }
}
