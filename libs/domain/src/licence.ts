/**
 * The social-services licence of an organisation: shown on its profile and watched by the worker, which
 * warns the organisation (and the Secretariat) before it lapses.
 */
import { daysBetween } from './dates';

export const LICENCE_WARNING_DAYS = 60;

export type LicenceState = 'valid' | 'expiring' | 'expired' | 'missing';
export type LicenceStatus = { status: LicenceState; daysLeft: number | null };

/**
 * `expiry` is the last day the licence is valid (YYYY-MM-DD); `today` is the current calendar date in
 * Kosovo (the caller decides the clock). daysLeft is `expiry - today` in days: 0 means it expires today
 * (still valid, expiring), negative means it has expired. Throws RangeError on a malformed date.
 */
export function licenceStatus(expiry: string | null, today: string): LicenceStatus {
  if (expiry === null || expiry === '') {
    daysBetween(today, today); // still validates `today`, so a bad clock is never silently ignored
    return { status: 'missing', daysLeft: null };
  }
  const daysLeft = daysBetween(today, expiry);
  if (daysLeft < 0) return { status: 'expired', daysLeft };
  if (daysLeft <= LICENCE_WARNING_DAYS) return { status: 'expiring', daysLeft };
  return { status: 'valid', daysLeft };
}
