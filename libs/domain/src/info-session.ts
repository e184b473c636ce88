/**
 * An info session for potential applicants of a call: planned, then possibly cancelled by the Secretariat
 * (with a reason the registered organisations are told). A cancelled session stays on record, shown as
 * cancelled, and takes no more registrations.
 */

export const INFO_SESSION_STATUSES = ['planned', 'cancelled'] as const;
export type InfoSessionStatus = (typeof INFO_SESSION_STATUSES)[number];

export const INFO_SESSION_TRANSITIONS: Readonly<Record<InfoSessionStatus, readonly InfoSessionStatus[]>> = Object.freeze({
  planned: ['cancelled'],
  cancelled: [],
});

export function canTransitionInfoSession(from: InfoSessionStatus, to: InfoSessionStatus): boolean {
  return INFO_SESSION_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Why a session takes no registration now, or null when it does. */
export function infoSessionRegistrationProblem(session: { status: InfoSessionStatus; startsAt: Date }, now: Date): 'session_cancelled' | 'session_past' | null {
  if (session.status === 'cancelled') return 'session_cancelled';
  if (now.getTime() >= session.startsAt.getTime()) return 'session_past';
  return null;
}
