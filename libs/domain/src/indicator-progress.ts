/**
 * Progress against the logframe: for each indicator of the approved logframe (baseline and target, see
 * `Indicator` in `completeness.ts`), how far the reported cumulative value has come from the baseline
 * towards the target, and whether that lags behind the share of the grant's time already gone.
 *
 * Values are typed by people: `12`, `12,5` (Kosovo writes a decimal comma), `12.5`, `1.250`, `1 250,5`,
 * `35%`. They are parsed into integers of a fixed scale (`INDICATOR_VALUE_SCALE` units per 1), never
 * floats, so 0.1 + 0.2 is exactly 0.3 and a progress share is computed exactly in integer arithmetic.
 * Shares are basis points (10,000 = the target reached). An indicator may go down (target below the
 * baseline: "drop-out rate from 30% to 10%"); progress is then measured downwards.
 */
import { isoDateToDayNumber } from './dates';
import type { Indicator } from './completeness';

/** Units per 1: values carry at most three decimals (1,5 → 1500). */
export const INDICATOR_VALUE_SCALE = 1_000;
const SCALE_DIGITS = 3;
/** Progress is shown up to five times the target (50,000 bp); beyond that the figure says nothing more. */
export const INDICATOR_PROGRESS_MAX_BP = 50_000;
/** An indicator is "behind" when its progress lags the share of time elapsed by more than 20 percentage points. */
export const INDICATOR_BEHIND_TOLERANCE_BP = 2_000;

export type IndicatorValueParse = { ok: true; scaled: number } | { ok: false; code: 'required' | 'not_a_number' | 'too_precise' };

