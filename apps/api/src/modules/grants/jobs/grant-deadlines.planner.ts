import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { grantDueReminders, remindersToPlan, reportHandedIn, signatureReminders } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobIds } from '../../../jobs/job-names';
import { JOB_DEFAULTS } from '../../../worker/outbox-relay';
import { OutboxService } from '../../outbox/outbox.service';
import { withTimeout } from '../../queue/queue.factory';
import { QUEUE } from '../../queue/queue.module';
import { GrantsRepository } from '../grants.repository';
import { TrancheConditionsService } from '../tranche-conditions.service';
import { GrantDeadlinesRepository, type PlannedRow } from './grant-deadlines.repository';
import { grantReminderKey } from './grant-reminder-keys';
import { trancheReadinessOf } from './tranche-readiness';

/**
 * Plans the grants' reminders from the database, which is their source of truth: agreements waiting for signature
 * (S+7d, S+14d to the owner, S+21d to the Secretariat), reports due by each grant's reporting schedule (T-14d, T0,
 * T+1d to the organisation, T+7d to the Secretariat) until a covering expenditure report is submitted, and the first
 * unpaid tranche once its conditions allow it (the organisation may request it, the Secretariat may approve it).
 *
 * Each reminder is a row of grant_reminders keyed by its deterministic job id, written with its outbox row in one
 * transaction (ON CONFLICT DO NOTHING: planning twice adds nothing); the outbox relay queues it when Redis is up.
 * Of the reminders already due only the latest is planned (remindersToPlan), so a worker that was down sends one,
 * late. When the worker starts, every planned reminder not yet done is offered to the queue again (the same id is a
 * no-op in BullMQ), so a Redis that lost its data loses no reminder. Runs at start and every few minutes.
 */
@Injectable()
export class GrantDeadlinesPlanner {
  private readonly logger = new Logger('GrantDeadlines');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(QUEUE) private readonly queue: Queue,
    private readonly outbox: OutboxService,
    private readonly repo: GrantDeadlinesRepository,
    private readonly grants: GrantsRepository,
    private readonly conditions: TrancheConditionsService,
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
  async planOnce(now: Date = new Date()): Promise<PlannedRow[]> {
    if (this.running) return [];
    this.running = true;
    try {
      return await this.ds.transaction(async (m) => {
        const wanted = [...(await this.signatures(m, now)), ...(await this.reports(m, now)), ...(await this.tranches(m, now))];
        const added = await this.repo.insertPlanned(m, wanted);
        await this.repo.markDone(m, added.filter((r) => r.alreadyTold).map((r) => r.key), 'not_needed');
        for (const r of added.filter((x) => !x.alreadyTold)) {
          await this.outbox.enqueue(m, 'grant.reminder', { key: r.key }, { jobId: jobIds.grantReminder(r.key), runAt: new Date(r.runAt) });
        }
        if (added.length) this.logger.log(`Planned ${added.length} grant reminder(s)`);
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
      const id = jobIds.grantReminder(r.key);
      const existing = await withTimeout(this.queue.getJob(id), 5_000, 'queue');
      if (existing && !(await existing.isFailed())) continue;
      if (existing) await existing.remove().catch(() => undefined);
      const delay = Math.max(0, new Date(r.runAt).getTime() - Date.now());
      await withTimeout(this.queue.add('grant.reminder', { key: r.key }, { ...JOB_DEFAULTS, jobId: id, delay }), 5_000, 'queue');
      n++;
    }
    if (n) this.logger.log(`Offered ${n} grant reminder(s) to the queue again`);
    return n;
  }

  private async signatures(m: EntityManager, now: Date): Promise<PlannedRow[]> {
    const out: PlannedRow[] = [];
    for (const g of await this.repo.awaitingSignature(m)) {
      const sentMs = new Date(g.sentAt).getTime();
      for (const r of remindersToPlan(signatureReminders(g.sentAt), now)) {
        out.push({ key: grantReminderKey({ subject: 'signature', grantId: g.id, sentMs, reminder: r.key }), grantId: g.id, subject: 'signature', runAt: r.at });
      }
    }
    return out;
  }

  private async reports(m: EntityManager, now: Date): Promise<PlannedRow[]> {
    const out: PlannedRow[] = [];
    for (const g of await this.repo.inForceWithReports(m)) {
      for (const entry of g.schedule) {
        if (reportHandedIn(entry, g.reports)) continue;
        for (const r of remindersToPlan(grantDueReminders(entry.dueDate), now)) {
          out.push({ key: grantReminderKey({ subject: 'report', grantId: g.id, seq: entry.seq, dueDate: entry.dueDate, reminder: r.key }), grantId: g.id, subject: 'report', runAt: r.at });
        }
      }
    }
    return out;
  }

  private async tranches(m: EntityManager, now: Date): Promise<PlannedRow[]> {
    const out: PlannedRow[] = [];
    for (const c of await this.repo.trancheCandidates(m)) {
      const readiness = await this.readiness(m, c.grantId, c.trancheId);
      if (!readiness) continue;
      out.push({
        key: grantReminderKey({ subject: 'tranche', grantId: c.grantId, trancheId: c.trancheId, readiness, version: c.version }), grantId: c.grantId, subject: 'tranche', runAt: now.toISOString(),
        // requested moments ago with every condition met: the request already told the Secretariat
        alreadyTold: readiness === 'may_approve' && c.justRequested,
      });
    }
    return out;
  }

  /** Whom the tranche waits on now that its conditions are computed, or null (tranche-readiness.ts). */
  readiness(m: EntityManager, grantId: string, trancheId: string) {
    return trancheReadinessOf(m, this.grants, this.conditions, grantId, trancheId);
  }
}
