/**
 * Monitoring visits (issue 11): the visit's type and who sees it, the visit report's life (draft → submitted →
 * accepted or returned by the Secretariat → shared with the organisation, frozen), and what a report must hold
 * to be submitted, following the monitoring framework (seed 003): each activity's status on the framework's
 * scale 1–4 and the half-year style rating 1–3, where 2 and 3 need the reasons and the corrective actions.
 * People met are recorded by their function only; beneficiaries observed only as counts. Pure.
 */
import { canonicalJson } from './canonical-json';
import { addDays, isoDateToDayNumber, isSaneDate } from './dates';
import { logframeItems, type GrantLogframe } from './amendments';
import { kosovoLocalToUtc } from './deadline';
import { GRANT_REMINDER_LOCAL_TIME, type GrantReminder } from './grant-deadlines';
import type { Actor } from './permissions';

// ---------------------------------------------------------------------------------------------------------
// Visits

/** planned and follow_up visits are announced to the organisation in advance; unannounced ones are not. */
export const VISIT_TYPES = ['planned', 'follow_up', 'unannounced'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

export function isVisitType(value: unknown): value is VisitType {
  return typeof value === 'string' && (VISIT_TYPES as readonly string[]).includes(value);
}

/** Whether the organisation is told of a visit of this type when it is planned (and reminded before it). */
export function visitAnnouncedInAdvance(type: VisitType): boolean {
  return type !== 'unannounced';
}

/**
 * Whether the grant's organisation may see a visit on `today` (a Kosovo calendar date): announced visits at
 * once; an unannounced one only from its date on (the day of the visit and after), never before.
 */
export function isVisitVisibleToOrganisation(visit: { type: VisitType; date: string }, today: string): boolean {
  const d = isoDateToDayNumber(visit.date);
  const t = isoDateToDayNumber(today);
  if (d === null || t === null) throw new RangeError('visit.date and today must be calendar dates YYYY-MM-DD');
  if (visitAnnouncedInAdvance(visit.type)) return true;
  return t >= d;
}

/** The visits the organisation may see on `today` (in SQL the same rule reads `type <> 'unannounced' OR date <= today`). */
export function organisationVisibleVisits<V extends { type: VisitType; date: string }>(visits: readonly V[], today: string): V[] {
  return visits.filter((v) => isVisitVisibleToOrganisation(v, today));
}

export const VISIT_REMINDER_KEYS = ['V-2d'] as const;
export type VisitReminderKey = (typeof VISIT_REMINDER_KEYS)[number];

/**
 * The reminders of a visit: an announced one (planned, follow-up) reminds the organisation 2 days before its
 * date at 09:00 Kosovo time (as the grants' reminders); an unannounced one has none, the organisation must not
 * learn of it. The worker keys them by the visit's date, so a rescheduled visit gets a new reminder.
 */
export function visitReminders(visit: { type: VisitType; date: string }): GrantReminder<VisitReminderKey>[] {
  if (isoDateToDayNumber(visit.date) === null) throw new RangeError(`visit.date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(visit.date)}`);
  if (!visitAnnouncedInAdvance(visit.type)) return [];
  const date = addDays(visit.date, -2);
  return [{ key: 'V-2d', kind: 'before', date, at: kosovoLocalToUtc(date, GRANT_REMINDER_LOCAL_TIME) }];
}

export type VisitProblem = { field: string; code: string; params?: Record<string, string | number> };

export const VISIT_PURPOSE_MAX = 2000;

/**
 * What is wrong with a visit being planned: a known type, a calendar date inside the grant's period and not
 * before `today` (a visit is planned ahead, or for today), a purpose. Fields: `type`, `date`, `purpose`.
 */
export function visitPlanProblems(
  input: { type?: unknown; date?: unknown; purpose?: unknown },
  grant: { startDate: string; endDate: string },
  today: string,
): VisitProblem[] {
  const problems: VisitProblem[] = [];
  if (!isVisitType(input.type)) problems.push({ field: 'type', code: input.type === undefined || input.type === null ? 'required' : 'invalid', params: { allowed: VISIT_TYPES.join(',') } });
  if (input.date === undefined || input.date === null || input.date === '') problems.push({ field: 'date', code: 'required' });
  else if (typeof input.date !== 'string' || !isSaneDate(input.date)) problems.push({ field: 'date', code: 'invalid_date' });
  else if (input.date < today) problems.push({ field: 'date', code: 'in_the_past', params: { today } });
  else if (input.date < grant.startDate) problems.push({ field: 'date', code: 'before_grant_start', params: { startDate: grant.startDate } });
  else if (input.date > grant.endDate) problems.push({ field: 'date', code: 'after_grant_end', params: { endDate: grant.endDate } });
  if (typeof input.purpose !== 'string' || input.purpose.trim() === '') problems.push({ field: 'purpose', code: 'required' });
  else if (input.purpose.length > VISIT_PURPOSE_MAX) problems.push({ field: 'purpose', code: 'too_long', params: { max: VISIT_PURPOSE_MAX } });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Who acts

/**
 * `monitor`: a monitor (whether the grant is assigned to THIS monitor is checked by the API's record access,
 * 404 elsewhere); `secretariat`: the Secretariat's staff and admins; `organisation`: an active member of an
 * organisation (whether it is the grant's is the record access's business too).
 */
export type MonitoringActorKind = 'monitor' | 'secretariat' | 'organisation';

export function monitoringActorKinds(actor: Actor): ReadonlySet<MonitoringActorKind> {
  const kinds = new Set<MonitoringActorKind>();
  if (actor.active === false) return kinds;
  if (actor.role === 'monitor') kinds.add('monitor');
  if (actor.role === 'secretariat' || actor.role === 'secretariat_admin') kinds.add('secretariat');
  if (actor.role === 'applicant' && actor.orgRole) kinds.add('organisation');
  return kinds;
}

// ---------------------------------------------------------------------------------------------------------
// The visit report's life

export const VISIT_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned', 'shared'] as const;
export type VisitReportStatus = (typeof VISIT_REPORT_STATUSES)[number];

export const VISIT_REPORT_TRANSITIONS: Readonly<Record<VisitReportStatus, readonly VisitReportStatus[]>> = Object.freeze({
  // the monitor writes (offline too) and submits
  draft: ['submitted'],
  // the Secretariat reviews: accepts, or returns with comments
  submitted: ['accepted', 'returned'],
  // the monitor corrects a returned report and submits it again (it stays editable while returned)
  returned: ['submitted'],
  // the Secretariat shares an accepted report with the organisation
  accepted: ['shared'],
  // frozen with its hash; later comments are appended, never edits
  shared: [],
});

export function isVisitReportStatus(value: unknown): value is VisitReportStatus {
  return typeof value === 'string' && (VISIT_REPORT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionVisitReport(from: VisitReportStatus, to: VisitReportStatus): boolean {
  return VISIT_REPORT_TRANSITIONS[from]?.includes(to) ?? false;
}

export function nextVisitReportStatuses(from: VisitReportStatus): readonly VisitReportStatus[] {
  return VISIT_REPORT_TRANSITIONS[from] ?? [];
}

export const VISIT_REPORT_ACTIONS = ['submit', 'accept', 'return', 'share'] as const;
export type VisitReportAction = (typeof VISIT_REPORT_ACTIONS)[number];

export type VisitReportTransitionRule = { by: MonitoringActorKind; reasonRequired: boolean; action: VisitReportAction };

const VISIT_REPORT_RULES: Readonly<Record<string, VisitReportTransitionRule>> = Object.freeze({
  'draft->submitted': { by: 'monitor', reasonRequired: false, action: 'submit' },
  'returned->submitted': { by: 'monitor', reasonRequired: false, action: 'submit' },
  'submitted->accepted': { by: 'secretariat', reasonRequired: false, action: 'accept' },
  'submitted->returned': { by: 'secretariat', reasonRequired: true, action: 'return' },
  'accepted->shared': { by: 'secretariat', reasonRequired: false, action: 'share' },
});

export function visitReportTransitionRule(from: VisitReportStatus, to: VisitReportStatus): VisitReportTransitionRule | null {
  if (!canTransitionVisitReport(from, to)) return null;
  return VISIT_REPORT_RULES[`${from}->${to}`] ?? null;
}

export type VisitReportTransitionCheck =
  | { ok: true; action: VisitReportAction }
  | { ok: false; reason: 'no_such_transition' | 'not_allowed_for_actor' | 'reason_required' };

/**
 * May this actor move a visit report from `from` to `to`? The monitor submits (and resubmits a returned one);
 * the Secretariat accepts, returns (saying why: its comments) and shares. Nothing leaves `shared`.
 */
export function checkVisitReportTransition(actor: Actor, from: VisitReportStatus, to: VisitReportStatus, reason?: string | null): VisitReportTransitionCheck {
  const rule = visitReportTransitionRule(from, to);
  if (!rule) return { ok: false, reason: 'no_such_transition' };
  if (!monitoringActorKinds(actor).has(rule.by)) return { ok: false, reason: 'not_allowed_for_actor' };
  if (rule.reasonRequired && (typeof reason !== 'string' || reason.trim() === '')) return { ok: false, reason: 'reason_required' };
  return { ok: true, action: rule.action };
}

/** The monitor may edit the report's content (and add photos) only while it is a draft or returned. */
export function isVisitReportEditable(status: VisitReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Once shared the report is frozen: its content never changes again, comments are appended. */
export function isVisitReportFrozen(status: VisitReportStatus): boolean {
  return status === 'shared';
}

/** The organisation (and observers) see a report only once it is shared. */
export function isVisitReportVisibleToOrganisation(status: VisitReportStatus): boolean {
  return status === 'shared';
}

/**
 * Who may append a comment to a report: the organisation on a shared report; the monitor and the Secretariat
 * on a shared report too (their earlier say is the review's comments). Appended comments never alter the content.
 */
export function canCommentOnVisitReport(status: VisitReportStatus, actor: Actor): boolean {
  if (status !== 'shared') return false;
  return monitoringActorKinds(actor).size > 0;
}

// ---------------------------------------------------------------------------------------------------------
// The report's content

/** The framework's activity status scale (seed 003: "1. Hasn't started 2. In continuum 3. Has started 4. It is completed"). */
export const ACTIVITY_STATUS_SCALE = [
  { value: 1, key: 'not_started' },
  { value: 2, key: 'ongoing' },
  { value: 3, key: 'started' },
  { value: 4, key: 'completed' },
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUS_SCALE)[number]['value'];
export type ActivityStatusKey = (typeof ACTIVITY_STATUS_SCALE)[number]['key'];

export function isActivityStatus(value: unknown): value is ActivityStatus {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

export function activityStatusKey(value: ActivityStatus): ActivityStatusKey {
  return ACTIVITY_STATUS_SCALE[value - 1]!.key;
}

/**
 * The framework's half-year rating (seed 003): 1 on good track; 2 difficulties encountered, but can be handled;
 * 3 experiencing difficulties, needs revision. 2 and 3 need the reasons and the corrective actions.
 */
export const VISIT_RATING_SCALE = [
  { value: 1, key: 'on_track', needsReasons: false },
  { value: 2, key: 'difficulties_manageable', needsReasons: true },
  { value: 3, key: 'needs_revision', needsReasons: true },
] as const;
export type VisitRating = (typeof VISIT_RATING_SCALE)[number]['value'];
export type VisitRatingKey = (typeof VISIT_RATING_SCALE)[number]['key'];

export function isVisitRating(value: unknown): value is VisitRating {
  return value === 1 || value === 2 || value === 3;
}

export function visitRatingKey(value: VisitRating): VisitRatingKey {
  return VISIT_RATING_SCALE[value - 1]!.key;
}

/** Whether a rating needs the reasons and the corrective actions written down. */
export function ratingNeedsReasons(value: VisitRating): boolean {
  return value !== 1;
}

export type VisitActivityAssessment = { activityId: string; status: ActivityStatus | null; comment?: string | null };
/** Someone met, by function ("shelter coordinator", "case manager"), never by name; how many of that function. */
export type PersonMet = { function: string; count: number };
/** Beneficiaries observed, as counts per group ("adult women", "children"), never names. */
export type BeneficiaryCount = { group: string; count: number };

export type VisitReportContent = {
  activities: readonly VisitActivityAssessment[];
  rating: VisitRating | null;
  ratingReasons?: string | null;
  correctiveActions?: string | null;
  findings?: string | null;
  recommendations?: string | null;
  peopleMet: readonly PersonMet[];
  beneficiariesObserved: readonly BeneficiaryCount[];
  photoFileIds?: readonly string[];
};

export type VisitReportProblem = VisitProblem;

export const VISIT_TEXT_MAX = 10_000;
export const VISIT_LABEL_MAX = 200;
export const VISIT_PHOTOS_MAX = 30;

const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * What is wrong with a visit report. `stage: 'draft'` (saving, offline too) checks only what is there: known
 * activities each once, statuses on the scale, a rating on the scale, counts whole and ≥ 0, lengths.
 * `stage: 'submit'` (the default) also needs every activity of the grant's current work plan assessed, a rating,
 * the reasons and the corrective actions for a rating of 2 or 3, and the findings. Fields: `activities`,
 * `activities.<i>.activityId|status|comment`, `rating`, `ratingReasons`, `correctiveActions`, `findings`,
 * `recommendations`, `peopleMet.<i>.function|count`, `beneficiariesObserved.<i>.group|count`, `photoFileIds`.
 */
export function visitReportProblems(
  report: VisitReportContent,
  workPlanActivityIds: readonly string[],
  stage: 'draft' | 'submit' = 'submit',
): VisitReportProblem[] {
  const problems: VisitReportProblem[] = [];
  const submit = stage === 'submit';
  const known = new Set(workPlanActivityIds);
  const seen = new Set<string>();
  report.activities.forEach((a, i) => {
    if (!known.has(a.activityId)) problems.push({ field: `activities.${i}.activityId`, code: 'not_in_work_plan' });
    else if (seen.has(a.activityId)) problems.push({ field: `activities.${i}.activityId`, code: 'duplicate' });
    seen.add(a.activityId);
    if (a.status === null || a.status === undefined) {
      if (submit) problems.push({ field: `activities.${i}.status`, code: 'required' });
    } else if (!isActivityStatus(a.status)) problems.push({ field: `activities.${i}.status`, code: 'invalid', params: { allowed: '1,2,3,4' } });
    if (typeof a.comment === 'string' && a.comment.length > VISIT_TEXT_MAX) problems.push({ field: `activities.${i}.comment`, code: 'too_long', params: { max: VISIT_TEXT_MAX } });
  });
  if (submit) {
    const missing = workPlanActivityIds.filter((id) => !seen.has(id));
    if (missing.length) problems.push({ field: 'activities', code: 'activity_not_assessed', params: { activityIds: missing.join(','), count: missing.length } });
  }
  if (report.rating === null || report.rating === undefined) {
    if (submit) problems.push({ field: 'rating', code: 'required' });
  } else if (!isVisitRating(report.rating)) {
    problems.push({ field: 'rating', code: 'invalid', params: { allowed: '1,2,3' } });
  } else if (submit && ratingNeedsReasons(report.rating)) {
    if (blank(report.ratingReasons)) problems.push({ field: 'ratingReasons', code: 'required_for_rating', params: { rating: report.rating } });
    if (blank(report.correctiveActions)) problems.push({ field: 'correctiveActions', code: 'required_for_rating', params: { rating: report.rating } });
  }
  if (submit && blank(report.findings)) problems.push({ field: 'findings', code: 'required' });
  for (const f of ['ratingReasons', 'correctiveActions', 'findings', 'recommendations'] as const) {
    const v = report[f];
    if (typeof v === 'string' && v.length > VISIT_TEXT_MAX) problems.push({ field: f, code: 'too_long', params: { max: VISIT_TEXT_MAX } });
  }
  report.peopleMet.forEach((p, i) => {
    if (blank(p.function)) problems.push({ field: `peopleMet.${i}.function`, code: 'required' });
    else if (p.function.length > VISIT_LABEL_MAX) problems.push({ field: `peopleMet.${i}.function`, code: 'too_long', params: { max: VISIT_LABEL_MAX } });
    if (!isCount(p.count) || p.count === 0) problems.push({ field: `peopleMet.${i}.count`, code: 'not_positive_integer' });
  });
  report.beneficiariesObserved.forEach((b, i) => {
    if (blank(b.group)) problems.push({ field: `beneficiariesObserved.${i}.group`, code: 'required' });
    else if (b.group.length > VISIT_LABEL_MAX) problems.push({ field: `beneficiariesObserved.${i}.group`, code: 'too_long', params: { max: VISIT_LABEL_MAX } });
    if (!isCount(b.count)) problems.push({ field: `beneficiariesObserved.${i}.count`, code: 'not_non_negative_integer' });
  });
  const photos = report.photoFileIds ?? [];
  if (photos.length > VISIT_PHOTOS_MAX) problems.push({ field: 'photoFileIds', code: 'too_many', params: { max: VISIT_PHOTOS_MAX } });
  if (new Set(photos).size !== photos.length) problems.push({ field: 'photoFileIds', code: 'duplicate' });
  return problems;
}

/** Beneficiaries observed in all, exactly (counts only). */
export function beneficiariesObservedTotal(report: Pick<VisitReportContent, 'beneficiariesObserved'>): number {
  return report.beneficiariesObserved.reduce((s, b) => s + b.count, 0);
}

/**
 * The text that is hashed when a report is shared and frozen: its content in canonical JSON (keys sorted),
 * activities in work-plan id order, so the same content always gives the same text. The API hashes it (SHA-256).
 */
export function visitReportCanonicalContent(report: VisitReportContent): string {
  const activities = [...report.activities]
    .map((a) => ({ activityId: a.activityId, status: a.status, comment: a.comment ?? null }))
    .sort((a, b) => (a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0));
  return canonicalJson({
    activities,
    rating: report.rating,
    ratingReasons: report.ratingReasons ?? null,
    correctiveActions: report.correctiveActions ?? null,
    findings: report.findings ?? null,
    recommendations: report.recommendations ?? null,
    peopleMet: report.peopleMet.map((p) => ({ function: p.function, count: p.count })),
    beneficiariesObserved: report.beneficiariesObserved.map((b) => ({ group: b.group, count: b.count })),
    photoFileIds: [...(report.photoFileIds ?? [])],
  });
}

// ---------------------------------------------------------------------------------------------------------
// The grant's current work plan

export type WorkPlanActivity = { activityId: string; text: string; result: string };

/**
 * The activities of the grant's current logframe (the latest version: an approved logframe change replaces it),
 * in logframe order, keyed as the versions' comparison keys them (`activity.<code>`, else by place), with the
 * result each serves. These are what a visit report assesses, one status each.
 */
export function workPlanActivities(logframe: GrantLogframe | null | undefined): WorkPlanActivity[] {
  if (!logframe) return [];
  const out: WorkPlanActivity[] = [];
  let result = '';
  for (const item of logframeItems(logframe)) {
    if (item.kind === 'result') result = item.text;
    if (item.kind === 'activity') out.push({ activityId: item.key, text: item.text, result });
  }
  return out;
}
