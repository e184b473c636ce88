import fc from 'fast-check';
import {
  aggregateBeneficiaryTables,
  BENEFICIARY_BREAKDOWN_KEYS,
  BENEFICIARY_BREAKDOWNS,
  beneficiaryCell,
  beneficiaryCountProblems,
  beneficiaryDisclosures,
  suppressBeneficiaryTable,
  type BeneficiaryBreakdown,
  type BeneficiaryTable,
  type ShownBeneficiaryTable,
} from './beneficiary-counts';
import { MUNICIPALITY_CODES } from './municipalities';

const table = (t: Partial<BeneficiaryTable> & { total: number }): BeneficiaryTable => ({ bySex: {}, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {}, ...t });

/** 13 people: 3 women, 10 men. */
const thirteen = table({
  total: 13,
  bySex: { female: 3, male: 10 },
  byAge: { '0-17': 2, '18-24': 6, '25-59': 5 },
  byIntake: { new: 8, continuing: 5 },
  byService: { shelter: 7, legal_aid: 6 },
  byMunicipality: { prishtina: 13 },
});

/** A consistent table: each breakdown shares out the same people, `size` of them, among its cells. */
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

// small tables (where the small counts are) over a few municipalities, and bigger ones over all 38
const anyTable = fc.oneof(tableArb(12, ['prishtina', 'prizren']), tableArb(40, MUNICIPALITY_CODES.slice(0, 5)), tableArb(150, MUNICIPALITY_CODES));

function suppressedCells(shown: ShownBeneficiaryTable, b: BeneficiaryBreakdown): string[] {
  return BENEFICIARY_BREAKDOWN_KEYS[b].filter((k) => typeof shown[b][k] !== 'number');
}

describe('beneficiaryCountProblems', () => {
  it('accepts a table whose breakdowns each add up to the total, cells left out counting 0', () => {
    expect(beneficiaryCountProblems(thirteen)).toEqual([]);
    expect(beneficiaryCountProblems(table({ total: 0 }))).toEqual([]);
    expect(beneficiaryCountProblems({ total: 0 })).toEqual([]);
  });

  it('says which breakdown does not add up, with its sum and the total', () => {
    const t = { ...thirteen, byAge: { '0-17': 2, '18-24': 6, '25-59': 4 }, byService: { shelter: 13, legal_aid: 6 } };
    expect(beneficiaryCountProblems(t)).toEqual([
      { field: 'byAge', code: 'sum_mismatch', params: { sum: 12, total: 13 } },
      // one person, one main service: services add up to the total like the other breakdowns
      { field: 'byService', code: 'sum_mismatch', params: { sum: 19, total: 13 } },
    ]);
    expect(beneficiaryCountProblems({ total: 5 }).map((p) => p.field)).toEqual([...BENEFICIARY_BREAKDOWNS]);
  });

  it('refuses what is not a whole number of people, at the cell', () => {
    const t = { ...thirteen, total: 13, bySex: { female: 2.5, male: 10, other: 0.5 }, byAge: { ...thirteen.byAge, '18-24': -1 }, byIntake: { new: '8', continuing: 5 } };
    expect(beneficiaryCountProblems(t)).toEqual([
      { field: 'bySex.female', code: 'not_count' },
      { field: 'bySex.other', code: 'not_count' },
      { field: 'byAge.18-24', code: 'not_count' },
      { field: 'byIntake.new', code: 'not_count' },
    ]);
    expect(beneficiaryCountProblems({ ...thirteen, total: null })).toEqual([{ field: 'total', code: 'not_count' }]);
    expect(beneficiaryCountProblems({ ...thirteen, total: Number.NaN })).toEqual([{ field: 'total', code: 'not_count' }]);
  });

  it('refuses keys it does not know: a sex, a band, a service, a municipality or a breakdown', () => {
    const t = {
      ...thirteen,
      bySex: { female: 3, male: 10, unknown: 0 },
      byAge: { ...thirteen.byAge, '65+': 0 },
      byService: { ...thirteen.byService, counselling: 0 },
      byMunicipality: { prishtina: 13, belgrade: 0 },
      byNationality: { XK: 13 },
    };
    expect(beneficiaryCountProblems(t)).toEqual([
      { field: 'byNationality', code: 'unknown_key' },
      { field: 'bySex.unknown', code: 'unknown_key' },
      { field: 'byAge.65+', code: 'unknown_key' },
      { field: 'byService.counselling', code: 'unknown_key' },
      { field: 'byMunicipality.belgrade', code: 'unknown_key' },
    ]);
    expect(beneficiaryCountProblems(null)).toEqual([{ field: '', code: 'not_object' }]);
    expect(beneficiaryCountProblems({ ...thirteen, bySex: [3, 10] })).toEqual([{ field: 'bySex', code: 'not_object' }]);
  });

  it('property: accepts every consistent table, and refuses it once a cell has moved, on that breakdown', () => {
    fc.assert(
      fc.property(anyTable, fc.constantFrom(...BENEFICIARY_BREAKDOWNS), fc.nat(), fc.integer({ min: 1, max: 5 }), (t, b, pick, d) => {
        expect(beneficiaryCountProblems(t)).toEqual([]);
        const keys = BENEFICIARY_BREAKDOWN_KEYS[b];
        const key = keys[pick % keys.length];
        const before = beneficiaryCell(t, b, key);
        const after = before >= d ? before - d : before + d;
        const moved = { ...t, [b]: { ...t[b], [key]: after } };
        expect(beneficiaryCountProblems(moved)).toEqual([{ field: b, code: 'sum_mismatch', params: { sum: t.total - before + after, total: t.total } }]);
      }),
    );
  });
});

