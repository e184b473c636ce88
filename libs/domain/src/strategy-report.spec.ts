import fc from 'fast-check';
import { BENEFICIARY_BREAKDOWN_KEYS, BENEFICIARY_BREAKDOWNS, beneficiaryDisclosures, type BeneficiaryTable, type ShownBeneficiaryTable } from './beneficiary-counts';
import { compareNsCodes, nsWithin } from './national-strategy';
import {
  canTransitionStrategyReport, draftStrategyReport, grantNsCodes, isStrategyReportEditable, isStrategyReportPeriod, logframeKeySpecificObjectiveIndex,
  normalizeStrategyNarrative, strategyNarrativeProblems, strategyReportCanonical, strategyReportPeriod, strategyReportPeriodProblems,
  type StrategyDraftInput, type StrategyGrantRow,
} from './strategy-report';

const lf = (...tags: (string | null)[]) => ({
  specificObjectives: tags.map((nsObjective, i) => ({
    nsObjective,
    results: [{
      indicators: [{ name: `People reached ${i + 1}`, unit: 'people', baseline: '0', target: '40' }],
      activities: [{ code: `A${i + 1}.1` }, { code: `A${i + 1}.2` }],
    }],
  })),
});

const grant = (id: string, over: Partial<StrategyGrantRow> = {}): StrategyGrantRow => ({
  grantId: id, agreementNumber: `MF-${id}`, organizationName: `Org ${id}`, callReference: 'CFP-1', startDate: '2026-01-01', endDate: '2026-12-31',
  logframe: lf('III.2'), callPriorityObjectives: ['III.2', 'III.4'], amountCents: 1_000_000, paidCents: 800_000, reportedCents: 300_000, acceptedCents: 200_000, ...over,
});

const table = (sex: { female: number; male: number }, municipality = 'prishtina'): BeneficiaryTable => {
  const total = sex.female + sex.male;
  return { total, bySex: sex, byAge: { '25-59': total }, byIntake: { new: total }, byService: { shelter: total }, byMunicipality: { [municipality]: total } };
};

const input = (over: Partial<StrategyDraftInput> = {}): StrategyDraftInput => ({
  kind: 'six_month', periodStart: '2026-01-01', periodEnd: '2026-06-30', grants: [], indicators: [], beneficiaries: [], activities: [], difficulties: [], lessons: [], ...over,
});

const isRawSmall = (v: unknown) => typeof v === 'number' && v > 0 && v < 5;
const shownCells = (t: ShownBeneficiaryTable) => [t.total, ...BENEFICIARY_BREAKDOWNS.flatMap((b) => Object.values(t[b]))];

describe('strategy report life', () => {
  it('goes draft → issued and never back; only a draft is editable', () => {
    expect(canTransitionStrategyReport('draft', 'issued')).toBe(true);
    expect(canTransitionStrategyReport('issued', 'draft')).toBe(false);
    expect(canTransitionStrategyReport('issued', 'issued')).toBe(false);
    expect(isStrategyReportEditable('draft')).toBe(true);
    expect(isStrategyReportEditable('issued')).toBe(false);
  });
});

describe('strategy report periods', () => {
  it('has two halves and the calendar year', () => {
    expect(strategyReportPeriod('six_month', 2026, 1)).toEqual({ kind: 'six_month', year: 2026, half: 1, start: '2026-01-01', end: '2026-06-30' });
    expect(strategyReportPeriod('six_month', 2025, 2)).toMatchObject({ start: '2025-07-01', end: '2025-12-31' });
    expect(strategyReportPeriod('annual', 2024)).toMatchObject({ start: '2024-01-01', end: '2024-12-31', half: null });
  });

  it('names what is wrong with a period', () => {
    expect(strategyReportPeriodProblems({ kind: 'quarterly', year: 2026 })).toEqual([{ field: 'kind', code: 'invalid' }]);
    expect(strategyReportPeriodProblems({ kind: 'six_month', year: 2026 })).toEqual([{ field: 'half', code: 'required' }]);
    expect(strategyReportPeriodProblems({ kind: 'annual', year: 2026, half: 1 })).toEqual([{ field: 'half', code: 'not_for_annual' }]);
    expect(strategyReportPeriodProblems({ kind: 'annual', year: 2031 }).map((p) => p.code)).toEqual(['outside_strategy']);
    expect(strategyReportPeriodProblems({ kind: 'annual', year: 2021.5 }).map((p) => p.code)).toEqual(['outside_strategy']);
    expect(strategyReportPeriodProblems({ kind: 'six_month', year: 2026, half: 2 }, '2026-06-30')).toEqual([{ field: 'year', code: 'period_not_started', params: { start: '2026-07-01' } }]);
    expect(strategyReportPeriodProblems({ kind: 'six_month', year: 2026, half: 2 }, '2026-07-01')).toEqual([]);
    expect(() => strategyReportPeriod('six_month', 2026, null)).toThrow(RangeError);
  });

  it('recognises exactly the periods it makes (property)', () => {
    fc.assert(fc.property(fc.constantFrom('six_month' as const, 'annual' as const), fc.integer({ min: 2022, max: 2026 }), fc.constantFrom(1 as const, 2 as const),
      fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 364 }), (kind, year, half, a, b) => {
        const p = strategyReportPeriod(kind, year, kind === 'annual' ? null : half);
        expect(isStrategyReportPeriod(kind, p.start, p.end)).toBe(true);
        expect(p.start <= p.end).toBe(true);
        const day = (n: number) => new Date(Date.UTC(year, 0, 1 + n)).toISOString().slice(0, 10);
        const [s, e] = [day(Math.min(a, b)), day(Math.max(a, b))];
        expect(isStrategyReportPeriod(kind, s, e)).toBe(s === p.start && e === p.end);
      }));
  });
});

