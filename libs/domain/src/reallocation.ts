/**
 * Moving money between the headings of a grant's budget. Per heading, the change is counted cumulatively
 * against the amount ORIGINALLY approved (or as last set by an approved budget amendment), so a series of small
 * moves cannot add up to a large one. Up to the call's share of a heading (25 %, PRAG) the organisation
 * reallocates with a notice; beyond it, a new heading, any change to the grant's total or a capped heading beyond
 * its cap needs an approved amendment first. Refused outright: a total above the awarded amount, indirect costs
 * above their cap (7 %: PRAG holds them ineligible, so no amendment could approve them), a heading the call does
 * not fund, a negative heading, or a heading cut below what was already spent on it.
 */
import { pctToBp, type CostHeadingCode } from './budget';
import type { ApprovedBudgetLine } from './expenditure';

/** A direct-cost heading, or the indirect costs. */
export type ReallocationHeading = CostHeadingCode | 'indirect';

/** A budget by heading, in cents (headings absent are 0). */
export type HeadingBudget = Partial<Record<ReallocationHeading, number>>;

export type ReallocationClass = 'unchanged' | 'notice' | 'amendment_required' | 'refused';

const SEVERITY: Readonly<Record<ReallocationClass, number>> = { unchanged: 0, notice: 1, amendment_required: 2, refused: 3 };

