import fc from 'fast-check';
import { COST_HEADINGS, type CostHeadingCode } from './budget';
import type { ApprovedBudgetLine, ExpenditureReport, ExpenditureReportStatus } from './expenditure';
import { grantFinalBalance, type FinalBalanceInput } from './final-balance';

const approved: ApprovedBudgetLine[] = [
  { lineId: 'hr1', heading: 'human_resources', approvedCents: 4_000_000 },
  { lineId: 'hr2', heading: 'human_resources', approvedCents: 2_000_000 },
  { lineId: 'tr', heading: 'travel', approvedCents: 1_000_000 },
  { lineId: 'eq', heading: 'equipment_supplies', approvedCents: 2_000_000 },
];
// direct 90,000.00 €; indirect 7 % = 6,300.00 €; total 96,300.00 €
const report = (status: ExpenditureReportStatus, lines: Record<string, number>): Pick<ExpenditureReport, 'status' | 'lines'> => ({
  status,
  lines: Object.entries(lines).map(([lineId, spentCents]) => ({ lineId, spentCents })),
});
const base: FinalBalanceInput = {
  grantCents: 9_630_000,
  approved,
  reports: [],
  indirectRateBp: 700,
  reallocationWithoutAmendmentBp: 2500,
  paidCents: 7_704_000,
};

