/**
 * An application's budget: lines by cost heading, indirect costs as a rate of direct costs,
 * co-financing and the amount requested, all in integer euro cents. The server computes every total;
 * the applicant only types lines, the indirect rate and the co-financing.
 */

export const COST_HEADINGS = ['human_resources', 'travel', 'equipment_supplies', 'local_office', 'services', 'other'] as const;
export type CostHeadingCode = (typeof COST_HEADINGS)[number];

export function isCostHeadingCode(value: unknown): value is CostHeadingCode {
  return typeof value === 'string' && (COST_HEADINGS as readonly string[]).includes(value);
}

/** Indirect costs: at most 7 % of direct costs unless the call says otherwise. */
export const DEFAULT_INDIRECT_COST_CAP_BP = 700;

export type BudgetLine = {
  heading: CostHeadingCode;
  description: string;
  unit: string;
  /** Up to two decimals (e.g. 2.5 months). */
  quantity: number;
  unitCostCents: number;
};

export type ComputedBudgetLine = BudgetLine & { totalCents: number };

export type ComputedBudget = {
  lines: ComputedBudgetLine[];
  /** One entry per heading used, in the order of COST_HEADINGS. */
  headings: { heading: CostHeadingCode; totalCents: number }[];
  directCents: number;
  indirectCostBp: number;
  indirectCents: number;
  totalCents: number;
  coFinancingCents: number;
  requestedCents: number;
  /** Co-financing as a share of the total, in basis points, rounded down (0 when the total is 0). */
  coFinancingBp: number;
};

export type BudgetRules = {
  minGrantCents: number;
  maxGrantCents: number;
  costHeadings: readonly { code: CostHeadingCode; capPct: number | null }[];
  indirectCostCapBp: number;
  minCoFinancingBp: number;
};

export type BudgetProblem = { field: string; code: string; params?: Record<string, string | number> };

