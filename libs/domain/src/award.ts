/**
 * After the committee's decision: the life of an award, the reserve list, and the funding line re-run when
 * money comes back (an awarded organisation declines, or refuses an offer).
 *
 * An award for the amount the organisation requested is awarded at once. An award for less (the committee
 * lowered it, or it is what was left of the envelope) is an offer: the organisation accepts it (then it is
 * awarded) or refuses it (then its money goes back to the envelope). Nothing is awarded that the organisation
 * did not ask for or agree to.
 */
import { roundPoints, twoClosest, type ConsolidationRule, type SheetScores, type SubmittedSheet } from './evaluation';
import type { EvaluationGrid } from './grid';

export const AWARD_STATUSES = ['offered', 'awarded', 'refused', 'declined'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

export const AWARD_TRANSITIONS: Readonly<Record<AwardStatus, readonly AwardStatus[]>> = Object.freeze({
  // an offer is answered by the organisation: accepted (awarded) or refused
  offered: ['awarded', 'refused'],
  // an awarded organisation may still decline the grant (before the agreement)
  awarded: ['declined'],
  refused: [],
  declined: [],
});

export function canTransitionAward(from: AwardStatus, to: AwardStatus): boolean {
  return AWARD_TRANSITIONS[from]?.includes(to) ?? false;
}

export function isAwardStatus(value: unknown): value is AwardStatus {
  return typeof value === 'string' && (AWARD_STATUSES as readonly string[]).includes(value);
}

/** Statuses whose money is spoken for: an offer waiting for its answer holds its amount like an award. */
export const COMMITTED_AWARD_STATUSES: readonly AwardStatus[] = ['offered', 'awarded'];

export function isCommittedAward(status: AwardStatus): boolean {
  return COMMITTED_AWARD_STATUSES.includes(status);
}

/** How an award starts: the requested amount is awarded; anything less is an offer the organisation answers. */
export function initialAwardStatus(amountCents: number, requestedCents: number): 'awarded' | 'offered' {
  return amountCents < requestedCents ? 'offered' : 'awarded';
}

// ---------------------------------------------------------------------------------------------------------
// The reserve list

/** One application as the committee's decision recorded it (the part of the snapshot the reserve list is made of). */
export type DecidedRow = { applicationId: string; reference: string; requestedCents: number; reservePlace: number | null };
/**
 * A place on the reserve list. `offeredCents`: the application already moved up and holds an open offer of what
 * was left (less than it requested); it keeps its place, so money that comes back tops its offer up first.
 */
export type ReserveEntry = { applicationId: string; requestedCents: number; offeredCents?: number };

const asSet = (ids: ReadonlySet<string> | readonly string[]): ReadonlySet<string> => (ids instanceof Set ? ids : new Set(ids as readonly string[]));

/**
 * The reserve list as it stands now: the decision's reserve places, in order, of the applications still on the
 * reserve list (`stillReserve`: those that have neither moved up nor been rejected since).
 */
export function reserveFromDecision(
  ranking: readonly DecidedRow[], stillReserve: ReadonlySet<string> | readonly string[], openOffers: ReadonlyMap<string, number> = new Map(),
): ReserveEntry[] {
  const still = asSet(stillReserve);
  return ranking
    .filter((r) => r.reservePlace !== null && (still.has(r.applicationId) || openOffers.has(r.applicationId)))
    .sort((a, b) => a.reservePlace! - b.reservePlace!)
    .map((r) => (openOffers.has(r.applicationId) && !still.has(r.applicationId)
      ? { applicationId: r.applicationId, requestedCents: r.requestedCents, offeredCents: openOffers.get(r.applicationId)! }
      : { applicationId: r.applicationId, requestedCents: r.requestedCents }));
}

/**
 * An application's place on the reserve list after move-ups: its place in the decision, counted among the
 * applications still on the list. Null when it was not on the reserve list or is no longer on it.
 */
export function currentReservePlace(ranking: readonly Pick<DecidedRow, 'applicationId' | 'reservePlace'>[], applicationId: string, stillReserve: ReadonlySet<string> | readonly string[]): number | null {
  const still = asSet(stillReserve);
  const own = ranking.find((r) => r.applicationId === applicationId);
  if (!own || own.reservePlace === null || !still.has(applicationId)) return null;
  return ranking.filter((r) => r.reservePlace !== null && r.reservePlace <= own.reservePlace! && still.has(r.applicationId)).length;
}

// ---------------------------------------------------------------------------------------------------------
// The funding line, re-run when money comes back

export type AwardState = { applicationId: string; amountCents: number; status: AwardStatus };

/**
 * One application moving up from the reserve list: awarded its requested amount, or offered what is left.
 * `previousOfferCents`: it held an open offer already, now topped up (to its requested amount: awarded).
 */
export type MoveUpStep = { applicationId: string; amountCents: number; requestedCents: number; status: 'awarded' | 'offered'; previousOfferCents: number | null };

export type FundingLineRerun = {
  /** Those who move up (or whose open offer grows), in reserve-list order; only the last may be an offer. */
  movedUp: MoveUpStep[];
  /** The reserve list after them, in order (an open offer that did not change stays on it). */
  reserve: ReserveEntry[];
  /** The envelope minus every award and open offer, before and after the move-ups. */
  availableCentsBefore: number;
  availableCentsAfter: number;
};

/** The envelope minus every award and every offer still waiting for its answer (never below 0). */
export function availableCents(envelopeCents: number, awards: readonly AwardState[]): number {
  const committed = awards.filter((a) => isCommittedAward(a.status)).reduce((s, a) => s + a.amountCents, 0);
  return Math.max(0, envelopeCents - committed);
}

/**
 * When money comes back to the envelope (an award declined, an offer refused), the funding line runs again down
 * the reserve list by the decision's rule: in order, each application whose requested amount fits in what is
 * available is awarded it; the line stops at the first that does not fit, which is offered what is left when
 * something is (an offer it accepts or refuses; a refusal re-runs the line from the next). No one is skipped,
 * so an application never moves up past one ranked above it, and the envelope is never exceeded. An application
 * holding an open offer keeps its place: money that comes back tops its offer up first (to its requested
 * amount, which awards it).
 */
export function rerunFundingLine(envelopeCents: number, awards: readonly AwardState[], reserve: readonly ReserveEntry[]): FundingLineRerun {
  for (const x of [envelopeCents, ...awards.map((a) => a.amountCents), ...reserve.flatMap((r) => [r.requestedCents, r.offeredCents ?? 0])]) {
    if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`amounts are whole cents, got ${x}`);
  }
  const before = availableCents(envelopeCents, awards);
  let left = before;
  const movedUp: MoveUpStep[] = [];
  let i = 0;
  while (i < reserve.length && left > 0) {
    const r = reserve[i];
    const held = r.offeredCents ?? 0;
    const previousOfferCents = r.offeredCents ?? null;
    i += 1;
    if (r.requestedCents - held <= left) {
      movedUp.push({ applicationId: r.applicationId, amountCents: r.requestedCents, requestedCents: r.requestedCents, status: 'awarded', previousOfferCents });
      left -= r.requestedCents - held;
      continue;
    }
    movedUp.push({ applicationId: r.applicationId, amountCents: held + left, requestedCents: r.requestedCents, status: 'offered', previousOfferCents });
    left = 0;
  }
  return { movedUp, reserve: reserve.slice(i), availableCentsBefore: before, availableCentsAfter: left };
}

