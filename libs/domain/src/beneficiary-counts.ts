/**
 * Beneficiaries reached, as counts only: a report's beneficiary table holds how many people the grant reached
 * in the period (the total) and the same people broken down by sex, age band, new versus continuing, main
 * service and municipality. No row is ever about a person; the table is the only place beneficiaries appear.
 *
 * Every breakdown counts the same people once, so each adds up to the total (the issue: "the breakdowns add
 * up to the same total"). That includes the service breakdown: a person is counted under the main service
 * they received in the period, not once per service, so the service cells add up to the total like the others
 * (how many services were given is an indicator of the logframe, not this table).
 *
 * Sex has three cells: `female`, `male`, and `other` for another sex, not recorded or not disclosed (a victim
 * is never pressed to say, and the table still adds up). Age is the band at intake; a band is asked for even
 * when the date of birth is not known, and no date of birth is ever stored here.
 *
 * Shown to anyone but the organisation that reported them, counts from 1 to 4 become "<5" (`suppress.ts`), and
 * because a total minus the visible cells would give a hidden count back, a second cell is hidden as well
 * (complementary suppression) until nothing from 1 to 4 can be worked out from what is shown.
 */
import { MUNICIPALITY_CODES } from './municipalities';
import { SMALL_COUNT_THRESHOLD, SUPPRESSED_COUNT, suppressSmallCount } from './suppress';

export const BENEFICIARY_SEXES = ['female', 'male', 'other'] as const;
export type BeneficiarySex = (typeof BENEFICIARY_SEXES)[number];

export const BENEFICIARY_AGE_BANDS = ['0-17', '18-24', '25-59', '60+'] as const;
export type BeneficiaryAgeBand = (typeof BENEFICIARY_AGE_BANDS)[number];

/** New: first reached by this grant in the period; continuing: already reached in an earlier period. */
export const BENEFICIARY_INTAKES = ['new', 'continuing'] as const;
export type BeneficiaryIntake = (typeof BENEFICIARY_INTAKES)[number];

export const BENEFICIARY_SERVICES = [
  'psychological_support',
  'shelter',
  'legal_aid',
  'health_care',
  'education',
  'vocational_training',
  'employment',
  'small_business_support',
  'family_reintegration',
  'other',
] as const;
export type BeneficiaryService = (typeof BENEFICIARY_SERVICES)[number];

/** The breakdowns of a table, in the order they are shown and checked. */
export const BENEFICIARY_BREAKDOWNS = ['bySex', 'byAge', 'byIntake', 'byService', 'byMunicipality'] as const;
export type BeneficiaryBreakdown = (typeof BENEFICIARY_BREAKDOWNS)[number];

/** The cells of each breakdown; the municipalities are the 38 codes of `municipalities.ts`. */
export const BENEFICIARY_BREAKDOWN_KEYS: Readonly<Record<BeneficiaryBreakdown, readonly string[]>> = Object.freeze({
  bySex: BENEFICIARY_SEXES,
  byAge: BENEFICIARY_AGE_BANDS,
  byIntake: BENEFICIARY_INTAKES,
  byService: BENEFICIARY_SERVICES,
  byMunicipality: MUNICIPALITY_CODES,
});

/**
 * A report's beneficiary table. A cell left out counts 0 (most of the 38 municipalities are 0 for any grant),
 * so a stored table only holds the cells that are not 0.
 */
export type BeneficiaryTable = {
  total: number;
  bySex: Partial<Record<BeneficiarySex, number>>;
  byAge: Partial<Record<BeneficiaryAgeBand, number>>;
  byIntake: Partial<Record<BeneficiaryIntake, number>>;
  byService: Partial<Record<BeneficiaryService, number>>;
  byMunicipality: Partial<Record<string, number>>;
};

export type BeneficiaryCountProblem = { field: string; code: 'not_object' | 'not_count' | 'unknown_key' | 'sum_mismatch'; params?: Record<string, string | number> };

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * What is wrong with a beneficiary table as the organisation typed it: the total and every cell a whole number
 * of people, 0 or more; no field or cell the table does not know; and each breakdown adding up to the total
 * (a breakdown left out adds up to 0). Fields for the screen: `total`, `bySex`, `bySex.female`, `byAge.18-24`,
 * `byMunicipality.prishtina`, or the unknown key itself; a breakdown that does not add up is reported on the
 * breakdown (`byAge`) with `{ sum, total }`. Sums are only checked when every cell of the breakdown is a count.
 */
