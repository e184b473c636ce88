import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actionPointRemindersApply, toKosovoLocal, visitAnnouncedInAdvance, type ActionPointReminderKey, type NotificationKind } from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { JobHandler } from '../../../jobs/job-handler';
import { GrantsRepository } from '../../grants/grants.repository';
import { NotificationsService, type Recipient } from '../../notifications/notifications.service';
import { parseMonitoringReminderKey, type MonitoringReminderRef } from './monitoring-reminder-keys';
import { MonitoringRemindersRepository } from './monitoring-reminders.repository';

export const ACTION_POINT_REMINDER_KINDS: Readonly<Record<ActionPointReminderKey, NotificationKind>> = Object.freeze({
  'A-7d': 'action_point.due_soon',
  A0: 'action_point.due_today',
  'A+1d': 'action_point.overdue',
  'A+7d': 'action_point.overdue',
  'A+1d-esc': 'action_point.escalated',
});

type Send = { recipients: Recipient[]; kind: NotificationKind; params: Record<string, string | number | null>; link: string };

/**
 * Sends one planned monitoring reminder (monitoring-reminders.planner.ts), once: the row is locked, the action
 * point or visit read again in the same transaction, and the reminder sent only if still needed — the point live,
 * still waiting on its owner (open or reopened) with the same due date and round; the visit still announced, on the
 * same date, not yet past. Either way the row is marked done in the transaction of the notification, whose event
 * key is the reminder's key: a job run twice sends once.
 */
@Injectable()
export class MonitoringReminderHandler implements JobHandler<'monitoring.reminder'> {
  readonly name = 'monitoring.reminder' as const;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationsService,
    private readonly repo: MonitoringRemindersRepository,
    private readonly grants: GrantsRepository,
  ) {}

  async handle({ key }: { key: string }) {
    await this.ds.transaction(async (m) => {
      const row = await this.repo.lock(m, key);
      if (!row || row.doneAt) return; // unknown or done: idempotent
      if (!row.due) throw new Error('The reminder is not due yet'); // retried with backoff
      const ref = parseMonitoringReminderKey(key);
      const send = ref ? await this.what(m, ref) : null;
      if (send) await this.notifications.notify(m, { recipients: send.recipients, kind: send.kind, params: send.params, link: send.link, eventKey: key });
      await this.repo.markDone(m, key, send ? 'sent' : 'not_needed');
    });
  }

  /** Whom to tell what, or null when the reminder is no longer needed. */
  private async what(m: EntityManager, ref: MonitoringReminderRef): Promise<Send | null> {
    switch (ref.subject) {
      case 'action_point': {
        const p = await this.repo.actionPoint(m, ref.actionPointId);
        if (!p || !p.live || !actionPointRemindersApply(p.status) || p.dueDate !== ref.dueDate || p.round !== ref.round) return null;
        if (ref.reminder === 'A+1d-esc' && p.priority !== 'high') return null;
        const toSecretariat = ref.reminder === 'A+1d-esc' || p.owner === 'secretariat';
        const recipients = toSecretariat ? await this.grants.secretariat(m) : await this.notifications.membersOf(m, p.organizationId);
        return {
          recipients, kind: ACTION_POINT_REMINDER_KINDS[ref.reminder], link: `/action-points/${p.id}`,
          params: { agreementNumber: p.agreementNumber, organization: p.organizationName, seq: p.seq, what: p.what, date: p.dueDate },
        };
      }
      case 'visit': {
        const v = await this.repo.visit(m, ref.visitId);
        // never of an unannounced visit (the organisation must not learn of it), nor of a moved or past one
        if (!v || !visitAnnouncedInAdvance(v.type) || v.date !== ref.date || v.date < toKosovoLocal(new Date()).date) return null;
        return {
          recipients: await this.notifications.membersOf(m, v.organizationId), kind: 'visit.reminder', link: `/grants/${v.grantId}`,
          params: { agreementNumber: v.agreementNumber, monitor: v.monitorName, date: v.date },
        };
      }
    }
  }
}