const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`);

/**
 * Parses an indicator value into an integer of `INDICATOR_VALUE_SCALE`. Spaces (also no-break spaces) and a
 * trailing `%` are ignored. With both `.` and `,` the last one is the decimal mark and the other groups
 * thousands (`1.234,5`, `1,234.5`). With one kind only, several marks group thousands (`1.250.000`) and a
 * single mark is the decimal mark (`12,5`, `12.5`, and `1,250` = 1.25: a decimal comma is what people write
 * here, so the screen shows the value read back for the writer to see). More than three decimals
 * is `too_precise`, not silently rounded.
 */
export function parseIndicatorValue(value: string | number | null | undefined): IndicatorValueParse {
  if (value === null || value === undefined) return { ok: false, code: 'required' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, code: 'not_a_number' };
    // toString of a finite number is exact enough to re-read; exponent forms are out of range anyway
    const s = String(value);
    if (/e/i.test(s)) return { ok: false, code: 'not_a_number' };
    return parseIndicatorValue(s);
  }
  let s = value.replace(/[\s\u00a0\u202f]/g, '');
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (s === '') return { ok: false, code: 'required' };
  let negative = false;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = true;
    s = s.slice(1);
  }
  let intPart: string;
  let fracPart = '';
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const group = dec === '.' ? ',' : '.';
    const at = s.lastIndexOf(dec);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (!GROUPED(group).test(intPart)) return { ok: false, code: 'not_a_number' };
    intPart = intPart.split(group).join('');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = s.split(mark);
    if (parts.length > 2) {
      if (!GROUPED(mark).test(s)) return { ok: false, code: 'not_a_number' };
      intPart = parts.join('');
    } else {
      [intPart, fracPart] = parts as [string, string];
    }
  } else {
    intPart = s;
  }
  if (intPart === '' && fracPart !== '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(fracPart)) return { ok: false, code: 'not_a_number' };
  if (fracPart.length > SCALE_DIGITS) return { ok: false, code: 'too_precise' };
  const scaled = Number(intPart) * INDICATOR_VALUE_SCALE + Number(fracPart.padEnd(SCALE_DIGITS, '0'));
  if (!Number.isSafeInteger(scaled)) return { ok: false, code: 'not_a_number' };
  return { ok: true, scaled: negative && scaled !== 0 ? -scaled : scaled };
}

/** A scaled value back as a plain string with a `.` decimal mark and no trailing zeros (1500 → "1.5"); screens format it for the reader. */
export function indicatorValueToString(scaled: number): string {
  const sign = scaled < 0 ? '-' : '';
  const a = Math.abs(scaled);
  const int = Math.floor(a / INDICATOR_VALUE_SCALE);
  const frac = String(a % INDICATOR_VALUE_SCALE).padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** Share of the grant's time elapsed on `asOf`, in basis points towards zero (same counting as `burnRate`: days inclusive). */
export function elapsedShareBp(grant: { startDate: string; endDate: string }, asOf: string): number {
  const s = isoDateToDayNumber(grant.startDate);
  const e = isoDateToDayNumber(grant.endDate);
  const a = isoDateToDayNumber(asOf);
  if (s === null || e === null || a === null) throw new RangeError('startDate, endDate and asOf must be calendar dates YYYY-MM-DD');
  if (e < s) throw new RangeError('endDate must not be before startDate');
  const total = e - s + 1;
  const elapsed = Math.min(total, Math.max(0, a - s + 1));
  return Math.floor((elapsed * 10_000) / total);
}

export type IndicatorProgress = {
  /** Scaled values (INDICATOR_VALUE_SCALE per 1); null when the value is missing or unreadable. */
  baseline: number | null;
  target: number | null;
  periodValue: number | null;
  cumulativeValue: number | null;
  direction: 'increase' | 'decrease' | 'none' | null;
  /**
   * The way from baseline to target covered by the cumulative value, in basis points towards zero, between 0
   * and INDICATOR_PROGRESS_MAX_BP (over-achievement shows, e.g. 12,000). Null when a value is missing or
   * unreadable, or when the target equals the baseline (no change planned: there is no way to cover).
   */
  progressBp: number | null;
  /** The target is reached or passed. For target = baseline: the value is at the target. */
  achieved: boolean;
  elapsedBp: number;
  /** progressBp − elapsedBp; null when progressBp is null. */
  gapBp: number | null;
  /** Progress lags the time elapsed by more than INDICATOR_BEHIND_TOLERANCE_BP. */
  behind: boolean;
};

/**
 * The progress of one indicator on a report: `cumulativeValue` is the value reached since the start of the
 * grant (what counts towards the target), `periodValue` the value in the report's period (shown beside it).
 * `elapsedBp` is the share of the grant's time gone at the end of the reported period (see `elapsedShareBp`).
 */
export function indicatorProgress(
  indicator: Pick<Indicator, 'baseline' | 'target'>,
  values: { periodValue?: string | number | null; cumulativeValue: string | number | null | undefined },
  elapsedBp: number,
): IndicatorProgress {
  if (!Number.isInteger(elapsedBp) || elapsedBp < 0 || elapsedBp > 10_000) throw new RangeError('elapsedBp must be an integer from 0 to 10,000');
  const num = (v: string | number | null | undefined) => {
    const p = parseIndicatorValue(v);
    return p.ok ? p.scaled : null;
  };
  const baseline = num(indicator.baseline);
  const target = num(indicator.target);
  const periodValue = num(values.periodValue);
  const cumulativeValue = num(values.cumulativeValue);
  const direction = baseline === null || target === null ? null : target > baseline ? 'increase' : target < baseline ? 'decrease' : 'none';
  let progressBp: number | null = null;
  let achieved = false;
  if (baseline !== null && target !== null && cumulativeValue !== null) {
    if (direction === 'none') {
      achieved = cumulativeValue === target;
    } else {
      const covered = direction === 'increase' ? cumulativeValue - baseline : baseline - cumulativeValue;
      const way = Math.abs(target - baseline);
      const raw = covered <= 0 ? 0n : (BigInt(covered) * 10_000n) / BigInt(way);
      progressBp = Number(raw > BigInt(INDICATOR_PROGRESS_MAX_BP) ? BigInt(INDICATOR_PROGRESS_MAX_BP) : raw);
      achieved = covered >= way;
    }
  }
  const gapBp = progressBp === null ? null : progressBp - elapsedBp;
  return {
    baseline,
    target,
    periodValue,
    cumulativeValue,
    direction,
    progressBp,
    achieved,
    elapsedBp,
    gapBp,
    behind: gapBp !== null && -gapBp > INDICATOR_BEHIND_TOLERANCE_BP,
  };
}

/** A report's row for one indicator of the logframe, keyed by the indicator's position `r.<result>.i.<indicator>` or another stable key. */
export type IndicatorReportRow = {
  indicator: string;
  periodValue: string | number | null;
  cumulativeValue: string | number | null;
  meansOfVerification: string;
};

export type IndicatorProblem = { field: string; code: string; params?: Record<string, string | number> };

/**
 * What is wrong with a report's indicator rows before it is submitted: each indicator of the logframe once
 * (`missing`, `unknown_indicator`, `duplicate`); period and cumulative values given, readable, not negative
 * (counts of people and activities are never negative; a decreasing indicator still reports the level
 * reached, not the drop); the cumulative value never below what the previous report said (a cumulative
 * figure only grows — a lower one means a counting error to explain, not a silent correction); and the means
 * of verification said, so a monitor knows what evidence to ask for. Fields: `indicators.<i>.<field>`,
 * `indicators` for a missing indicator (params.indicator).
 */
export function indicatorProblems(
  rows: readonly IndicatorReportRow[],
  indicatorKeys: readonly string[],
  previousCumulative: Readonly<Record<string, string | number | null | undefined>> = {},
): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const known = new Set(indicatorKeys);
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const f = (name: string) => `indicators.${i}.${name}`;
    if (!known.has(row.indicator)) problems.push({ field: f('indicator'), code: 'unknown_indicator' });
    else if (seen.has(row.indicator)) problems.push({ field: f('indicator'), code: 'duplicate' });
    seen.add(row.indicator);
    const values: Record<'periodValue' | 'cumulativeValue', number | null> = { periodValue: null, cumulativeValue: null };
    for (const name of ['periodValue', 'cumulativeValue'] as const) {
      const p = parseIndicatorValue(row[name]);
      if (!p.ok) problems.push({ field: f(name), code: p.code });
      else if (p.scaled < 0) problems.push({ field: f(name), code: 'negative' });
      else values[name] = p.scaled;
    }
    const prev = parseIndicatorValue(previousCumulative[row.indicator]);
    if (prev.ok && values.cumulativeValue !== null && values.cumulativeValue < prev.scaled)
      problems.push({ field: f('cumulativeValue'), code: 'below_previous', params: { previous: indicatorValueToString(prev.scaled) } });
    if (!row.meansOfVerification || row.meansOfVerification.trim() === '') problems.push({ field: f('meansOfVerification'), code: 'required' });
  });
  for (const key of indicatorKeys) if (!seen.has(key)) problems.push({ field: 'indicators', code: 'missing', params: { indicator: key } });
  return problems;
}
