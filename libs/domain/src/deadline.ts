/**
 * Deadlines in Kosovo time (Europe/Belgrade: CET, UTC+1, and CEST, UTC+2, in summer). Deadlines are
 * stored as absolute instants; this module turns what the Secretariat types (a local date and time)
 * into an instant, prints instants back in local time, and counts what is left. The EU summer-time
 * rule is applied by hand (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC), so the
 * API, the worker and every browser agree without depending on the time-zone data they ship.
 */
import type { Language } from './roles';
import { isoDateToDayNumber } from './dates';

export const KOSOVO_TZ = 'Europe/Belgrade';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch for an ISO 8601 instant with a zone (`2027-03-31T15:00:00Z`,
 * `…+02:00`, fractions of a second allowed; extra digits beyond milliseconds are dropped), or null.
 */
export function parseInstant(value: string): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_INSTANT.exec(value);
  if (!m) return null;
  const fraction = m[2] ? m[2].slice(0, 4) : '';
  const ms = Date.parse(`${m[1]}${fraction}${m[3]}`);
  if (!Number.isFinite(ms)) return null;
  // Date.parse accepts 2027-02-30; refuse days that do not exist.
  if (isoDateToDayNumber(m[1]!.slice(0, 10)) === null) return null;
  return ms;
}

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && parseInstant(value) !== null;
}

const SANE_FROM_MS = Date.UTC(2000, 0, 1);
const SANE_UNTIL_MS = Date.UTC(2101, 0, 1);

/** An ISO instant with its zone between 2000-01-01 and 2100-12-31 (see SANE_DATE_MIN / SANE_DATE_MAX in dates.ts). */
export function isSaneInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const ms = parseInstant(value);
  return ms !== null && ms >= SANE_FROM_MS && ms < SANE_UNTIL_MS;
}

function toMs(instant: Date | string, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : parseInstant(instant);
  if (ms === null || !Number.isFinite(ms)) throw new RangeError(`${name} must be an ISO instant with a zone, got ${JSON.stringify(String(instant))}`);
  return ms;
}

/** 01:00 UTC on the last Sunday of `month` (0-based) in `year`. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, sunday, 1, 0, 0);
}

/** Start and end (exclusive) of summer time in `year`, as epoch milliseconds. */
export function kosovoSummerTime(year: number): { start: number; end: number } {
  return { start: lastSundayAt0100Utc(year, 2), end: lastSundayAt0100Utc(year, 9) };
}

function offsetAt(ms: number): 60 | 120 {
  const { start, end } = kosovoSummerTime(new Date(ms).getUTCFullYear());
  return ms >= start && ms < end ? 120 : 60;
}

/** Minutes Kosovo's clocks are ahead of UTC at `instant`: 120 in summer time, 60 otherwise. */
export function kosovoOffsetMinutes(instant: Date | string): 60 | 120 {
  return offsetAt(toMs(instant, 'instant'));
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The UTC instant (`YYYY-MM-DDTHH:mm:00.000Z`) of a Kosovo wall-clock date and time. A time in the hour
 * skipped in spring (02:00–02:59 on the last Sunday of March) is read with the winter offset, so it
 * lands after the gap (02:30 → 03:30 summer time), as Temporal's 'compatible' rule does; a time in the
 * hour repeated in autumn is the first of the two (still summer time). Throws RangeError on a malformed
 * date or time.
 */
export function kosovoLocalToUtc(localDate: string, localTime: string): string {
  const day = isoDateToDayNumber(localDate);
  const t = LOCAL_TIME.exec(localTime);
  if (day === null) throw new RangeError(`localDate must be YYYY-MM-DD, got ${JSON.stringify(localDate)}`);
  if (!t) throw new RangeError(`localTime must be HH:mm, got ${JSON.stringify(localTime)}`);
  const wall = day * MS_PER_DAY + Number(t[1]) * MS_PER_HOUR + Number(t[2]) * MS_PER_MINUTE;
  const summer = wall - 120 * MS_PER_MINUTE;
  const winter = wall - 60 * MS_PER_MINUTE;
  // Earlier candidate first: in the repeated hour both are valid and the first one wins.
  if (offsetAt(summer) === 120) return new Date(summer).toISOString();
  if (offsetAt(winter) === 60) return new Date(winter).toISOString();
  // In the spring gap neither reading is consistent: take the winter reading, just after the gap.
  return new Date(winter).toISOString();
}

export type KosovoLocal = { date: string; time: string; offsetMinutes: 60 | 120 };

/** Kosovo wall-clock date (`YYYY-MM-DD`) and time (`HH:mm`) of an instant; seconds are dropped. */
export function toKosovoLocal(instant: Date | string): KosovoLocal {
  const ms = toMs(instant, 'instant');
  const offsetMinutes = offsetAt(ms);
  const iso = new Date(ms + offsetMinutes * MS_PER_MINUTE).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), offsetMinutes };
}

