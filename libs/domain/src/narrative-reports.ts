/**
 * The interim and final (narrative) reports of a grant (issue 12): which are due and when (the agreement's
 * reporting schedule), their life (the organisation drafts and submits; the Secretariat accepts, or returns it
 * with comments per section and per indicator; the organisation revises and submits again, each submission
 * frozen as a version with its hash), the reminders that chase a report not handed in, the organisation's
 * requests for more time, and the checklist that must be all met before a grant is closed. Reminder keys and
 * times follow grant-deadlines.ts (09:00 Kosovo time; plan them with remindersToPlan). Pure.
 */
import { canonicalJson } from './canonical-json';
import { addDays, isoDateToDayNumber, isSaneDate } from './dates';
import { kosovoLocalToUtc } from './deadline';
import { grantReportingSchedule, type ReportKind, type ScheduledReport } from './grant-agreement';
import { GRANT_REMINDER_LOCAL_TIME, type GrantReminder, type GrantReminderKind } from './grant-deadlines';
import { remindersToPlan } from './grant-reminders';
import type { GrantSettings } from './grant-settings';
import { monitoringActorKinds, type MonitoringActorKind } from './monitoring-visits';
import type { Actor } from './permissions';

export type NarrativeReportKind = ReportKind;

export type NarrativeReportProblem = { field: string; code: string; params?: Record<string, string | number> };

// ---------------------------------------------------------------------------------------------------------
// The life of a report

export const NARRATIVE_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type NarrativeReportStatus = (typeof NARRATIVE_REPORT_STATUSES)[number];

export const NARRATIVE_REPORT_TRANSITIONS: Readonly<Record<NarrativeReportStatus, readonly NarrativeReportStatus[]>> = Object.freeze({
  draft: ['submitted'],
  // the Secretariat reviews: accepts, or returns with comments per section and per indicator
  submitted: ['accepted', 'returned'],
  // the organisation revises a returned report and submits it again (a new version)
  returned: ['submitted'],
  accepted: [],
});

