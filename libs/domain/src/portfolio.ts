/**
 * The portfolio dashboard's figures, as pure functions over per-grant rows the worker pre-aggregates
 * (modules/portfolio): money rolled up in cents, the burn rate against time, results by National Strategy
 * objective and the beneficiaries reached, suppressed for publication.
 *
 * Money, per grant, in integer euro cents (never a float):
 * - awarded: every award in force of the recorded decisions (awarded at once, or an offer the organisation accepted;
 *   not declined, refused or still offered), drawn up into a grant or still waiting for one, by its decision's day in
 *   the period; an award waiting for its grant is a row of its own with no grant (`grantId` null) and only awarded;
 * - contracted: the grant's amount once the agreement is countersigned (in force, suspended, closed or
 *   terminated after signature), 0 before;
 * - paid: tranches paid (their payment day in the period);
 * - reported spent: expenditure handed in by the organisation, submitted or accepted (reports whose period ends
 *   in the period);
 * - accepted: expenditure the Secretariat accepted (same reports, accepted only);
 * - remaining: contracted minus what was paid up to the end of the period (never below 0): still to be paid;
 * - recovered: repayments received against recovery orders (their day in the period).
 */
import { burnRate } from './expenditure';
import { indicatorProgress, indicatorValueToString } from './indicator-progress';
import type { Indicator } from './completeness';
import { compareNsCodes, isNsCode, nsLevel, nsSpecificOf, nsStrategicOf, type NsLevel } from './national-strategy';
import {
  aggregateBeneficiaryTables,
  BENEFICIARY_BREAKDOWN_KEYS,
  BENEFICIARY_BREAKDOWNS,
  suppressBeneficiaryTable,
  type BeneficiaryBreakdown,
  type BeneficiaryTable,
  type ShownBeneficiaryTable,
} from './beneficiary-counts';

// ---------------------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------------------

export type GrantMoney = {
  awardedCents: number;
  contractedCents: number;
  /** Paid in the period. */
  paidCents: number;
  /** Paid from the start up to the end of the period (for `remaining`). */
  paidToDateCents: number;
  spentCents: number;
  acceptedCents: number;
  recoveredCents: number;
};

export type MoneyFigures = {
  awardedCents: number;
  contractedCents: number;
  paidCents: number;
  spentCents: number;
  acceptedCents: number;
  remainingCents: number;
  recoveredCents: number;
};

const MONEY_KEYS = ['awardedCents', 'contractedCents', 'paidCents', 'paidToDateCents', 'spentCents', 'acceptedCents', 'recoveredCents'] as const;

function addCents(a: number, b: number): number {
  if (!Number.isSafeInteger(b) || b < 0) throw new RangeError(`an amount must be whole cents, 0 or more (got ${b})`);
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new RangeError('amount beyond the safe integer range');
  return s;
}

/** The money of several grants added up exactly; remaining is the sum of each grant's own remaining. */
export function moneyTotals(rows: readonly GrantMoney[]): MoneyFigures {
  const out: MoneyFigures = { awardedCents: 0, contractedCents: 0, paidCents: 0, spentCents: 0, acceptedCents: 0, remainingCents: 0, recoveredCents: 0 };
  for (const r of rows) {
    for (const k of MONEY_KEYS) if (k !== 'paidToDateCents') out[k] = addCents(out[k], r[k]);
    addCents(0, r.paidToDateCents);
    out.remainingCents = addCents(out.remainingCents, Math.max(0, r.contractedCents - r.paidToDateCents));
  }
  return out;
}

/**
 * Money grouped by a key (call, organisation), each group with the ids of its grants, in the order keys first appear
 * (a row without a grant, an award waiting for one, adds its money but no grant id).
 */
export function rollUpMoney<R extends GrantMoney & { grantId: string | null }>(rows: readonly R[], keyOf: (r: R) => string): { key: string; money: MoneyFigures; grantIds: string[] }[] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups].map(([key, rs]) => ({ key, money: moneyTotals(rs), grantIds: [...new Set(rs.map((r) => r.grantId).filter((id): id is string => id !== null))] }));
}

// ---------------------------------------------------------------------------------------------------------
// Burn rate
// ---------------------------------------------------------------------------------------------------------

