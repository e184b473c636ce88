import type { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxService } from '../modules/outbox/outbox.service';
import { withTimeout } from '../modules/queue/queue.factory';
import { JOB_DEFAULTS } from '../worker/outbox-relay';

/** A reminder as its planner wants it: keyed by its deterministic job id; `alreadyTold` when nothing is left to say. */
export type PlannedReminder = { key: string; runAt: string; alreadyTold?: boolean };

/** The reminders table a planner writes (grant_reminders, monitoring_reminders, narrative_report_reminders). */
export interface ReminderRows<R extends PlannedReminder> {
  /** Adds the rows not planned before (ON CONFLICT DO NOTHING) and returns those it added. */
  insertPlanned(m: EntityManager, rows: R[]): Promise<R[]>;
  markDone(m: EntityManager, key: string[], outcome: 'sent' | 'not_needed'): Promise<void>;
  /** Planned and not done; `overdueMinutes` null: all of them, else only those due that long. */
  pending(m: EntityManager, overdueMinutes: number | null): Promise<{ key: string; runAt: Date | string }[]>;
}

type ReminderJob = 'grant.reminder' | 'monitoring.reminder' | 'narrative_report.reminder';

/**
 * What the grants', monitoring's and narrative reports' reminder planners share: the database is the reminders'
 * source of truth. Each round, in one transaction, the reminders wanted now are written as rows keyed by their job
 * id together with their outbox rows (planning twice adds nothing, so several workers may plan at once); a reminder
 * that has nothing left to say is marked done instead of sent. When the worker starts, every pending reminder is offered
 * to the queue again (the same id is a no-op in BullMQ), so a Redis that lost its data loses none; later rounds offer
 * only those overdue for ten minutes. Subclasses say which reminders are wanted (`wanted`).
 */
export abstract class ReminderPlanner<R extends PlannedReminder> {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running = false;

  protected constructor(
    protected readonly ds: DataSource,
    protected readonly queue: Queue,
    protected readonly outbox: OutboxService,
    protected readonly rows: ReminderRows<R>,
    private readonly spec: { logger: Logger; job: ReminderJob; what: string; jobId: (key: string) => string },
  ) {}

  /** The reminders wanted at `now`, read in the planning transaction (the rows already planned are skipped on insert). */
  protected abstract wanted(m: EntityManager, now: Date): Promise<R[]>;

  /** Plans now and offers every pending reminder to the queue, then plans again every `intervalMs`. */
  start(intervalMs = 5 * 60_000) {
    this.stopped = false;
    let first = true;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.planOnce();
      } catch (e) {
        this.spec.logger.warn(`Planning paused: ${(e as Error).message}`);
      }
      try {
        // at start every pending reminder (Redis may have lost them); later only those overdue for a while
        await this.reoffer(first ? null : 10);
        first = false;
      } catch (e) {
        this.spec.logger.warn(`Re-offering reminders paused: ${(e as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    void tick();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One round of planning; returns the reminders it added (none when everything was planned before). */
  async planOnce(now: Date = new Date()): Promise<R[]> {
    if (this.running) return [];
    this.running = true;
    try {
      return await this.ds.transaction(async (m) => {
        const added = await this.rows.insertPlanned(m, await this.wanted(m, now));
        const told = added.filter((r) => r.alreadyTold).map((r) => r.key);
        if (told.length) await this.rows.markDone(m, told, 'not_needed');
        for (const r of added.filter((x) => !x.alreadyTold)) {
          await this.outbox.enqueue(m, this.spec.job, { key: r.key }, { jobId: this.spec.jobId(r.key), runAt: new Date(r.runAt) });
        }
        if (added.length) this.spec.logger.log(`Planned ${added.length} ${this.spec.what}(s)`);
        return added;
      });
    } finally {
      this.running = false;
    }
  }

  /**
   * Offers pending reminders to the queue again: those BullMQ does not hold (Redis lost them) or holds as failed (given
   * up on while the database was away, say) are added again with the same id. Returns how many were offered.
   */
  async reoffer(overdueMinutes: number | null): Promise<number> {
    const pending = await this.rows.pending(this.ds.manager, overdueMinutes);
    let n = 0;
    for (const r of pending) {
      const id = this.spec.jobId(r.key);
      const existing = await withTimeout(this.queue.getJob(id), 5_000, 'queue');
      if (existing && !(await existing.isFailed())) continue;
      if (existing) await existing.remove().catch(() => undefined);
      const delay = Math.max(0, new Date(r.runAt).getTime() - Date.now());
      await withTimeout(this.queue.add(this.spec.job, { key: r.key }, { ...JOB_DEFAULTS, jobId: id, delay }), 5_000, 'queue');
      n++;
    }
    if (n) this.spec.logger.log(`Offered ${n} ${this.spec.what}(s) to the queue again`);
    return n;
  }
}
