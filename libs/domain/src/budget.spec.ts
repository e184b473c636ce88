import fc from 'fast-check';
import {
  COST_HEADINGS,
  checkBudget,
  computeBudget,
  hasAtMostTwoDecimals,
  isCostHeadingCode,
  lineTotalCents,
  quantityHundredths,
  type BudgetLine,
  type BudgetRules,
} from './budget';

const line = (heading: BudgetLine['heading'], quantity: number, unitCostCents: number): BudgetLine => ({ heading, description: 'x', unit: 'month', quantity, unitCostCents });

const RULES: BudgetRules = {
  minGrantCents: 1_000_000,
  maxGrantCents: 6_000_000,
  costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: code === 'equipment_supplies' ? 20 : null })),
  indirectCostCapBp: 700,
  minCoFinancingBp: 500,
};

describe('line totals', () => {
  it('multiplies quantity by unit cost in cents, rounding half up', () => {
    expect(lineTotalCents(12, 80_000)).toBe(960_000);
    expect(lineTotalCents(2.5, 333)).toBe(833); // 832.5 → 833
    expect(lineTotalCents(0.01, 49)).toBe(0); // 0.49 → 0
    expect(lineTotalCents(0.01, 50)).toBe(1); // 0.5 → 1
    expect(lineTotalCents(1.15, 100)).toBe(115); // no 114.99999 float drift
    expect(lineTotalCents(1.005, 100_000)).toBe(101_000); // more than two decimals: quantity rounded to 1.01
  });

  it('reads quantities as hundredths', () => {
    expect(quantityHundredths(2.5)).toBe(250);
    expect(quantityHundredths(0.29)).toBe(29);
    expect(quantityHundredths(-1.5)).toBe(-150);
    expect(hasAtMostTwoDecimals(1.15)).toBe(true);
    expect(hasAtMostTwoDecimals(1.155)).toBe(false);
    expect(hasAtMostTwoDecimals(Number.NaN)).toBe(false);
  });

  it('refuses fractional cents and impossible quantities', () => {
    expect(() => lineTotalCents(1, 10.5)).toThrow(RangeError);
    expect(() => lineTotalCents(Number.POSITIVE_INFINITY, 10)).toThrow(RangeError);
  });

  it('knows the cost headings', () => {
    expect(isCostHeadingCode('travel')).toBe(true);
    expect(isCostHeadingCode('salaries')).toBe(false);
  });
});

describe('computeBudget', () => {
  it('adds lines, headings, indirect costs, co-financing and the request', () => {
    const b = computeBudget([line('human_resources', 12, 80_000), line('travel', 10, 2_550), line('human_resources', 6, 50_000)], { indirectCostBp: 700, coFinancingCents: 100_000 });
    expect(b.lines.map((l) => l.totalCents)).toEqual([960_000, 25_500, 300_000]);
    expect(b.headings).toEqual([
      { heading: 'human_resources', totalCents: 1_260_000 },
      { heading: 'travel', totalCents: 25_500 },
    ]);
    expect(b.directCents).toBe(1_285_500);
    expect(b.indirectCents).toBe(89_985);
    expect(b.totalCents).toBe(1_375_485);
    expect(b.requestedCents).toBe(1_275_485);
    expect(b.coFinancingBp).toBe(727); // 7.27 %, rounded down
  });

  it('handles an empty budget', () => {
    const b = computeBudget([], { indirectCostBp: 700, coFinancingCents: 0 });
    expect(b).toMatchObject({ directCents: 0, indirectCents: 0, totalCents: 0, requestedCents: 0, coFinancingBp: 0, headings: [] });
  });

  const lineArb = fc.record({
    heading: fc.constantFrom(...COST_HEADINGS),
    description: fc.string(),
    unit: fc.string(),
    quantity: fc.integer({ min: 1, max: 100_000 }).map((h) => h / 100),
    unitCostCents: fc.integer({ min: 1, max: 10_000_000 }),
  });
  const optsArb = fc.record({ indirectCostBp: fc.integer({ min: 0, max: 10_000 }), coFinancingCents: fc.integer({ min: 0, max: 100_000_000 }) });

  it('always adds up: headings to direct, direct + indirect to total, request + co-financing to total', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), optsArb, (lines, opts) => {
        const b = computeBudget(lines, opts);
        expect(b.headings.reduce((s, h) => s + h.totalCents, 0)).toBe(b.directCents);
        expect(b.lines.reduce((s, l) => s + l.totalCents, 0)).toBe(b.directCents);
        expect(b.directCents + b.indirectCents).toBe(b.totalCents);
        expect(b.requestedCents + b.coFinancingCents).toBe(b.totalCents);
        for (const v of [b.directCents, b.indirectCents, b.totalCents, b.requestedCents, ...b.lines.map((l) => l.totalCents)]) expect(Number.isSafeInteger(v)).toBe(true);
        expect(Math.abs(b.indirectCents - (b.directCents * opts.indirectCostBp) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('never depends on the order of the lines', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), optsArb, fc.integer(), (lines, opts, seed) => {
        const shuffled = [...lines].map((l, i) => ({ l, k: (Math.imul(i + 1, seed | 1) >>> 0) % 9973 })).sort((a, b) => a.k - b.k).map((x) => x.l);
        const a = computeBudget(lines, opts);
        const b = computeBudget(shuffled, opts);
        expect(b.headings).toEqual(a.headings);
        expect([b.directCents, b.indirectCents, b.totalCents, b.requestedCents, b.coFinancingBp]).toEqual([a.directCents, a.indirectCents, a.totalCents, a.requestedCents, a.coFinancingBp]);
      }),
    );
  });
});