describe('grantFinalBalance', () => {
  it('pays the rest when everything was spent as approved, to the cent', () => {
    const b = grantFinalBalance({ ...base, reports: [report('accepted', { hr1: 2_000_000, hr2: 1_000_000, tr: 500_000, eq: 2_000_000 }), report('accepted', { hr1: 2_000_000, hr2: 1_000_000, tr: 500_000 })] });
    expect(b.spentDirectCents).toBe(9_000_000);
    expect(b.eligibleDirectCents).toBe(9_000_000);
    expect(b.eligibleIndirectCents).toBe(630_000);
    expect(b.eligibleCents).toBe(9_630_000);
    expect(b.cappedBy).toEqual([]);
    expect(b).toMatchObject({ paidCents: 7_704_000, balanceCents: 1_926_000, kind: 'payment', paymentCents: 1_926_000, recoveryCents: 0 });
  });

  it('counts only accepted reports: drafts, submitted and returned ones do not', () => {
    const b = grantFinalBalance({ ...base, reports: [report('accepted', { hr1: 100_000 }), report('submitted', { hr1: 1_000_000 }), report('returned', { tr: 5 }), report('draft', { eq: 7 })] });
    expect(b.spentDirectCents).toBe(100_000);
    expect(b.headings.find((h) => h.heading === 'human_resources')?.spentCents).toBe(100_000);
  });

  it('lets a heading run over within 25 % when others were underspent, and no further', () => {
    // travel approved 10,000 €: up to 12,500 € is eligible; 13,000 € spent → 500 € over the limit
    const b = grantFinalBalance({ ...base, reports: [report('accepted', { hr1: 4_000_000, hr2: 1_500_000, tr: 1_300_000, eq: 2_000_000 })] });
    const tr = b.headings.find((h) => h.heading === 'travel')!;
    expect(tr).toEqual({ heading: 'travel', approvedCents: 1_000_000, limitCents: 250_000, ceilingCents: 1_250_000, spentCents: 1_300_000, eligibleCents: 1_250_000, excessCents: 50_000 });
    expect(b.eligibleDirectCents).toBe(8_750_000);
    expect(b.cappedBy).toEqual([{ code: 'heading_over_reallocation_limit', params: { heading: 'travel', approvedCents: 1_000_000, limitCents: 250_000, spentCents: 1_300_000, excessCents: 50_000 } }]);
    expect(b.eligibleIndirectCents).toBe(612_500);
    expect(b.eligibleCents).toBe(9_362_500);
  });

  it('never lets overspending within the limit raise the direct costs above the approved total', () => {
    const b = grantFinalBalance({ ...base, reports: [report('accepted', { hr1: 4_000_000, hr2: 2_000_000, tr: 1_200_000, eq: 2_000_000 })] });
    expect(b.eligibleDirectCents).toBe(9_000_000);
    expect(b.cappedBy).toEqual([{ code: 'approved_direct_total', params: { approvedDirectCents: 9_000_000, cappedHeadingsCents: 9_200_000, excessCents: 200_000 } }]);
  });

  it('with no reallocation allowed, a heading is capped at its approved amount', () => {
    const b = grantFinalBalance({ ...base, reallocationWithoutAmendmentBp: 0, reports: [report('accepted', { tr: 1_000_001 })] });
    expect(b.eligibleDirectCents).toBe(1_000_000);
    expect(b.cappedBy[0]).toMatchObject({ code: 'heading_over_reallocation_limit', params: { excessCents: 1 } });
  });

  it('rounds the reallocation limit down, to the cent', () => {
    const b = grantFinalBalance({ ...base, approved: [{ lineId: 'x', heading: 'other', approvedCents: 333 }], reports: [report('accepted', { x: 500 })], paidCents: 0, indirectRateBp: 0 });
    // 25 % of 3.33 € = 0.8325 € → 0.83 €, ceiling 4.16 €, but the direct total holds it to 3.33 €
    expect(b.headings[0]).toMatchObject({ limitCents: 83, ceilingCents: 416, eligibleCents: 416, excessCents: 84 });
    expect(b.eligibleDirectCents).toBe(333);
  });

  it('keeps spending on a line not in the approved budget out', () => {
    const b = grantFinalBalance({ ...base, reports: [report('accepted', { hr1: 100_000, gone: 50_000, zz: 1 })] });
    expect(b.unbudgetedCents).toBe(50_001);
    expect(b.eligibleDirectCents).toBe(100_000);
    expect(b.cappedBy).toEqual([{ code: 'unbudgeted_lines', params: { lineIds: 'gone,zz', spentCents: 50_001 } }]);
  });

  it('holds indirect costs to the agreed rate of the eligible direct costs, rounded down', () => {
    const b = grantFinalBalance({ ...base, paidCents: 0, reports: [report('accepted', { hr1: 1_000_050 })], indirectClaimedCents: 80_000 });
    // 7 % of 10,000.50 € is 700.035 € → 700.03 €
    expect(b.eligibleIndirectCents).toBe(70_003);
    expect(b.cappedBy).toEqual([{ code: 'indirect_rate', params: { rateBp: 700, eligibleDirectCents: 1_000_050, capCents: 70_003, claimedCents: 80_000, excessCents: 9_997 } }]);
    expect(grantFinalBalance({ ...base, reports: [report('accepted', { hr1: 1_000_000 })], indirectClaimedCents: 10_000 }).eligibleIndirectCents).toBe(10_000);
  });

  it('pays only the grant’s share of the costs when the agreement has co-financing', () => {
    // budget 96,300 € = grant 86,670 € + co-financing 9,630 € (10 %); costs 50,000.01 € → grant's part rounded down
    const b = grantFinalBalance({ ...base, grantCents: 8_667_000, coFinancingCents: 963_000, indirectRateBp: 0, paidCents: 4_000_000, reports: [report('accepted', { hr1: 4_000_000, eq: 1_000_001 })] });
    expect(b.eligibleCostsCents).toBe(5_000_001);
    // 5,000,001 × 8,667,000 / 9,630,000 = 4,500,000.9 → 4,500,000
    expect(b.eligibleCents).toBe(4_500_000);
    expect(b.cappedBy).toEqual([{ code: 'co_financing', params: { grantCents: 8_667_000, coFinancingCents: 963_000, eligibleCostsCents: 5_000_001, grantShareCents: 4_500_000 } }]);
    expect(b).toMatchObject({ balanceCents: 500_000, kind: 'payment' });
  });

  it('never pays more than the grant amount', () => {
    const b = grantFinalBalance({ ...base, grantCents: 5_000_000, paidCents: 4_000_000, reports: [report('accepted', { hr1: 4_000_000, hr2: 2_000_000 })] });
    expect(b.eligibleCostsCents).toBe(6_420_000);
    expect(b.eligibleCents).toBe(5_000_000);
    expect(b.cappedBy).toEqual([{ code: 'grant_amount', params: { grantCents: 5_000_000, beforeCents: 6_420_000, excessCents: 1_420_000 } }]);
  });

  it('draws up a recovery when more was paid than is eligible, and nil when they match', () => {
    const r = grantFinalBalance({ ...base, paidCents: 7_704_000, reports: [report('accepted', { hr1: 3_000_000 })] });
    expect(r.eligibleCents).toBe(3_210_000);
    expect(r).toMatchObject({ balanceCents: -4_494_000, kind: 'recovery', recoveryCents: 4_494_000, paymentCents: 0 });
    const n = grantFinalBalance({ ...base, paidCents: 3_210_000, reports: [report('accepted', { hr1: 3_000_000 })] });
    expect(n).toMatchObject({ balanceCents: 0, kind: 'nil', recoveryCents: 0, paymentCents: 0 });
  });

  it('refuses amounts that are not whole non-negative cents, and a line approved twice', () => {
    expect(() => grantFinalBalance({ ...base, paidCents: 1.5 })).toThrow(RangeError);
    expect(() => grantFinalBalance({ ...base, grantCents: -1 })).toThrow(RangeError);
    expect(() => grantFinalBalance({ ...base, reports: [report('accepted', { hr1: -5 })] })).toThrow(RangeError);
    expect(() => grantFinalBalance({ ...base, approved: [...approved, approved[0]!] })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const headingArb = fc.constantFrom<CostHeadingCode>(...COST_HEADINGS);
const approvedArb = fc
  .array(fc.record({ heading: headingArb, approvedCents: fc.integer({ min: 0, max: 5_000_000 }) }), { minLength: 1, maxLength: 6 })
  .map((ls) => ls.map((l, i) => ({ lineId: `l${i}`, ...l })));
const statusArb = fc.constantFrom<ExpenditureReportStatus>('draft', 'submitted', 'accepted', 'returned');

const inputArb = approvedArb.chain((lines) =>
  fc.record({
    grantCents: fc.integer({ min: 0, max: 40_000_000 }),
    approved: fc.constant(lines),
    reports: fc.array(
      fc.record({
        status: statusArb,
        lines: fc.array(fc.record({ lineId: fc.constantFrom(...lines.map((l) => l.lineId), 'stray'), spentCents: fc.integer({ min: 0, max: 4_000_000 }) }), { maxLength: 6 }),
      }),
      { maxLength: 4 },
    ),
    indirectRateBp: fc.integer({ min: 0, max: 1_000 }),
    indirectClaimedCents: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: undefined }),
    reallocationWithoutAmendmentBp: fc.integer({ min: 0, max: 10_000 }),
    coFinancingCents: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
    paidCents: fc.integer({ min: 0, max: 40_000_000 }),
  }),
);

describe('grantFinalBalance properties', () => {
  it('balance = eligible − paid exactly; recovery iff paid > eligible, payment iff paid < eligible', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const b = grantFinalBalance(input);
        expect(b.balanceCents).toBe(b.eligibleCents - input.paidCents);
        expect(b.kind === 'recovery').toBe(input.paidCents > b.eligibleCents);
        expect(b.kind === 'payment').toBe(input.paidCents < b.eligibleCents);
        expect(b.recoveryCents).toBe(b.kind === 'recovery' ? input.paidCents - b.eligibleCents : 0);
        expect(b.paymentCents - b.recoveryCents).toBe(b.balanceCents);
        for (const v of [b.eligibleCents, b.eligibleDirectCents, b.eligibleIndirectCents, b.balanceCents]) expect(Number.isSafeInteger(v)).toBe(true);
      }),
    );
  });

  it('eligible never exceeds the grant amount, the capped headings, the approved direct total or the indirect rate', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const b = grantFinalBalance(input);
        const cappedHeadings = b.headings.reduce((s, h) => s + Math.min(h.spentCents, h.ceilingCents), 0);
        const approvedDirect = input.approved.reduce((s, l) => s + l.approvedCents, 0);
        expect(b.eligibleCents).toBeLessThanOrEqual(input.grantCents);
        expect(b.eligibleDirectCents).toBeLessThanOrEqual(cappedHeadings);
        expect(b.eligibleDirectCents).toBeLessThanOrEqual(approvedDirect);
        for (const h of b.headings) expect(h.eligibleCents).toBeLessThanOrEqual(h.approvedCents + Math.floor((h.approvedCents * input.reallocationWithoutAmendmentBp) / 10_000));
        // indirect / direct ≤ rate, compared exactly
        expect(BigInt(b.eligibleIndirectCents) * 10_000n <= BigInt(input.indirectRateBp) * BigInt(b.eligibleDirectCents)).toBe(true);
        expect(b.eligibleCents).toBeLessThanOrEqual(b.eligibleCostsCents);
        const co = input.coFinancingCents ?? 0;
        if (co > 0) expect(BigInt(b.eligibleCents) * BigInt(input.grantCents + co) <= BigInt(b.eligibleCostsCents) * BigInt(input.grantCents)).toBe(true);
      }),
    );
  });

  it('more accepted spending never lowers what is eligible', () => {
    fc.assert(
      fc.property(inputArb, fc.nat({ max: 10 }), fc.integer({ min: 0, max: 3_000_000 }), (input, pick, extra) => {
        const lineIds = [...input.approved.map((l) => l.lineId), 'stray'];
        const more = { ...input, reports: [...input.reports, { status: 'accepted' as const, lines: [{ lineId: lineIds[pick % lineIds.length]!, spentCents: extra }] }] };
        expect(grantFinalBalance(more).eligibleCents).toBeGreaterThanOrEqual(grantFinalBalance(input).eligibleCents);
      }),
    );
  });

  it('is deterministic and does not depend on the order of the reports', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(grantFinalBalance({ ...input, reports: [...input.reports].reverse() })).toEqual(grantFinalBalance(input));
      }),
    );
  });
});
