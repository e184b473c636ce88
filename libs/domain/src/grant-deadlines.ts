/**
 * When the worker reminds people about a grant: a report or expenditure report 14 days before it is due, on the
 * day and the day after (overdue), then escalated to the Secretariat 7 days after; an agreement waiting for the
 * organisation's signature 7 and 14 days after it was sent, escalated after 21. Each reminder has a stable key
 * (for a deterministic job id) and fires at 09:00 Kosovo time on its day. Pure: dates in, dates out.
 */
import { addDays, isoDateToDayNumber } from './dates';
import { kosovoLocalToUtc, toKosovoLocal } from './deadline';

export const GRANT_DUE_REMINDER_KEYS = ['T-14d', 'T0', 'T+1d', 'T+7d'] as const;
export type GrantDueReminderKey = (typeof GRANT_DUE_REMINDER_KEYS)[number];
export type GrantReminderKind = 'before' | 'on_day' | 'overdue' | 'escalation';

const DUE_OFFSETS: Readonly<Record<GrantDueReminderKey, { days: number; kind: GrantReminderKind }>> = Object.freeze({
  'T-14d': { days: -14, kind: 'before' },
  T0: { days: 0, kind: 'on_day' },
  'T+1d': { days: 1, kind: 'overdue' },
  'T+7d': { days: 7, kind: 'escalation' },
});

/** The hour of the day reminders are sent, Kosovo time. */
export const GRANT_REMINDER_LOCAL_TIME = '09:00';

export type GrantReminder<K extends string> = { key: K; kind: GrantReminderKind; date: string; at: string };

/** Reminders about something due on `dueDate` (a report, an expenditure report). */
export function grantDueReminders(dueDate: string): GrantReminder<GrantDueReminderKey>[] {
  if (isoDateToDayNumber(dueDate) === null) throw new RangeError(`dueDate must be a calendar date YYYY-MM-DD, got ${JSON.stringify(dueDate)}`);
  return GRANT_DUE_REMINDER_KEYS.map((key) => {
    const date = addDays(dueDate, DUE_OFFSETS[key].days);
    return { key, kind: DUE_OFFSETS[key].kind, date, at: kosovoLocalToUtc(date, GRANT_REMINDER_LOCAL_TIME) };
  });
}

export const SIGNATURE_REMINDER_KEYS = ['S+7d', 'S+14d', 'S+21d'] as const;
export type SignatureReminderKey = (typeof SIGNATURE_REMINDER_KEYS)[number];
const SIGNATURE_OFFSETS: Readonly<Record<SignatureReminderKey, { days: number; kind: GrantReminderKind }>> = Object.freeze({
  'S+7d': { days: 7, kind: 'overdue' },
  'S+14d': { days: 14, kind: 'overdue' },
  'S+21d': { days: 21, kind: 'escalation' },
});

/** Reminders about an agreement sent for signature at `sentAt` (an instant) and not yet signed. */
export function signatureReminders(sentAt: Date | string): GrantReminder<SignatureReminderKey>[] {
  const sentOn = toKosovoLocal(sentAt).date;
  return SIGNATURE_REMINDER_KEYS.map((key) => {
    const date = addDays(sentOn, SIGNATURE_OFFSETS[key].days);
    return { key, kind: SIGNATURE_OFFSETS[key].kind, date, at: kosovoLocalToUtc(date, GRANT_REMINDER_LOCAL_TIME) };
  });
}

/** Whether something due on `dueDate` is overdue on `today` (both Kosovo calendar dates): from the day after. */
export function isOverdue(dueDate: string, today: string): boolean {
  const d = isoDateToDayNumber(dueDate);
  const t = isoDateToDayNumber(today);
  if (d === null || t === null) throw new RangeError('dueDate and today must be calendar dates YYYY-MM-DD');
  return t > d;
}

/** Whole days overdue on `today` (0 when not overdue). */
export function daysOverdue(dueDate: string, today: string): number {
  const d = isoDateToDayNumber(dueDate);
  const t = isoDateToDayNumber(today);
  if (d === null || t === null) throw new RangeError('dueDate and today must be calendar dates YYYY-MM-DD');
  return Math.max(0, t - d);
}
