import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatKosovo } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { JobHandler } from '../../../jobs/job-handler';
import { NotificationsService } from '../../notifications/notifications.service';

/** The day before an info session: remind everyone of the registered organisations. */
@Injectable()
export class InfoSessionReminderHandler implements JobHandler<'info_session.reminder'> {
  readonly name = 'info_session.reminder' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly notifications: NotificationsService) {}

  async handle({ sessionId, startsAt }: { sessionId: string; startsAt: string }) {
    await this.ds.transaction(async (m) => {
      const [s] = await m.query(`SELECT s.*, c.reference FROM info_sessions s JOIN calls c ON c.id = s.call_id WHERE s.id = $1`, [sessionId]);
      if (!s || s.status === 'cancelled' || (s.starts_at as Date).toISOString() !== new Date(startsAt).toISOString()) return; // moved, cancelled or gone
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
