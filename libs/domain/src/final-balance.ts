/**
 * The final balance of a grant, drawn up once the final report is accepted: what the grant owes in the end for
 * the costs the Secretariat accepted, less what it already paid. The eligible costs are the spending of every
 * ACCEPTED expenditure report (the final one included), cumulatively per approved budget line, added up by
 * heading, and then capped, in this order:
 *
 * 1. spending on a line that is not in the approved budget is not eligible;
 * 2. a heading may run over its approved amount only within the call's reallocation limit (25 % of the heading by
 *    default, the share reallocation.ts lets the organisation move with a notice, counted cumulatively against
 *    the approved amount); what lies beyond it needed an amendment that was not approved, so it is ineligible;
 * 3. the direct costs together never exceed the approved direct costs (overspending one heading is only eligible
 *    as far as other headings were underspent: reallocation moves money, it never adds any);
 * 4. indirect costs are at most the agreed rate of the ELIGIBLE direct costs (a flat rate, PRAG), and no more
 *    than the organisation claimed when it claimed less;
 * 5. when the agreement has co-financing, the grant pays its share of the eligible costs only, the share being the
 *    grant's amount over the budget's total (grant + co-financing), computed exactly and rounded down;
 * 6. never more than the grant's amount.
 *
 * Then balance = eligible − paid: a final payment when positive, a recovery order when more was paid than is
 * eligible, nil when they match. Integer euro cents throughout; every share is rounded down, so no ceiling is ever
 * exceeded by a cent of rounding, and the same input always gives the same figures. (tranches.ts finalBalance is
 * only this last step, on a figure already capped.)
 */
import { capCents, type CostHeadingCode } from './budget';
import type { ApprovedBudgetLine, ExpenditureReport } from './expenditure';

export type FinalBalanceInput = {
  /** The grant's amount (the agreement's awarded amount). */
  grantCents: number;
  /** The approved budget's direct-cost lines (after any approved amendment). */
  approved: readonly Pick<ApprovedBudgetLine, 'lineId' | 'heading' | 'approvedCents'>[];
  /** Every expenditure report of the grant; only the accepted ones count. */
  reports: readonly Pick<ExpenditureReport, 'status' | 'lines'>[];
  /** The agreed rate of indirect costs in basis points of the direct costs (700 = 7 %). */
  indirectRateBp: number;
  /** Indirect costs the organisation claims; absent, the full agreed rate of the eligible direct costs. */
  indirectClaimedCents?: number | null;
  /** The call's share of a heading it may exceed without an amendment (2500 = 25 %); 0: no heading may run over. */
  reallocationWithoutAmendmentBp: number;
  /** The organisation's co-financing in the agreement's budget (0 or absent: the grant pays all eligible costs). */
  coFinancingCents?: number | null;
  /** Everything already paid on the grant (pre-financing and tranches). */
  paidCents: number;
};

export type FinalBalanceHeading = {
  heading: CostHeadingCode;
  approvedCents: number;
  /** How far it may run over: approved × the reallocation share, rounded down. */
  limitCents: number;
  /** Approved + limit. */
  ceilingCents: number;
  /** Accepted spending on the heading's approved lines, cumulatively. */
  spentCents: number;
  /** Spent, at most the ceiling. */
  eligibleCents: number;
  /** Spent beyond the ceiling (ineligible). */
  excessCents: number;
};

export type FinalBalanceCap =
  | { code: 'unbudgeted_lines'; params: { lineIds: string; spentCents: number } }
  | { code: 'heading_over_reallocation_limit'; params: { heading: CostHeadingCode; approvedCents: number; limitCents: number; spentCents: number; excessCents: number } }
  | { code: 'approved_direct_total'; params: { approvedDirectCents: number; cappedHeadingsCents: number; excessCents: number } }
  | { code: 'indirect_rate'; params: { rateBp: number; eligibleDirectCents: number; capCents: number; claimedCents: number; excessCents: number } }
  | { code: 'co_financing'; params: { grantCents: number; coFinancingCents: number; eligibleCostsCents: number; grantShareCents: number } }
  | { code: 'grant_amount'; params: { grantCents: number; beforeCents: number; excessCents: number } };

export type FinalBalanceKind = 'payment' | 'recovery' | 'nil';

export type FinalBalance = {
  headings: FinalBalanceHeading[];
  /** Accepted spending on approved lines (before any cap). */
  spentDirectCents: number;
  /** Accepted spending on lines not in the approved budget (never eligible). */
  unbudgetedCents: number;
  eligibleDirectCents: number;
  eligibleIndirectCents: number;
  /** Eligible direct + indirect costs: what the grant and the co-financing together cover. */
  eligibleCostsCents: number;
  /** The grant's part of the eligible costs, at most the grant's amount: what the grant owes in all. */
  eligibleCents: number;
  /** Each cap that lowered the figure, with its figures, in the order applied. */
  cappedBy: FinalBalanceCap[];
  paidCents: number;
  /** eligible − paid, exactly: positive is still to pay, negative is to recover. */
  balanceCents: number;
  kind: FinalBalanceKind;
  /** What the final payment order is for (0 unless kind is payment). */
  paymentCents: number;
  /** What the recovery order is for (0 unless kind is recovery): paid − eligible. */
  recoveryCents: number;
};

