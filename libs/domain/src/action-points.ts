/**
 * Action points of a visit report (issue 11): what is to be done, by whom (the organisation or the Secretariat),
 * by when, how urgent. The owner answers with evidence; the monitor verifies and closes it, or reopens it saying
 * why, and the owner answers again. Reminders go to the owner before and after the due date while it waits on
 * the owner; a high-priority one still unanswered after the due date is escalated to the Secretariat. Reminder
 * keys and times follow grant-deadlines.ts (09:00 Kosovo time; plan them with remindersToPlan). Pure.
 */
import { addDays, isoDateToDayNumber, isSaneDate } from './dates';
import { kosovoLocalToUtc } from './deadline';
import { GRANT_REMINDER_LOCAL_TIME, type GrantReminder, type GrantReminderKind } from './grant-deadlines';
import { monitoringActorKinds, type MonitoringActorKind } from './monitoring-visits';
import type { Actor } from './permissions';

export const ACTION_POINT_OWNERS = ['organisation', 'secretariat'] as const;
export type ActionPointOwner = (typeof ACTION_POINT_OWNERS)[number];

/** In increasing urgency; the index is the order the lists sort by. */
export const ACTION_POINT_PRIORITIES = ['low', 'medium', 'high'] as const;
export type ActionPointPriority = (typeof ACTION_POINT_PRIORITIES)[number];

export function isActionPointOwner(value: unknown): value is ActionPointOwner {
  return typeof value === 'string' && (ACTION_POINT_OWNERS as readonly string[]).includes(value);
}

export function isActionPointPriority(value: unknown): value is ActionPointPriority {
  return typeof value === 'string' && (ACTION_POINT_PRIORITIES as readonly string[]).includes(value);
}

/** 0 low, 1 medium, 2 high. */
export function actionPointPriorityRank(p: ActionPointPriority): number {
  return ACTION_POINT_PRIORITIES.indexOf(p);
}

export const ACTION_POINT_WHAT_MAX = 2000;

export type ActionPointProblem = { field: string; code: string; params?: Record<string, string | number> };

/**
 * What is wrong with a new (or edited) action point: what is to be done, a known owner and priority, a due date
 * that is a calendar date not before the visit. Fields: `what`, `owner`, `priority`, `dueDate`.
 */
