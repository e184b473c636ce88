import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { narrativeReportRemindersToPlan } from '@grants/domain';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { jobIds } from '../../../jobs/job-names';
import { ReminderPlanner } from '../../../jobs/reminder-planner';
import { OutboxService } from '../../outbox/outbox.service';
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
export class NarrativeReportRemindersPlanner extends ReminderPlanner<PlannedNarrativeReportRow> {
  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(QUEUE) queue: Queue,
    outbox: OutboxService,
    private readonly repo: NarrativeReportRemindersRepository,
  ) {
    super(ds, queue, outbox, repo, { logger: new Logger('NarrativeReportReminders'), job: 'narrative_report.reminder', what: 'narrative-report reminder', jobId: jobIds.narrativeReportReminder });
  }

  protected async wanted(m: EntityManager, now: Date): Promise<PlannedNarrativeReportRow[]> {
    await ensureNarrativeReportRows(m);
    const out: PlannedNarrativeReportRow[] = [];
    for (const r of await this.repo.reportsToPlan(m)) {
      for (const x of narrativeReportRemindersToPlan(r, now)) {
        out.push({ key: narrativeReportReminderKey({ reportId: r.id, dueDate: x.dueDate, reminder: x.key }), grantId: r.grantId, runAt: x.at });
      }
    }
    return out;
  }
}