export function beneficiaryCountProblems(table: unknown): BeneficiaryCountProblem[] {
  if (!isPlainObject(table)) return [{ field: '', code: 'not_object' }];
  const problems: BeneficiaryCountProblem[] = [];
  for (const key of Object.keys(table)) {
    if (key !== 'total' && !(BENEFICIARY_BREAKDOWNS as readonly string[]).includes(key)) problems.push({ field: key, code: 'unknown_key' });
  }
  const total = table.total;
  const totalOk = isCount(total);
  if (!totalOk) problems.push({ field: 'total', code: 'not_count' });
  for (const breakdown of BENEFICIARY_BREAKDOWNS) {
    const cells = own(table, breakdown) ? table[breakdown] : {};
    if (!isPlainObject(cells)) {
      problems.push({ field: breakdown, code: 'not_object' });
      continue;
    }
    const keys = BENEFICIARY_BREAKDOWN_KEYS[breakdown];
    let sum = 0;
    let cellsOk = true;
    for (const [key, value] of Object.entries(cells)) {
      if (!keys.includes(key)) {
        problems.push({ field: `${breakdown}.${key}`, code: 'unknown_key' });
        cellsOk = false;
      } else if (!isCount(value)) {
        problems.push({ field: `${breakdown}.${key}`, code: 'not_count' });
        cellsOk = false;
      } else sum += value;
    }
    if (totalOk && cellsOk && sum !== total) problems.push({ field: breakdown, code: 'sum_mismatch', params: { sum, total } });
  }
  return problems;
}

/** The cell's count, 0 when left out. */
export function beneficiaryCell(table: BeneficiaryTable, breakdown: BeneficiaryBreakdown, key: string): number {
  const cells = table[breakdown] as Record<string, number | undefined>;
  return own(cells, key) ? (cells[key] ?? 0) : 0;
}

/**
 * Portfolio totals: the exact sum of the tables, cell by cell (cells that are 0 everywhere are left out).
 * The sum is exact and is what the Secretariat computes with; anyone shown it sees it through
 * `suppressBeneficiaryTable`, applied to the aggregate itself (a sum of "<5"s is never shown as a sum of
 * suppressed cells). Throws RangeError for a table that does not pass `beneficiaryCountProblems`.
 */
export function aggregateBeneficiaryTables(tables: readonly BeneficiaryTable[]): BeneficiaryTable {
  const out: BeneficiaryTable = { total: 0, bySex: {}, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {} };
  for (const table of tables) {
    assertConsistent(table);
    out.total = safeAdd(out.total, table.total);
    for (const breakdown of BENEFICIARY_BREAKDOWNS) {
      const into = out[breakdown] as Record<string, number>;
      for (const key of BENEFICIARY_BREAKDOWN_KEYS[breakdown]) {
        const n = beneficiaryCell(table, breakdown, key);
        if (n > 0) into[key] = safeAdd(into[key] ?? 0, n);
      }
    }
  }
  return out;
}

function safeAdd(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new RangeError('beneficiary count beyond the safe integer range');
  return s;
}

