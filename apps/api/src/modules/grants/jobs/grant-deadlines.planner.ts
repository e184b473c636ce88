import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { grantDueReminders, remindersToPlan, reportHandedIn, signatureReminders } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobIds } from '../../../jobs/job-names';
import { ReminderPlanner } from '../../../jobs/reminder-planner';
import { OutboxService } from '../../outbox/outbox.service';
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
export class GrantDeadlinesPlanner extends ReminderPlanner<PlannedRow> {
  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(QUEUE) queue: Queue,
    outbox: OutboxService,
    private readonly repo: GrantDeadlinesRepository,
    private readonly grants: GrantsRepository,
    private readonly conditions: TrancheConditionsService,
  ) {
    super(ds, queue, outbox, repo, { logger: new Logger('GrantDeadlines'), job: 'grant.reminder', what: 'grant reminder', jobId: jobIds.grantReminder });
  }

  protected async wanted(m: EntityManager, now: Date): Promise<PlannedRow[]> {
    return [...(await this.signatures(m, now)), ...(await this.reports(m, now)), ...(await this.tranches(m, now))];
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
