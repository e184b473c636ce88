import fc from 'fast-check';
import { BENEFICIARY_BREAKDOWN_KEYS, BENEFICIARY_BREAKDOWNS, beneficiaryDisclosures, type BeneficiaryTable } from './beneficiary-counts';
import { MUNICIPALITY_CODES } from './municipalities';
import {
  beneficiaryTableFromCells,
  grantBurn,
  indicatorResult,
  moneyTotals,
  nsLineage,
  portfolioBeneficiaries,
  portfolioBurn,
  resultsByObjective,
  rollUpMoney,
  type GrantMoney,
  type ResultRow,
} from './portfolio';

const money = (m: Partial<GrantMoney>): GrantMoney => ({ awardedCents: 0, contractedCents: 0, paidCents: 0, paidToDateCents: 0, spentCents: 0, acceptedCents: 0, recoveredCents: 0, ...m });

describe('portfolio money', () => {
  it('adds up each figure exactly and remaining grant by grant', () => {
    const a = money({ awardedCents: 4_000_000, contractedCents: 4_000_000, paidCents: 1_000_000, paidToDateCents: 1_600_000, spentCents: 900_000, acceptedCents: 800_000 });
    const b = money({ awardedCents: 2_500_001, contractedCents: 2_500_000, paidCents: 2_700_000, paidToDateCents: 2_700_000, recoveredCents: 150_000 });
    expect(moneyTotals([a, b])).toEqual({
      awardedCents: 6_500_001, contractedCents: 6_500_000, paidCents: 3_700_000, spentCents: 900_000, acceptedCents: 800_000,
      // 2.4m still to pay on a; b was overpaid (recovered since), its remaining is 0, not −200,000
      remainingCents: 2_400_000, recoveredCents: 150_000,
    });
  });

  it('groups by key with the grants behind each group', () => {
    const rows = [
      { grantId: 'g1', call: 'c1', ...money({ paidCents: 5 }) },
      { grantId: 'g2', call: 'c2', ...money({ paidCents: 7 }) },
      { grantId: 'g3', call: 'c1', ...money({ paidCents: 11 }) },
    ];
    expect(rollUpMoney(rows, (r) => r.call).map((g) => [g.key, g.money.paidCents, g.grantIds])).toEqual([['c1', 16, ['g1', 'g3']], ['c2', 7, ['g2']]]);
  });

  it('adds an award waiting for its grant to awarded, with no grant behind it', () => {
    const rows: ({ grantId: string | null; call: string } & ReturnType<typeof money>)[] = [
      { grantId: 'g1', call: 'c1', ...money({ contractedCents: 900, paidToDateCents: 400 }) },
      { grantId: 'g1', call: 'c1', ...money({ awardedCents: 1_000 }) },
      { grantId: null, call: 'c1', ...money({ awardedCents: 300 }) },
      { grantId: null, call: 'c2', ...money({ awardedCents: 50 }) },
    ];
    expect(rollUpMoney(rows, (r) => r.call).map((g) => [g.key, g.money.awardedCents, g.money.contractedCents, g.money.remainingCents, g.grantIds]))
      .toEqual([['c1', 1_300, 900, 500, ['g1']], ['c2', 50, 0, 0, []]]);
  });

  it('refuses a fraction of a cent or a negative amount', () => {
    expect(() => moneyTotals([money({ paidCents: 1.5 })])).toThrow(RangeError);
    expect(() => moneyTotals([money({ spentCents: -1 })])).toThrow(RangeError);
  });

  const cents = fc.integer({ min: 0, max: 1_000_000_000 });
  const grantMoney = fc.record({ awardedCents: cents, contractedCents: cents, paidCents: cents, paidToDateCents: cents, spentCents: cents, acceptedCents: cents, recoveredCents: cents });

  it('property: the groups add up to the totals, whatever the grouping', () => {
    fc.assert(fc.property(fc.array(fc.tuple(grantMoney, fc.integer({ min: 0, max: 4 })), { maxLength: 30 }), (rows) => {
      const withIds = rows.map(([m, k], i) => ({ ...m, grantId: `g${i}`, k: String(k) }));
      const groups = rollUpMoney(withIds, (r) => r.k);
      const total = moneyTotals(withIds);
      for (const key of ['awardedCents', 'contractedCents', 'paidCents', 'spentCents', 'acceptedCents', 'remainingCents', 'recoveredCents'] as const) {
        expect(groups.reduce((s, g) => s + g.money[key], 0)).toBe(total[key]);
      }
      expect(groups.flatMap((g) => g.grantIds).sort()).toEqual(withIds.map((r) => r.grantId).sort());
      expect(total.remainingCents).toBeLessThanOrEqual(total.contractedCents);
      expect(Number.isSafeInteger(total.remainingCents)).toBe(true);
    }));
  });
});