/** `a × b / d` rounded half away from zero, exactly (BigInt), as a safe integer. */
function mulDivRound(a: bigint, b: bigint, d: bigint): number {
  const n = a * b;
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  const result = Number(neg ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('amount too large to hold exactly in cents');
  return result;
}

/** `a × b / d` rounded down (towards zero for non-negative operands), exactly, as a safe integer. */
function mulDivFloor(a: bigint, b: bigint, d: bigint): number {
  const n = a * b;
  const q = n >= 0n ? n / d : -((-n + d - 1n) / d);
  const result = Number(q);
  if (!Number.isSafeInteger(result)) throw new RangeError('amount too large to hold exactly in cents');
  return result;
}

/** `a × b / d` rounded up, exactly, as a safe integer (a minimum is never undershot by rounding). */
function mulDivCeil(a: bigint, b: bigint, d: bigint): number {
  return -mulDivFloor(-a, b, d);
}

function assertSafeCents(cents: number, name: string): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${name} must be a safe integer number of cents, got ${cents}`);
}

/**
 * A percentage with at most two decimals (12.5, 7, 33.33) in basis points, rounded down when it has more
 * decimals, so a cap read from a percentage is never more generous than the percentage itself.
 */
export function pctToBp(pct: number): number {
  if (!Number.isFinite(pct)) throw new RangeError(`pct must be a finite number, got ${pct}`);
  const [whole, frac = ''] = Math.abs(pct).toFixed(6).split('.');
  const bp = Number(whole) * 100 + Number(frac.slice(0, 2));
  return pct < 0 ? -bp : bp;
}

/**
 * A ceiling as a share of a base, in cents: `base × bp / 10,000` rounded DOWN to the cent, so the amount
 * allowed is never above the exact share (7 % of €10,000.50 is €700.03, not €700.04).
 */
export function capCents(baseCents: number, bp: number): number {
  assertSafeCents(baseCents, 'baseCents');
  if (!Number.isSafeInteger(bp)) throw new RangeError(`bp must be an integer, got ${bp}`);
  return mulDivFloor(BigInt(baseCents), BigInt(bp), 10_000n);
}

/** A minimum as a share of a base, in cents, rounded UP, so the amount asked for is never below the exact share. */
export function minimumCents(baseCents: number, bp: number): number {
  assertSafeCents(baseCents, 'baseCents');
  if (!Number.isSafeInteger(bp)) throw new RangeError(`bp must be an integer, got ${bp}`);
  return mulDivCeil(BigInt(baseCents), BigInt(bp), 10_000n);
}

/** The most a cost heading may hold under a cap in percent of direct costs (rounded down). */
export function headingCapCents(directCents: number, capPct: number): number {
  return capCents(directCents, pctToBp(capPct));
}

/** The least co-financing a budget of this total needs (rounded up). */
export function minCoFinancingCents(totalCents: number, minCoFinancingBp: number): number {
  return minimumCents(totalCents, minCoFinancingBp);
}

/** The most the call's rules let an application request: the call's maximum grant, and no more than the total less the least co-financing. */
export function maxGrantCents(totalCents: number, rules: Pick<BudgetRules, 'maxGrantCents' | 'minCoFinancingBp'>): number {
  return Math.min(rules.maxGrantCents, totalCents - minCoFinancingCents(totalCents, rules.minCoFinancingBp));
}

/** A quantity in hundredths (2.5 → 250), rounded half up when it has more decimals. */
export function quantityHundredths(quantity: number): number {
  if (!Number.isFinite(quantity)) throw new RangeError(`quantity must be a finite number, got ${quantity}`);
  // toFixed rounds the decimal text the person typed, not the nearest binary double (1.005 → 101).
  const [whole, frac = ''] = Math.abs(quantity).toFixed(6).split('.');
  const h = Number(whole) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return quantity < 0 ? -h : h;
}

/** True when the quantity has at most two decimals. */
export function hasAtMostTwoDecimals(quantity: number): boolean {
  return Number.isFinite(quantity) && quantityHundredths(quantity) / 100 === quantity;
}

/** Line total: quantity × unit cost, rounded half up to the cent. */
export function lineTotalCents(quantity: number, unitCostCents: number): number {
  if (!Number.isSafeInteger(unitCostCents)) throw new RangeError(`unitCostCents must be a safe integer, got ${unitCostCents}`);
  return mulDivRound(BigInt(quantityHundredths(quantity)), BigInt(unitCostCents), 100n);
}

function sum(values: readonly number[]): number {
  const s = values.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(s)) throw new RangeError('amount too large to hold exactly in cents');
  return s;
}

export function computeBudget(lines: readonly BudgetLine[], options: { indirectCostBp: number; coFinancingCents: number }): ComputedBudget {
  const { indirectCostBp, coFinancingCents } = options;
  if (!Number.isSafeInteger(indirectCostBp)) throw new RangeError('indirectCostBp must be an integer');
  if (!Number.isSafeInteger(coFinancingCents)) throw new RangeError('coFinancingCents must be an integer');
  const computed = lines.map((l) => ({ ...l, totalCents: lineTotalCents(l.quantity, l.unitCostCents) }));
  const headings = COST_HEADINGS.filter((h) => computed.some((l) => l.heading === h)).map((heading) => ({
    heading,
    totalCents: sum(computed.filter((l) => l.heading === heading).map((l) => l.totalCents)),
  }));
  const directCents = sum(computed.map((l) => l.totalCents));
  // indirect costs are a ceiling (a rate of direct costs): rounded down, never half a cent above the rate
  const indirectCents = capCents(directCents, indirectCostBp);
  const totalCents = sum([directCents, indirectCents]);
  const requestedCents = totalCents - coFinancingCents;
  const coFinancingBp = totalCents > 0 ? Number((BigInt(coFinancingCents) * 10_000n) / BigInt(totalCents)) : 0;
  return { lines: computed, headings, directCents, indirectCostBp, indirectCents, totalCents, coFinancingCents, requestedCents, coFinancingBp };
}

/**
 * What in a computed budget breaks the call's rules. Fields: `lines.<i>.<field>`, `headings.<code>`,
 * `indirectCostBp`, `coFinancingCents`, `requestedCents`, `lines`.
 */
export function checkBudget(b: ComputedBudget, rules: BudgetRules): BudgetProblem[] {
  const problems: BudgetProblem[] = [];
  if (b.lines.length === 0) problems.push({ field: 'lines', code: 'required' });
  const caps = new Map(rules.costHeadings.map((h) => [h.code, h.capPct] as const));
  b.lines.forEach((l, i) => {
    const at = `lines.${i}`;
    if (!caps.has(l.heading)) problems.push({ field: `${at}.heading`, code: 'heading_not_eligible', params: { heading: l.heading } });
    if (!l.description || !l.description.trim()) problems.push({ field: `${at}.description`, code: 'required' });
    if (!l.unit || !l.unit.trim()) problems.push({ field: `${at}.unit`, code: 'required' });
    if (!(l.quantity > 0)) problems.push({ field: `${at}.quantity`, code: 'not_positive' });
    else if (!hasAtMostTwoDecimals(l.quantity)) problems.push({ field: `${at}.quantity`, code: 'too_many_decimals', params: { decimals: 2 } });
    if (!(l.unitCostCents > 0)) problems.push({ field: `${at}.unitCostCents`, code: 'not_positive' });
  });
  for (const h of b.headings) {
    const cap = caps.get(h.heading);
    if (cap === undefined || cap === null) continue;
    // heading / direct ≤ cap, compared exactly in integers.
    if (BigInt(h.totalCents) * 10_000n > BigInt(pctToBp(cap)) * BigInt(b.directCents)) {
      problems.push({ field: `headings.${h.heading}`, code: 'heading_over_cap', params: { capPct: cap, totalCents: h.totalCents } });
    }
  }
  if (b.indirectCostBp < 0) problems.push({ field: 'indirectCostBp', code: 'negative' });
  else if (b.indirectCostBp > rules.indirectCostCapBp) problems.push({ field: 'indirectCostBp', code: 'indirect_over_cap', params: { capBp: rules.indirectCostCapBp } });
  if (b.coFinancingCents < 0) problems.push({ field: 'coFinancingCents', code: 'negative' });
  else if (BigInt(b.coFinancingCents) * 10_000n < BigInt(rules.minCoFinancingBp) * BigInt(b.totalCents)) {
    problems.push({ field: 'coFinancingCents', code: 'co_financing_below_min', params: { minBp: rules.minCoFinancingBp } });
  }
  if (b.requestedCents < rules.minGrantCents) problems.push({ field: 'requestedCents', code: 'below_min_grant', params: { minCents: rules.minGrantCents } });
  if (b.requestedCents > rules.maxGrantCents) problems.push({ field: 'requestedCents', code: 'above_max_grant', params: { maxCents: rules.maxGrantCents } });
  return problems;
}
