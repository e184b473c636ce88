import fc from 'fast-check';
import { COST_HEADINGS } from './budget';
import { classifyReallocation, headingBudgetOf, worseReallocationClass, type HeadingBudget, type ReallocationClass, type ReallocationRules } from './reallocation';

const RULES: ReallocationRules = {
  reallocationWithoutAmendmentBp: 2500,
  indirectCostCapBp: 700,
  costHeadings: COST_HEADINGS.filter((c) => c !== 'other').map((code) => ({ code, capPct: code === 'equipment_supplies' ? 20 : null })),
};
// direct 4,000,000 cents, indirect 7 %
const ORIGINAL: HeadingBudget = { human_resources: 2_000_000, travel: 400_000, equipment_supplies: 600_000, services: 1_000_000, indirect: 280_000 };
const AWARDED = 4_280_000;
const classify = (proposed: HeadingBudget, current: HeadingBudget = ORIGINAL, spent?: HeadingBudget) => classifyReallocation({ original: ORIGINAL, current, proposed, awardedCents: AWARDED, rules: RULES, spent });
const SEVERITY: Record<ReallocationClass, number> = { unchanged: 0, notice: 1, amendment_required: 2, refused: 3 };

describe('reallocation between headings', () => {
  it('needs only a notice up to 25 % of each heading touched', () => {
    // 100,000 from travel (25 % of 400,000) to services (10 % of 1,000,000)
    const r = classify({ ...ORIGINAL, travel: 300_000, services: 1_100_000 });
    expect(r.classification).toBe('notice');
    expect(r.reasons).toEqual([]);
    expect(r.headings.find((h) => h.heading === 'travel')).toMatchObject({ changeCents: -100_000, changeBp: -2500, limitCents: 100_000, classification: 'notice', reasons: ['within_limit'] });
    expect(r.headings.find((h) => h.heading === 'human_resources')).toMatchObject({ classification: 'unchanged', reasons: [] });
    expect(classify(ORIGINAL).classification).toBe('unchanged');
  });

  it('needs an amendment a cent beyond 25 % of a heading', () => {
    const r = classify({ ...ORIGINAL, travel: 299_999, services: 1_100_001 });
    expect(r.classification).toBe('amendment_required');
    expect(r.headings.find((h) => h.heading === 'travel')!.reasons).toEqual(['over_reallocation_limit']);
    expect(r.headings.find((h) => h.heading === 'services')!.classification).toBe('notice');
  });

  it('counts changes cumulatively against the original amount', () => {
    const afterFirstNotice = { ...ORIGINAL, travel: 340_000, services: 1_060_000 }; // 15 % of travel
    expect(classify(afterFirstNotice).classification).toBe('notice');
    // a second 15 % move of travel: 30 % cumulatively
    const second = classify({ ...afterFirstNotice, travel: 280_000, human_resources: 2_060_000 }, afterFirstNotice);
    expect(second.classification).toBe('amendment_required');
    expect(second.headings.find((h) => h.heading === 'travel')).toMatchObject({ changeCents: -120_000, changeBp: -3000, reasons: ['over_reallocation_limit'] });
    // services, untouched by the second proposal, stays unchanged
    expect(second.headings.find((h) => h.heading === 'services')!.classification).toBe('unchanged');
  });

  it('needs an amendment for a new heading, a change of the total or a capped heading beyond its cap', () => {
    expect(classify({ ...ORIGINAL, services: 990_000, local_office: 10_000 }).headings.find((h) => h.heading === 'local_office')!.reasons).toEqual(['new_heading']);
    const lower = classify({ ...ORIGINAL, travel: 350_000, indirect: 276_500 });
    expect(lower.classification).toBe('amendment_required');
    expect(lower.reasons.map((r) => r.code)).toEqual(['total_changed']);
    // equipment capped at 20 % of direct (800,000): 600,000 + 150,000 (25 %) is fine, +250,000 is beyond the cap and the 25 %
    expect(classify({ ...ORIGINAL, equipment_supplies: 750_000, human_resources: 1_850_000 }).classification).toBe('notice');
    const capped = classify({ ...ORIGINAL, equipment_supplies: 850_000, human_resources: 1_750_000 }, { ...ORIGINAL, equipment_supplies: 750_000, human_resources: 1_850_000 });
    expect(capped.headings.find((h) => h.heading === 'equipment_supplies')!.reasons).toEqual(['over_reallocation_limit', 'over_heading_cap']);
    const tight = { ...RULES, costHeadings: RULES.costHeadings.map((h) => (h.code === 'equipment_supplies' ? { ...h, capPct: 16 } : h)) };
    const capOnly = classifyReallocation({ original: ORIGINAL, current: ORIGINAL, proposed: { ...ORIGINAL, equipment_supplies: 700_000, human_resources: 1_900_000 }, awardedCents: AWARDED, rules: tight });
    expect(capOnly.headings.find((h) => h.heading === 'equipment_supplies')!.reasons).toEqual(['over_heading_cap']);
    expect(capOnly.classification).toBe('amendment_required');
  });

  it('refuses indirect costs above 7 % of direct costs: PRAG holds them ineligible, so no amendment approves them', () => {
    // lowering direct costs alone lifts indirect costs above 7 % of them
    const lowered = classify({ ...ORIGINAL, travel: 350_000 });
    expect(lowered.reasons.map((r) => [r.code, r.classification])).toEqual([['total_changed', 'amendment_required'], ['indirect_over_cap', 'refused']]);
    expect(lowered.classification).toBe('refused');
    const indirect = classify({ ...ORIGINAL, services: 950_000, indirect: 330_000 });
    expect(indirect.reasons.map((r) => r.code)).toEqual(['indirect_over_cap']);
    expect(indirect.classification).toBe('refused');
    // exactly 7 % stays within the cap
    expect(classify({ ...ORIGINAL, services: 1_000_000, travel: 350_000, indirect: 276_500 }).reasons.map((r) => r.code)).toEqual(['total_changed']);
  });

  it('refuses indirect costs above the cap whatever else moves (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000_000 }), fc.integer({ min: 0, max: 400_000 }), (hr, extra) => {
        const direct = hr + 400_000 + 600_000 + 1_000_000;
        const capIndirect = Math.floor((direct * 700) / 10_000);
        const r = classify({ ...ORIGINAL, human_resources: hr, indirect: capIndirect + 1 + extra });
        expect(r.classification).toBe('refused');
        expect(r.reasons.some((x) => x.code === 'indirect_over_cap' && x.classification === 'refused')).toBe(true);
      }),
    );
  });

  it('refuses a total above the award, an ineligible or negative heading, and cutting below what was spent', () => {
    const over = classify({ ...ORIGINAL, travel: 400_001 });
    expect(over.classification).toBe('refused');
    expect(over.reasons.map((r) => r.code)).toEqual(['total_over_awarded', 'total_changed']);
    expect(classify({ ...ORIGINAL, services: 990_000, other: 10_000 }).headings.find((h) => h.heading === 'other')!.reasons).toEqual(['not_eligible', 'new_heading']);
    expect(classify({ ...ORIGINAL, travel: -1, services: 1_400_001 }).classification).toBe('refused');
    const spent = classify({ ...ORIGINAL, travel: 300_000, services: 1_100_000 }, ORIGINAL, { travel: 350_000 });
    expect(spent.headings.find((h) => h.heading === 'travel')!.reasons).toEqual(['below_spent']);
    expect(spent.classification).toBe('refused');
  });

  it('reads the approved lines by heading', () => {
    expect(headingBudgetOf([{ heading: 'travel', approvedCents: 5 }, { heading: 'travel', approvedCents: 7 }, { heading: 'services', approvedCents: 1 }], 0)).toEqual({ travel: 12, services: 1 });
    expect(headingBudgetOf([], 3)).toEqual({ indirect: 3 });
    expect(worseReallocationClass('notice', 'refused')).toBe('refused');
  });

  const pair = fc.constantFrom(['travel', 'services'], ['human_resources', 'travel'], ['services', 'human_resources'], ['equipment_supplies', 'services']) as fc.Arbitrary<[keyof HeadingBudget, keyof HeadingBudget]>;

  it('preserves the total when money only moves, and is a notice exactly within 25 % of both headings (property)', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 400_000 }), ([from, to], x) => {
        const proposed = { ...ORIGINAL, [from]: ORIGINAL[from]! - x, [to]: ORIGINAL[to]! + x };
        const r = classify(proposed);
        expect(r.totals.proposedCents).toBe(r.totals.originalCents);
        expect(r.reasons.some((q) => q.code === 'total_changed' || q.code === 'total_over_awarded')).toBe(false);
        const withinBoth = x * 4 <= ORIGINAL[from]! && x * 4 <= ORIGINAL[to]!;
        const cap = to === 'equipment_supplies' && (ORIGINAL[to]! + x) * 5 > 4_000_000;
        if (x === 0) expect(r.classification).toBe('unchanged');
        else expect(r.classification).toBe(withinBoth && !cap ? 'notice' : 'amendment_required');
      }),
    );
  });

  it('never gets more lenient as the same move grows (property)', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 600_000 }), ([from, to], a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        const move = (n: number) => classify({ ...ORIGINAL, [from]: ORIGINAL[from]! - n, [to]: ORIGINAL[to]! + n }).classification;
        expect(SEVERITY[move(y)]).toBeGreaterThanOrEqual(SEVERITY[move(x)]);
      }),
    );
  });
});
