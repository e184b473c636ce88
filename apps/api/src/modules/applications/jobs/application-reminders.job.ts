import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatKosovo } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { JobHandler } from '../../../jobs/job-handler';
import { CallEntity } from '../../calls/entities/call.entity';
import { NotificationsService } from '../../notifications/notifications.service';

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
