import type { Role } from './roles';

/**
 * Second factors (issue 14): who must have one, how long a check stays fresh for a sensitive action, and the
 * recovery codes' format. Pure rules; the API stores the factors and checks the codes.
 */

/** Roles that must use a second factor: they reach survivors' data, decisions and payments. */
export const SECOND_FACTOR_REQUIRED_ROLES = ['secretariat', 'secretariat_admin', 'evaluator', 'monitor'] as const satisfies readonly Role[];

export function secondFactorRequired(role: Role): boolean {
  return (SECOND_FACTOR_REQUIRED_ROLES as readonly Role[]).includes(role);
}

/** The kinds of second factor, and the recovery code that stands in for one. */
export const SECOND_FACTOR_METHODS = ['totp', 'passkey', 'recovery'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

/**
 * Where a session stands:
 * - `verified`: the user has a factor and this session passed it;
 * - `not_enrolled_optional`: no factor, and the role does not require one;
 * - `challenge`: the user has a factor and this session has not passed it yet;
 * - `enrol`: the role requires a factor and the user has none.
 */
export const SECOND_FACTOR_STATES = ['verified', 'not_enrolled_optional', 'challenge', 'enrol'] as const;
export type SecondFactorState = (typeof SECOND_FACTOR_STATES)[number];

export function secondFactorState(input: { role: Role; enrolled: boolean; sessionVerified: boolean }): SecondFactorState {
  if (input.enrolled) return input.sessionVerified ? 'verified' : 'challenge';
  return secondFactorRequired(input.role) ? 'enrol' : 'not_enrolled_optional';
}

/** Whether a state lets the user through to the portal's ordinary routes. */
export const secondFactorSettled = (state: SecondFactorState) => state === 'verified' || state === 'not_enrolled_optional';

/** A sensitive action asks for the factor again when the session's last check is this old. */
export const STEP_UP_MAX_AGE_MS = 15 * 60_000;

/** Whether the last check (ms since the epoch) is recent enough for a sensitive action at `nowMs`. */
export function stepUpFresh(verifiedAtMs: number | null | undefined, nowMs: number): boolean {
  if (typeof verifiedAtMs !== 'number' || !Number.isFinite(verifiedAtMs)) return false;
  const age = nowMs - verifiedAtMs;
  return age >= 0 && age < STEP_UP_MAX_AGE_MS;
}

/** Wrong codes allowed per user before the checks lock for LOCK minutes (the login failures' numbers). */
export const SECOND_FACTOR_MAX_FAILURES = 5;
export const SECOND_FACTOR_LOCK_MINUTES = 15;

// ------------------------------------------------------------------------------------------------ recovery codes

/** Lower-case Crockford base32: no i, l, o, u, so what is copied by hand reads back. */
export const RECOVERY_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Characters of a recovery code (50 random bits), written `xxxx-xxxx-xx`. */
export const RECOVERY_CODE_LENGTH = 10;
/** How many recovery codes a user gets at once; a new set voids the old one. */
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code written from random bytes (at least 10; each byte's low five bits give one character). */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_CODE_LENGTH) throw new Error(`a recovery code needs ${RECOVERY_CODE_LENGTH} random bytes`);
  let s = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) s += RECOVERY_CODE_ALPHABET[bytes[i] & 31];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** What a person typed, as the canonical 10 characters (the hashed form), or null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
  if (s.length !== RECOVERY_CODE_LENGTH) return null;
  for (const ch of s) if (!RECOVERY_CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** Whether a typed TOTP code has the shape of one: six digits (spaces allowed, as apps show `123 456`). */
export function normalizeTotpCode(input: string): string | null {
  const s = input.replace(/\s/g, '');
  return /^\d{6}$/.test(s) ? s : null;
}
