import { GRANT_DUE_REMINDER_KEYS, SIGNATURE_REMINDER_KEYS, type GrantDueReminderKey, type SignatureReminderKey } from '@grants/domain';

/**
 * The key of one grant reminder: the row of grant_reminders and the BullMQ job id at once, so planning twice
 * adds nothing. It carries what the reminder is about (BullMQ refuses ':' in ids, so parts are joined by '.'):
 *
 * - `grant.<id>.signature.<sentMs>.<S+7d|S+14d|S+21d>`: the agreement sent at sentMs (sent again → new keys);
 * - `grant.<id>.report.<seq>.<dueDate>.<T-14d|T0|T+1d|T+7d>`: the scheduled report (a moved due date → new keys);
 * - `tranche.<id>.<may_request|may_approve>.<version>.<grantId>`: a tranche its conditions now allow (returned
 *   and requested again → a new version, a new key).
 */
export type GrantReminderRef =
  | { subject: 'signature'; grantId: string; sentMs: number; reminder: SignatureReminderKey }
  | { subject: 'report'; grantId: string; seq: number; dueDate: string; reminder: GrantDueReminderKey }
  | { subject: 'tranche'; grantId: string; trancheId: string; readiness: 'may_request' | 'may_approve'; version: number };

export function grantReminderKey(r: GrantReminderRef): string {
  switch (r.subject) {
    case 'signature':
      return `grant.${r.grantId}.signature.${r.sentMs}.${r.reminder}`;
    case 'report':
      return `grant.${r.grantId}.report.${r.seq}.${r.dueDate}.${r.reminder}`;
    case 'tranche':
      return `tranche.${r.trancheId}.${r.readiness}.${r.version}.${r.grantId}`;
  }
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SIGNATURE = new RegExp(`^grant\\.(${UUID})\\.signature\\.(\\d+)\\.(S\\+\\d+d)$`);
const REPORT = new RegExp(`^grant\\.(${UUID})\\.report\\.(\\d+)\\.(\\d{4}-\\d{2}-\\d{2})\\.(T[-+0-9d]*)$`);
const TRANCHE = new RegExp(`^tranche\\.(${UUID})\\.(may_request|may_approve)\\.(\\d+)\\.(${UUID})$`);

/** The reminder a key names, or null for a key that is not one. */
export function parseGrantReminderKey(key: string): GrantReminderRef | null {
  let m = SIGNATURE.exec(key);
  if (m && (SIGNATURE_REMINDER_KEYS as readonly string[]).includes(m[3]!)) {
    return { subject: 'signature', grantId: m[1]!, sentMs: Number(m[2]), reminder: m[3] as SignatureReminderKey };
  }
  m = REPORT.exec(key);
  if (m && (GRANT_DUE_REMINDER_KEYS as readonly string[]).includes(m[4]!)) {
    return { subject: 'report', grantId: m[1]!, seq: Number(m[2]), dueDate: m[3]!, reminder: m[4] as GrantDueReminderKey };
  }
  m = TRANCHE.exec(key);
  if (m) return { subject: 'tranche', trancheId: m[1]!, readiness: m[2] as 'may_request' | 'may_approve', version: Number(m[3]), grantId: m[4]! };
  return null;
}