describe('suppressBeneficiaryTable', () => {
  it('shows counts of 5 or more and 0 as they are when nothing small is in the table', () => {
    const t = table({ total: 10, bySex: { female: 10 }, byAge: { '25-59': 10 }, byIntake: { new: 5, continuing: 5 }, byService: { shelter: 10 }, byMunicipality: { peja: 10 } });
    const shown = suppressBeneficiaryTable(t);
    expect(shown.total).toBe(10);
    expect(shown.bySex).toEqual({ female: 10, male: 0, other: 0 });
    expect(shown.byIntake).toEqual({ new: 5, continuing: 5 });
    expect(Object.keys(shown.byMunicipality)).toHaveLength(38);
  });

  it('hides 1 to 4 as "<5" and, so that 13 − 10 does not give the 3 back, the smallest visible cell too', () => {
    const shown = suppressBeneficiaryTable(thirteen);
    expect(shown.total).toBe(13);
    expect(shown.bySex).toEqual({ female: { shown: '<5', reason: 'small_count' }, male: { shown: 'c', reason: 'complementary' }, other: 0 });
    // 2 is "<5"; of 6 and 5 the smallest, 5, is hidden with it
    expect(shown.byAge).toEqual({ '0-17': { shown: '<5', reason: 'small_count' }, '18-24': 6, '25-59': { shown: 'c', reason: 'complementary' }, '60+': 0 });
    expect(shown.byIntake).toEqual({ new: 8, continuing: 5 });
    expect(shown.byService.shelter).toBe(7);
    expect(shown.byMunicipality.prishtina).toBe(13);
    expect(beneficiaryDisclosures(shown)).toEqual([]);
  });

  it('the reader model: with "<5" alone, 13 − 10 gives the 3 women back', () => {
    const naive = suppressBeneficiaryTable(thirteen);
    naive.bySex.male = 10;
    naive.byAge['25-59'] = 5;
    expect(beneficiaryDisclosures(naive)).toEqual([
      { breakdown: 'bySex', key: 'female', value: 3 },
      { breakdown: 'byAge', key: '0-17', value: 2 },
    ]);
  });

  it('two "<5" are not enough when they can only be 1 and 1, or 4 and 4: another cell goes', () => {
    const ones = table({ total: 7, bySex: { female: 1, male: 1, other: 5 }, byAge: { '18-24': 7 }, byIntake: { new: 7 }, byService: { shelter: 7 }, byMunicipality: { gjilan: 7 } });
    const shown = suppressBeneficiaryTable(ones);
    // 7 − 5 = 2 = 1 + 1 would have given both away
    expect(shown.bySex.other).toEqual({ shown: 'c', reason: 'complementary' });
    expect(beneficiaryDisclosures(shown)).toEqual([]);
  });

  it('1 next to 5 is given away even with the 5 hidden (a hidden cell is 0 or 5 or more): the hiding goes on until nothing is', () => {
    const t = table({ total: 6, bySex: { female: 1, male: 5 }, byAge: { '18-24': 6 }, byIntake: { new: 6 }, byService: { shelter: 6 }, byMunicipality: { gjilan: 6 } });
    const shown = suppressBeneficiaryTable(t);
    expect(shown.bySex.female).toEqual({ shown: '<5', reason: 'small_count' });
    expect(typeof shown.total).not.toBe('number');
    expect(beneficiaryDisclosures(shown)).toEqual([]);
  });

  it('a total from 1 to 4 hides the whole table, 0s included', () => {
    const t = table({ total: 4, bySex: { female: 4 }, byAge: { '0-17': 1, '18-24': 1, '25-59': 1, '60+': 1 }, byIntake: { new: 4 }, byService: { shelter: 4 }, byMunicipality: { prizren: 4 } });
    const shown = suppressBeneficiaryTable(t);
    expect(shown.total).toEqual({ shown: '<5', reason: 'small_count' });
    expect(shown.bySex.male).toEqual({ shown: '<5', reason: 'small_total' });
    expect(shown.byAge['60+']).toEqual({ shown: '<5', reason: 'small_total' });
    expect(beneficiaryDisclosures(shown)).toEqual([]);
  });

  it('withholds the whole table when its "<5"s alone give a count away (found by the property below, seed 401089246)', () => {
    const eight = table({
      total: 8,
      bySex: { female: 8 },
      byAge: { '0-17': 8 },
      byIntake: { new: 4, continuing: 4 },
      byService: { psychological_support: 8 },
      byMunicipality: { decan: 1, 'mitrovica-north': 1, ferizaj: 1, dragash: 1, 'fushe-kosova': 1, drenas: 1, gjakova: 1, gjilan: 1 },
    });
    const shown = suppressBeneficiaryTable(eight);
    expect(shown.total).toEqual({ shown: 'c', reason: 'withheld' });
    expect(shown.byIntake.new).toEqual({ shown: 'c', reason: 'withheld' });
    expect(shown.byMunicipality.gjilan).toEqual({ shown: 'c', reason: 'withheld' });
    expect(beneficiaryDisclosures(shown)).toEqual([]);
    expect(suppressBeneficiaryTable(eight)).toEqual(shown);
  });

  it('refuses a table that does not add up rather than showing it', () => {
    expect(() => suppressBeneficiaryTable({ ...thirteen, total: 14 })).toThrow(RangeError);
  });

  it('property: nothing from 1 to 4 is visible, and no hidden count can be worked out from the total and the visible cells', () => {
    fc.assert(
      fc.property(anyTable, (t) => {
        const shown = suppressBeneficiaryTable(t);
        expect(beneficiaryDisclosures(shown)).toEqual([]);
        if (typeof shown.total === 'number') expect(shown.total === 0 || shown.total >= 5).toBe(true);
        for (const b of BENEFICIARY_BREAKDOWNS) {
          for (const k of BENEFICIARY_BREAKDOWN_KEYS[b]) {
            const v = shown[b][k];
            if (typeof v === 'number') expect(v === 0 || v >= 5).toBe(true);
          }
          // one hidden cell alone would be the total minus the others
          const hidden = suppressedCells(shown, b);
          if (hidden.length === 1) expect(typeof shown.total).not.toBe('number');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: a visible number is the count as reported, "<5" stands for 1 to 4, and the same table is always shown the same way', () => {
    fc.assert(
      fc.property(anyTable, (t) => {
        const shown = suppressBeneficiaryTable(t);
        const cells: [unknown, number][] = [[shown.total, t.total]];
        for (const b of BENEFICIARY_BREAKDOWNS) for (const k of BENEFICIARY_BREAKDOWN_KEYS[b]) cells.push([shown[b][k], beneficiaryCell(t, b, k)]);
        for (const [v, n] of cells) {
          if (typeof v === 'number') expect(v).toBe(n);
          else if ((v as { reason: string }).reason === 'small_count') expect(n >= 1 && n <= 4).toBe(true);
          else if ((v as { reason: string }).reason === 'small_total') expect(t.total >= 1 && t.total <= 4).toBe(true);
          else if ((v as { reason: string }).reason === 'withheld') expect((shown.total as { reason: string }).reason).toBe('withheld');
          else expect(n === 0 || n >= 5).toBe(true);
        }
        expect(suppressBeneficiaryTable(t)).toEqual(shown);
      }),
      { numRuns: 200 },
    );
  });
});

describe('aggregateBeneficiaryTables', () => {
  it('adds up cell by cell, exactly, and the portfolio is suppressed on the sum', () => {
    const a = table({ total: 3, bySex: { female: 3 }, byAge: { '18-24': 3 }, byIntake: { new: 3 }, byService: { shelter: 3 }, byMunicipality: { peja: 3 } });
    const b = table({ total: 4, bySex: { female: 2, male: 2 }, byAge: { '18-24': 4 }, byIntake: { continuing: 4 }, byService: { shelter: 4 }, byMunicipality: { peja: 4 } });
    const sum = aggregateBeneficiaryTables([a, b]);
    expect(sum).toEqual(table({ total: 7, bySex: { female: 5, male: 2 }, byAge: { '18-24': 7 }, byIntake: { new: 3, continuing: 4 }, byService: { shelter: 7 }, byMunicipality: { peja: 7 } }));
    const shown = suppressBeneficiaryTable(sum);
    expect(shown.byAge['18-24']).toBe(7);
    expect(shown.bySex.male).toEqual({ shown: '<5', reason: 'small_count' });
    expect(beneficiaryDisclosures(shown)).toEqual([]);
    expect(aggregateBeneficiaryTables([])).toEqual(table({ total: 0 }));
  });

  it('refuses a table that does not add up', () => {
    expect(() => aggregateBeneficiaryTables([thirteen, { ...thirteen, total: 12 }])).toThrow(RangeError);
  });

  it('property: the aggregate is consistent, its total is the sum of the totals, each cell the sum of the cells', () => {
    fc.assert(
      fc.property(fc.array(anyTable, { maxLength: 6 }), (tables) => {
        const sum = aggregateBeneficiaryTables(tables);
        expect(beneficiaryCountProblems(sum)).toEqual([]);
        expect(sum.total).toBe(tables.reduce((s, t) => s + t.total, 0));
        for (const b of BENEFICIARY_BREAKDOWNS)
          for (const k of BENEFICIARY_BREAKDOWN_KEYS[b]) expect(beneficiaryCell(sum, b, k)).toBe(tables.reduce((s, t) => s + beneficiaryCell(t, b, k), 0));
        expect(beneficiaryDisclosures(suppressBeneficiaryTable(sum))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