// ---------------------------------------------------------------------------------------------------------
// Points as a letter shows them

export type LetterPoints = {
  /** Section points to hundredths, apportioned so that they add up to the total exactly. */
  sections: Record<string, number>;
  /** The total as the ranking has it (the mean, rounded to hundredths). */
  total: number;
};

/**
 * The points an outcome letter shows. Each section's mean and the total's mean are exact fractions; rounded one
 * by one, the sections may add up to a hundredth or two more or less than the rounded total (72.68 beside
 * 72.67). Here the total is rounded as the ranking rounds it, and the sections by largest remainder: each is
 * rounded down to hundredths, and the hundredths still missing go to the sections with the largest remainders
 * (ties: the earlier section in the grid). Every section shown is within 0.01 of its exact mean, and the shown
 * sections add up to the shown total. Uses the sheets the consolidation rule uses (all, or the two closest).
 */
export function letterPoints(grid: EvaluationGrid, sheets: readonly SubmittedSheet[], rule: ConsolidationRule): LetterPoints | null {
  if (sheets.length === 0) return null;
  const used = rule === 'two_closest' ? twoClosest(grid, sheets) : [...sheets];
  const n = used.length;
  // doubled points are whole numbers (whole or half points); a mean in hundredths is doubled * 50 / n
  const doubledOf = (scores: SheetScores, criterionId: string) => {
    const v = scores && Object.prototype.hasOwnProperty.call(scores, criterionId) ? scores[criterionId] : 0;
    return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 2) : 0;
  };
  const parts = grid.sections.map((s, order) => {
    const doubled = used.reduce((sum, sheet) => sum + s.criteria.reduce((x, c) => x + doubledOf(sheet.scores, c.id), 0), 0);
    const scaled = doubled * 50;
    return { id: s.id, order, doubled, floor: Math.floor(scaled / n), remainder: scaled % n };
  });
  const totalDoubled = parts.reduce((s, p) => s + p.doubled, 0);
  const total = roundPoints(totalDoubled / 2 / n);
  const totalHundredths = Math.round(total * 100);
  let missing = totalHundredths - parts.reduce((s, p) => s + p.floor, 0);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.order - b.order);
  const extra = new Set<string>();
  for (const p of byRemainder) {
    if (missing <= 0 || p.remainder === 0) break;
    extra.add(p.id);
    missing -= 1;
  }
  const sections: Record<string, number> = {};
  for (const p of parts) sections[p.id] = (p.floor + (extra.has(p.id) ? 1 : 0)) / 100;
  return { sections, total };
}

/** Whether shown section points add up to the shown total (in whole hundredths, so float sums do not matter). */
export function sectionsAddUp(points: { sections: Record<string, number>; total: number }): boolean {
  const sum = Object.values(points.sections).reduce((s, v) => s + Math.round(v * 100), 0);
  return sum === Math.round(points.total * 100);
}
