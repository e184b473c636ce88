import fc from 'fast-check';
import {
  COST_HEADINGS,
  checkBudget,
  computeBudget,
  hasAtMostTwoDecimals,
  isCostHeadingCode,
  capCents,
  headingCapCents,
  lineTotalCents,
  maxGrantCents,
  minCoFinancingCents,
  minimumCents,
  pctToBp,
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
        // indirect costs are a ceiling: never above the exact rate, less than a cent below it (exact, in BigInt)
        const exact = BigInt(b.directCents) * BigInt(opts.indirectCostBp);
        expect(BigInt(b.indirectCents) * 10_000n <= exact).toBe(true);
        expect(exact - BigInt(b.indirectCents) * 10_000n < 10_000n).toBe(true);
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

describe('ceilings round down, minima round up', () => {
  it('7 % indirect costs on €10,000.50 of direct costs is €700.03, not €700.04 (half a cent above 7 %)', () => {
    const b = computeBudget([line('human_resources', 1, 1_000_050)], { indirectCostBp: 700, coFinancingCents: 0 });
    expect(b.indirectCents).toBe(70_003);
    expect(capCents(1_000_050, 700)).toBe(70_003);
  });

  it('reads a cap of 12.5 % as 1250 basis points and never rounds a percentage up', () => {
    expect(pctToBp(12.5)).toBe(1250);
    expect(pctToBp(7)).toBe(700);
    expect(pctToBp(33.33)).toBe(3333);
    expect(pctToBp(0.29)).toBe(29);
    expect(pctToBp(12.349)).toBe(1234);
    expect(headingCapCents(1_000_050, 12.5)).toBe(125_006); // 125,006.25 exact
    expect(minCoFinancingCents(1_000_050, 500)).toBe(50_003); // 50,002.5 exact
  });

  const cents = fc.integer({ min: 0, max: 1_000_000_000_000 });
  const bp = fc.integer({ min: 0, max: 10_000 });

  it('a cap is never above the exact rational cap and within one cent of it', () => {
    fc.assert(fc.property(cents, bp, (base, rate) => {
      const exact = BigInt(base) * BigInt(rate); // in 1/10,000 of a cent
      const cap = BigInt(capCents(base, rate)) * 10_000n;
      expect(cap <= exact).toBe(true);
      expect(exact - cap < 10_000n).toBe(true);
    }));
  });

  it('a minimum is never below the exact rational minimum and within one cent of it', () => {
    fc.assert(fc.property(cents, bp, (base, rate) => {
      const exact = BigInt(base) * BigInt(rate);
      const min = BigInt(minimumCents(base, rate)) * 10_000n;
      expect(min >= exact).toBe(true);
      expect(min - exact < 10_000n).toBe(true);
    }));
  });

  it('a heading cap in percent with two decimals is never above the exact share', () => {
    fc.assert(fc.property(cents, fc.integer({ min: 0, max: 10_000 }), (direct, hundredths) => {
      const pct = hundredths / 100;
      const exact = BigInt(direct) * BigInt(hundredths); // in 1/10,000 of a cent
      const cap = BigInt(headingCapCents(direct, pct)) * 10_000n;
      expect(cap <= exact).toBe(true);
      expect(exact - cap < 10_000n).toBe(true);
    }));
  });

  it('the largest grant leaves at least the minimum co-financing and never exceeds the call maximum', () => {
    fc.assert(fc.property(cents, bp, fc.integer({ min: 0, max: 6_000_000 }), (total, minBp, max) => {
      const grant = maxGrantCents(total, { maxGrantCents: max, minCoFinancingBp: minBp });
      expect(grant).toBeLessThanOrEqual(max);
      expect(BigInt(total - grant) * 10_000n >= BigInt(total) * BigInt(minBp)).toBe(true);
    }));
  });

  it('refuses amounts that cannot be held exactly', () => {
    expect(() => capCents(2 ** 53, 700)).toThrow(RangeError);
    expect(() => capCents(100, 7.5)).toThrow(RangeError);
  });
});