export function worseReallocationClass(a: ReallocationClass, b: ReallocationClass): ReallocationClass {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export type HeadingReason = 'within_limit' | 'over_reallocation_limit' | 'new_heading' | 'over_heading_cap' | 'not_eligible' | 'negative' | 'not_cents' | 'below_spent';
export type TotalReason = 'total_changed' | 'total_over_awarded' | 'indirect_over_cap';

export type HeadingChange = {
  heading: ReallocationHeading;
  originalCents: number;
  currentCents: number;
  proposedCents: number;
  /** Proposed less original: the cumulative change. */
  changeCents: number;
  /** The change as a share of the original amount, in basis points towards zero; null when the original is 0. */
  changeBp: number | null;
  /** The most the heading may move (either way) with a notice: the original × the call's share, rounded down. */
  limitCents: number;
  classification: ReallocationClass;
  reasons: HeadingReason[];
};

export type ReallocationRules = {
  /** The call's share of a heading movable without an amendment (2500 = 25 %). */
  reallocationWithoutAmendmentBp: number;
  indirectCostCapBp: number;
  /** The call's eligible headings and their caps in percent of direct costs (as in the call's budget rules). */
  costHeadings: readonly { code: CostHeadingCode; capPct: number | null }[];
};

export type ReallocationInput = {
  original: HeadingBudget;
  current: HeadingBudget;
  proposed: HeadingBudget;
  awardedCents: number;
  rules: ReallocationRules;
  /** Accepted spending per heading: no heading is cut below it. */
  spent?: HeadingBudget;
};

export type ReallocationResult = {
  classification: ReallocationClass;
  headings: HeadingChange[];
  reasons: { code: TotalReason; classification: ReallocationClass; params: Record<string, number> }[];
  totals: { originalCents: number; currentCents: number; proposedCents: number; proposedDirectCents: number; proposedIndirectCents: number };
};

const ORDER: readonly ReallocationHeading[] = ['human_resources', 'travel', 'equipment_supplies', 'local_office', 'services', 'other', 'indirect'];

const amount = (b: HeadingBudget, h: ReallocationHeading) => b[h] ?? 0;
const sumOf = (b: HeadingBudget, only?: (h: ReallocationHeading) => boolean) =>
  ORDER.filter((h) => !only || only(h)).reduce((s, h) => s + amount(b, h), 0);

/** The approved lines of a grant as a budget by heading, with its indirect costs. */
export function headingBudgetOf(lines: readonly Pick<ApprovedBudgetLine, 'heading' | 'approvedCents'>[], indirectCents: number): HeadingBudget {
  const out: HeadingBudget = {};
  for (const l of lines) out[l.heading] = (out[l.heading] ?? 0) + l.approvedCents;
  if (indirectCents !== 0) out.indirect = indirectCents;
  return out;
}

/** Classifies a proposed budget against the original and current ones (see the module's comment). */
export function classifyReallocation(input: ReallocationInput): ReallocationResult {
  const { original, current, proposed, rules } = input;
  const bp = rules.reallocationWithoutAmendmentBp;
  if (!Number.isSafeInteger(bp) || bp < 0) throw new RangeError('reallocationWithoutAmendmentBp must be a non-negative integer');
  const eligible = new Map(rules.costHeadings.map((h) => [h.code as ReallocationHeading, h.capPct] as const));
  const proposedDirect = sumOf(proposed, (h) => h !== 'indirect');
  const used = ORDER.filter((h) => amount(original, h) !== 0 || amount(current, h) !== 0 || amount(proposed, h) !== 0);

  const headings = used.map((heading): HeadingChange => {
    const o = amount(original, heading);
    const c = amount(current, heading);
    const p = amount(proposed, heading);
    const changeCents = p - o;
    const limitCents = Number((BigInt(Math.max(0, o)) * BigInt(bp)) / 10_000n);
    const reasons: HeadingReason[] = [];
    let cls: ReallocationClass = 'unchanged';
    const raise = (r: HeadingReason, k: ReallocationClass) => {
      reasons.push(r);
      cls = worseReallocationClass(cls, k);
    };
    if (!Number.isSafeInteger(p)) raise('not_cents', 'refused');
    else if (p < 0) raise('negative', 'refused');
    else if (p !== c) {
      if (heading !== 'indirect' && p > 0 && !eligible.has(heading)) raise('not_eligible', 'refused');
      if (p < amount(input.spent ?? {}, heading)) raise('below_spent', 'refused');
      // the cumulative change against the original, compared exactly
      if (o === 0 && p > 0) raise('new_heading', 'amendment_required');
      else if (Math.abs(changeCents) > limitCents) raise('over_reallocation_limit', 'amendment_required');
      const cap = heading === 'indirect' ? null : eligible.get(heading) ?? null;
      if (cap !== null && p > c && BigInt(p) * 10_000n > BigInt(pctToBp(cap)) * BigInt(proposedDirect)) raise('over_heading_cap', 'amendment_required');
      if (reasons.length === 0) raise('within_limit', 'notice');
    }
    return { heading, originalCents: o, currentCents: c, proposedCents: p, changeCents, changeBp: o === 0 ? null : Number((BigInt(changeCents) * 10_000n) / BigInt(o)), limitCents, classification: cls, reasons };
  });

  const totals = {
    originalCents: sumOf(original),
    currentCents: sumOf(current),
    proposedCents: sumOf(proposed),
    proposedDirectCents: proposedDirect,
    proposedIndirectCents: amount(proposed, 'indirect'),
  };
  const reasons: ReallocationResult['reasons'] = [];
  if (totals.proposedCents > input.awardedCents) reasons.push({ code: 'total_over_awarded', classification: 'refused', params: { awardedCents: input.awardedCents, proposedCents: totals.proposedCents } });
  if (totals.proposedCents !== totals.currentCents) reasons.push({ code: 'total_changed', classification: 'amendment_required', params: { currentCents: totals.currentCents, proposedCents: totals.proposedCents } });
  if (totals.proposedIndirectCents !== amount(current, 'indirect') || proposedDirect !== sumOf(current, (h) => h !== 'indirect')) {
    if (BigInt(totals.proposedIndirectCents) * 10_000n > BigInt(rules.indirectCostCapBp) * BigInt(proposedDirect)) {
      // PRAG: indirect costs above their cap are ineligible, so no amendment can approve them
      reasons.push({ code: 'indirect_over_cap', classification: 'refused', params: { capBp: rules.indirectCostCapBp, indirectCents: totals.proposedIndirectCents, directCents: proposedDirect } });
    }
  }
  const classification = [...headings.map((h) => h.classification), ...reasons.map((r) => r.classification)].reduce(worseReallocationClass, 'unchanged' as ReallocationClass);
  return { classification, headings, reasons, totals };
}
