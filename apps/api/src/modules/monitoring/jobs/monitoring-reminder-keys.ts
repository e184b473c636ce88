import { ACTION_POINT_REMINDER_KEYS, VISIT_REMINDER_KEYS, type ActionPointReminderKey, type VisitReminderKey } from '@grants/domain';

/**
 * The key of one monitoring reminder: the row of grant_reminders and the BullMQ job id at once, so planning twice
 * adds nothing (BullMQ refuses ':' in ids, so parts are joined by '.'):
 *
 * - `action_point.<id>.<dueDate>.<round>.<A-7d|A0|A+1d|A+7d|A+1d-esc>`: a live action point waiting on its owner;
 *   `round` counts its reopenings, so a new due date or a reopening gives new keys and the old ones find nothing to do;
 * - `visit.<id>.<date>.V-2d`: an announced visit on that date (rescheduled → a new key; the old one finds the date changed).
 */
export type MonitoringReminderRef =
  | { subject: 'action_point'; actionPointId: string; dueDate: string; round: number; reminder: ActionPointReminderKey }
  | { subject: 'visit'; visitId: string; date: string; reminder: VisitReminderKey };

export function monitoringReminderKey(r: MonitoringReminderRef): string {
  switch (r.subject) {
    case 'action_point':
      return `action_point.${r.actionPointId}.${r.dueDate}.${r.round}.${r.reminder}`;
    case 'visit':
      return `visit.${r.visitId}.${r.date}.${r.reminder}`;
  }
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const ACTION_POINT = new RegExp(`^action_point\\.(${UUID})\\.(${DATE})\\.(\\d+)\\.(A[-+0-9a-z]*)$`);
const VISIT = new RegExp(`^visit\\.(${UUID})\\.(${DATE})\\.(V[-+0-9d]*)$`);

/** The reminder a key names, or null for a key that is not one. */
export function parseMonitoringReminderKey(key: string): MonitoringReminderRef | null {
  let m = ACTION_POINT.exec(key);
  if (m && (ACTION_POINT_REMINDER_KEYS as readonly string[]).includes(m[4]!)) {
    return { subject: 'action_point', actionPointId: m[1]!, dueDate: m[2]!, round: Number(m[3]), reminder: m[4] as ActionPointReminderKey };
  }
  m = VISIT.exec(key);
  if (m && (VISIT_REMINDER_KEYS as readonly string[]).includes(m[3]!)) return { subject: 'visit', visitId: m[1]!, date: m[2]!, reminder: m[3] as VisitReminderKey };
  return null;
}
