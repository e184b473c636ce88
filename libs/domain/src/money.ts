/**
 * Money is integer euro cents everywhere (never floats): amounts are stored, summed and split in
 * cents, and only formatted for people at the edge.
 */
import type { Language } from './roles';

/**
 * The largest amount the portal takes as input: €100 billion (10^13 cents). Far below 2^53, so any sum
 * of a few hundred such amounts is still an exact integer.
 */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;

function assertCents(cents: number, name = 'cents'): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${name} must be a safe integer number of cents, got ${cents}`);
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * `en`: €1,234.56; `sq` and `sr`: 1.234,56 € (a plain space before €). Negative amounts get a leading
 * minus sign: -€5.00, -5,00 €. Hand-rolled rather than Intl, so the API, the worker and every browser
 * print the same thing.
 */
export function formatEuroCents(cents: number, locale: Language): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100));
  const rest = String(abs % 100).padStart(2, '0');
  if (locale === 'en') return `${sign}€${groupThousands(euros, ',')}.${rest}`;
  return `${sign}${groupThousands(euros, '.')},${rest} €`;
}

const GROUPED = (sep: string) => new RegExp(`^[1-9]\\d{0,2}(?:${sep === '.' ? '\\.' : sep}\\d{3})+$`);

/** Digits of the whole-euro part, with thousands separators checked and removed, or null. */
function wholeEuros(part: string, decimalSeparator: string | null): string | null {
  if (/^\d+$/.test(part)) return part;
  for (const sep of ['.', ',', ' ']) {
    if (sep === decimalSeparator) continue;
    if (GROUPED(sep).test(part)) return part.split(sep).join('');
  }
  return null;
}

/**
 * Reads an amount typed by a person in euros: `1234.56`, `1.234,56`, `1,234.56`, `1 234,56`, `1234`,
 * with or without €. A single `.` or `,` followed by exactly three digits is a thousands separator
 * (`1.234` is 1234 euros). Returns cents, or null for anything else: negative amounts, more than two
 * decimals, misplaced separators, letters, or an amount too large to hold exactly.
 */
export function parseEuroToCents(input: string): number | null {
  if (typeof input !== 'string') return null;
  const s = input
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .trim()
    .replace(/^€\s*/, '')
    .replace(/\s*€$/, '')
    .replace(/\s*EUR$/i, '')
    .trim();
  if (!/^[\d.,\s]+$/.test(s) || !/^\d/.test(s)) return null;
  if (/\s{2,}/.test(s)) return null;

  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let whole = s;
  let fraction = '';
  let decimalSeparator: string | null = null;
  if (last >= 0) {
    const sep = s[last]!;
    const other = sep === '.' ? ',' : '.';
    const after = s.slice(last + 1);
    const repeated = s.indexOf(sep) !== last;
    const isDecimal = !repeated && (s.includes(other) || !/^\d{3}$/.test(after));
    if (isDecimal) {
      if (!/^\d{1,2}$/.test(after)) return null;
      whole = s.slice(0, last);
      fraction = after;
      decimalSeparator = sep;
    }
  }
  const digits = wholeEuros(whole, decimalSeparator);
  if (digits === null) return null;
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Each weight as an exact integer (every finite double is an integer times a power of two). */
function exactWeights(weights: readonly number[]): bigint[] {
  const scaled = weights.map((w) => {
    let value = w;
    let shift = 0;
    while (!Number.isInteger(value)) {
      value *= 2;
      shift += 1;
    }
    return { value: BigInt(value), shift };
  });
  const maxShift = Math.max(0, ...scaled.map((x) => x.shift));
  return scaled.map((x) => x.value << BigInt(maxShift - x.shift));
}

/**
 * Splits `total` cents in proportion to `weights` (largest-remainder method): every part is the exact
 * share rounded down or up, the parts always sum to `total`, and leftover cents go to the largest
 * remainders, earlier parts first on ties. Exact for any finite weights (no floating-point drift).
 */
export function splitCents(total: number, weights: readonly number[]): number[] {
  assertCents(total, 'total');
  if (total < 0) throw new RangeError('total must not be negative');
  if (weights.length === 0) throw new RangeError('weights must not be empty');
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError('weights must be finite and not negative');

  const w = exactWeights(weights);
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError('weights must not all be zero');
  }
  const t = BigInt(total);
  const floors = w.map((x) => (t * x) / sum);
  const remainders = w.map((x, i) => ({ i, r: (t * x) % sum }));
  let left = Number(t - floors.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const parts = floors.map(Number);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
