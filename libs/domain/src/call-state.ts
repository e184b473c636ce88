/**
 * The life of a call for proposals: draft → published → closed → in evaluation → decided → archived.
 * One way only; a published call is changed through logged amendments (call-amendment.ts), never by
 * going back to draft, so what applicants read stays on record.
 */

export const CALL_STATUSES = ['draft', 'published', 'closed', 'in_evaluation', 'decided', 'archived'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_TRANSITIONS: Readonly<Record<CallStatus, readonly CallStatus[]>> = Object.freeze({
  draft: ['published'],
  published: ['closed'],
  closed: ['in_evaluation'],
  in_evaluation: ['decided'],
  decided: ['archived'],
  archived: [],
});

export function isCallStatus(value: unknown): value is CallStatus {
  return typeof value === 'string' && (CALL_STATUSES as readonly string[]).includes(value);
}

export function canTransitionCall(from: CallStatus, to: CallStatus): boolean {
  return CALL_TRANSITIONS[from]?.includes(to) ?? false;
}

export function nextCallStatuses(from: CallStatus): readonly CallStatus[] {
  return CALL_TRANSITIONS[from] ?? [];
}

/** What people may do with a call, by state. */
export const CALL_ACTIONS = [
  'edit',
  'delete',
  'publish',
  'amend',
  'ask_question',
  'answer_question',
  'start_application',
  'submit_application',
  'close',
  'check_admissibility',
  'start_evaluation',
  'record_decision',
  'archive',
  'copy',
] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

const ACTIONS_BY_STATUS: Readonly<Record<CallStatus, readonly CallAction[]>> = Object.freeze({
  draft: ['edit', 'delete', 'publish', 'copy'],
  // Questions and submissions are further limited by their own deadlines (deadline.ts).
  published: ['amend', 'ask_question', 'answer_question', 'start_application', 'submit_application', 'close', 'copy'],
  closed: ['check_admissibility', 'start_evaluation', 'copy'],
  in_evaluation: ['record_decision', 'copy'],
  decided: ['archive', 'copy'],
  archived: ['copy'],
});

export function callActions(status: CallStatus): readonly CallAction[] {
  return ACTIONS_BY_STATUS[status] ?? [];
}

export function canDoOnCall(status: CallStatus, action: CallAction): boolean {
  return callActions(status).includes(action);
}

export type CallEditMode = 'free' | 'amendment_only' | 'locked';

/** A draft is edited freely; a published call only through a logged amendment; after closing, nothing. */
export function callEditMode(status: CallStatus): CallEditMode {
  if (status === 'draft') return 'free';
  if (status === 'published') return 'amendment_only';
  return 'locked';
}
