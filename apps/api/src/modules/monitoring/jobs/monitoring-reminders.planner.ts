import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actionPointReminders, remindersToPlan, toKosovoLocal, visitReminders } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobIds } from '../../../jobs/job-names';
import { ReminderPlanner } from '../../../jobs/reminder-planner';
import { OutboxService } from '../../outbox/outbox.service';
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
export class MonitoringRemindersPlanner extends ReminderPlanner<PlannedMonitoringRow> {
  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(QUEUE) queue: Queue,
    outbox: OutboxService,
    private readonly repo: MonitoringRemindersRepository,
  ) {
    super(ds, queue, outbox, repo, { logger: new Logger('MonitoringReminders'), job: 'monitoring.reminder', what: 'monitoring reminder', jobId: jobIds.monitoringReminder });
  }

  protected async wanted(m: EntityManager, now: Date): Promise<PlannedMonitoringRow[]> {
    return [...(await this.actionPoints(m, now)), ...(await this.visits(m, now))];
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
