/**
 * The life of an application, and the two things an applicant may do against the clock: submit (or
 * resubmit, replacing the earlier submission) and withdraw, both only while the call is published and
 * strictly before its submission deadline.
 */
import type { CallStatus } from './call-state';
import { isBeforeDeadline } from './deadline';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'admissible',
  'rejected_admissibility',
  'in_evaluation',
  'evaluated',
  'awarded',
  'reserve',
  'rejected',
  'declined',
  // selected for less than it requested: the organisation accepts (awarded) or refuses (declined) the offer
  'offered',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = Object.freeze({
  // A draft is withdrawn (kept on record, freeing the organisation's place) before the deadline.
  draft: ['submitted', 'withdrawn'],
  // submitted → submitted is a resubmission that replaces the earlier snapshot.
  submitted: ['submitted', 'withdrawn', 'admissible', 'rejected_admissibility'],
  // A withdrawn application may be taken up again as a draft while the call is still open.
  withdrawn: ['draft'],
  // Until evaluation starts, the Secretariat may correct an admissibility decision either way.
  admissible: ['in_evaluation', 'rejected_admissibility'],
  rejected_admissibility: ['admissible'],
  // The committee's decision takes an application straight from evaluation to its outcome.
  in_evaluation: ['evaluated', 'awarded', 'offered', 'reserve', 'rejected'],
  evaluated: ['awarded', 'offered', 'reserve', 'rejected'],
  reserve: ['awarded', 'offered', 'rejected'],
  // an offer (less than requested) is accepted or refused by the organisation; topped up to the request, awarded
  offered: ['awarded', 'declined'],
  // An awarded applicant may decline the grant; the first on the reserve list then moves up.
  awarded: ['declined'],
  rejected: [],
  declined: [],
});

export function isApplicationStatus(value: unknown): value is ApplicationStatus {
  return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function canTransitionApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_TRANSITIONS[from]?.includes(to) ?? false;
}

export function nextApplicationStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  return APPLICATION_TRANSITIONS[from] ?? [];
}

/** Whether the applicant may still change the content: only a draft is edited; a submission is frozen. */
export function isApplicationEditable(status: ApplicationStatus): boolean {
  return status === 'draft';
}

export type SubmitRefusal = 'deadline_passed' | 'call_not_open' | 'incomplete' | 'not_draft';
export type SubmitCheck = { ok: true } | { ok: false; reason: SubmitRefusal };

export type SubmitInput = {
  status: ApplicationStatus;
  callStatus: CallStatus;
  nowIso: string | Date;
  deadlineIso: string | Date;
  completenessProblems: number;
};

/**
 * May this application be submitted now? A draft, or an already submitted application (resubmission
 * replaces it), on a published call, strictly before the deadline, with no completeness problems.
 * The deadline is reported before the call state, since the worker may not have closed the call yet.
 */
export function canSubmit(input: SubmitInput): SubmitCheck {
  if (input.status !== 'draft' && input.status !== 'submitted') return { ok: false, reason: 'not_draft' };
  if (!isBeforeDeadline(input.nowIso, input.deadlineIso)) return { ok: false, reason: 'deadline_passed' };
  if (input.callStatus !== 'published') return { ok: false, reason: 'call_not_open' };
  if (input.completenessProblems > 0) return { ok: false, reason: 'incomplete' };
  return { ok: true };
}

export type WithdrawRefusal = 'deadline_passed' | 'call_not_open' | 'not_submitted';
export type WithdrawCheck = { ok: true } | { ok: false; reason: WithdrawRefusal };

/** A submitted application may be withdrawn while the call is published, strictly before the deadline. */
export function canWithdraw(input: Omit<SubmitInput, 'completenessProblems'>): WithdrawCheck {
  if (input.status !== 'submitted') return { ok: false, reason: 'not_submitted' };
  if (!isBeforeDeadline(input.nowIso, input.deadlineIso)) return { ok: false, reason: 'deadline_passed' };
  if (input.callStatus !== 'published') return { ok: false, reason: 'call_not_open' };
  return { ok: true };
}

/** `MF-C3-2026-01` and 7 → `MF-C3-2026-01-007` (three digits at least, more when needed). */
export function applicationReference(callRef: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`seq must be a positive integer, got ${seq}`);
  if (typeof callRef !== 'string' || !callRef.trim()) throw new RangeError('callRef must not be empty');
  return `${callRef.trim()}-${String(seq).padStart(3, '0')}`;
}
