import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatKosovo } from '@grants/domain';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../modules/notifications/notifications.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import type { JobHandler } from './job-handler';

const WORKER = { id: null, email: 'worker' };

/** Closes a call at its deadline. If the deadline was extended since the job was queued, it does nothing. */
@Injectable()
export class CallCloseHandler implements JobHandler<'call.close'> {
  readonly name = 'call.close' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async handle({ callId, deadline }: { callId: string; deadline: string }) {
    await this.ds.transaction(async (m) => {
      const call = await m.findOne(CallEntity, { where: { id: callId }, lock: { mode: 'pessimistic_write' } });
      if (!call || call.status !== 'published') return; // already closed: idempotent
      if (call.submissionDeadlineAt?.toISOString() !== new Date(deadline).toISOString()) return; // extended
      const [{ due }] = await m.query(`SELECT now() >= $1::timestamptz AS due`, [call.submissionDeadlineAt]);
      if (!due) throw new Error('The deadline has not been reached yet'); // retried with backoff
      call.status = 'closed';
      call.closedAt = new Date();
      await m.save(call);
      const { AuditService } = await import('../modules/audit/audit.service');
      await new AuditService(this.ds).record(m, WORKER, { action: 'call.closed', entity: 'call', entityId: call.id, summary: `${call.reference} closed at its deadline` });
    });
  }
}

/** Reminds organisations with an unsubmitted draft, in each reader's language. Once per reminder point. */
@Injectable()
export class ApplicationRemindersHandler implements JobHandler<'application.reminders'> {
  readonly name = 'application.reminders' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly notifications: NotificationsService) {}

  async handle({ callId, key, deadline }: { callId: string; key: string; deadline: string }) {
    await this.ds.transaction(async (m) => {
      const call = await m.findOneBy(CallEntity, { id: callId });
      if (!call || call.status !== 'published') return;
      if (call.submissionDeadlineAt?.toISOString() !== new Date(deadline).toISOString()) return;
      const holders: { id: string; email: string; language: 'en' | 'sq' | 'sr' }[] = await m.query(
        `SELECT u.id, u.email, u.language FROM users u WHERE u.active
           AND u.organization_id IN (SELECT organization_id FROM applications WHERE call_id = $1 AND status = 'draft')`, [callId]);
      for (const r of holders) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'application.deadline_reminder',
          params: { reference: call.reference, deadline: formatKosovo(call.submissionDeadlineAt!, r.language) },
          link: `/calls/${callId}`, eventKey: `reminder:${callId}:${key}:${deadline}`,
        });
      }
    });
  }
}

/** The day before an info session: remind everyone of the registered organisations. */
@Injectable()
export class InfoSessionReminderHandler implements JobHandler<'info_session.reminder'> {
  readonly name = 'info_session.reminder' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly notifications: NotificationsService) {}

  async handle({ sessionId, startsAt }: { sessionId: string; startsAt: string }) {
    await this.ds.transaction(async (m) => {
      const [s] = await m.query(`SELECT s.*, c.reference FROM info_sessions s JOIN calls c ON c.id = s.call_id WHERE s.id = $1`, [sessionId]);
      if (!s || (s.starts_at as Date).toISOString() !== new Date(startsAt).toISOString()) return; // moved or gone
      const people: { id: string; email: string; language: 'en' | 'sq' | 'sr' }[] = await m.query(
        `SELECT u.id, u.email, u.language FROM users u WHERE u.active AND u.organization_id IN (SELECT organization_id FROM info_session_registrations WHERE session_id = $1)`, [sessionId]);
      for (const r of people) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'call.info_session_reminder',
          params: { reference: s.reference, startsAt: formatKosovo(s.starts_at, r.language), where: [s.place, s.online_link].filter(Boolean).join(' / ') },
          link: `/calls/${s.call_id}`, eventKey: `info-session:${sessionId}`,
        });
      }
    });
  }
}