function assertConsistent(table: BeneficiaryTable): void {
  const problems = beneficiaryCountProblems(table);
  if (problems.length > 0) throw new RangeError(`inconsistent beneficiary table: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------
// Suppression
// ---------------------------------------------------------------------------------------------------------

/** Shown for a cell hidden only so that another one cannot be worked out ('c' for confidential, as Eurostat does). */
export const COMPLEMENTARY_SUPPRESSED = 'c' as const;

/**
 * Why a count is hidden:
 * - `small_count`: it is from 1 to 4, shown "<5";
 * - `small_total`: the total is from 1 to 4, so every cell of the table is too (0 included: a visible 0 next
 *   to a "<5" would say the "<5" is the whole total), shown "<5";
 * - `complementary`: it is 0 or 5 or more, hidden so that the total minus the visible cells does not give a
 *   hidden count back, shown 'c';
 * - `withheld`: the whole table is withheld, every cell and the total shown 'c' and standing for any count. This
 *   is the last resort, for the rare table whose "<5"s alone give a count away whatever else is hidden (total 8,
 *   new 4 and continuing 4, and eight municipalities of 1 to 4: the municipalities say "8 or more", new and
 *   continuing say "8 or fewer", so each of them is 4).
 */
export type BeneficiarySuppressionReason = 'small_count' | 'small_total' | 'complementary' | 'withheld';
export type SuppressedBeneficiaryCount =
  | { shown: typeof SUPPRESSED_COUNT; reason: 'small_count' | 'small_total' }
  | { shown: typeof COMPLEMENTARY_SUPPRESSED; reason: 'complementary' | 'withheld' };
export type ShownBeneficiaryCount = number | SuppressedBeneficiaryCount;

/** A table as it is shown to anyone but the reporting organisation: every cell present, a number or hidden. */
export type ShownBeneficiaryTable = {
  total: ShownBeneficiaryCount;
} & { [B in BeneficiaryBreakdown]: Record<string, ShownBeneficiaryCount> };

const SMALL: SuppressedBeneficiaryCount = Object.freeze({ shown: SUPPRESSED_COUNT, reason: 'small_count' });
const SMALL_TOTAL: SuppressedBeneficiaryCount = Object.freeze({ shown: SUPPRESSED_COUNT, reason: 'small_total' });
const COMPLEMENTARY: SuppressedBeneficiaryCount = Object.freeze({ shown: COMPLEMENTARY_SUPPRESSED, reason: 'complementary' });
const WITHHELD: SuppressedBeneficiaryCount = Object.freeze({ shown: COMPLEMENTARY_SUPPRESSED, reason: 'withheld' });

/**
 * The table for anyone but the organisation that reported it. Counts from 1 to 4 are "<5"
 * (`suppressSmallCount`); a total from 1 to 4 hides the whole table. Then, as long as a reader could work out
 * a hidden count exactly from the total and the visible cells of a breakdown, or the total from a breakdown
 * (see `beneficiaryDisclosures`: it knows that "<5" is 1 to 4 and that 'c' is 0 or 5 or more), one more cell
 * is hidden: in the breakdown that gives it away, the smallest visible cell that is not 0 (ties: the first in
 * the breakdown's order), else a visible 0, else the total, else a cell of another breakdown. When nothing
 * visible is left and a count can still be worked out (the "<5"s pin it by themselves), the whole table is
 * withheld (`withheld`). The same table always gives the same display, and a visible number is never changed.
 * Throws RangeError for a table that does not pass `beneficiaryCountProblems`.
 */
export function suppressBeneficiaryTable(table: BeneficiaryTable): ShownBeneficiaryTable {
  assertConsistent(table);
  const smallTotal = table.total > 0 && table.total < SMALL_COUNT_THRESHOLD;
  const shown = {} as ShownBeneficiaryTable;
  shown.total = smallTotal ? SMALL : suppressSmallCount(table.total) === SUPPRESSED_COUNT ? SMALL : table.total;
  for (const breakdown of BENEFICIARY_BREAKDOWNS) {
    const cells: Record<string, ShownBeneficiaryCount> = {};
    for (const key of BENEFICIARY_BREAKDOWN_KEYS[breakdown]) {
      const n = beneficiaryCell(table, breakdown, key);
      cells[key] = smallTotal ? SMALL_TOTAL : suppressSmallCount(n) === SUPPRESSED_COUNT ? SMALL : n;
    }
    shown[breakdown] = cells;
  }
  if (smallTotal) return shown;

  // Each round hides one more cell or the total, so this ends; the bound is the number of cells + 1.
  for (;;) {
    const leaks = beneficiaryDisclosures(shown);
    if (leaks.length === 0) return shown;
    if (!hideOneMore(shown, leaks[0].breakdown)) return withheldTable();
  }
}

function withheldTable(): ShownBeneficiaryTable {
  const shown = { total: WITHHELD } as ShownBeneficiaryTable;
  for (const breakdown of BENEFICIARY_BREAKDOWNS) shown[breakdown] = Object.fromEntries(BENEFICIARY_BREAKDOWN_KEYS[breakdown].map((k) => [k, WITHHELD]));
  return shown;
}

function hideOneMore(shown: ShownBeneficiaryTable, leaking: BeneficiaryBreakdown | null): boolean {
  const order: BeneficiaryBreakdown[] = leaking ? [leaking] : breakdownsPinningTheTotal(shown);
  if (order.length === 0) order.push(...BENEFICIARY_BREAKDOWNS);
  if (leaking) {
    if (hideSmallestVisible(shown, leaking, true) || hideSmallestVisible(shown, leaking, false)) return true;
    if (typeof shown.total === 'number') {
      shown.total = COMPLEMENTARY;
      return true;
    }
    order.push(...BENEFICIARY_BREAKDOWNS.filter((b) => b !== leaking));
  }
  for (const b of order) if (hideSmallestVisible(shown, b, true)) return true;
  for (const b of order) if (hideSmallestVisible(shown, b, false)) return true;
  for (const b of BENEFICIARY_BREAKDOWNS) if (hideSmallestVisible(shown, b, true) || hideSmallestVisible(shown, b, false)) return true;
  return false;
}

/** Breakdowns that alone tell the reader the total exactly (to hide a cell in when the total leaks). */
function breakdownsPinningTheTotal(shown: ShownBeneficiaryTable): BeneficiaryBreakdown[] {
  const totalDomain = domainOf(shown.total);
  return BENEFICIARY_BREAKDOWNS.filter((b) => singleton(intersect(totalDomain, sumDomain(Object.values(shown[b])))) !== null);
}

function hideSmallestVisible(shown: ShownBeneficiaryTable, breakdown: BeneficiaryBreakdown, nonZero: boolean): boolean {
  const cells = shown[breakdown];
  let best: string | null = null;
  for (const key of BENEFICIARY_BREAKDOWN_KEYS[breakdown]) {
    const v = cells[key];
    if (typeof v !== 'number' || (nonZero ? v === 0 : v !== 0)) continue;
    if (best === null || v < (cells[best] as number)) best = key;
  }
  if (best === null) return false;
  cells[best] = COMPLEMENTARY;
  return true;
}

/**
 * A count from 1 to 4 a reader of a shown table can work out exactly: a hidden cell (`breakdown` and `key`)
 * or the total (`breakdown: null`). Working out that a hidden cell is 0, or 5 or more, gives nobody away.
 */
export type BeneficiaryDisclosure = { breakdown: BeneficiaryBreakdown | null; key: string | null; value: number };

/**
 * The reader of a shown table: every hidden count (a cell, or the total) that can be worked out exactly from
 * what is shown and is from 1 to 4, knowing that each breakdown adds up to the total, that "<5" is 1 to 4 (0 to 4 when the whole
 * table is hidden for a small total) and that 'c' is 0 or 5 or more (any count when the table is withheld). Exact, not a heuristic: a cell is
 * disclosed when one value only is possible for it. Empty for every table `suppressBeneficiaryTable` returns.
 */
export function beneficiaryDisclosures(shown: ShownBeneficiaryTable): BeneficiaryDisclosure[] {
  // the totals every breakdown allows, and the total's own shown value
  let totals = domainOf(shown.total);
  for (const b of BENEFICIARY_BREAKDOWNS) totals = intersect(totals, sumDomain(Object.values(shown[b])));
  const out: BeneficiaryDisclosure[] = [];
  if (typeof shown.total !== 'number') {
    const v = singleton(totals);
    if (v !== null && isSmall(v)) out.push({ breakdown: null, key: null, value: v });
  }
  for (const b of BENEFICIARY_BREAKDOWNS) {
    const keys = BENEFICIARY_BREAKDOWN_KEYS[b];
    const values = keys.map((k) => shown[b][k]);
    values.forEach((cell, i) => {
      if (typeof cell === 'number') return;
      const others = sumDomain(values.filter((_, j) => j !== i));
      // cell = total − others, for some total the other breakdowns allow
      const possible = intersect(domainOf(cell), minus(totals, others));
      const v = singleton(possible);
      if (v !== null && isSmall(v)) out.push({ breakdown: b, key: keys[i], value: v });
    });
  }
  return out;
}

const isSmall = (n: number) => n > 0 && n < SMALL_COUNT_THRESHOLD;

// Sets of whole numbers ≥ 0 as sorted, disjoint, non-adjacent intervals [lo, hi]; hi may be Infinity.
type Interval = readonly [number, number];
type IntSet = readonly Interval[];

function domainOf(cell: ShownBeneficiaryCount): IntSet {
  if (typeof cell === 'number') return [[cell, cell]];
  if (cell.reason === 'small_count') return [[1, SMALL_COUNT_THRESHOLD - 1]];
  if (cell.reason === 'small_total') return [[0, SMALL_COUNT_THRESHOLD - 1]];
  if (cell.reason === 'withheld') return [[0, Infinity]];
  return [
    [0, 0],
    [SMALL_COUNT_THRESHOLD, Infinity],
  ];
}

function normalise(intervals: Interval[]): IntSet {
  const sorted = intervals.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function add(a: IntSet, b: IntSet): IntSet {
  const out: Interval[] = [];
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) out.push([alo + blo, ahi + bhi]);
  return normalise(out);
}

/** { x − y : x in a, y in b, x − y ≥ 0 } */
function minus(a: IntSet, b: IntSet): IntSet {
  const out: Interval[] = [];
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) out.push([Math.max(0, bhi === Infinity ? -Infinity : alo - bhi), ahi - blo]);
  return normalise(out);
}

function intersect(a: IntSet, b: IntSet): IntSet {
  const out: Interval[] = [];
  for (const [alo, ahi] of a) for (const [blo, bhi] of b) out.push([Math.max(alo, blo), Math.min(ahi, bhi)]);
  return normalise(out);
}

function sumDomain(cells: readonly ShownBeneficiaryCount[]): IntSet {
  let s: IntSet = [[0, 0]];
  for (const c of cells) s = add(s, domainOf(c));
  return s;
}

function singleton(s: IntSet): number | null {
  return s.length === 1 && s[0][0] === s[0][1] ? s[0][0] : null;
}
