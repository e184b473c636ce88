import { NARRATIVE_REPORT_REMINDER_KEYS, narrativeReportReminderJobId, type NarrativeReportReminderKey } from '@grants/domain';

/**
 * The key of one narrative-report reminder: the row of grant_reminders and the BullMQ job id at once, so planning
 * twice adds nothing. It is libs/domain narrativeReportReminderJobId with '.' for ':' (BullMQ refuses ':' in ids):
 * `narrative-report.<reportId>.<dueDate>.<R-14d|R0|R+1d|R+7d>`. The due date is the one in force when it was planned,
 * so an extension granted since gives new keys and the old ones find nothing to do.
 */
export type NarrativeReportReminderRef = { reportId: string; dueDate: string; reminder: NarrativeReportReminderKey };

export function narrativeReportReminderKey(r: NarrativeReportReminderRef): string {
  return narrativeReportReminderJobId(r.reportId, { key: r.reminder, dueDate: r.dueDate }).replace(/:/g, '.');
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY = new RegExp(`^narrative-report\\.(${UUID})\\.(\\d{4}-\\d{2}-\\d{2})\\.(R[-+0-9d]*)$`);

/** The reminder a key names, or null for a key that is not one. */
export function parseNarrativeReportReminderKey(key: string): NarrativeReportReminderRef | null {
  const m = KEY.exec(key);
  if (!m || !(NARRATIVE_REPORT_REMINDER_KEYS as readonly string[]).includes(m[3]!)) return null;
  return { reportId: m[1]!, dueDate: m[2]!, reminder: m[3] as NarrativeReportReminderKey };
}
