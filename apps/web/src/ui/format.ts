/** Dates are shown in Kosovo's time zone; the locale follows the UI language. */
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

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (YYYY-MM-DD or an ISO timestamp) as a localised calendar date. */
export function formatDate(value: string | null | undefined, lng: string | undefined): string {
  if (!value) return '';
  const dateOnly = DATE_ONLY.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(lng), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : TIME_ZONE,
  }).format(date);
}

export function formatDateTime(value: string | null | undefined, lng: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(lng), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(date);
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
  return `${new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "ab12cd…9f0e" for long hashes. */
export function shortHash(hash: string, head = 8, tail = 6): string {
  return hash.length <= head + tail + 1 ? hash : `${hash.slice(0, head)}…${hash.slice(-tail)}`;
}
