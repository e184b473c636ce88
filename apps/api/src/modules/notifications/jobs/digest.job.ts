import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Language } from '@grants/domain';
import { DataSource, In, IsNull } from 'typeorm';
import { ENV, Env } from '../../../config/env.dto';
import { MailService } from '../../mail/mail.service';
import { NotificationEntity } from '../entities/notification.entity';
import { renderNotification } from '../notifications.service';
import { UserEntity } from '../../users/entities/user.entity';
import type { JobHandler } from '../../../jobs/job-handler';

/** Once a day: one e-mail per user gathering the notifications they chose to receive as a digest. */
@Injectable()
export class DigestHandler implements JobHandler<'digest.run'> {
  readonly name = 'digest.run' as const;
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly mail: MailService, @Inject(ENV) private readonly env: Env) {}

  async handle({ day }: { day: string }) {
    const pending: { user_id: string }[] = await this.ds.query(
      `SELECT DISTINCT user_id FROM notifications WHERE email_delivery = 'digest' AND digested_at IS NULL`,
    );
    for (const { user_id } of pending) {
      await this.ds.transaction(async (m) => {
        const user = await m.findOneBy(UserEntity, { id: user_id });
        const items = await m.find(NotificationEntity, {
          where: { userId: user_id, emailDelivery: 'digest', digestedAt: IsNull() }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' },
        });
        if (!items.length) return;
        if (user?.active) {
          const lang = user.language as Language;
          await this.mail.compose(m, {
            to: user.email, userId: user.id, language: lang, template: 'digest',
            params: { items: JSON.stringify(items.map((n) => renderNotification(n.kind, lang, n.params))), link: `${this.env.appUrl}/notifications` },
            dedupeKey: `digest:${user.id}:${day}:${items[0].id}`,
          });
        }
        await m.update(NotificationEntity, { id: In(items.map((i) => i.id)) }, { digestedAt: new Date() });
      });
    }
  }
}