const MONTHS: Readonly<Record<Language, readonly string[]>> = Object.freeze({
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  sq: ['janar', 'shkurt', 'mars', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor', 'dhjetor'],
  sr: ['januar', 'februar', 'mart', 'april', 'maj', 'jun', 'jul', 'avgust', 'septembar', 'oktobar', 'novembar', 'decembar'],
});

/**
 * An instant in Kosovo time for people: en `31 March 2027, 17:00`, sq `31 mars 2027, 17:00`,
 * sr `31. mart 2027. 17:00` (Latin script; transliterate for Cyrillic readers).
 */
export function formatKosovo(instant: Date | string, lang: Language): string {
  const { date, time } = toKosovoLocal(instant);
  const year = date.slice(0, 4);
  const month = MONTHS[lang]?.[Number(date.slice(5, 7)) - 1];
  if (month === undefined) throw new RangeError(`unknown language ${JSON.stringify(lang)}`);
  const day = String(Number(date.slice(8, 10)));
  if (lang === 'sr') return `${day}. ${month} ${year}. ${time}`;
  return `${day} ${month} ${year}, ${time}`;
}

/** True while `now` is strictly before the deadline; at the deadline instant it is closed. */
export function isBeforeDeadline(nowIso: Date | string, deadlineIso: Date | string): boolean {
  return toMs(nowIso, 'now') < toMs(deadlineIso, 'deadline');
}

export type TimeLeft = { days: number; hours: number; minutes: number; seconds: number; closed: boolean };

/** Whole days, hours, minutes and seconds left until the deadline (rounded down); zeros once closed. */
export function timeLeft(nowIso: Date | string, deadlineIso: Date | string): TimeLeft {
  const diff = toMs(deadlineIso, 'deadline') - toMs(nowIso, 'now');
  if (diff <= 0) return { days: 0, hours: 0, minutes: 0, seconds: 0, closed: true };
  const total = Math.floor(diff / 1000);
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3_600),
    minutes: Math.floor((total % 3_600) / 60),
    seconds: total % 60,
    closed: false,
  };
}

export const REMINDER_KEYS = ['T-7d', 'T-2d', 'T-3h'] as const;
export type ReminderKey = (typeof REMINDER_KEYS)[number];
const REMINDER_OFFSETS_MS: Readonly<Record<ReminderKey, number>> = { 'T-7d': 7 * MS_PER_DAY, 'T-2d': 2 * MS_PER_DAY, 'T-3h': 3 * MS_PER_HOUR };

/**
 * When to remind organisations with an unsubmitted draft: 7 days, 2 days and 3 hours before the
 * deadline, in absolute time (across a clock change, 7 days before 17:00 may be 16:00 or 18:00 local).
 */
export function reminderInstants(deadlineIso: Date | string): { key: ReminderKey; at: string }[] {
  const deadline = toMs(deadlineIso, 'deadline');
  return REMINDER_KEYS.map((key) => ({ key, at: new Date(deadline - REMINDER_OFFSETS_MS[key]).toISOString() }));
}
