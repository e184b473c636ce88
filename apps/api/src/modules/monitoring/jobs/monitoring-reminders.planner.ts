import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actionPointReminders, remindersToPlan, toKosovoLocal, visitReminders } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobIds } from '../../../jobs/job-names';
import { JOB_DEFAULTS } from '../../../worker/outbox-relay';
import { OutboxService } from '../../outbox/outbox.service';
import { withTimeout } from '../../queue/queue.factory';
import { QUEUE } from '../../queue/queue.module';
import { monitoringReminderKey } from './monitoring-reminder-keys';
import { MonitoringRemindersRepository, type PlannedMonitoringRow } from './monitoring-reminders.repository';

/**
 * Plans the monitoring reminders from the database, their source of truth, as the grants' deadlines planner does
 * (modules/grants/jobs/grant-deadlines.planner.ts): every live action point waiting on its owner (open or
 * reopened) gets libs/domain actionPointReminders (A-7d, A0, A+1d, A+7d to the owner; A+1d-esc to the Secretariat
 * for a high-priority one); every announced visit to come gets visitReminders (V-2d to the organisation; an
 * unannounced visit never has one).
 *
 * Each reminder is a row of grant_reminders keyed by its deterministic job id (monitoring-reminder-keys.ts), written
 * with its outbox row in one transaction (ON CONFLICT DO NOTHING: planning twice adds nothing). Of the reminders
 * already due only the latest is planned (remindersToPlan; for an action point one chain per audience, so the
 * escalation does not supersede the owner's overdue reminder), so a worker that was down sends one, late. A visit
 * planned or moved after its reminder's time is recorded as not needed at once: the organisation was told by
 * visit.planned / visit.rescheduled. At start every pending reminder is offered to the queue again (the same id is
 * a no-op in BullMQ), so a Redis that lost its data loses none. Runs at start and every few minutes, so points that
 * went live and visits planned since are picked up.
 */
@Injectable()
export class MonitoringRemindersPlanner {
  private readonly logger = new Logger('MonitoringReminders');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(QUEUE) private readonly queue: Queue,
    private readonly outbox: OutboxService,
    private readonly repo: MonitoringRemindersRepository,
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
  async planOnce(now: Date = new Date()): Promise<PlannedMonitoringRow[]> {
    if (this.running) return [];
    this.running = true;
    try {
      return await this.ds.transaction(async (m) => {
        const wanted = [...(await this.actionPoints(m, now)), ...(await this.visits(m, now))];
        const added = await this.repo.insertPlanned(m, wanted);
        await this.repo.markDone(m, added.filter((r) => r.alreadyTold).map((r) => r.key), 'not_needed');
        for (const r of added.filter((x) => !x.alreadyTold)) {
          await this.outbox.enqueue(m, 'monitoring.reminder', { key: r.key }, { jobId: jobIds.monitoringReminder(r.key), runAt: new Date(r.runAt) });
        }
        if (added.length) this.logger.log(`Planned ${added.length} monitoring reminder(s)`);
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
      const id = jobIds.monitoringReminder(r.key);
      const existing = await withTimeout(this.queue.getJob(id), 5_000, 'queue');
      if (existing && !(await existing.isFailed())) continue;
      if (existing) await existing.remove().catch(() => undefined);
      const delay = Math.max(0, new Date(r.runAt).getTime() - Date.now());
      await withTimeout(this.queue.add('monitoring.reminder', { key: r.key }, { ...JOB_DEFAULTS, jobId: id, delay }), 5_000, 'queue');
      n++;
    }
    if (n) this.logger.log(`Offered ${n} monitoring reminder(s) to the queue again`);
    return n;
  }

  private async actionPoints(m: EntityManager, now: Date): Promise<PlannedMonitoringRow[]> {
    const out: PlannedMonitoringRow[] = [];
    for (const p of await this.repo.pointsToPlan(m)) {
      const all = actionPointReminders(p.dueDate, p.priority);
      // one chain per audience: the escalation falls due with A+1d, and must not supersede the owner's reminder
      const toPlan = (['owner', 'secretariat'] as const).flatMap((to) => remindersToPlan(all.filter((r) => r.to === to), now));
      for (const r of toPlan) {
        const key = monitoringReminderKey({ subject: 'action_point', actionPointId: p.id, dueDate: p.dueDate, round: p.round, reminder: r.key });
        out.push({ key, grantId: p.grantId, subject: 'action_point', runAt: r.at });
      }
    }
    return out;
  }

  private async visits(m: EntityManager, now: Date): Promise<PlannedMonitoringRow[]> {
    const out: PlannedMonitoringRow[] = [];
    for (const v of await this.repo.visitsToPlan(m, toKosovoLocal(now).date)) {
      for (const r of remindersToPlan(visitReminders(v), now)) {
        const key = monitoringReminderKey({ subject: 'visit', visitId: v.id, date: v.date, reminder: r.key });
        // planned (or moved) after its reminder's time: visit.planned / visit.rescheduled told the organisation already
        out.push({ key, grantId: v.grantId, subject: 'visit', runAt: r.at, alreadyTold: new Date(v.changedAt).getTime() >= new Date(r.at).getTime() });
      }
    }
    return out;
  }
}