describe('where a grant counts', () => {
  it('takes each specific objective’s tag, else the call’s single priority, else not tied', () => {
    expect(grantNsCodes(lf('III.2.4', 'III.4'), ['III.2', 'III.4'])).toEqual({ codes: ['III.2.4', 'III.4'], untied: false });
    expect(grantNsCodes(lf(null), ['III.4'])).toEqual({ codes: ['III.4'], untied: false });
    expect(grantNsCodes(lf(null, 'III.2'), ['III.2', 'III.4'])).toEqual({ codes: ['III.2'], untied: true });
    expect(grantNsCodes({ specificObjectives: [] }, ['III.2'])).toEqual({ codes: ['III.2'], untied: false });
    expect(grantNsCodes(null, [])).toEqual({ codes: [], untied: true });
  });

  it('finds the specific objective of an indicator or activity key', () => {
    const l = lf('III.2', 'III.4');
    expect(logframeKeySpecificObjectiveIndex(l, 'so.2.result.1.indicator.1')).toBe(1);
    expect(logframeKeySpecificObjectiveIndex(l, 'activity.A2.2')).toBe(1);
    expect(logframeKeySpecificObjectiveIndex(l, 'activity.Z9')).toBeNull();
    expect(logframeKeySpecificObjectiveIndex(l, 'overall')).toBeNull();
  });
});

