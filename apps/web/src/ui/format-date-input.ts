/**
 * Calendar dates as people type them in the portal's language, for the date field (DateField): the browser's
 * own <input type="date"> shows the browser's format (mm/dd/yyyy in an English Chromium) whatever the page's
 * language, so the field is a text input with the language's pattern.
 *
 *   en: 31/03/2027    sq: 31.03.2027    sr, sr-Cyrl: 31.03.2027.
 */

export type DatePattern = { order: 'dmy'; separator: '/' | '.'; trailingDot: boolean };

export function datePattern(lng: string | undefined): DatePattern {
  if (lng === 'sr' || lng === 'sr-Cyrl') return { order: 'dmy', separator: '.', trailingDot: true };
  if (lng === 'sq') return { order: 'dmy', separator: '.', trailingDot: false };
  return { order: 'dmy', separator: '/', trailingDot: false };
}

/** The pattern as a hint for the reader, with the language's letters for day, month and year. */
const LETTERS: Record<string, [string, string, string]> = {
  en: ['DD', 'MM', 'YYYY'],
  sq: ['DD', 'MM', 'VVVV'],
  sr: ['DD', 'MM', 'GGGG'],
  'sr-Cyrl': ['ДД', 'ММ', 'ГГГГ'],
};
export function datePlaceholder(lng: string | undefined): string {
  const p = datePattern(lng);
  const [d, m, y] = LETTERS[lng ?? 'en'] ?? LETTERS.en!;
  return `${d}${p.separator}${m}${p.separator}${y}${p.trailingDot ? '.' : ''}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD → the language's notation; '' for empty, the value itself when it is not a date. */
export function formatDateInput(iso: string | null | undefined, lng: string | undefined): string {
  if (!iso) return '';
  const m = ISO.exec(iso);
  if (!m) return iso;
  const p = datePattern(lng);
  return `${m[3]}${p.separator}${m[2]}${p.separator}${m[1]}${p.trailingDot ? '.' : ''}`;
}

/**
 * What the reader typed → YYYY-MM-DD, or null when it is not a real calendar date. Takes the language's
 * pattern with any of . / - as separator, one- or two-digit day and month, an optional final dot, and also
 * ISO (2027-03-31) as pasted from elsewhere. Day first in every language of the portal.
 */
export function parseDateInput(text: string, _lng?: string | undefined): string | null {
  const s = text.trim().replace(/\s+/g, '');
  if (!s) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isRealDate(y, mo, d) ? s : null;
  }
  const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}