/** A grant whose accepted spending runs more than 20 percentage points ahead of or behind its time is ahead / behind. */
export const BURN_RATE_TOLERANCE_BP = 2_000;

/** ahead / behind / on track; `not_started` before the start day; `none` when nothing is contracted. */
export type BurnPace = 'ahead' | 'behind' | 'on_track' | 'not_started' | 'none';

export type GrantBurn = { spentBp: number | null; elapsedBp: number; gapBp: number | null; pace: BurnPace };

export function paceOf(gapBp: number | null, elapsedBp: number): BurnPace {
  if (gapBp === null) return 'none';
  if (elapsedBp === 0) return 'not_started';
  if (gapBp > BURN_RATE_TOLERANCE_BP) return 'ahead';
  if (gapBp < -BURN_RATE_TOLERANCE_BP) return 'behind';
  return 'on_track';
}

/**
 * One grant's burn rate on `asOf`: the share of the contracted amount accepted as spent against the share of
 * its time elapsed (libs/domain expenditure.ts `burnRate`, basis points towards zero), and whether it is ahead,
 * behind or on track.
 */
export function grantBurn(g: { contractedCents: number; acceptedCents: number; startDate: string; endDate: string }, asOf: string): GrantBurn {
  const b = burnRate({ spentCents: g.acceptedCents, approvedCents: g.contractedCents, startDate: g.startDate, endDate: g.endDate, asOf });
  return { spentBp: b.spentBp, elapsedBp: b.elapsedBp, gapBp: b.gapBp, pace: paceOf(b.gapBp, b.elapsedBp) };
}

/**
 * The portfolio's burn rate: accepted over contracted of all grants, against the time elapsed weighted by each
 * grant's contracted amount (a large grant's time counts for more), both in basis points towards zero; and how
 * many grants are ahead, behind, on track.
 */
export function portfolioBurn(grants: readonly { contractedCents: number; acceptedCents: number; startDate: string; endDate: string }[], asOf: string) {
  let contracted = 0n;
  let accepted = 0n;
  let weightedElapsed = 0n;
  const paces: Record<BurnPace, number> = { ahead: 0, behind: 0, on_track: 0, not_started: 0, none: 0 };
  for (const g of grants) {
    const b = grantBurn(g, asOf);
    paces[b.pace] += 1;
    contracted += BigInt(g.contractedCents);
    accepted += BigInt(g.acceptedCents);
    weightedElapsed += BigInt(g.contractedCents) * BigInt(b.elapsedBp);
  }
  const spentBp = contracted === 0n ? null : Number((accepted * 10_000n) / contracted);
  const elapsedBp = contracted === 0n ? 0 : Number(weightedElapsed / contracted);
  const gapBp = spentBp === null ? null : spentBp - elapsedBp;
  return { spentBp, elapsedBp, gapBp, pace: paceOf(gapBp, elapsedBp), paces };
}

// ---------------------------------------------------------------------------------------------------------
// Results by National Strategy objective
// ---------------------------------------------------------------------------------------------------------

/** A reported indicator as the portfolio counts it. */
export type IndicatorResult = {
  /** Baseline and target are numbers with a way between them: the progress is averaged. */
  averaged: boolean;
  /** The way from baseline to target covered, capped at 10,000 (over-achievement does not hide another indicator's lag); null when not averaged. */
  progressBp: number | null;
  achieved: boolean;
};

/**
 * One indicator's result from its latest reported cumulative value (scaled, see indicator-progress.ts): through
 * `indicatorProgress`. An indicator whose target or baseline is not a number ("a referral protocol adopted"), or
 * whose target equals its baseline, is counted but not averaged.
 */
export function indicatorResult(indicator: Pick<Indicator, 'baseline' | 'target'>, cumulativeScaled: number | null): IndicatorResult {
  const p = indicatorProgress(indicator, { cumulativeValue: cumulativeScaled === null ? null : indicatorValueToString(cumulativeScaled) }, 0);
  return p.progressBp === null ? { averaged: false, progressBp: null, achieved: p.achieved } : { averaged: true, progressBp: Math.min(10_000, p.progressBp), achieved: p.achieved };
}

export type ResultRow = IndicatorResult & { nsCode: string | null; grantId: string; reportId: string };

