import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { narrativeReportRemindersToPlan } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobIds } from '../../../jobs/job-names';
import { JOB_DEFAULTS } from '../../../worker/outbox-relay';
import { OutboxService } from '../../outbox/outbox.service';
import { withTimeout } from '../../queue/queue.factory';
import { QUEUE } from '../../queue/queue.module';
import { ensureNarrativeReportRows } from '../narrative-reports.repository';
import { narrativeReportReminderKey } from './narrative-report-reminder-keys';
import { NarrativeReportRemindersRepository, type PlannedNarrativeReportRow } from './narrative-report-reminders.repository';

/**
 * Plans the narrative-report reminders from the database, their source of truth, as the monitoring reminders are
 * (modules/monitoring/jobs/monitoring-reminders.planner.ts): every report not handed in (a draft) of a grant in force
 * gets libs/domain narrativeReportRemindersToPlan for its due date in force (an extension granted moves it): R-14d,
 * R0 and R+1d to the organisation's users, R+7d escalated to the Secretariat. Of those already due only the latest
 * is planned, so a worker that was down sends one, late.
 *
 * The report rows of every grant in force are made first (ensureNarrativeReportRows, idempotent), so a grant that
 * entered force without them is chased too. Each reminder is a row of grant_reminders keyed by its deterministic job
 * id (narrative-report-reminder-keys.ts), written with its outbox row in one transaction (ON CONFLICT DO NOTHING:
 * planning twice adds nothing). At start every pending reminder is offered to the queue again (the same id is a
 * no-op in BullMQ), so a Redis that lost its data loses none. Runs at start and every few minutes.
 */
@Injectable()
export class NarrativeReportRemindersPlanner {
  private readonly logger = new Logger('NarrativeReportReminders');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(QUEUE) private readonly queue: Queue,
    private readonly outbox: OutboxService,
    private readonly repo: NarrativeReportRemindersRepository,
  ) {}

  /** Plans now and offers every pending reminder to the queue, then plans again every `intervalMs`. */
  start(intervalMs = 5 * 60_000) {
    this.stopped = false;
    let first = true;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.planOnce();
      } catch (e) {
        this.logger.warn(`Planning paused: ${(e as Error).message}`);
      }
      try {
        // at start every pending reminder (Redis may have lost them); later only those overdue for a while
        await this.reoffer(first ? null : 10);
        first = false;
      } catch (e) {
        this.logger.warn(`Re-offering reminders paused: ${(e as Error).message}`);
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
  async planOnce(now: Date = new Date()): Promise<PlannedNarrativeReportRow[]> {
    if (this.running) return [];
    this.running = true;
    try {
      return await this.ds.transaction(async (m) => {
        await ensureNarrativeReportRows(m);
        const added = await this.repo.insertPlanned(m, await this.wanted(m, now));
        for (const r of added) {
          await this.outbox.enqueue(m, 'narrative_report.reminder', { key: r.key }, { jobId: jobIds.narrativeReportReminder(r.key), runAt: new Date(r.runAt) });
        }
        if (added.length) this.logger.log(`Planned ${added.length} narrative-report reminder(s)`);
        return added;
      });
    } finally {
      this.running = false;
    }
  }

  /**
   * Offers reminders not yet done to the queue again: those whose job Redis no longer has (or that failed for
   * good) are added again with the same id. `overdueMinutes` null: all of them; else only those due that long.
   */
  async reoffer(overdueMinutes: number | null): Promise<number> {
    const rows = await this.repo.pending(this.ds.manager, overdueMinutes);
    let n = 0;
    for (const r of rows) {
      const id = jobIds.narrativeReportReminder(r.key);
      const existing = await withTimeout(this.queue.getJob(id), 5_000, 'queue');
      if (existing && !(await existing.isFailed())) continue;
      if (existing) await existing.remove().catch(() => undefined);
      const delay = Math.max(0, new Date(r.runAt).getTime() - Date.now());
      await withTimeout(this.queue.add('narrative_report.reminder', { key: r.key }, { ...JOB_DEFAULTS, jobId: id, delay }), 5_000, 'queue');
      n++;
    }
    if (n) this.logger.log(`Offered ${n} narrative-report reminder(s) to the queue again`);
    return n;
  }

  private async wanted(m: EntityManager, now: Date): Promise<PlannedNarrativeReportRow[]> {
    const out: PlannedNarrativeReportRow[] = [];
    for (const r of await this.repo.reportsToPlan(m)) {
      for (const x of narrativeReportRemindersToPlan(r, now)) {
        out.push({ key: narrativeReportReminderKey({ reportId: r.id, dueDate: x.dueDate, reminder: x.key }), grantId: r.grantId, runAt: x.at });
      }
    }
    return out;
  }
}