describe('drafting the report', () => {
  const g1 = grant('1', { logframe: lf('III.2.4') });
  const g2 = grant('2', { logframe: lf('III.2', 'III.4'), amountCents: 2_000_000, paidCents: 1_000_000, reportedCents: 500_000, acceptedCents: 500_000 });
  const g3 = grant('3', { logframe: lf(null), callPriorityObjectives: ['III.2', 'III.4'] });
  const figures = draftStrategyReport(input({
    grants: [g3, g2, g1],
    indicators: [
      { grantId: '1', reportPeriodEnd: '2026-03-31', indicatorKey: 'so.1.result.1.indicator.1', periodValue: 10_000, cumulativeValue: 10_000 },
      { grantId: '1', reportPeriodEnd: '2026-06-30', indicatorKey: 'so.1.result.1.indicator.1', periodValue: 12_500, cumulativeValue: 22_500 },
      { grantId: '2', reportPeriodEnd: '2026-06-30', indicatorKey: 'so.2.result.1.indicator.1', periodValue: 40_000, cumulativeValue: 40_000 },
      { grantId: 'unknown', reportPeriodEnd: '2026-06-30', indicatorKey: 'so.1.result.1.indicator.1', periodValue: 1, cumulativeValue: 1 },
    ],
    beneficiaries: [
      { grantId: '1', reportId: 'r1', table: table({ female: 3, male: 0 }) },
      { grantId: '2', reportId: 'r2', table: table({ female: 10, male: 6 }, 'prizren') },
      { grantId: '3', reportId: 'r3', table: table({ female: 2, male: 1 }) },
    ],
    activities: [
      { grantId: '1', reportPeriodEnd: '2026-03-31', activityKey: 'activity.A1.1', status: 2 },
      { grantId: '1', reportPeriodEnd: '2026-06-30', activityKey: 'activity.A1.1', status: 4 },
      { grantId: '1', reportPeriodEnd: '2026-06-30', activityKey: 'activity.A1.2', status: null },
      { grantId: '2', reportPeriodEnd: '2026-06-30', activityKey: 'activity.A2.1', status: 1 },
    ],
    difficulties: [
      { grantId: '2', source: 'visit', date: '2026-05-10', rating: 3, reasons: ' Shelter staff left ', correctiveActions: 'Recruitment plan' },
      { grantId: '1', source: 'report', date: '2026-06-30', text: 'Referrals slowed down' },
      { grantId: '1', source: 'report', date: '2026-06-30', text: '   ' },
    ],
    lessons: [{ grantId: '3', date: '2026-06-30', text: 'Family mediation works best early' }],
  }));
  const section = (code: string | null) => figures.sections.find((s) => s.code === code)!;

  it('orders sections strategic → specific in Strategy order, the untied ones last', () => {
    expect(figures.sections.map((s) => s.code)).toEqual(['III', 'III.2', 'III.4', null]);
    expect(figures.sections.map((s) => s.level)).toEqual(['strategic', 'specific', 'specific', 'none']);
  });

  it('lists the grants contributing, with the codes they serve under the section', () => {
    expect(section('III').grants.map((g) => g.grantId)).toEqual(['1', '2']);
    expect(section('III.2').grants.map((g) => [g.grantId, g.codes])).toEqual([['1', ['III.2.4']], ['2', ['III.2']]]);
    expect(section('III.4').grants.map((g) => g.grantId)).toEqual(['2']);
    expect(section(null).grants.map((g) => g.grantId)).toEqual(['3']);
  });

  it('adds the money of the grants in each section, each grant once in the totals', () => {
    expect(section('III').money).toEqual({ amountCents: 3_000_000, paidCents: 1_800_000, reportedCents: 800_000, acceptedCents: 700_000 });
    expect(section('III.4').money.amountCents).toBe(2_000_000);
    expect(figures.totals.money).toEqual({ amountCents: 4_000_000, paidCents: 2_600_000, reportedCents: 1_100_000, acceptedCents: 900_000 });
    expect(figures.totals.grants).toBe(3);
  });

  it('adds up the period’s indicator values, keeps the latest cumulative one, and lists each where its objective is', () => {
    const [ind] = section('III.2').indicators;
    expect(ind).toMatchObject({ grantId: '1', code: 'III.2.4', periodValue: '22.5', cumulativeValue: '22.5', target: '40', progressBp: 5625, achieved: false });
    expect(section('III.4').indicators).toEqual([expect.objectContaining({ grantId: '2', achieved: true, progressBp: 10_000 })]);
    expect(section('III').indicators).toEqual([]);
    expect(section('III').indicatorSummary).toEqual({ count: 2, achieved: 1, behind: 0 });
    expect(section(null).indicators).toEqual([]);
  });

  it('counts each activity once by its latest status', () => {
    expect(section('III.2').activities).toEqual({ notStarted: 0, ongoing: 0, started: 0, completed: 1, notSaid: 1 });
    expect(section('III.4').activities).toEqual({ notStarted: 1, ongoing: 0, started: 0, completed: 0, notSaid: 0 });
    expect(figures.totals.activities).toEqual({ notStarted: 1, ongoing: 0, started: 0, completed: 1, notSaid: 1 });
  });

  it('never shows a beneficiary count from 1 to 4', () => {
    expect(section(null).beneficiaries!.total).toMatchObject({ shown: '<5' });
    expect(section(null).beneficiaries!.bySex.female).toEqual({ shown: '<5', reason: 'small_total' });
    expect(section('III.4').beneficiaries!.total).toBe(16);
    expect(section('III').beneficiaries!.total).toBe(19);
    expect(section('III').beneficiaries!.bySex.male).toBe(6);
    expect(figures.totals.beneficiaries!.total).toBe(22);
    for (const t of [...figures.sections.map((s) => s.beneficiaries!), figures.totals.beneficiaries!]) {
      expect(shownCells(t).filter(isRawSmall)).toEqual([]);
      expect(beneficiaryDisclosures(t)).toEqual([]);
    }
  });

  it('lists difficulties and lessons where the grant’s own objectives are, without blanks', () => {
    expect(section('III.2').difficulties.map((d) => [d.grantId, d.source, d.rating, d.text, d.correctiveActions])).toEqual([
      ['2', 'visit', 3, 'Shelter staff left', 'Recruitment plan'], ['1', 'report', null, 'Referrals slowed down', null],
    ]);
    expect(section('III.4').difficulties.map((d) => d.grantId)).toEqual(['2']);
    expect(section('III').difficulties).toEqual([]);
    expect(section(null).lessons.map((l) => l.text)).toEqual(['Family mediation works best early']);
    expect(figures.totals).toMatchObject({ difficulties: 2, lessons: 1 });
  });

  it('gives the same figures and hash for the same rows in any order', () => {
    const again = draftStrategyReport(input({
      grants: [g1, g2, g3],
      indicators: [
        { grantId: '2', reportPeriodEnd: '2026-06-30', indicatorKey: 'so.2.result.1.indicator.1', periodValue: 40_000, cumulativeValue: 40_000 },
        { grantId: '1', reportPeriodEnd: '2026-06-30', indicatorKey: 'so.1.result.1.indicator.1', periodValue: 12_500, cumulativeValue: 22_500 },
        { grantId: '1', reportPeriodEnd: '2026-03-31', indicatorKey: 'so.1.result.1.indicator.1', periodValue: 10_000, cumulativeValue: 10_000 },
      ],
      beneficiaries: [
        { grantId: '3', reportId: 'r3', table: table({ female: 2, male: 1 }) },
        { grantId: '2', reportId: 'r2', table: table({ female: 10, male: 6 }, 'prizren') },
        { grantId: '1', reportId: 'r1', table: table({ female: 3, male: 0 }) },
      ],
      activities: [
        { grantId: '2', reportPeriodEnd: '2026-06-30', activityKey: 'activity.A2.1', status: 1 },
        { grantId: '1', reportPeriodEnd: '2026-06-30', activityKey: 'activity.A1.2', status: null },
        { grantId: '1', reportPeriodEnd: '2026-06-30', activityKey: 'activity.A1.1', status: 4 },
        { grantId: '1', reportPeriodEnd: '2026-03-31', activityKey: 'activity.A1.1', status: 2 },
      ],
      difficulties: [
        { grantId: '1', source: 'report', date: '2026-06-30', text: 'Referrals slowed down' },
        { grantId: '2', source: 'visit', date: '2026-05-10', rating: 3, reasons: 'Shelter staff left', correctiveActions: 'Recruitment plan' },
      ],
      lessons: [{ grantId: '3', date: '2026-06-30', text: 'Family mediation works best early' }],
    }));
    expect(again).toEqual(figures);
    const narrative = { introduction: 'Intro', conclusions: '', objectives: { 'III.2': 'Text' } };
    const r = { kind: 'six_month' as const, periodStart: '2026-01-01', periodEnd: '2026-06-30', narrative };
    expect(strategyReportCanonical({ ...r, figures: again })).toBe(strategyReportCanonical({ ...r, figures, narrative: { ...narrative, objectives: { 'III.2': 'Text', 'III.4': '  ' } } }));
    expect(strategyReportCanonical({ ...r, figures })).not.toBe(strategyReportCanonical({ ...r, figures, narrative: { ...narrative, introduction: 'Intro.' } }));
  });

  it('refuses money that is not whole cents', () => {
    expect(() => draftStrategyReport(input({ grants: [grant('x', { paidCents: 10.5 })] }))).toThrow(RangeError);
  });
});