export function actionPointProblems(input: { what?: unknown; owner?: unknown; priority?: unknown; dueDate?: unknown }, visitDate: string): ActionPointProblem[] {
  const problems: ActionPointProblem[] = [];
  if (typeof input.what !== 'string' || input.what.trim() === '') problems.push({ field: 'what', code: 'required' });
  else if (input.what.length > ACTION_POINT_WHAT_MAX) problems.push({ field: 'what', code: 'too_long', params: { max: ACTION_POINT_WHAT_MAX } });
  if (input.owner === undefined || input.owner === null) problems.push({ field: 'owner', code: 'required' });
  else if (!isActionPointOwner(input.owner)) problems.push({ field: 'owner', code: 'invalid', params: { allowed: ACTION_POINT_OWNERS.join(',') } });
  if (input.priority === undefined || input.priority === null) problems.push({ field: 'priority', code: 'required' });
  else if (!isActionPointPriority(input.priority)) problems.push({ field: 'priority', code: 'invalid', params: { allowed: ACTION_POINT_PRIORITIES.join(',') } });
  if (input.dueDate === undefined || input.dueDate === null || input.dueDate === '') problems.push({ field: 'dueDate', code: 'required' });
  else if (typeof input.dueDate !== 'string' || !isSaneDate(input.dueDate)) problems.push({ field: 'dueDate', code: 'invalid_date' });
  else if (input.dueDate < visitDate) problems.push({ field: 'dueDate', code: 'before_visit', params: { visitDate } });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The life of an action point

export const ACTION_POINT_STATUSES = ['open', 'answered', 'reopened', 'closed'] as const;
export type ActionPointStatus = (typeof ACTION_POINT_STATUSES)[number];

export const ACTION_POINT_TRANSITIONS: Readonly<Record<ActionPointStatus, readonly ActionPointStatus[]>> = Object.freeze({
  // the owner answers with its evidence
  open: ['answered'],
  // the monitor verifies: closes it, or reopens it saying why
  answered: ['closed', 'reopened'],
  // the owner answers again
  reopened: ['answered'],
  closed: [],
});

export function isActionPointStatus(value: unknown): value is ActionPointStatus {
  return typeof value === 'string' && (ACTION_POINT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionActionPoint(from: ActionPointStatus, to: ActionPointStatus): boolean {
  return ACTION_POINT_TRANSITIONS[from]?.includes(to) ?? false;
}

export type ActionPointAction = 'answer' | 'close' | 'reopen';

/** Whom the point waits on: the owner while open or reopened, the monitor once answered, nobody once closed. */
export function actionPointWaitsOn(status: ActionPointStatus, owner: ActionPointOwner): ActionPointOwner | 'monitor' | null {
  if (status === 'open' || status === 'reopened') return owner;
  if (status === 'answered') return 'monitor';
  return null;
}

export type ActionPointTransitionInput = {
  /** The reason for reopening. */
  reason?: string | null;
  /** The owner's answer, and the files it attaches as evidence. */
  answer?: string | null;
  evidenceFileIds?: readonly string[];
};

export type ActionPointTransitionCheck =
  | { ok: true; action: ActionPointAction }
  | { ok: false; reason: 'no_such_transition' | 'not_allowed_for_actor' | 'reason_required' | 'evidence_required' };

const ownerKind = (owner: ActionPointOwner): MonitoringActorKind => (owner === 'organisation' ? 'organisation' : 'secretariat');

/**
 * May this actor move an action point owned by `owner` from `from` to `to`? The owner answers (the organisation's
 * members, or the Secretariat for its own points), with evidence: an answer text and/or files, not nothing. The
 * monitor closes, or reopens with a reason. (That the monitor is the grant's is checked by the record access.)
 */
export function checkActionPointTransition(
  actor: Actor,
  owner: ActionPointOwner,
  from: ActionPointStatus,
  to: ActionPointStatus,
  input: ActionPointTransitionInput = {},
): ActionPointTransitionCheck {
  if (!canTransitionActionPoint(from, to)) return { ok: false, reason: 'no_such_transition' };
  const kinds = monitoringActorKinds(actor);
  if (to === 'answered') {
    if (!kinds.has(ownerKind(owner))) return { ok: false, reason: 'not_allowed_for_actor' };
    const hasText = typeof input.answer === 'string' && input.answer.trim() !== '';
    if (!hasText && (input.evidenceFileIds ?? []).length === 0) return { ok: false, reason: 'evidence_required' };
    return { ok: true, action: 'answer' };
  }
  if (!kinds.has('monitor')) return { ok: false, reason: 'not_allowed_for_actor' };
  if (to === 'reopened') {
    if (typeof input.reason !== 'string' || input.reason.trim() === '') return { ok: false, reason: 'reason_required' };
    return { ok: true, action: 'reopen' };
  }
  return { ok: true, action: 'close' };
}

// ---------------------------------------------------------------------------------------------------------
// Due dates, reminders, escalation

/** Overdue on `today` (a Kosovo calendar date): still waiting on its owner from the day after its due date. */
export function isActionPointOverdue(point: { status: ActionPointStatus; dueDate: string }, today: string): boolean {
  const d = isoDateToDayNumber(point.dueDate);
  const t = isoDateToDayNumber(today);
  if (d === null || t === null) throw new RangeError('dueDate and today must be calendar dates YYYY-MM-DD');
  return (point.status === 'open' || point.status === 'reopened') && t > d;
}

/** A high-priority action point overdue on `today`: the Secretariat's list shows it as escalated. */
export function isActionPointEscalated(point: { status: ActionPointStatus; dueDate: string; priority: ActionPointPriority }, today: string): boolean {
  return point.priority === 'high' && isActionPointOverdue(point, today);
}

export const ACTION_POINT_REMINDER_KEYS = ['A-7d', 'A0', 'A+1d', 'A+7d', 'A+1d-esc'] as const;
export type ActionPointReminderKey = (typeof ACTION_POINT_REMINDER_KEYS)[number];

/** Whom a reminder goes to: the point's owner, or the Secretariat for an escalation. */
export type ActionPointReminder = GrantReminder<ActionPointReminderKey> & { to: 'owner' | 'secretariat' };

const OFFSETS: Readonly<Record<ActionPointReminderKey, { days: number; kind: GrantReminderKind; to: 'owner' | 'secretariat' }>> = Object.freeze({
  'A-7d': { days: -7, kind: 'before', to: 'owner' },
  A0: { days: 0, kind: 'on_day', to: 'owner' },
  'A+1d': { days: 1, kind: 'overdue', to: 'owner' },
  'A+7d': { days: 7, kind: 'overdue', to: 'owner' },
  'A+1d-esc': { days: 1, kind: 'escalation', to: 'secretariat' },
});

/**
 * The reminders of an action point due on `dueDate`: to the owner 7 days before, on the day, the day after and
 * a week after; for a high-priority one also an escalation to the Secretariat the day after. The worker plans
 * them (remindersToPlan) only while the point waits on its owner (open or reopened) and drops them once answered.
 */
export function actionPointReminders(dueDate: string, priority: ActionPointPriority): ActionPointReminder[] {
  if (isoDateToDayNumber(dueDate) === null) throw new RangeError(`dueDate must be a calendar date YYYY-MM-DD, got ${JSON.stringify(dueDate)}`);
  return ACTION_POINT_REMINDER_KEYS.filter((k) => k !== 'A+1d-esc' || priority === 'high').map((key) => {
    const o = OFFSETS[key];
    const date = addDays(dueDate, o.days);
    return { key, kind: o.kind, to: o.to, date, at: kosovoLocalToUtc(date, GRANT_REMINDER_LOCAL_TIME) };
  });
}

/** Whether reminders are due at all in this state (only while the owner has to act). */
export function actionPointRemindersApply(status: ActionPointStatus): boolean {
  return status === 'open' || status === 'reopened';
}

/**
 * The order of the Secretariat's list: escalated first, then overdue, then by priority (high first), then by
 * due date (soonest first), then by id. Deterministic.
 */
export function compareActionPoints(
  a: { id: string; status: ActionPointStatus; dueDate: string; priority: ActionPointPriority },
  b: { id: string; status: ActionPointStatus; dueDate: string; priority: ActionPointPriority },
  today: string,
): number {
  const key = (p: typeof a) => [isActionPointEscalated(p, today) ? 0 : 1, isActionPointOverdue(p, today) ? 0 : 1, 2 - actionPointPriorityRank(p.priority)] as const;
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
