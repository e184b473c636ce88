/**
 * The confidential safeguarding channel (issue 14, the EU's PSEA expectations for partners): anyone reports a concern
 * about abuse, exploitation or misconduct linked to a funded project; only the designated focal points read it.
 *
 * A report is received → under review → closed with an outcome (a received one may be closed at once, e.g. a
 * duplicate). A closed report is final: a new concern is a new report. Only
 * apps/api/src/modules/safeguarding/safeguarding-status.ts writes the status, checking this table.
 */

export const SAFEGUARDING_STATUSES = ['received', 'under_review', 'closed'] as const;
export type SafeguardingStatus = (typeof SAFEGUARDING_STATUSES)[number];

/** How a closed report ended. */
export const SAFEGUARDING_OUTCOMES = ['substantiated', 'not_substantiated', 'referred', 'no_action_possible', 'duplicate'] as const;
export type SafeguardingOutcome = (typeof SAFEGUARDING_OUTCOMES)[number];

/** What a concern is about. */
export const SAFEGUARDING_CATEGORIES = ['sexual_exploitation', 'abuse', 'harassment', 'misconduct', 'other'] as const;
export type SafeguardingCategory = (typeof SAFEGUARDING_CATEGORIES)[number];

export const SAFEGUARDING_TRANSITIONS: Readonly<Record<SafeguardingStatus, readonly SafeguardingStatus[]>> = Object.freeze({
  received: ['under_review', 'closed'],
  under_review: ['closed'],
  closed: [],
});

export function isSafeguardingStatus(v: unknown): v is SafeguardingStatus {
  return typeof v === 'string' && (SAFEGUARDING_STATUSES as readonly string[]).includes(v);
}

export function canTransitionSafeguarding(from: SafeguardingStatus, to: SafeguardingStatus): boolean {
  return SAFEGUARDING_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Whether a report may be moved to `to` with this outcome: closing names one; no other status carries one. */
export function safeguardingChangeProblem(from: SafeguardingStatus, to: SafeguardingStatus, outcome: SafeguardingOutcome | null | undefined): 'invalid_transition' | 'outcome_required' | 'outcome_not_allowed' | null {
  if (!canTransitionSafeguarding(from, to)) return 'invalid_transition';
  if (to === 'closed' && !outcome) return 'outcome_required';
  if (to !== 'closed' && outcome) return 'outcome_not_allowed';
  return null;
}

/**
 * The reporter's follow-up code: 25 characters of Crockford base32 (125 bits) in five groups of five, shown once and
 * stored only as its SHA-256. Crockford's alphabet has no I, L, O, U, so what a person copies by hand is read back
 * the same (`normalizeFollowUpCode` maps o→0, i/l→1 and ignores case, spaces and dashes).
 */
export const FOLLOW_UP_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const FOLLOW_UP_LENGTH = 25;

/** The code written from random bytes (at least 16; each byte's low five bits give one character). */
export function followUpCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < FOLLOW_UP_LENGTH) throw new Error(`a follow-up code needs ${FOLLOW_UP_LENGTH} random bytes`);
  let s = '';
  for (let i = 0; i < FOLLOW_UP_LENGTH; i++) s += FOLLOW_UP_ALPHABET[bytes[i] & 31];
  return s.match(/.{5}/g)!.join('-');
}

/** What a person typed, as the canonical 25 characters (the hashed form), or null when it cannot be a code. */
export function normalizeFollowUpCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== FOLLOW_UP_LENGTH) return null;
  for (const ch of s) if (!FOLLOW_UP_ALPHABET.includes(ch)) return null;
  return s;
}

/** A focal point's to-do: the reports not yet closed, the oldest first, with how many wait in each status. */
export function safeguardingWaiting<R extends { status: SafeguardingStatus; receivedAt: string }>(reports: readonly R[]): { received: number; underReview: number; oldest: R[] } {
  const open = reports.filter((r) => r.status !== 'closed');
  return {
    received: open.filter((r) => r.status === 'received').length,
    underReview: open.filter((r) => r.status === 'under_review').length,
    oldest: [...open].sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0)),
  };
}
