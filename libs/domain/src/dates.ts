/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings. Dates are treated as days, not instants: they are
 * read as UTC midnights only to count days, so no time zone or daylight-saving change can shift them.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid `YYYY-MM-DD` calendar date, or null (wrong shape or no such day). */
export function isoDateToDayNumber(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY);
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && isoDateToDayNumber(value) !== null;
}

function dayNumber(value: string, name: string): number {
  const n = isoDateToDayNumber(value);
  if (n === null) throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return n;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Throws RangeError on an invalid date. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to, 'to') - dayNumber(from, 'from');
}

/** The calendar date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  const ms = (dayNumber(date, 'date') + days) * MS_PER_DAY;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The dates people may type: from 2000-01-01 to 2100-12-31. Year 0 or 9999 is a typing mistake, and
 * storing one breaks every page and calculation that shows or uses it.
 */
export const SANE_DATE_MIN = '2000-01-01';
export const SANE_DATE_MAX = '2100-12-31';

/** A calendar date `YYYY-MM-DD` that exists and lies between SANE_DATE_MIN and SANE_DATE_MAX. */
export function isSaneDate(value: unknown): value is string {
  return isIsoDate(value) && value >= SANE_DATE_MIN && value <= SANE_DATE_MAX;
}
