import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { narrativeReportReminders, shouldSendNarrativeReportReminder, type Language, type NarrativeReportKind, type NarrativeReportReminderKey, type NotificationKind } from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { JobHandler } from '../../../jobs/job-handler';
import { NotificationsService, type Recipient } from '../../notifications/notifications.service';
import { NarrativeReportsRepository } from '../narrative-reports.repository';
import { parseNarrativeReportReminderKey, type NarrativeReportReminderRef } from './narrative-report-reminder-keys';
import { NarrativeReportRemindersRepository } from './narrative-report-reminders.repository';

export const NARRATIVE_REPORT_REMINDER_KINDS: Readonly<Record<NarrativeReportReminderKey, NotificationKind>> = Object.freeze({
  'R-14d': 'narrative_report.due_soon',
  R0: 'narrative_report.due_today',
  'R+1d': 'narrative_report.overdue',
  'R+7d': 'narrative_report.escalated',
});

/** A report named in the reader's language (a parameter of the portal's own words, transliterated for Cyrillic readers). */
export const NARRATIVE_REPORT_WORDS: Readonly<Record<Language, (kind: NarrativeReportKind, seq: number) => string>> = Object.freeze({
  en: (k, n) => (k === 'final' ? 'final report' : `interim report ${n}`),
  sq: (k, n) => (k === 'final' ? 'raporti përfundimtar' : `raporti i ndërmjetëm ${n}`),
  sr: (k, n) => (k === 'final' ? 'završni izveštaj' : `privremeni izveštaj ${n}`),
});

type Send = { recipients: Recipient[]; kind: NotificationKind; params: (lang: Language) => Record<string, string | number | null>; link: string };

/**
 * Sends one planned narrative-report reminder (narrative-report-reminders.planner.ts), once: the row is locked, the
 * report read again (locked for share) in the same transaction, and the reminder sent only if still needed
 * (libs/domain shouldSendNarrativeReportReminder: not handed in, and planned for the due date now in force — an
 * extension granted since makes the old ones stale), of a grant still in force. Either way the row is marked done in
 * the transaction of the notification, whose event key is the reminder's key: a job run twice sends once.
 */
@Injectable()
export class NarrativeReportReminderHandler implements JobHandler<'narrative_report.reminder'> {
  readonly name = 'narrative_report.reminder' as const;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationsService,
    private readonly repo: NarrativeReportRemindersRepository,
    private readonly reports: NarrativeReportsRepository,
  ) {}

  async handle({ key }: { key: string }) {
    await this.ds.transaction(async (m) => {
      const row = await this.repo.lock(m, key);
      if (!row || row.doneAt) return; // unknown or done: idempotent
      if (!row.due) throw new Error('The reminder is not due yet'); // retried with backoff
      const ref = parseNarrativeReportReminderKey(key);
      const send = ref ? await this.what(m, ref) : null;
      if (send) {
        for (const lang of ['en', 'sq', 'sr'] as const) {
          const recipients = send.recipients.filter((r) => r.language === lang);
          if (recipients.length) await this.notifications.notify(m, { recipients, kind: send.kind, params: send.params(lang), link: send.link, eventKey: key });
        }
      }
      await this.repo.markDone(m, key, send ? 'sent' : 'not_needed');
    });
  }

  /** Whom to tell what, or null when the reminder is no longer needed. */
  private async what(m: EntityManager, ref: NarrativeReportReminderRef): Promise<Send | null> {
    const r = await this.repo.report(m, ref.reportId);
    if (!r || r.grantStatus !== 'in_force' || !shouldSendNarrativeReportReminder({ dueDate: ref.dueDate }, r)) return null;
    const reminder = narrativeReportReminders(ref.dueDate).find((x) => x.key === ref.reminder)!;
    const params = (lang: Language) => ({
      agreementNumber: r.agreementNumber, organization: r.organizationName, seq: r.seq, report: NARRATIVE_REPORT_WORDS[lang](r.kind, r.seq), date: r.dueDate,
    });
    const recipients = reminder.to === 'secretariat' ? await this.reports.secretariat(m) : await this.notifications.membersOf(m, r.organizationId);
    return { recipients, kind: NARRATIVE_REPORT_REMINDER_KINDS[ref.reminder], params, link: `/reports/${r.id}` };
  }
}
