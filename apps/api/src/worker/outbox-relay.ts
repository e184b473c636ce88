import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EVALUATION_REMINDER_DAYS, reminderInstants } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobIds, type JobName, type JobPayload } from '../jobs/job-names';
import { withTimeout } from '../modules/queue/queue.factory';
import { QUEUE } from '../modules/queue/queue.module';
import { QueueRebuildRepository } from './queue-rebuild.repository';

/** How often the relay rebuilds from the database what the queue should hold (see OutboxRelay.sweep). */
export const SWEEP_EVERY_MS = 30_000;

/** What one sweep offered the queue again, by kind. */
export type SweepCounts = { emails: number; calls: number; evaluations: number; infoSessions: number };

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

  private readonly rebuild: QueueRebuildRepository;

  constructor(@InjectDataSource() private readonly ds: DataSource, @Inject(QUEUE) private readonly queue: Queue) {
    this.rebuild = new QueueRebuildRepository(ds);
  }

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
  async sweep(force = false): Promise<SweepCounts> {
    if (!force && Date.now() - this.lastSweep < SWEEP_EVERY_MS) return { emails: 0, calls: 0, evaluations: 0, infoSessions: 0 };
    this.lastSweep = Date.now();
    return {
      emails: await this.sweepStuckEmails(), calls: await this.sweepCallClosings(),
      evaluations: await this.sweepEvaluationDeadlines(), infoSessions: await this.sweepInfoSessionReminders(),
    };
  }

  /** E-mails still pending a minute after they were written (their job lost, or failed for good) are offered again. */
  private async sweepStuckEmails(): Promise<number> {
    let n = 0;
    for (const r of await this.rebuild.stuckEmails()) if (await this.offerAgain('email.send', { emailId: r.id }, jobIds.email(r.id))) n++;
    return n;
  }

  /**
   * A published call is closed at its deadline by a delayed job, and its applicants reminded before it (7 days, 2 days,
   * 3 hours): each still to come is offered again when the queue no longer has it, with the payload CallsService gave it.
   */
  private async sweepCallClosings(): Promise<number> {
    let n = 0;
    for (const { id, deadline } of await this.rebuild.publishedCallDeadlines()) {
      const stamp = new Date(deadline).getTime();
      if (await this.offerAgain('call.close', { callId: id, deadline }, jobIds.callClose(id, stamp), Math.max(0, stamp - Date.now()))) n++;
      for (const r of reminderInstants(deadline)) {
        const delay = new Date(r.at).getTime() - Date.now();
        if (delay > 0 && (await this.offerAgain('application.reminders', { callId: id, key: r.key, deadline }, jobIds.reminder(id, r.key, stamp), delay))) n++;
      }
    }
    return n;
  }

  /**
   * An evaluation's reminders (3 days and 1 day before its due date) and its escalation at the due date, for each due
   * date some evaluator of the call still has a sheet open for: each still to come is offered again under its id.
   */
  private async sweepEvaluationDeadlines(): Promise<number> {
    let n = 0;
    for (const { callId, dueAt } of await this.rebuild.openEvaluationDueDates()) {
      const dueMs = new Date(dueAt).getTime();
      const due = new Date(dueMs).toISOString();
      for (const days of EVALUATION_REMINDER_DAYS) {
        const delay = dueMs - days * 86_400_000 - Date.now();
        if (delay > 0 && (await this.offerAgain('evaluation.reminder', { callId, dueAt: due, days }, jobIds.evaluationReminder(callId, dueMs, days), delay))) n++;
      }
      if (await this.offerAgain('evaluation.overdue', { callId, dueAt: due }, jobIds.evaluationOverdue(callId, dueMs), Math.max(0, dueMs - Date.now()))) n++;
    }
    return n;
  }

  /** An info session's reminder the day before, while that is still to come. */
  private async sweepInfoSessionReminders(): Promise<number> {
    let n = 0;
    for (const { id, startsAt } of await this.rebuild.comingInfoSessions()) {
      const starts = new Date(startsAt);
      const delay = starts.getTime() - 86_400_000 - Date.now();
      if (delay > 0 && (await this.offerAgain('info_session.reminder', { sessionId: id, startsAt: starts.toISOString() }, jobIds.infoSessionReminder(id), delay))) n++;
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
