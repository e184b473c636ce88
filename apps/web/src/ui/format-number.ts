/**
 * Numbers for people, in the portal's language: one module for points, percentages, counts and money, so a
 * page never mixes "82.5" with "41.619,00 €". Hand-rolled like formatEuroCents (libs/domain/money.ts) rather
 * than Intl: browsers' ICU data differ (Chromium builds without Albanian print "82.5" for sq), and the API's
 * PDFs and e-mails use the same separators.
 *
 *   en:             1,234.5   5.4%    €1,234.50
 *   sq, sr, sr-Cyrl: 1.234,5   5,4 %   1.234,50 €
 */
import { formatEuroCents, type Language } from '@grants/domain';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from './format';

/** The portal language behind a UI language ('sr-Cyrl' is Serbian). */
export function domainLanguage(lng: string | undefined): Language {
  if (lng === 'sq') return 'sq';
  if (lng === 'sr' || lng === 'sr-Cyrl') return 'sr';
  return 'en';
}

export function separators(lng: string | undefined): { group: string; decimal: string } {
  return domainLanguage(lng) === 'en' ? { group: ',', decimal: '.' } : { group: '.', decimal: ',' };
}

export type NumberOptions = {
  /** Decimals always shown (pads with zeros). Default 0. */
  minDecimals?: number;
  /** Decimals at most (rounds half away from zero). Default 2. */
  maxDecimals?: number;
};

/** A number in the language's notation: 82,5 / 82.5; 41.619 / 41,619. Not for money (formatMoney). */
export function formatNumber(value: number, lng: string | undefined, opts: NumberOptions = {}): string {
  if (!Number.isFinite(value)) return '—';
  const max = opts.maxDecimals ?? 2;
  const min = Math.min(opts.minDecimals ?? 0, max);
  const { group, decimal } = separators(lng);
  const sign = value < 0 ? '-' : '';
  // round in decimal, not binary: 2.675 → 2.68 (toFixed would give 2.67)
  const abs = String(Math.abs(value));
  const scaled = abs.includes('e') ? Math.round(Math.abs(value) * 10 ** max) : Math.round(Number(`${abs}e${max}`));
  let digits = String(scaled).padStart(max + 1, '0');
  let whole = max ? digits.slice(0, -max) : digits;
  let fraction = max ? digits.slice(-max) : '';
  fraction = fraction.replace(/0+$/, '');
  if (fraction.length < min) fraction = fraction.padEnd(min, '0');
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  digits = fraction ? `${whole}${decimal}${fraction}` : whole;
  return sign && /[1-9]/.test(digits) ? `${sign}${digits}` : digits;
}

/** Points of an evaluation (at most two decimals, consolidated scores are means); "—" for none. */
export function formatPoints(value: number | null | undefined, lng: string | undefined): string {
  return value === null || value === undefined ? '—' : formatNumber(value, lng, { maxDecimals: 2 });
}

/** "22,5 / 30": points out of a maximum. */
export function formatPointsOf(value: number | null | undefined, max: number, lng: string | undefined): string {
  return `${formatPoints(value, lng)} / ${formatPoints(max, lng)}`;
}

/**
 * A percentage given in percent (5.4 → "5.4%" in English, "5,4 %" in Albanian and Serbian, as the budget's
 * messages write it); `decimals` fixes the number of decimals shown.
 */
export function formatPercent(percent: number, lng: string | undefined, decimals?: number): string {
  const opts = decimals === undefined ? { maxDecimals: 2 } : { minDecimals: decimals, maxDecimals: decimals };
  const n = formatNumber(percent, lng, opts);
  return domainLanguage(lng) === 'en' ? `${n}%` : `${n} %`;
}

/** A percentage held in basis points, as the budget rules are (540 → "5,4 %"). */
export function formatBasisPoints(bp: number, lng: string | undefined, decimals?: number): string {
  return formatPercent(bp / 100, lng, decimals);
}

/** Integer euro cents as money in the language (formatEuroCents). */
export function formatMoney(cents: number, lng: string | undefined): string {
  return formatEuroCents(cents, domainLanguage(lng));
}

/**
 * Integer euro cents as the text an amount box starts with, in the language's decimal mark and without
 * grouping, so the reader edits what they would type: "1234.50" in English, "1234,50" in Albanian and
 * Serbian (parseEuroToCents reads both back).
 */
export function formatAmountInput(cents: number, lng: string | undefined): string {
  if (!Number.isSafeInteger(cents)) return '';
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}${separators(lng).decimal}${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

/** A whole count: 1.234 / 1,234. */
export function formatCount(n: number, lng: string | undefined): string {
  return formatNumber(n, lng, { maxDecimals: 0 });
}

/** Every formatter bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return {
    lng,
    number: (v: number, opts?: NumberOptions) => formatNumber(v, lng, opts),
    count: (n: number) => formatCount(n, lng),
    points: (v: number | null | undefined) => formatPoints(v, lng),
    pointsOf: (v: number | null | undefined, max: number) => formatPointsOf(v, max, lng),
    percent: (p: number, decimals?: number) => formatPercent(p, lng, decimals),
    basisPoints: (bp: number, decimals?: number) => formatBasisPoints(bp, lng, decimals),
    money: (cents: number) => formatMoney(cents, lng),
    date: (v: string | null | undefined) => formatDate(v, lng),
    dateTime: (v: string | null | undefined) => formatDateTime(v, lng),
  };
}
