/**
 * Dates are shown in Kosovo's time zone; the words follow the UI language. dayjs carries its own
 * month names for en / sq / sr / sr-cyrl, so the result does not depend on which locales the
 * browser's Intl data happens to include (some builds lack Albanian and fall back to "2026 M12 1").
 */
import dayjs from 'dayjs';
import 'dayjs/locale/sq';
import 'dayjs/locale/sr';
import 'dayjs/locale/sr-cyrl';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TIME_ZONE = 'Europe/Belgrade';

export function intlLocale(lng: string | undefined): string {
  switch (lng) {
    case 'sq':
      return 'sq-AL';
    case 'sr':
      return 'sr-Latn-RS';
    case 'sr-Cyrl':
      return 'sr-Cyrl-RS';
    default:
      return 'en-GB';
  }
}

function dayjsLocale(lng: string | undefined): string {
  if (lng === 'sr-Cyrl') return 'sr-cyrl';
  if (lng === 'sr' || lng === 'sq') return lng;
  return 'en';
}

/**
 * Albanian and Serbian write month names in lower case ("31 dhj 2027", "31. dec. 2027.", as the PDFs and e-mails
 * spell "31 dhjetor 2027", "31. decembar 2027."); dayjs's locales capitalise the short names, so its output is
 * lowered here (the rest of the date is digits).
 */
function monthCase(text: string, lng: string | undefined): string {
  if (lng === 'sq') return text.toLocaleLowerCase('sq');
  if (lng === 'sr' || lng === 'sr-Cyrl') return text.toLocaleLowerCase('sr');
  return text;
}

function dateFormat(lng: string | undefined): string {
  return lng === 'sr' || lng === 'sr-Cyrl' ? 'D. MMM YYYY.' : 'D MMM YYYY';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (YYYY-MM-DD, or an ISO timestamp read in Kosovo's time zone) as a calendar date. */
export function formatDate(value: string | null | undefined, lng: string | undefined): string {
  if (!value) return '';
  const d = DATE_ONLY.test(value) ? dayjs(value) : dayjs(value).tz(TIME_ZONE);
  if (!d.isValid()) return value;
  return monthCase(d.locale(dayjsLocale(lng)).format(dateFormat(lng)), lng);
}

export function formatDateTime(value: string | null | undefined, lng: string | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  if (!d.isValid()) return value;
  return monthCase(d.tz(TIME_ZONE).locale(dayjsLocale(lng)).format(`${dateFormat(lng)} HH:mm`), lng);
}

export function formatBytes(bytes: number, lng: string | undefined): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  // the language's decimal mark by hand, like ui/format-number (browsers' Intl may lack Albanian)
  const rounded = String(Math.round(value * 10 ** digits) / 10 ** digits);
  const decimal = lng === 'sq' || lng === 'sr' || lng === 'sr-Cyrl' ? ',' : '.';
  return `${rounded.replace('.', decimal)} ${units[unit]}`;
}

/** "ab12cd…9f0e" for long hashes. */
export function shortHash(hash: string, head = 8, tail = 6): string {
  return hash.length <= head + tail + 1 ? hash : `${hash.slice(0, head)}…${hash.slice(-tail)}`;
}