export function isNarrativeReportStatus(value: unknown): value is NarrativeReportStatus {
  return typeof value === 'string' && (NARRATIVE_REPORT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionNarrativeReport(from: NarrativeReportStatus, to: NarrativeReportStatus): boolean {
  return NARRATIVE_REPORT_TRANSITIONS[from]?.includes(to) ?? false;
}

export function nextNarrativeReportStatuses(from: NarrativeReportStatus): readonly NarrativeReportStatus[] {
  return NARRATIVE_REPORT_TRANSITIONS[from] ?? [];
}

export const NARRATIVE_REPORT_ACTIONS = ['submit', 'accept', 'return'] as const;
export type NarrativeReportAction = (typeof NARRATIVE_REPORT_ACTIONS)[number];

export type NarrativeReportTransitionRule = { by: MonitoringActorKind; commentsRequired: boolean; action: NarrativeReportAction };

const NARRATIVE_REPORT_RULES: Readonly<Record<string, NarrativeReportTransitionRule>> = Object.freeze({
  'draft->submitted': { by: 'organisation', commentsRequired: false, action: 'submit' },
  'returned->submitted': { by: 'organisation', commentsRequired: false, action: 'submit' },
  'submitted->accepted': { by: 'secretariat', commentsRequired: false, action: 'accept' },
  'submitted->returned': { by: 'secretariat', commentsRequired: true, action: 'return' },
});

export function narrativeReportTransitionRule(from: NarrativeReportStatus, to: NarrativeReportStatus): NarrativeReportTransitionRule | null {
  if (!canTransitionNarrativeReport(from, to)) return null;
  return NARRATIVE_REPORT_RULES[`${from}->${to}`] ?? null;
}

/** The parts of a report a reviewer comments on; an indicator's comment is on `indicators` with its id. */
export const NARRATIVE_REPORT_SECTIONS = ['general', 'results', 'indicators', 'beneficiaries', 'challenges', 'lessons', 'next_plan', 'financial'] as const;
export type NarrativeReportSection = (typeof NARRATIVE_REPORT_SECTIONS)[number];

export function isNarrativeReportSection(value: unknown): value is NarrativeReportSection {
  return typeof value === 'string' && (NARRATIVE_REPORT_SECTIONS as readonly string[]).includes(value);
}

export const NARRATIVE_REVIEW_COMMENT_MAX = 4000;

/** A reviewer's comment on a section of the report, or on one indicator (section `indicators` and its id). */
export type NarrativeReviewComment = { section: NarrativeReportSection; indicatorId?: string | null; text: string };

const hasText = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * What is wrong with a review's comments: a known section, a text that is not blank and not too long, an
 * indicator only on the `indicators` section and only one of the report's logframe. Fields: `comments.<i>.section`,
 * `comments.<i>.indicatorId`, `comments.<i>.text`.
 */
export function reviewCommentProblems(comments: readonly { section?: unknown; indicatorId?: unknown; text?: unknown }[], indicatorIds: readonly string[]): NarrativeReportProblem[] {
  const problems: NarrativeReportProblem[] = [];
  const known = new Set(indicatorIds);
  comments.forEach((c, i) => {
    const at = `comments.${i}`;
    if (!isNarrativeReportSection(c.section)) problems.push({ field: `${at}.section`, code: 'invalid', params: { allowed: NARRATIVE_REPORT_SECTIONS.join(',') } });
    if (c.indicatorId !== undefined && c.indicatorId !== null) {
      if (c.section !== 'indicators') problems.push({ field: `${at}.indicatorId`, code: 'only_on_indicators' });
      else if (typeof c.indicatorId !== 'string' || !known.has(c.indicatorId)) problems.push({ field: `${at}.indicatorId`, code: 'not_in_logframe' });
    }
    if (!hasText(c.text)) problems.push({ field: `${at}.text`, code: 'required' });
    else if (c.text.length > NARRATIVE_REVIEW_COMMENT_MAX) problems.push({ field: `${at}.text`, code: 'too_long', params: { max: NARRATIVE_REVIEW_COMMENT_MAX } });
  });
  return problems;
}

export type NarrativeReportTransitionCheck =
  | { ok: true; action: NarrativeReportAction }
  | { ok: false; reason: 'no_such_transition' | 'not_allowed_for_actor' | 'comments_required' };

/**
 * May this actor move a narrative report from `from` to `to`? The organisation submits (and resubmits a returned
 * one); the Secretariat accepts, or returns it, which needs at least one comment with a text (on any section or
 * indicator: the organisation must be told what to revise). Nothing leaves `accepted`. The monitor of the grant
 * reads and comments but moves nothing. Check the comments themselves with reviewCommentProblems.
 */
export function checkNarrativeReportTransition(
  actor: Actor,
  from: NarrativeReportStatus,
  to: NarrativeReportStatus,
  comments?: readonly Pick<NarrativeReviewComment, 'text'>[] | null,
): NarrativeReportTransitionCheck {
  const rule = narrativeReportTransitionRule(from, to);
  if (!rule) return { ok: false, reason: 'no_such_transition' };
  if (!monitoringActorKinds(actor).has(rule.by)) return { ok: false, reason: 'not_allowed_for_actor' };
  if (rule.commentsRequired && !(comments ?? []).some((c) => hasText(c.text))) return { ok: false, reason: 'comments_required' };
  return { ok: true, action: rule.action };
}

/** The organisation edits the report only while it is a draft or returned; a submitted or accepted one is frozen. */
export function isNarrativeReportEditable(status: NarrativeReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Handed in: submitted at least once (a returned report was handed in on time, whatever its revision takes). */
export function isNarrativeReportHandedIn(status: NarrativeReportStatus | null): boolean {
  return status === 'submitted' || status === 'accepted' || status === 'returned';
}

/** The Secretariat, and the grant's monitor, may comment on a report handed in (not on the organisation's draft). */
export function canCommentOnNarrativeReport(status: NarrativeReportStatus, actor: Actor): boolean {
  if (status === 'draft') return false;
  const kinds = monitoringActorKinds(actor);
  return kinds.has('secretariat') || kinds.has('monitor');
}

export type NarrativeReportVersion = { version: number; canonical: string; hash: string };

/**
 * A submission frozen as a version: the next number after the versions already frozen (1 for the first), the
 * content as canonical JSON and its hash (`sha256Hex` is the caller's: node:crypto in the API), so a comparison
 * between versions reads exactly what was handed in and a changed stored version is detected.
 */
export function freezeNarrativeReportVersion(content: unknown, previous: readonly { version: number }[], sha256Hex: (s: string) => string): NarrativeReportVersion {
  const version = previous.reduce((m, v) => Math.max(m, v.version), 0) + 1;
  const canonical = canonicalJson(content);
  return { version, canonical, hash: sha256Hex(canonical) };
}

// ---------------------------------------------------------------------------------------------------------
// Reports due

/**
 * The narrative reports a grant owes, from the agreement's reporting schedule (grantReportingSchedule): an
 * interim report for each full period (every 6 months by default, due 30 days after it), and the final report
 * covering the whole grant, due 60 days after the end date.
 */
export function narrativeReportsDue(
  grant: { startDate: string; endDate: string },
  settings: Pick<GrantSettings, 'interimReportEveryMonths' | 'interimReportDueDays' | 'finalReportDueDays'>,
): ScheduledReport[] {
  return grantReportingSchedule(grant.startDate, grant.endDate, settings);
}

/** Overdue on `today` (a Kosovo calendar date): not handed in, from the day after its due date. */
export function isNarrativeReportOverdue(report: { status: NarrativeReportStatus | null; dueDate: string }, today: string): boolean {
  const d = isoDateToDayNumber(report.dueDate);
  const t = isoDateToDayNumber(today);
  if (d === null || t === null) throw new RangeError('dueDate and today must be calendar dates YYYY-MM-DD');
  return !isNarrativeReportHandedIn(report.status) && t > d;
}

/** The days after which a report not handed in is escalated to the Secretariat. */
export const NARRATIVE_REPORT_ESCALATION_DAYS = 7;

/** Escalated on `today`: still not handed in 7 days or more after its due date. */
export function isNarrativeReportEscalated(report: { status: NarrativeReportStatus | null; dueDate: string }, today: string): boolean {
  if (!isNarrativeReportOverdue(report, today)) return false;
  return (isoDateToDayNumber(today) ?? 0) - (isoDateToDayNumber(report.dueDate) ?? 0) >= NARRATIVE_REPORT_ESCALATION_DAYS;
}

export const NARRATIVE_REPORT_REMINDER_KEYS = ['R-14d', 'R0', 'R+1d', 'R+7d'] as const;
export type NarrativeReportReminderKey = (typeof NARRATIVE_REPORT_REMINDER_KEYS)[number];

/** Whom a reminder goes to: the organisation, or the Secretariat for the escalation. */
export type NarrativeReportReminder = GrantReminder<NarrativeReportReminderKey> & { to: 'organisation' | 'secretariat'; dueDate: string };

const OFFSETS: Readonly<Record<NarrativeReportReminderKey, { days: number; kind: GrantReminderKind; to: 'organisation' | 'secretariat' }>> = Object.freeze({
  'R-14d': { days: -14, kind: 'before', to: 'organisation' },
  R0: { days: 0, kind: 'on_day', to: 'organisation' },
  'R+1d': { days: 1, kind: 'overdue', to: 'organisation' },
  'R+7d': { days: NARRATIVE_REPORT_ESCALATION_DAYS, kind: 'escalation', to: 'secretariat' },
});

/**
 * The reminders of a report due on `dueDate` (after any granted extension): to the organisation 14 days before,
 * on the day and the day after (overdue), then escalated to the Secretariat 7 days after. Each carries the due
 * date it was planned for, so a reminder planned before an extension is known as stale (see
 * shouldSendNarrativeReportReminder and narrativeReportReminderJobId).
 */
export function narrativeReportReminders(dueDate: string): NarrativeReportReminder[] {
  if (isoDateToDayNumber(dueDate) === null) throw new RangeError(`dueDate must be a calendar date YYYY-MM-DD, got ${JSON.stringify(dueDate)}`);
  return NARRATIVE_REPORT_REMINDER_KEYS.map((key) => {
    const o = OFFSETS[key];
    const date = addDays(dueDate, o.days);
    return { key, kind: o.kind, to: o.to, dueDate, date, at: kosovoLocalToUtc(date, GRANT_REMINDER_LOCAL_TIME) };
  });
}

/**
 * The reminders the worker plans at `now` for a report (`status` null: the organisation has not started it yet)
 * due on `dueDate` as extended: none once it is handed in; otherwise remindersToPlan's (those to come, and of
 * those already due only the latest, once).
 */
export function narrativeReportRemindersToPlan(report: { status: NarrativeReportStatus | null; dueDate: string }, now: Date | string): NarrativeReportReminder[] {
  if (isNarrativeReportHandedIn(report.status)) return [];
  const all = narrativeReportReminders(report.dueDate);
  const planned = new Set<GrantReminder<NarrativeReportReminderKey>>(remindersToPlan(all, now));
  return all.filter((r) => planned.has(r));
}

/**
 * Whether a planned reminder still goes out when its time comes: only while the report is not handed in, and
 * only if it was planned for the due date now in force (an extension granted since moved the reminders).
 */
export function shouldSendNarrativeReportReminder(reminder: Pick<NarrativeReportReminder, 'dueDate'>, report: { status: NarrativeReportStatus | null; dueDate: string }): boolean {
  return !isNarrativeReportHandedIn(report.status) && reminder.dueDate === report.dueDate;
}

/** A deterministic job id: the same report, due date and key always give the same id, a moved due date a new one. */
export function narrativeReportReminderJobId(reportRef: string, reminder: Pick<NarrativeReportReminder, 'key' | 'dueDate'>): string {
  return `narrative-report:${reportRef}:${reminder.dueDate}:${reminder.key}`;
}

/**
 * The order of the Secretariat's list of reports: overdue first (not handed in, the most overdue first), then
 * the reports to review by due date (soonest first), then by id. Deterministic.
 */
export function compareNarrativeReports(
  a: { id: string; status: NarrativeReportStatus | null; dueDate: string },
  b: { id: string; status: NarrativeReportStatus | null; dueDate: string },
  today: string,
): number {
  const oa = isNarrativeReportOverdue(a, today) ? 0 : 1;
  const ob = isNarrativeReportOverdue(b, today) ? 0 : 1;
  if (oa !== ob) return oa - ob;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Extensions

export const EXTENSION_STATUSES = ['requested', 'granted', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export type ExtensionRequest = {
  status: ExtensionStatus;
  requestedDueDate: string;
  /** The date the Secretariat granted (the one requested unless it granted another). */
  grantedDueDate?: string | null;
};

/** A request for more time is decided once: granted or refused, then final. */
export const EXTENSION_TRANSITIONS: Readonly<Record<ExtensionStatus, readonly ExtensionStatus[]>> = Object.freeze({
  requested: ['granted', 'refused'],
  granted: [],
  refused: [],
});

export function canTransitionExtension(from: ExtensionStatus, to: ExtensionStatus): boolean {
  return EXTENSION_TRANSITIONS[from]?.includes(to) ?? false;
}

export const EXTENSION_REASON_MAX = 2000;

/**
 * What is wrong with an organisation's request for more time: a reason, a new due date that is a calendar date
 * after the due date now in force; and the report must not be handed in yet, with no other request waiting for
 * the Secretariat. Fields: `requestedDueDate`, `reason`, `report`.
 */
export function extensionProblems(
  input: { requestedDueDate?: unknown; reason?: unknown },
  report: { status: NarrativeReportStatus | null; dueDate: string },
  requests: readonly Pick<ExtensionRequest, 'status'>[] = [],
): NarrativeReportProblem[] {
  const problems: NarrativeReportProblem[] = [];
  if (isNarrativeReportHandedIn(report.status)) problems.push({ field: 'report', code: 'already_handed_in' });
  else if (requests.some((r) => r.status === 'requested')) problems.push({ field: 'report', code: 'request_pending' });
  if (input.requestedDueDate === undefined || input.requestedDueDate === null || input.requestedDueDate === '') problems.push({ field: 'requestedDueDate', code: 'required' });
  else if (typeof input.requestedDueDate !== 'string' || !isSaneDate(input.requestedDueDate)) problems.push({ field: 'requestedDueDate', code: 'invalid_date' });
  else if (input.requestedDueDate <= report.dueDate) problems.push({ field: 'requestedDueDate', code: 'not_after_due_date', params: { dueDate: report.dueDate } });
  if (!hasText(input.reason)) problems.push({ field: 'reason', code: 'required' });
  else if (input.reason.length > EXTENSION_REASON_MAX) problems.push({ field: 'reason', code: 'too_long', params: { max: EXTENSION_REASON_MAX } });
  return problems;
}

export type ExtensionDecisionCheck =
  | { ok: true; action: 'grant' | 'refuse'; dueDate: string }
  | { ok: false; reason: 'no_such_transition' | 'not_allowed_for_actor' | 'reason_required' | 'invalid_date' | 'not_after_due_date' };

/**
 * May this actor decide a request for more time? Only the Secretariat, only a request still waiting. Granting
 * moves the due date to the date requested, or another the Secretariat sets, after the due date now in force;
 * refusing says why. `dueDate` in the answer: the report's due date after the decision.
 */
export function checkExtensionDecision(
  actor: Actor,
  request: Pick<ExtensionRequest, 'status' | 'requestedDueDate'>,
  to: ExtensionStatus,
  currentDueDate: string,
  input: { reason?: string | null; grantedDueDate?: string | null } = {},
): ExtensionDecisionCheck {
  if (request.status !== 'requested' || (to !== 'granted' && to !== 'refused')) return { ok: false, reason: 'no_such_transition' };
  if (!monitoringActorKinds(actor).has('secretariat')) return { ok: false, reason: 'not_allowed_for_actor' };
  if (to === 'refused') {
    if (!hasText(input.reason)) return { ok: false, reason: 'reason_required' };
    return { ok: true, action: 'refuse', dueDate: currentDueDate };
  }
  const date = input.grantedDueDate ?? request.requestedDueDate;
  if (!isSaneDate(date)) return { ok: false, reason: 'invalid_date' };
  if (date <= currentDueDate) return { ok: false, reason: 'not_after_due_date' };
  return { ok: true, action: 'grant', dueDate: date };
}

/**
 * The due date in force: the scheduled one, moved by the extensions granted (each granted one is after the date
 * in force when it was granted, so the latest granted date is the one in force; a refused or waiting request
 * changes nothing).
 */
export function dueDateWithExtension(scheduledDueDate: string, requests: readonly ExtensionRequest[]): string {
  if (isoDateToDayNumber(scheduledDueDate) === null) throw new RangeError('scheduledDueDate must be a calendar date YYYY-MM-DD');
  let due = scheduledDueDate;
  for (const r of requests) {
    if (r.status !== 'granted') continue;
    const d = r.grantedDueDate ?? r.requestedDueDate;
    if (isoDateToDayNumber(d) !== null && d > due) due = d;
  }
  return due;
}

// ---------------------------------------------------------------------------------------------------------
// Closing a grant

export const CLOSURE_ITEMS = ['final_report_accepted', 'final_balance_settled', 'action_points_closed', 'documents_in_place'] as const;
export type ClosureItemCode = (typeof CLOSURE_ITEMS)[number];

export type ClosureItem = { code: ClosureItemCode; met: boolean; params: Record<string, number> };

export type ClosureInput = {
  finalReportAccepted: boolean;
  /** The final payment was made, or the recovery order repaid (or nothing was owed either way). */
  finalPaymentMadeOrRecoverySettled: boolean;
  /** Action points of the grant's visits not closed. */
  openActionPoints: number;
  /** Documents still missing from the grant's file (a count, or their names). */
  missingDocuments: number | readonly string[];
};

function count(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

/**
 * What must be true before a grant is closed, each item met or not with its figures: the final report accepted,
 * the final payment made or the recovery settled, every action point closed, every document in place.
 */
export function closureChecklist(input: ClosureInput): ClosureItem[] {
  const open = count(input.openActionPoints, 'openActionPoints');
  const missing = typeof input.missingDocuments === 'number' ? count(input.missingDocuments, 'missingDocuments') : input.missingDocuments.length;
  return [
    { code: 'final_report_accepted', met: input.finalReportAccepted, params: {} },
    { code: 'final_balance_settled', met: input.finalPaymentMadeOrRecoverySettled, params: {} },
    { code: 'action_points_closed', met: open === 0, params: { open } },
    { code: 'documents_in_place', met: missing === 0, params: { missing } },
  ];
}

/** A grant may be closed only when every item of its checklist is met. */
export function canCloseGrant(checklist: readonly Pick<ClosureItem, 'met'>[] | ClosureInput): boolean {
  const items = Array.isArray(checklist) ? (checklist as readonly Pick<ClosureItem, 'met'>[]) : closureChecklist(checklist as ClosureInput);
  return items.every((i) => i.met);
}

export const CLOSING_NOTE_MAX = 4000;

/**
 * What stops the grant from closing: each unmet item (field `checklist.<code>`), and the closing note, which is
 * required (a closed grant is read-only; the note says how it ended). Empty when it may close.
 */
export function closeGrantProblems(checklist: readonly ClosureItem[], closingNote: unknown): NarrativeReportProblem[] {
  const problems: NarrativeReportProblem[] = checklist.filter((i) => !i.met).map((i) => ({ field: `checklist.${i.code}`, code: 'unmet', params: i.params }));
  if (!hasText(closingNote)) problems.push({ field: 'closingNote', code: 'required' });
  else if (closingNote.length > CLOSING_NOTE_MAX) problems.push({ field: 'closingNote', code: 'too_long', params: { max: CLOSING_NOTE_MAX } });
  return problems;
}
