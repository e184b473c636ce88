import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { reportHandedIn, toKosovoLocal, type Language, type NotificationKind } from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { JobHandler } from '../../../jobs/job-handler';
import { NotificationsService, type Recipient } from '../../notifications/notifications.service';
import type { GrantEntity } from '../entities/grant.entity';
import { GrantsRepository } from '../grants.repository';
import { GrantDeadlinesPlanner } from './grant-deadlines.planner';
import { GrantDeadlinesRepository } from './grant-deadlines.repository';
import { parseGrantReminderKey, type GrantReminderRef } from './grant-reminder-keys';

/** A scheduled report named in the reader's language (a parameter of the portal's own words, transliterated for Cyrillic readers). */
const REPORT_WORDS: Record<Language, (kind: 'interim' | 'final', seq: number) => string> = {
  en: (k, n) => (k === 'final' ? 'final report' : `interim report ${n}`),
  sq: (k, n) => (k === 'final' ? 'raporti përfundimtar' : `raporti i ndërmjetëm ${n}`),
  sr: (k, n) => (k === 'final' ? 'završni izveštaj' : `privremeni izveštaj ${n}`),
};

const REPORT_KINDS = { 'T-14d': 'grant.report_due_soon', T0: 'grant.report_due_today', 'T+1d': 'grant.report_overdue', 'T+7d': 'grant.report_escalated' } as const;

type Send = { recipients: Recipient[]; kind: NotificationKind; params: (lang: Language) => Record<string, string | number | null> };

/**
 * Sends one planned grant reminder (grant-deadlines.planner.ts), once: the row is locked, the grant read again,
 * and the reminder sent only if it is still needed (the agreement still unsigned since the same sending, the
 * report still not handed in, the tranche still waiting with its conditions met); either way the row is marked
 * done in the same transaction as the notification, and the notification's event key is the reminder's key.
 */
@Injectable()
export class GrantReminderHandler implements JobHandler<'grant.reminder'> {
  readonly name = 'grant.reminder' as const;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationsService,
    private readonly repo: GrantDeadlinesRepository,
    private readonly grants: GrantsRepository,
    private readonly planner: GrantDeadlinesPlanner,
  ) {}

  async handle({ key }: { key: string }) {
    await this.ds.transaction(async (m) => {
      const row = await this.repo.lock(m, key);
      if (!row || row.doneAt) return; // unknown or done: idempotent
      if (!row.due) throw new Error('The reminder is not due yet'); // retried with backoff
      const ref = parseGrantReminderKey(key);
      const g = ref ? await this.grants.grant(m, ref.grantId).catch(() => null) : null;
      const send = ref && g ? await this.what(m, ref, g) : null;
      if (send) {
        for (const lang of ['en', 'sq', 'sr'] as const) {
          const recipients = send.recipients.filter((r) => r.language === lang);
          if (recipients.length) await this.notifications.notify(m, { recipients, kind: send.kind, params: send.params(lang), link: `/grants/${g!.id}`, eventKey: key });
        }
      }
      await this.repo.markDone(m, key, send ? 'sent' : 'not_needed');
    });
  }

  /** Whom to tell what, or null when the reminder is no longer needed. */
  private async what(m: EntityManager, ref: GrantReminderRef, g: GrantEntity): Promise<Send | null> {
    const base = { agreementNumber: g.agreementNumber ?? '' };
    switch (ref.subject) {
      case 'signature': {
        if (g.status !== 'sent_for_signature' || !g.sentAt || new Date(g.sentAt).getTime() !== ref.sentMs) return null;
        const date = toKosovoLocal(g.sentAt).date;
        if (ref.reminder === 'S+21d') {
          const organization = await this.repo.organizationName(m, g.organizationId);
          return { recipients: await this.grants.secretariat(m), kind: 'grant.signature_overdue', params: () => ({ ...base, organization, date }) };
        }
        return { recipients: await this.grants.owners(m, g.organizationId), kind: 'grant.signature_reminder', params: () => ({ ...base, date }) };
      }
      case 'report': {
        if (g.status !== 'in_force') return null;
        const entry = g.reportingSchedule.find((e) => e.seq === ref.seq && e.dueDate === ref.dueDate);
        if (!entry || reportHandedIn(entry, await this.repo.reportsOf(m, g.id))) return null;
        const params = (lang: Language) => ({ ...base, report: REPORT_WORDS[lang](entry.kind, entry.seq), date: entry.dueDate, periodStart: entry.periodStart, periodEnd: entry.periodEnd });
        if (ref.reminder === 'T+7d') {
          const organization = await this.repo.organizationName(m, g.organizationId);
          const recipients = [...(await this.grants.secretariat(m)), ...(await this.repo.monitor(m, g.monitorId))] as Recipient[];
          return { recipients: [...new Map(recipients.map((r) => [r.id, r])).values()], kind: REPORT_KINDS[ref.reminder], params: (lang) => ({ ...params(lang), organization }) };
        }
        return { recipients: await this.notifications.membersOf(m, g.organizationId), kind: REPORT_KINDS[ref.reminder], params };
      }
      case 'tranche': {
        const t = (await this.grants.tranches(m, g.id)).find((x) => x.id === ref.trancheId);
        if (!t || t.version !== ref.version) return null;
        if ((await this.planner.readiness(m, g.id, t.id)) !== ref.readiness) return null;
        if (ref.readiness === 'may_request') {
          return { recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'tranche.may_request', params: () => ({ ...base, seq: t.seq }) };
        }
        const organization = await this.repo.organizationName(m, g.organizationId);
        return { recipients: await this.grants.secretariat(m), kind: 'tranche.may_approve', params: () => ({ ...base, seq: t.seq, organization }) };
      }
    }
  }
}
