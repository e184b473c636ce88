import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isScript, type Language } from '@grants/domain';
import { DataSource, In, IsNull } from 'typeorm';
import { ENV, Env } from '../../../config/env.dto';
import { AuditService, type AnchorRow } from '../../audit/audit.service';
import { MailService } from '../../mail/mail.service';
import { NotificationEntity } from '../entities/notification.entity';
import { renderNotification } from '../notifications.service';
import { UserEntity } from '../../users/entities/user.entity';
import type { JobHandler } from '../../../jobs/job-handler';
import { anchorDigestItem } from './digest-anchor';

/** The day in Kosovo's time zone, YYYY-MM-DD. */
const kosovoDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade' }).format(d);

/**
 * Once a day: one e-mail per user gathering the notifications they chose to receive as a digest. The Secretariat
 * administrators get theirs every day, with the head of the audit chain (the day's anchor: its length and hash), so
 * a copy of it is kept outside the database, in their mailboxes, to check the log against later.
 */
@Injectable()
export class DigestHandler implements JobHandler<'digest.run'> {
  readonly name = 'digest.run' as const;
  constructor(
    @InjectDataSource() private readonly ds: DataSource, private readonly mail: MailService, private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async handle({ day }: { day: string }) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : kosovoDay(new Date());
    // the day's anchor, shared with the audit.anchor job (whichever runs first records it; one per day)
    const anchor = await this.audit.anchorOnce(`daily:${date}`, new Date(0));
    const pending: { user_id: string }[] = await this.ds.query(
      `SELECT DISTINCT user_id FROM notifications WHERE email_delivery = 'digest' AND digested_at IS NULL`,
    );
    const admins = await this.ds.getRepository(UserEntity).find({ where: { role: 'secretariat_admin', active: true }, select: { id: true } });
    const adminIds = new Set(admins.map((a) => a.id));
    for (const userId of new Set([...pending.map((p) => p.user_id), ...adminIds])) {
      await this.ds.transaction(async (m) => {
        const user = await m.findOneBy(UserEntity, { id: userId });
        const items = await m.find(NotificationEntity, {
          where: { userId, emailDelivery: 'digest', digestedAt: IsNull() }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' },
        });
        const isAdmin = adminIds.has(userId) && user?.active === true && user.role === 'secretariat_admin';
        if (!items.length && !isAdmin) return;
        if (user?.active) {
          const lang = user.language as Language;
          const script = isScript(user.script) ? user.script : 'latin';
          const lines = items.map((n) => renderNotification(n.kind, lang, n.params, script));
          const compose = (dedupeKey: string, withAnchor: AnchorRow | null) => this.mail.compose(m, {
            to: user.email, userId: user.id, language: lang, template: 'digest',
            params: { items: JSON.stringify(withAnchor ? [...lines, anchorDigestItem(withAnchor, lang, script)] : lines), link: `${this.env.appUrl}/notifications` },
            dedupeKey,
          });
          // An administrator's first digest with an anchor is keyed by the anchor, so a rerun sends it once; notifications
          // that arrive after it, the same day, go in a digest of their own (keyed by its first notification).
          const sent = isAdmin ? await compose(`digest:${user.id}:anchor:${anchor.id}`, anchor) : null;
          if (!sent && items.length) await compose(`digest:${user.id}:${day}:${items[0].id}`, isAdmin ? anchor : null);
        }
        if (items.length) await m.update(NotificationEntity, { id: In(items.map((i) => i.id)) }, { digestedAt: new Date() });
      });
    }
  }
}