describe('checkBudget', () => {
  const good = () => computeBudget([line('human_resources', 12, 150_000), line('equipment_supplies', 1, 300_000)], { indirectCostBp: 700, coFinancingCents: 150_000 });

  it('accepts a budget within the call rules', () => {
    expect(checkBudget(good(), RULES)).toEqual([]);
  });

  it('refuses a request outside the grant limits', () => {
    const small = computeBudget([line('human_resources', 1, 100_000)], { indirectCostBp: 0, coFinancingCents: 5_000 });
    expect(checkBudget(small, RULES)).toContainEqual({ field: 'requestedCents', code: 'below_min_grant', params: { minCents: 1_000_000 } });
    const big = computeBudget([line('human_resources', 100, 100_000)], { indirectCostBp: 0, coFinancingCents: 500_000 });
    expect(checkBudget(big, RULES)).toContainEqual({ field: 'requestedCents', code: 'above_max_grant', params: { maxCents: 6_000_000 } });
  });

  it('refuses a heading above its cap of direct costs, and accepts one exactly at it', () => {
    const over = computeBudget([line('human_resources', 12, 150_000), line('equipment_supplies', 1, 500_000)], { indirectCostBp: 0, coFinancingCents: 200_000 });
    expect(checkBudget(over, RULES)).toEqual([{ field: 'headings.equipment_supplies', code: 'heading_over_cap', params: { capPct: 20, totalCents: 500_000 } }]);
    const at = computeBudget([line('human_resources', 1, 1_600_000), line('equipment_supplies', 1, 400_000)], { indirectCostBp: 0, coFinancingCents: 100_000 });
    expect(checkBudget(at, RULES)).toEqual([]);
  });

  it('refuses a heading the call does not fund', () => {
    const rules = { ...RULES, costHeadings: RULES.costHeadings.filter((h) => h.code !== 'other') };
    const b = computeBudget([line('human_resources', 12, 150_000), line('other', 1, 1_000)], { indirectCostBp: 0, coFinancingCents: 150_000 });
    expect(checkBudget(b, rules)).toContainEqual({ field: 'lines.1.heading', code: 'heading_not_eligible', params: { heading: 'other' } });
  });

  it('refuses indirect costs above the cap', () => {
    const b = computeBudget(good().lines, { indirectCostBp: 701, coFinancingCents: 150_000 });
    expect(checkBudget(b, RULES)).toEqual([{ field: 'indirectCostBp', code: 'indirect_over_cap', params: { capBp: 700 } }]);
  });

  it('refuses co-financing below the minimum share, exactly at the boundary', () => {
    const lines = [line('human_resources', 1, 2_000_000)];
    expect(checkBudget(computeBudget(lines, { indirectCostBp: 0, coFinancingCents: 100_000 }), RULES)).toEqual([]);
    expect(checkBudget(computeBudget(lines, { indirectCostBp: 0, coFinancingCents: 99_999 }), RULES)).toEqual([
      { field: 'coFinancingCents', code: 'co_financing_below_min', params: { minBp: 500 } },
    ]);
    expect(checkBudget(computeBudget(lines, { indirectCostBp: 0, coFinancingCents: -1 }), RULES)).toContainEqual({ field: 'coFinancingCents', code: 'negative' });
  });

  it('refuses zero or negative quantities, too many decimals, non-positive costs, empty texts and an empty budget', () => {
    const b = computeBudget(
      [line('human_resources', 12, 150_000), { ...line('travel', 0, 100), description: ' ' }, { ...line('travel', -1, 100), unit: '' }, line('travel', 1.255, 100), line('travel', 1, 0)],
      { indirectCostBp: 0, coFinancingCents: 200_000 },
    );
    const p = checkBudget(b, RULES);
    expect(p).toContainEqual({ field: 'lines.1.quantity', code: 'not_positive' });
    expect(p).toContainEqual({ field: 'lines.1.description', code: 'required' });
    expect(p).toContainEqual({ field: 'lines.2.quantity', code: 'not_positive' });
    expect(p).toContainEqual({ field: 'lines.2.unit', code: 'required' });
    expect(p).toContainEqual({ field: 'lines.3.quantity', code: 'too_many_decimals', params: { decimals: 2 } });
    expect(p).toContainEqual({ field: 'lines.4.unitCostCents', code: 'not_positive' });
    expect(checkBudget(computeBudget([], { indirectCostBp: 0, coFinancingCents: 0 }), RULES)).toContainEqual({ field: 'lines', code: 'required' });
  });
});