describe('burn rate', () => {
  const g = { contractedCents: 1_000_000, startDate: '2026-01-01', endDate: '2026-12-31' };

  it('is ahead, behind or on track against the time elapsed', () => {
    // 2026-07-02 is day 183 of 365: 5013 bp of the time
    expect(grantBurn({ ...g, acceptedCents: 500_000 }, '2026-07-02')).toEqual({ spentBp: 5_000, elapsedBp: 5_013, gapBp: -13, pace: 'on_track' });
    expect(grantBurn({ ...g, acceptedCents: 100_000 }, '2026-07-02').pace).toBe('behind');
    expect(grantBurn({ ...g, acceptedCents: 900_000 }, '2026-07-02').pace).toBe('ahead');
    expect(grantBurn({ ...g, acceptedCents: 0 }, '2025-12-01').pace).toBe('not_started');
    expect(grantBurn({ ...g, contractedCents: 0, acceptedCents: 0 }, '2026-07-02')).toEqual({ spentBp: null, elapsedBp: 5_013, gapBp: null, pace: 'none' });
  });

  it('weights the portfolio\'s time by the contracted amounts', () => {
    const big = { contractedCents: 3_000_000, acceptedCents: 0, startDate: '2026-01-01', endDate: '2026-01-10' }; // over: 10,000 bp
    const small = { contractedCents: 1_000_000, acceptedCents: 1_000_000, startDate: '2026-02-01', endDate: '2026-02-10' }; // not started: 0 bp
    const p = portfolioBurn([big, small], '2026-01-20');
    expect(p.spentBp).toBe(2_500);
    expect(p.elapsedBp).toBe(7_500);
    expect(p.gapBp).toBe(-5_000);
    expect(p.pace).toBe('behind');
    expect(p.paces).toEqual({ ahead: 0, behind: 1, on_track: 0, not_started: 1, none: 0 });
  });

  it('property: shares are integers from 0, the elapsed share within 0–10,000, and the gap their difference', () => {
    const day = fc.integer({ min: 0, max: 2_000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000_000_000 }), day, day, day, (c, a, d1, d2, asOf) => {
      const [startDate, endDate] = d1 <= d2 ? [d1, d2] : [d2, d1];
      const b = grantBurn({ contractedCents: c, acceptedCents: a, startDate, endDate }, asOf);
      expect(Number.isInteger(b.spentBp)).toBe(true);
      expect(b.elapsedBp).toBeGreaterThanOrEqual(0);
      expect(b.elapsedBp).toBeLessThanOrEqual(10_000);
      expect(b.gapBp).toBe(b.spentBp! - b.elapsedBp);
      // towards zero: the share never claims more than was accepted
      expect(BigInt(b.spentBp!) * BigInt(c)).toBeLessThanOrEqual(BigInt(a) * 10_000n);
    }));
  });
});

describe('results by objective', () => {
  it('reads an indicator through indicatorProgress, capping over-achievement and counting non-numeric targets', () => {
    expect(indicatorResult({ baseline: '0', target: '40' }, 10_000)).toEqual({ averaged: true, progressBp: 2_500, achieved: false });
    expect(indicatorResult({ baseline: '0', target: '40' }, 60_000)).toEqual({ averaged: true, progressBp: 10_000, achieved: true });
    expect(indicatorResult({ baseline: '30%', target: '10%' }, 20_000)).toEqual({ averaged: true, progressBp: 5_000, achieved: false });
    expect(indicatorResult({ baseline: 'none', target: 'A referral protocol adopted' }, null)).toEqual({ averaged: false, progressBp: null, achieved: false });
    expect(indicatorResult({ baseline: '0', target: '40' }, null).averaged).toBe(false);
  });

  it('gives an objective and the objectives above it', () => {
    expect(nsLineage('III.2.4')).toEqual(['III', 'III.2', 'III.2.4']);
    expect(nsLineage('III.2')).toEqual(['III', 'III.2']);
    expect(nsLineage('II')).toEqual(['II']);
  });

  it('adds results up to the specific and the strategic objective, in Strategy order, the untied last', () => {
    const row = (nsCode: string | null, progressBp: number | null, grantId: string, reportId: string, achieved = false): ResultRow =>
      ({ nsCode, averaged: progressBp !== null, progressBp, achieved, grantId, reportId });
    const out = resultsByObjective([
      row('III.2.4', 10_000, 'g1', 'r1', true),
      row('III.2', 5_000, 'g1', 'r1'),
      row('III.4', null, 'g2', 'r2'),
      row('II.1', 2_001, 'g3', 'r3'),
      row(null, 3_000, 'g4', 'r4'),
      row('not a code', 1_000, 'g4', 'r4'),
    ]);
    expect(out.map((o) => [o.code, o.level, o.indicators, o.averaged, o.achieved, o.averageProgressBp])).toEqual([
      ['II', 'strategic', 1, 1, 0, 2_001],
      ['II.1', 'specific', 1, 1, 0, 2_001],
      ['III', 'strategic', 3, 2, 1, 7_500],
      ['III.2', 'specific', 2, 2, 1, 7_500],
      ['III.2.4', 'activity', 1, 1, 1, 10_000],
      ['III.4', 'specific', 1, 0, 0, null],
      [null, null, 2, 2, 0, 2_000],
    ]);
    expect(out.find((o) => o.code === 'III')).toMatchObject({ grantIds: ['g1', 'g2'], reportIds: ['r1', 'r2'] });
  });

  it('property: a strategic objective counts exactly the indicators of the codes under it, and each indicator once at its own level', () => {
    const codes = ['I', 'I.1', 'III', 'III.2', 'III.2.4', 'III.4', 'V.1', null];
    const rowArb = fc.record({
      nsCode: fc.constantFrom(...codes), progressBp: fc.option(fc.integer({ min: 0, max: 10_000 })), achieved: fc.boolean(),
      grantId: fc.constantFrom('g1', 'g2', 'g3'), reportId: fc.constantFrom('r1', 'r2'),
    }).map((r) => ({ ...r, averaged: r.progressBp !== null }) as ResultRow);
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
      const out = resultsByObjective(rows);
      const strategic = out.filter((o) => o.level === 'strategic').reduce((s, o) => s + o.indicators, 0);
      const untied = out.find((o) => o.code === null)?.indicators ?? 0;
      expect(strategic + untied).toBe(rows.length);
      for (const o of out) {
        expect(o.achieved).toBeLessThanOrEqual(o.indicators);
        if (o.averageProgressBp !== null) {
          expect(o.averageProgressBp).toBeGreaterThanOrEqual(0);
          expect(o.averageProgressBp).toBeLessThanOrEqual(10_000);
        }
      }
    }));
  });
});

