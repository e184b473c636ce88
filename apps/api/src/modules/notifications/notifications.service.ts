import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deliveryFor, Delivery, isScript, Language, NOTIFICATION_KINDS, NotificationKind, Script } from '@grants/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { ENV, Env } from '../../config/env.dto';
import { MailService } from '../mail/mail.service';
import { inScript, interpolate } from '../mail/templates';
import { NOTIFICATION_MESSAGES, PORTAL_WORDS_PARAMS } from './messages';
import { NotificationEntity, NotificationPreferenceEntity } from './entities/notification.entity';

/** The script is the account's when left out (looked up by notify). */
export type Recipient = { id: string; email: string; language: Language; script?: Script };
export type NotifyInput = {
  recipients: Recipient[];
  kind: NotificationKind;
  params: Record<string, string | number | null>;
  /** Path inside the portal, e.g. /organization/documents */
  link: string | null;
  /** Unique per event; combined with the recipient, so repeating an event never notifies twice. */
  eventKey: string;
};

/**
 * A notification's title and body in the reader's language and script. For a Cyrillic reader the texts are
 * transliterated before the parameters go in, and of the parameters only those that are the portal's own
 * words (PORTAL_WORDS_PARAMS: a call's Serbian title, a formatted date, an outcome); names, addresses,
 * references, hashes and what people typed stay as written.
 */
export function renderNotification(kind: string, lang: Language, params: Record<string, string | number | null>, script: Script = 'latin') {
  const m = NOTIFICATION_MESSAGES[kind as NotificationKind]?.[lang];
  if (!m) return { title: kind, body: '' };
  const w = (text: string) => inScript(text, lang, script);
  const p = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && PORTAL_WORDS_PARAMS.has(k) ? w(v) : v]),
  );
  return { title: interpolate(w(m.title), p), body: interpolate(w(m.body), p) };
}

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly mail: MailService,
    @Inject(ENV) private readonly env: Env,
    private readonly access: AccessService,
  ) {}

  /** The active members of an organisation, as recipients (optionally leaving one person out). */
  membersOf(m: EntityManager, organizationId: string, exceptUserId?: string): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE organization_id = $1 AND active AND id <> coalesce($2::uuid, '00000000-0000-0000-0000-000000000000')`, [organizationId, exceptUserId ?? null]);
  }

  /** Called inside the transaction of the change that causes it. */
  async notify(manager: EntityManager, input: NotifyInput): Promise<void> {
    if (!input.recipients.length) return;
    const prefs = await manager.find(NotificationPreferenceEntity, {
      where: { userId: In(input.recipients.map((r) => r.id)), kind: input.kind },
    });
    const prefOf = new Map(prefs.map((p) => [p.userId, p.delivery]));
    const scriptOf = await this.scripts(manager, input.recipients);
    for (const r of input.recipients) {
      const delivery = deliveryFor(input.kind, prefOf.get(r.id));
      const dedupeKey = `${input.eventKey}:${r.id}`;
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO notifications (user_id, kind, params, link, dedupe_key, email_delivery)
         VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [r.id, input.kind, JSON.stringify(input.params), input.link, dedupeKey, delivery.email],
      );
      if (!inserted.length || delivery.email !== 'now') continue;
      const script = scriptOf.get(r.id) ?? 'latin';
      const { title, body } = renderNotification(input.kind, r.language, input.params, script);
      await this.mail.compose(manager, {
        to: r.email,
        userId: r.id,
        language: r.language,
        script,
        template: 'notification',
        params: { title, body, link: input.link ? `${this.env.appUrl}${input.link}` : '' },
        dedupeKey: `notification:${dedupeKey}`,
      });
    }
  }

  /** Each Serbian recipient's script: as given, else the account's. */
  private async scripts(manager: EntityManager, recipients: Recipient[]): Promise<Map<string, Script>> {
    const out = new Map<string, Script>();
    const unknown: string[] = [];
    for (const r of recipients) {
      if (r.script) out.set(r.id, r.script);
      else if (r.language === 'sr') unknown.push(r.id);
    }
    if (unknown.length) {
      const rows: { id: string; script: string }[] = await manager.query(`SELECT id, script FROM users WHERE id = ANY($1::uuid[])`, [unknown]);
      for (const row of rows) if (isScript(row.script)) out.set(row.id, row.script);
    }
    return out;
  }

  async list(user: AuthUser, opts: { unread: boolean; page: number; pageSize: number }) {
    const repo = this.ds.getRepository(NotificationEntity);
    const where = { userId: user.id, ...(opts.unread ? { readAt: IsNull() } : {}) };
    const [rows, total] = await repo.findAndCount({
      where, order: { createdAt: 'DESC' }, skip: (opts.page - 1) * opts.pageSize, take: opts.pageSize,
    });
    const unreadCount = await repo.count({ where: { userId: user.id, readAt: IsNull() } });
    return {
      items: rows.map((n) => ({
        id: n.id, kind: n.kind, ...renderNotification(n.kind, user.language, n.params, user.script), link: n.link,
        createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
      })),
      unreadCount,
      total,
    };
  }

  async markRead(user: AuthUser, id: string) {
    await this.access.requireAccess(user, 'notification.read.own', [id]);
    const res = await this.ds.getRepository(NotificationEntity).update({ id, userId: user.id }, { readAt: () => 'COALESCE(read_at, now())' } as never);
    if (!res.affected) throw AppError.notFound('notification');
  }

  async markAllRead(user: AuthUser) {
    await this.ds.getRepository(NotificationEntity).update({ userId: user.id, readAt: IsNull() }, { readAt: new Date() });
  }

  async preferences(user: AuthUser) {
    const rows = await this.ds.getRepository(NotificationPreferenceEntity).find({ where: { userId: user.id } });
    const of = new Map(rows.map((r) => [r.kind, r.delivery]));
    return {
      items: NOTIFICATION_KINDS.map((k) => ({
        kind: k.kind,
        mustAct: k.mustAct,
        delivery: (k.mustAct ? 'immediate' : of.get(k.kind) ?? 'immediate') as Delivery,
      })),
    };
  }

  async setPreferences(user: AuthUser, items: { kind: string; delivery: Delivery }[]) {
    const known = new Map(NOTIFICATION_KINDS.map((k) => [k.kind as string, k]));
    items.forEach((i, idx) => {
      if (!known.has(i.kind)) throw AppError.badRequest(`items.${idx}.kind`, 'enum', `Unknown kind of notification: ${i.kind}`);
    });
    await this.ds.transaction(async (m) => {
      for (const i of items) {
        const delivery = known.get(i.kind)!.mustAct ? 'immediate' : i.delivery;
        await m.upsert(NotificationPreferenceEntity, { userId: user.id, kind: i.kind, delivery }, ['userId', 'kind']);
      }
    });
    return this.preferences(user);
  }
}