function cents(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative whole number of cents, got ${value}`);
  return value;
}

function add(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new RangeError('amount too large to hold exactly in cents');
  return s;
}

/** The final balance of a grant (see the module's comment). Throws RangeError on amounts that are not whole non-negative cents. */
export function grantFinalBalance(input: FinalBalanceInput): FinalBalance {
  const grantCents = cents(input.grantCents, 'grantCents');
  const paidCents = cents(input.paidCents, 'paidCents');
  const coFinancingCents = cents(input.coFinancingCents ?? 0, 'coFinancingCents');
  const rateBp = cents(input.indirectRateBp, 'indirectRateBp');
  const reallocBp = cents(input.reallocationWithoutAmendmentBp, 'reallocationWithoutAmendmentBp');
  const claimed = input.indirectClaimedCents === undefined || input.indirectClaimedCents === null ? null : cents(input.indirectClaimedCents, 'indirectClaimedCents');

  const headingOf = new Map<string, CostHeadingCode>();
  const approvedBy = new Map<CostHeadingCode, number>();
  const order: CostHeadingCode[] = [];
  for (const l of input.approved) {
    cents(l.approvedCents, `approved ${l.lineId}`);
    if (headingOf.has(l.lineId)) throw new RangeError(`approved line ${l.lineId} appears twice`);
    headingOf.set(l.lineId, l.heading);
    if (!approvedBy.has(l.heading)) order.push(l.heading);
    approvedBy.set(l.heading, add(approvedBy.get(l.heading) ?? 0, l.approvedCents));
  }

  const spentBy = new Map<CostHeadingCode, number>();
  const strays = new Map<string, number>();
  for (const r of input.reports) {
    if (r.status !== 'accepted') continue;
    for (const l of r.lines) {
      cents(l.spentCents, `spent on ${l.lineId}`);
      const h = headingOf.get(l.lineId);
      if (h === undefined) strays.set(l.lineId, add(strays.get(l.lineId) ?? 0, l.spentCents));
      else spentBy.set(h, add(spentBy.get(h) ?? 0, l.spentCents));
    }
  }

  const cappedBy: FinalBalanceCap[] = [];
  const unbudgetedCents = [...strays.values()].reduce(add, 0);
  if (unbudgetedCents > 0) {
    const lineIds = [...strays.entries()].filter(([, v]) => v > 0).map(([k]) => k).sort().join(',');
    cappedBy.push({ code: 'unbudgeted_lines', params: { lineIds, spentCents: unbudgetedCents } });
  }

  const headings = order.map((heading): FinalBalanceHeading => {
    const approvedCents = approvedBy.get(heading) ?? 0;
    const limitCents = capCents(approvedCents, reallocBp);
    const ceilingCents = add(approvedCents, limitCents);
    const spentCents = spentBy.get(heading) ?? 0;
    const eligibleCents = Math.min(spentCents, ceilingCents);
    const excessCents = spentCents - eligibleCents;
    if (excessCents > 0) cappedBy.push({ code: 'heading_over_reallocation_limit', params: { heading, approvedCents, limitCents, spentCents, excessCents } });
    return { heading, approvedCents, limitCents, ceilingCents, spentCents, eligibleCents, excessCents };
  });

  const spentDirectCents = headings.reduce((s, h) => add(s, h.spentCents), 0);
  const cappedHeadingsCents = headings.reduce((s, h) => add(s, h.eligibleCents), 0);
  const approvedDirectCents = headings.reduce((s, h) => add(s, h.approvedCents), 0);
  const eligibleDirectCents = Math.min(cappedHeadingsCents, approvedDirectCents);
  if (cappedHeadingsCents > approvedDirectCents) {
    cappedBy.push({ code: 'approved_direct_total', params: { approvedDirectCents, cappedHeadingsCents, excessCents: cappedHeadingsCents - approvedDirectCents } });
  }

  const indirectCap = capCents(eligibleDirectCents, rateBp);
  const eligibleIndirectCents = claimed === null ? indirectCap : Math.min(claimed, indirectCap);
  if (claimed !== null && claimed > indirectCap) {
    cappedBy.push({ code: 'indirect_rate', params: { rateBp, eligibleDirectCents, capCents: indirectCap, claimedCents: claimed, excessCents: claimed - indirectCap } });
  }
  const eligibleCostsCents = add(eligibleDirectCents, eligibleIndirectCents);

  let grantPart = eligibleCostsCents;
  if (coFinancingCents > 0) {
    const total = BigInt(grantCents) + BigInt(coFinancingCents);
    // the grant's share of the costs, exactly, rounded down: never a cent above its share
    grantPart = Number((BigInt(eligibleCostsCents) * BigInt(grantCents)) / total);
    if (grantPart < eligibleCostsCents) cappedBy.push({ code: 'co_financing', params: { grantCents, coFinancingCents, eligibleCostsCents, grantShareCents: grantPart } });
  }
  const eligibleCents = Math.min(grantPart, grantCents);
  if (grantPart > grantCents) cappedBy.push({ code: 'grant_amount', params: { grantCents, beforeCents: grantPart, excessCents: grantPart - grantCents } });

  const balanceCents = eligibleCents - paidCents;
  const kind: FinalBalanceKind = balanceCents > 0 ? 'payment' : balanceCents < 0 ? 'recovery' : 'nil';
  return {
    headings,
    spentDirectCents,
    unbudgetedCents,
    eligibleDirectCents,
    eligibleIndirectCents,
    eligibleCostsCents,
    eligibleCents,
    cappedBy,
    paidCents,
    balanceCents,
    kind,
    paymentCents: Math.max(0, balanceCents),
    recoveryCents: Math.max(0, -balanceCents),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The recovery order: what the organisation repays when more was paid than is eligible

export const RECOVERY_ORDER_STATUSES = ['issued', 'partially_repaid', 'settled'] as const;
export type RecoveryOrderStatus = (typeof RECOVERY_ORDER_STATUSES)[number];

/** issued → partially repaid → settled (or issued → settled in one repayment); a settled order is final. */
export const RECOVERY_ORDER_TRANSITIONS: Readonly<Record<RecoveryOrderStatus, readonly RecoveryOrderStatus[]>> = Object.freeze({
  issued: ['partially_repaid', 'settled'],
  partially_repaid: ['partially_repaid', 'settled'],
  settled: [],
});

export function canTransitionRecoveryOrder(from: RecoveryOrderStatus, to: RecoveryOrderStatus): boolean {
  return RECOVERY_ORDER_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Days the organisation has to repay a recovery order from the day it is issued. */
export const RECOVERY_ORDER_DUE_DAYS = 30;

/** The recovery order's number: one per grant, after its agreement number. */
export function recoveryOrderNumber(agreementNumber: string): string {
  return `RO-${agreementNumber}`;
}

export type RecoveryRepaymentProblem = { field: 'amountCents' | 'status'; code: 'not_cents' | 'not_positive' | 'above_owed' | 'settled'; params?: Record<string, number> };

/**
 * What refuses a repayment of `amountCents` on an order of `amountOwedCents` of which `repaidCents` is repaid: a
 * settled order takes no more; an amount is whole positive cents and never above what is still owed.
 */
export function recoveryRepaymentProblems(order: { amountCents: number; repaidCents: number; status: RecoveryOrderStatus }, amountCents: unknown): RecoveryRepaymentProblem[] {
  if (order.status === 'settled') return [{ field: 'status', code: 'settled' }];
  if (typeof amountCents !== 'number' || !Number.isSafeInteger(amountCents)) return [{ field: 'amountCents', code: 'not_cents' }];
  if (amountCents <= 0) return [{ field: 'amountCents', code: 'not_positive' }];
  const owedCents = order.amountCents - order.repaidCents;
  if (amountCents > owedCents) return [{ field: 'amountCents', code: 'above_owed', params: { owedCents } }];
  return [];
}

/** The order after a repayment (assumed free of problems): what is repaid, still owed, and its status. */
export function applyRecoveryRepayment(order: { amountCents: number; repaidCents: number }, amountCents: number): { repaidCents: number; owedCents: number; status: RecoveryOrderStatus } {
  const repaidCents = order.repaidCents + amountCents;
  if (!Number.isSafeInteger(repaidCents) || repaidCents > order.amountCents || amountCents <= 0) throw new RangeError('a repayment is whole positive cents, never above what is owed');
  const owedCents = order.amountCents - repaidCents;
  return { repaidCents, owedCents, status: owedCents === 0 ? 'settled' : 'partially_repaid' };
}

/**
 * Whether the final balance is settled, for closing the grant: nothing owed either way (nil), the final payment
 * made (the balance tranche paid), or the recovery order repaid in full. Not drawn up: not settled.
 */
export function finalBalanceSettled(input: { kind: FinalBalanceKind | null; balanceTranchePaid: boolean; recoveryStatus: RecoveryOrderStatus | null }): boolean {
  if (input.kind === null) return false;
  if (input.kind === 'nil') return true;
  if (input.kind === 'payment') return input.balanceTranchePaid;
  return input.recoveryStatus === 'settled';
}