export type ObjectiveResult = {
  /** The Strategy code (III, III.2, III.2.4); null for indicators not tied to any objective. */
  code: string | null;
  level: NsLevel | null;
  /** Indicators counted (each under its own code and every objective above it). */
  indicators: number;
  averaged: number;
  achieved: number;
  /** Mean progress of the averaged indicators, basis points towards zero; null when none is averaged. */
  averageProgressBp: number | null;
  grantIds: string[];
  reportIds: string[];
};

/**
 * Indicator results added up by Strategy objective: an indicator tied to III.2.4 counts under III.2.4, III.2 and
 * III; one tied to III.2 under III.2 and III. Rows in Strategy order (III before III.2 before III.2.4 before IV),
 * the untied ones last (code null).
 */
export function resultsByObjective(rows: readonly ResultRow[]): ObjectiveResult[] {
  type Acc = { indicators: number; averaged: number; achieved: number; sum: number; grants: Set<string>; reports: Set<string> };
  const acc = new Map<string | null, Acc>();
  const into = (code: string | null, r: ResultRow) => {
    let a = acc.get(code);
    if (!a) acc.set(code, (a = { indicators: 0, averaged: 0, achieved: 0, sum: 0, grants: new Set(), reports: new Set() }));
    a.indicators += 1;
    if (r.averaged && r.progressBp !== null) {
      a.averaged += 1;
      a.sum += r.progressBp;
    }
    if (r.achieved) a.achieved += 1;
    a.grants.add(r.grantId);
    a.reports.add(r.reportId);
  };
  for (const r of rows) {
    const code = isNsCode(r.nsCode) ? r.nsCode : null;
    if (code === null) {
      into(null, r);
      continue;
    }
    for (const c of nsLineage(code)) into(c, r);
  }
  return [...acc]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareNsCodes(a, b)))
    .map(([code, a]) => ({
      code,
      level: code === null ? null : nsLevel(code),
      indicators: a.indicators,
      averaged: a.averaged,
      achieved: a.achieved,
      averageProgressBp: a.averaged === 0 ? null : Math.floor(a.sum / a.averaged),
      grantIds: [...a.grants],
      reportIds: [...a.reports],
    }));
}

/** A code and the objectives above it: III.2.4 → [III, III.2, III.2.4]. */
export function nsLineage(code: string): string[] {
  const out = [nsStrategicOf(code)];
  const specific = nsSpecificOf(code);
  if (specific && specific !== out[0]) out.push(specific);
  if (code !== out[out.length - 1]) out.push(code);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Beneficiaries
// ---------------------------------------------------------------------------------------------------------

export type BeneficiaryCell = { breakdown: BeneficiaryBreakdown; key: string; count: number };

/**
 * A table from its stored cells (one row per cell above 0, as narrative_report_beneficiary_counts holds them):
 * every breakdown adds up to the total, so the total is the sum of the sex cells. Unknown breakdowns or keys are
 * dropped.
 */
export function beneficiaryTableFromCells(cells: readonly BeneficiaryCell[]): BeneficiaryTable {
  const t: BeneficiaryTable = { total: 0, bySex: {}, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {} };
  for (const c of cells) {
    if (!(BENEFICIARY_BREAKDOWNS as readonly string[]).includes(c.breakdown) || !BENEFICIARY_BREAKDOWN_KEYS[c.breakdown].includes(c.key) || c.count <= 0) continue;
    const into = t[c.breakdown] as Record<string, number>;
    into[c.key] = (into[c.key] ?? 0) + c.count;
  }
  t.total = Object.values(t.bySex).reduce<number>((s, n) => s + (n ?? 0), 0);
  return t;
}

/**
 * The beneficiaries of the portfolio as published: the reports' tables added up (`aggregateBeneficiaryTables`)
 * and the sum suppressed (`suppressBeneficiaryTable`: counts 1–4 "<5", and whatever else would give one away,
 * totals included). Everyone reading the portfolio gets this, the Secretariat too: aggregates are published.
 */
export function portfolioBeneficiaries(tables: readonly BeneficiaryTable[]): ShownBeneficiaryTable {
  return suppressBeneficiaryTable(aggregateBeneficiaryTables(tables));
}