describe('the Secretariat’s narrative', () => {
  it('names each field that is wrong', () => {
    expect(strategyNarrativeProblems({ introduction: 'x', conclusions: 'y', objectives: { 'III.2': 'ok', none: 'ok' } })).toEqual([]);
    expect(strategyNarrativeProblems({ introduction: 5, extra: 1, objectives: { 'IX.1': 'x', 'III.4': 'x'.repeat(20_001) } })).toEqual([
      { field: 'narrative.extra', code: 'unknown_key' },
      { field: 'narrative.introduction', code: 'not_text' },
      { field: 'narrative.objectives.IX.1', code: 'unknown_objective' },
      { field: 'narrative.objectives.III.4', code: 'too_long', params: { max: 20_000 } },
    ]);
    expect(strategyNarrativeProblems([])).toEqual([{ field: 'narrative', code: 'not_object' }]);
  });

  it('leaves blank objective texts out', () => {
    expect(normalizeStrategyNarrative({ objectives: { 'III.4': ' ', 'III.2': 'a' } })).toEqual({ introduction: '', conclusions: '', objectives: { 'III.2': 'a' } });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over random portfolios

const CODES = ['I.1', 'II', 'III', 'III.1', 'III.2', 'III.2.4', 'III.4', 'III.4.2', 'V.1'];
const tagArb = fc.option(fc.constantFrom(...CODES), { nil: null });

const tableArb: fc.Arbitrary<BeneficiaryTable> = fc.integer({ min: 0, max: 14 }).chain((total) => {
  const share = (keys: readonly string[]) =>
    fc.array(fc.integer({ min: 0, max: keys.length - 1 }), { minLength: total, maxLength: total }).map((picks) => {
      const cells: Record<string, number> = {};
      for (const i of picks) cells[keys[i]] = (cells[keys[i]] ?? 0) + 1;
      return cells;
    });
  return fc.record({
    total: fc.constant(total),
    bySex: share(BENEFICIARY_BREAKDOWN_KEYS.bySex),
    byAge: share(BENEFICIARY_BREAKDOWN_KEYS.byAge),
    byIntake: share(BENEFICIARY_BREAKDOWN_KEYS.byIntake),
    byService: share(BENEFICIARY_BREAKDOWN_KEYS.byService),
    byMunicipality: share(['prishtina', 'prizren', 'peja']),
  }) as fc.Arbitrary<BeneficiaryTable>;
});

const portfolioArb = fc.array(
  fc.record({
    tags: fc.array(tagArb, { minLength: 0, maxLength: 3 }),
    priorities: fc.array(fc.constantFrom('III.2', 'III.4', 'II.1'), { maxLength: 2 }),
    amount: fc.integer({ min: 0, max: 6_000_000 }),
    paid: fc.integer({ min: 0, max: 6_000_000 }),
    tables: fc.array(tableArb, { maxLength: 2 }),
    status: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  }),
  { maxLength: 8 },
).map((gs) => {
  const grants = gs.map((g, i) => grant(String(i), { logframe: lf(...g.tags), callPriorityObjectives: g.priorities, amountCents: g.amount, paidCents: g.paid, reportedCents: 0, acceptedCents: 0 }));
  return input({
    grants,
    beneficiaries: gs.flatMap((g, i) => g.tables.map((t, j) => ({ grantId: String(i), reportId: `r${i}.${j}`, table: t }))),
    activities: gs.flatMap((g, i) => g.tags.map((_, k) => ({ grantId: String(i), reportPeriodEnd: '2026-06-30', activityKey: `activity.A${k + 1}.1`, status: g.status }))),
    difficulties: gs.map((_, i) => ({ grantId: String(i), source: 'visit' as const, date: '2026-04-01', rating: 2 as const, reasons: `r${i}`, correctiveActions: `c${i}` })),
  });
});

describe('strategy report properties', () => {
  it('never publishes a beneficiary count a reader can work out to be 1 to 4, in any section or the totals', () => {
    fc.assert(fc.property(portfolioArb, (inp) => {
      const f = draftStrategyReport(inp);
      for (const t of [f.totals.beneficiaries, ...f.sections.map((s) => s.beneficiaries)]) {
        if (!t) continue;
        expect(shownCells(t).filter(isRawSmall)).toEqual([]);
        expect(beneficiaryDisclosures(t)).toEqual([]);
      }
    }), { numRuns: 200 });
  });

  it('puts every grant in a section, sections in Strategy order, a strategic section holding its specific ones', () => {
    fc.assert(fc.property(portfolioArb, (inp) => {
      const f = draftStrategyReport(inp);
      const codes = f.sections.map((s) => s.code);
      const named = codes.filter((c): c is string => c !== null);
      expect([...named].sort(compareNsCodes)).toEqual(named);
      expect(codes.indexOf(null)).toBeLessThanOrEqual(codes.length === 0 ? -1 : codes.length - 1);
      if (codes.includes(null)) expect(codes[codes.length - 1]).toBeNull();
      const seen = new Set(f.sections.flatMap((s) => s.grants.map((g) => g.grantId)));
      expect([...seen].sort()).toEqual(inp.grants.map((g) => g.grantId).sort());
      for (const s of f.sections.filter((x) => x.level === 'specific')) {
        const parent = f.sections.find((x) => x.level === 'strategic' && nsWithin(s.code!, x.code!));
        expect(parent).toBeDefined();
        for (const g of s.grants) expect(parent!.grants.map((x) => x.grantId)).toContain(g.grantId);
        expect(parent!.money.amountCents).toBeGreaterThanOrEqual(s.money.amountCents);
      }
      // each grant once in the totals; a section never more than the totals
      expect(f.totals.money.amountCents).toBe(inp.grants.reduce((n, g) => n + g.amountCents, 0));
      for (const s of f.sections) expect(s.money.paidCents).toBeLessThanOrEqual(f.totals.money.paidCents);
      // activities: the totals count each activity once
      const total = Object.values(f.totals.activities).reduce((n, v) => n + v, 0);
      expect(total).toBe(inp.activities.length);
    }), { numRuns: 200 });
  });
});