/** A consistent table: every breakdown shares out the same `total` people. */
const tableArb = (maxTotal: number, municipalities: readonly string[]): fc.Arbitrary<BeneficiaryTable> =>
  fc.integer({ min: 0, max: maxTotal }).chain((total) => {
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
      byMunicipality: share(municipalities),
    }) as fc.Arbitrary<BeneficiaryTable>;
  });

describe('portfolio beneficiaries', () => {
  const cellsOf = (t: BeneficiaryTable) =>
    BENEFICIARY_BREAKDOWNS.flatMap((b) => Object.entries(t[b] as Record<string, number>).filter(([, n]) => n > 0).map(([key, count]) => ({ breakdown: b, key, count })));

  it('rebuilds a table from its stored cells, the total from the sex cells', () => {
    const t = beneficiaryTableFromCells([
      { breakdown: 'bySex', key: 'female', count: 10 }, { breakdown: 'bySex', key: 'male', count: 2 },
      { breakdown: 'byAge', key: '18-24', count: 12 }, { breakdown: 'byIntake', key: 'new', count: 12 },
      { breakdown: 'byService', key: 'shelter', count: 12 }, { breakdown: 'byMunicipality', key: 'prizren', count: 12 },
    ]);
    expect(t).toEqual({ total: 12, bySex: { female: 10, male: 2 }, byAge: { '18-24': 12 }, byIntake: { new: 12 }, byService: { shelter: 12 }, byMunicipality: { prizren: 12 } });
  });

  it('shows 1 to 4 as "<5" and hides a second cell so the total does not give it back', () => {
    const t = beneficiaryTableFromCells([
      { breakdown: 'bySex', key: 'female', count: 10 }, { breakdown: 'bySex', key: 'male', count: 2 },
      { breakdown: 'byAge', key: '18-24', count: 12 }, { breakdown: 'byIntake', key: 'new', count: 12 },
      { breakdown: 'byService', key: 'shelter', count: 12 }, { breakdown: 'byMunicipality', key: 'prizren', count: 12 },
    ]);
    const shown = portfolioBeneficiaries([t]);
    expect(shown.bySex.male).toEqual({ shown: '<5', reason: 'small_count' });
    expect(typeof shown.bySex.female === 'number' && typeof shown.total === 'number').toBe(false);
    expect(beneficiaryDisclosures(shown)).toEqual([]);
  });

  it('property: no combination of the published cells of an aggregate, totals included, gives a count from 1 to 4', () => {
    const tables = fc.array(fc.oneof(tableArb(8, ['prishtina', 'prizren', 'peja']), tableArb(40, MUNICIPALITY_CODES.slice(0, 6)), tableArb(120, MUNICIPALITY_CODES)), { maxLength: 5 });
    fc.assert(fc.property(tables, (ts) => {
      const shown = portfolioBeneficiaries(ts);
      expect(beneficiaryDisclosures(shown)).toEqual([]);
      const visible = [shown.total, ...BENEFICIARY_BREAKDOWNS.flatMap((b) => Object.values(shown[b]))].filter((v): v is number => typeof v === 'number');
      for (const v of visible) expect(v === 0 || v >= 5).toBe(true);
      // the stored cells of every report, summed, rebuild the same aggregate
      const rebuilt = beneficiaryTableFromCells(ts.flatMap(cellsOf));
      expect(portfolioBeneficiaries([rebuilt])).toEqual(shown);
    }), { numRuns: 300 });
  });
});
