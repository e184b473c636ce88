import fc from 'fast-check';
import { demoCallDraft } from './demo-call';
import {
  demoEuGrid,
  validateCallForPublication,
  type CallDraft,
  type EvaluationGrid,
  type GridSection,
  type LocalizedText,
} from './call-validation';
import {
  ASSIGNMENT_STATUSES,
  CONSOLIDATION_RULES,
  DEFAULT_DECLARATION_TEXT,
  DEFAULT_RESERVE_LIST_SIZE,
  SHEET_COMMENT_MAX,
  adjustmentProblems,
  canRemoveAssignment,
  canTransitionAssignment,
  compareForRanking,
  consolidate,
  decidedBy,
  evaluationRules,
  evaluationRulesProblems,
  isActiveAssignment,
  planAssignments,
  rankAndFund,
  rankingChanges,
  requiredSheets,
  roundPoints,
  sectionOf,
  sheetProblems,
  sheetTotals,
  thresholdFailures,
  totalsSpread,
  twoClosest,
  type AmountAdjustment,
  type AssignmentPair,
  type AssignmentStatus,
  type ConsolidationRule,
  type RankCandidate,
  type Ranking,
  type SheetComments,
  type SheetScores,
  type SubmittedSheet,
} from './evaluation';

// ---------------------------------------------------------------------------------------------------------
// Fixtures and generators

const t = (s: string): LocalizedText => ({ en: s, sq: s, sr: s });

const section = (id: string, thresholdPoints: number | null, criteria: [string, number][]): GridSection => ({
  id,
  title: t(id),
  thresholdPoints,
  criteria: criteria.map(([cid, maxPoints]) => ({ id: cid, title: t(cid), maxPoints })),
});

/** capacity 10 (threshold 6) + relevance 10 = 20 points, whole points. */
const SMALL: EvaluationGrid = {
  halfPoints: false,
  totalThreshold: null,
  sections: [
    section('capacity', 6, [
      ['c1', 5],
      ['c2', 5],
    ]),
    section('relevance', null, [['r1', 10]]),
  ],
};
const HALF: EvaluationGrid = { ...SMALL, halfPoints: true };
const NO_RELEVANCE: EvaluationGrid = {
  halfPoints: false,
  totalThreshold: null,
  sections: [section('capacity', null, [['c1', 5]])],
};

const criteriaOf = (grid: EvaluationGrid) => grid.sections.flatMap((s) => s.criteria);
const allComments = (grid: EvaluationGrid, text = 'Well argued.'): SheetComments =>
  Object.fromEntries(grid.sections.map((s) => [s.id, text]));
const sheet = (id: string, scores: SheetScores, submittedAt = '2026-05-01T10:00:00Z'): SubmittedSheet => ({
  id,
  scores,
  submittedAt,
});
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedPairs = (ps: readonly AssignmentPair[]) =>
  ps.map((p) => `${p.applicationId}|${p.evaluatorId}`).sort(byString);

/** A grid of 1–4 sections of 1–3 criteria, whole or half points, with or without thresholds. Ids are plain. */
const gridArb: fc.Arbitrary<EvaluationGrid> = fc
  .record({
    halfPoints: fc.boolean(),
    withRelevance: fc.boolean(),
    sections: fc.array(
      fc.record({
        maxima: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }),
        threshold: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    totalThreshold: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  })
  .map(({ halfPoints, withRelevance, sections, totalThreshold }) => {
    const built = sections.map((s, i) => {
      const maxima = s.maxima.map((m) => (halfPoints ? m / 2 : m));
      const max = sum(maxima);
      return section(
        withRelevance && i === 0 ? 'relevance' : `s${i}`,
        s.threshold === null ? null : Math.floor(s.threshold * max),
        maxima.map((m, j) => [`s${i}.c${j}`, m] as [string, number]),
      );
    });
    const total = sum(built.map((s) => sum(s.criteria.map((c) => c.maxPoints))));
    return {
      halfPoints,
      totalThreshold: totalThreshold === null ? null : Math.floor(totalThreshold * total),
      sections: built,
    };
  });

/** A complete sheet within the grid's rules: every criterion in [0, max], in whole or half points. */
const scoresArb = (grid: EvaluationGrid): fc.Arbitrary<SheetScores> =>
  fc
    .tuple(
      ...criteriaOf(grid).map((c) =>
        fc
          .integer({ min: 0, max: grid.halfPoints ? c.maxPoints * 2 : c.maxPoints })
          .map((k) => (grid.halfPoints ? k / 2 : k)),
      ),
    )
    .map((values) => Object.fromEntries(criteriaOf(grid).map((c, i) => [c.id, values[i]!])));

/** A grid with 1–6 submitted sheets on it (ids unique, deliberately not in total order). */
const gridWithSheetsArb = gridArb.chain((grid) =>
  fc
    .array(scoresArb(grid), { minLength: 1, maxLength: 6 })
    .map((all) => ({ grid, sheets: all.map((scores, i) => sheet(`sheet-${(i * 7) % 10}-${i}`, scores)) })),
);

const shuffled = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

// ---------------------------------------------------------------------------------------------------------

describe('evaluationRules', () => {
  it('defaults to the mean of all sheets, ties by relevance, a reserve of 5 and the default declaration', () => {
    const r = evaluationRules({ grid: demoEuGrid(), evaluatorsPerApplication: 2, divergenceThresholdPoints: 20 });
    expect(r).toEqual({
      grid: demoEuGrid(),
      evaluatorsPerApplication: 2,
      divergenceThresholdPoints: 20,
      consolidationRule: 'mean_all',
      tieBreakSectionId: 'relevance',
      reserveListSize: 5,
      declarationText: DEFAULT_DECLARATION_TEXT,
    });
    expect(DEFAULT_RESERVE_LIST_SIZE).toBe(5);
  });

  it('breaks no tie by section when the grid has no relevance section', () => {
    expect(
      evaluationRules({ grid: NO_RELEVANCE, evaluatorsPerApplication: 2, divergenceThresholdPoints: 5 })
        .tieBreakSectionId,
    ).toBeNull();
  });

  it('keeps what the call states, including an explicit null tie-break and a reserve of 0', () => {
    const own = { en: 'I declare.', sq: 'Deklaroj.', sr: 'Izjavljujem.' };
    const r = evaluationRules({
      grid: demoEuGrid(),
      evaluatorsPerApplication: 3,
      divergenceThresholdPoints: 10,
      consolidationRule: 'two_closest',
      tieBreakSectionId: null,
      reserveListSize: 0,
      declarationText: own,
    });
    expect(r).toMatchObject({
      consolidationRule: 'two_closest',
      tieBreakSectionId: null,
      reserveListSize: 0,
      declarationText: own,
      evaluatorsPerApplication: 3,
    });
    expect(
      evaluationRules({
        grid: demoEuGrid(),
        evaluatorsPerApplication: 2,
        divergenceThresholdPoints: 20,
        tieBreakSectionId: 'capacity',
      }).tieBreakSectionId,
    ).toBe('capacity');
    expect(
      evaluationRules({
        grid: demoEuGrid(),
        evaluatorsPerApplication: 2,
        divergenceThresholdPoints: 20,
        declarationText: null,
      }).declarationText,
    ).toBe(DEFAULT_DECLARATION_TEXT);
  });

  it('has a default declaration in all three languages', () => {
    for (const lang of ['en', 'sq', 'sr'] as const)
      expect(DEFAULT_DECLARATION_TEXT[lang].trim().length).toBeGreaterThan(100);
  });
});

describe('evaluationRulesProblems', () => {
  it('accepts absent rules, valid rules and the boundaries of the reserve', () => {
    expect(evaluationRulesProblems({ grid: demoEuGrid() })).toEqual([]);
    for (const rule of CONSOLIDATION_RULES)
      expect(evaluationRulesProblems({ grid: demoEuGrid(), consolidationRule: rule })).toEqual([]);
    expect(evaluationRulesProblems({ grid: demoEuGrid(), tieBreakSectionId: null, reserveListSize: 0 })).toEqual([]);
    expect(
      evaluationRulesProblems({
        grid: demoEuGrid(),
        tieBreakSectionId: 'budget',
        reserveListSize: 1000,
        declarationText: null,
      }),
    ).toEqual([]);
    expect(evaluationRulesProblems({ grid: demoEuGrid(), declarationText: { en: 'a', sq: 'b', sr: 'c' } })).toEqual([]);
  });

  it('names each bad rule', () => {
    expect(
      evaluationRulesProblems({ grid: demoEuGrid(), consolidationRule: 'median' as unknown as ConsolidationRule }),
    ).toEqual([{ field: 'consolidationRule', code: 'invalid_choice' }]);
    expect(evaluationRulesProblems({ grid: demoEuGrid(), tieBreakSectionId: 'nope' })).toEqual([
      { field: 'tieBreakSectionId', code: 'unknown_section' },
    ]);
    expect(evaluationRulesProblems({ grid: NO_RELEVANCE, tieBreakSectionId: 'relevance' })).toEqual([
      { field: 'tieBreakSectionId', code: 'unknown_section' },
    ]);
    expect(evaluationRulesProblems({ tieBreakSectionId: 'relevance' })).toEqual([
      { field: 'tieBreakSectionId', code: 'unknown_section' },
    ]);
    for (const n of [-1, 1001, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(evaluationRulesProblems({ grid: demoEuGrid(), reserveListSize: n })).toEqual([
        { field: 'reserveListSize', code: 'out_of_range' },
      ]);
    }
    expect(evaluationRulesProblems({ grid: demoEuGrid(), declarationText: { en: 'ok', sq: '  ', sr: '' } })).toEqual([
      { field: 'declarationText.sq', code: 'required' },
      { field: 'declarationText.sr', code: 'required' },
    ]);
    expect(
      evaluationRulesProblems({
        grid: demoEuGrid(),
        declarationText: { en: 'ok', sq: 'ok' } as unknown as LocalizedText,
      }),
    ).toEqual([{ field: 'declarationText.sr', code: 'required' }]);
  });

  it('is part of the check before publication, with the same field names', () => {
    const NOW = '2026-03-01T09:00:00Z';
    const good: CallDraft = demoCallDraft('2026-03-02T08:00:00Z');
    expect(
      validateCallForPublication(
        { ...good, consolidationRule: 'two_closest', tieBreakSectionId: null, reserveListSize: 3 },
        NOW,
      ),
    ).toEqual([]);
    const bad: CallDraft = {
      ...good,
      consolidationRule: 'median' as unknown as ConsolidationRule,
      tieBreakSectionId: 'impact',
      reserveListSize: 1001,
      declarationText: { en: ' ', sq: 'Deklaroj.', sr: 'Izjavljujem.' },
    };
    expect(validateCallForPublication(bad, NOW)).toEqual([
      { field: 'consolidationRule', code: 'invalid_choice' },
      { field: 'tieBreakSectionId', code: 'unknown_section' },
      { field: 'reserveListSize', code: 'out_of_range' },
      { field: 'declarationText.en', code: 'required' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('sheetProblems', () => {
  const full: SheetScores = { c1: 5, c2: 0, r1: 7 };

  it('lets a draft leave scores and comments empty, but not a sheet to submit', () => {
    expect(sheetProblems(SMALL, {}, {}, 'draft')).toEqual([]);
    expect(sheetProblems(SMALL, { c1: 3 }, { relevance: 'partial' }, 'draft')).toEqual([]);
    expect(sheetProblems(SMALL, {}, {}, 'submit')).toEqual([
      { field: 'scores.c1', code: 'required' },
      { field: 'scores.c2', code: 'required' },
      { field: 'comments.capacity', code: 'required' },
      { field: 'scores.r1', code: 'required' },
      { field: 'comments.relevance', code: 'required' },
    ]);
    expect(sheetProblems(SMALL, full, allComments(SMALL), 'submit')).toEqual([]);
  });

  it('wants a comment for every section on submit, not just blanks', () => {
    expect(sheetProblems(SMALL, full, { capacity: 'Fine.', relevance: ' \n\t' }, 'submit')).toEqual([
      { field: 'comments.relevance', code: 'required' },
    ]);
    expect(sheetProblems(SMALL, full, { capacity: 'Fine.' }, 'submit')).toEqual([
      { field: 'comments.relevance', code: 'required' },
    ]);
    expect(sheetProblems(SMALL, { ...full, c2: undefined as unknown as number }, allComments(SMALL), 'submit')).toEqual(
      [{ field: 'scores.c2', code: 'required' }],
    );
    expect(sheetProblems(SMALL, { ...full, c2: null as unknown as number }, allComments(SMALL), 'submit')).toEqual([
      { field: 'scores.c2', code: 'required' },
    ]);
  });

  it('refuses a comment longer than the maximum, in draft too', () => {
    const ok = 'x'.repeat(SHEET_COMMENT_MAX);
    const long = 'x'.repeat(SHEET_COMMENT_MAX + 1);
    expect(sheetProblems(SMALL, full, { capacity: ok, relevance: ok }, 'submit')).toEqual([]);
    expect(sheetProblems(SMALL, full, { capacity: long, relevance: ok }, 'submit')).toEqual([
      { field: 'comments.capacity', code: 'too_long' },
    ]);
    expect(sheetProblems(SMALL, {}, { relevance: long }, 'draft')).toEqual([
      { field: 'comments.relevance', code: 'too_long' },
    ]);
  });

  it('keeps every score within 0 and the criterion maximum, and a number', () => {
    expect(sheetProblems(SMALL, { ...full, c1: 5, r1: 10 }, allComments(SMALL), 'submit')).toEqual([]);
    expect(sheetProblems(SMALL, { ...full, c1: 0 }, allComments(SMALL), 'submit')).toEqual([]);
    expect(sheetProblems(SMALL, { c1: 6 }, {}, 'draft')).toEqual([{ field: 'scores.c1', code: 'out_of_range' }]);
    expect(sheetProblems(SMALL, { r1: 11 }, {}, 'draft')).toEqual([{ field: 'scores.r1', code: 'out_of_range' }]);
    expect(sheetProblems(SMALL, { c1: -1 }, {}, 'draft')).toEqual([{ field: 'scores.c1', code: 'out_of_range' }]);
    expect(sheetProblems(HALF, { c1: -0.5 }, {}, 'draft')).toEqual([{ field: 'scores.c1', code: 'out_of_range' }]);
    for (const bad of ['5', Number.NaN, Number.POSITIVE_INFINITY, true, {}] as unknown as number[]) {
      expect(sheetProblems(SMALL, { ...full, c2: bad }, allComments(SMALL), 'submit')).toEqual([
        { field: 'scores.c2', code: 'out_of_range' },
      ]);
    }
  });

  it('refuses half points unless the grid allows them; never quarters', () => {
    expect(sheetProblems(SMALL, { ...full, c1: 2.5 }, allComments(SMALL), 'submit')).toEqual([
      { field: 'scores.c1', code: 'not_whole_points' },
    ]);
    expect(sheetProblems(HALF, { ...full, c1: 2.5, r1: 9.5 }, allComments(HALF), 'submit')).toEqual([]);
    expect(sheetProblems(HALF, { ...full, c1: 2.25 }, allComments(HALF), 'submit')).toEqual([
      { field: 'scores.c1', code: 'not_half_points' },
    ]);
    expect(sheetProblems(HALF, { c1: 5.5 }, {}, 'draft')).toEqual([{ field: 'scores.c1', code: 'out_of_range' }]);
  });

  it('names unknown criteria and sections, sorted', () => {
    expect(
      sheetProblems(SMALL, { ...full, zz: 1, '9.9': 2 }, { ...allComments(SMALL), budget: 'x' }, 'submit'),
    ).toEqual([
      { field: 'scores.9.9', code: 'unknown_criterion' },
      { field: 'scores.zz', code: 'unknown_criterion' },
      { field: 'comments.budget', code: 'unknown_section' },
    ]);
    // a section id is not a criterion id, and the other way round
    expect(sheetProblems(SMALL, { capacity: 3 }, { c1: 'x' }, 'draft')).toEqual([
      { field: 'scores.capacity', code: 'unknown_criterion' },
      { field: 'comments.c1', code: 'unknown_section' },
    ]);
  });

  it('finds no problem in any complete sheet within the grid’s rules (property)', () => {
    fc.assert(
      fc.property(
        gridArb.chain((grid) =>
          fc.tuple(fc.constant(grid), scoresArb(grid), fc.string({ minLength: 0, maxLength: 40 })),
        ),
        ([grid, scores, text]) => {
          expect(sheetProblems(grid, scores, allComments(grid, `C${text}`), 'submit')).toEqual([]);
          expect(sheetProblems(grid, scores, {}, 'draft')).toEqual([]);
        },
      ),
    );
  });

  it('refuses a score above its maximum or off the grid’s steps (property)', () => {
    fc.assert(
      fc.property(
        gridArb.chain((grid) =>
          fc.tuple(
            fc.constant(grid),
            scoresArb(grid),
            fc.nat(),
            fc.integer({ min: 1, max: 10 }),
            fc.constantFrom(0.25, 0.5),
          ),
        ),
        ([grid, scores, pick, over, step]) => {
          const c = criteriaOf(grid)[pick % criteriaOf(grid).length]!;
          expect(sheetProblems(grid, { ...scores, [c.id]: c.maxPoints + over }, allComments(grid), 'submit')).toEqual([
            { field: `scores.${c.id}`, code: 'out_of_range' },
          ]);
          const offStep = Math.max(0, c.maxPoints - 1) + step;
          const allowed = grid.halfPoints ? step === 0.5 : false;
          expect(sheetProblems(grid, { ...scores, [c.id]: offStep }, allComments(grid), 'submit')).toEqual(
            allowed
              ? []
              : [{ field: `scores.${c.id}`, code: grid.halfPoints ? 'not_half_points' : 'not_whole_points' }],
          );
        },
      ),
    );
  });
});

describe('sheetTotals', () => {
  it('adds criteria per section and in total; empty criteria count as 0', () => {
    expect(sheetTotals(SMALL, { c1: 5, c2: 3, r1: 8 })).toEqual({ sections: { capacity: 8, relevance: 8 }, total: 16 });
    expect(sheetTotals(SMALL, {})).toEqual({ sections: { capacity: 0, relevance: 0 }, total: 0 });
    expect(sheetTotals(HALF, { c1: 0.5, c2: 0.5, r1: 0.5 })).toEqual({
      sections: { capacity: 1, relevance: 0.5 },
      total: 1.5,
    });
  });

  it('sums exactly: the total is the sum of sections and of scores (property)', () => {
    fc.assert(
      fc.property(
        gridArb.chain((grid) => fc.tuple(fc.constant(grid), scoresArb(grid))),
        ([grid, scores]) => {
          const { sections, total } = sheetTotals(grid, scores);
          expect(total).toBe(sum(Object.values(sections)));
          expect(total).toBe(sum(Object.values(scores)));
          for (const s of grid.sections) expect(sections[s.id]).toBe(sum(s.criteria.map((c) => scores[c.id]!)));
        },
      ),
    );
  });

  it('reads only the sheet’s own scores, whatever the criterion ids (not Object.prototype)', () => {
    const grid: EvaluationGrid = {
      halfPoints: false,
      totalThreshold: null,
      sections: [
        section('odd', null, [
          ['constructor', 5],
          ['toString', 5],
          ['x', 5],
        ]),
      ],
    };
    expect(sheetTotals(grid, { x: 3 })).toEqual({ sections: { odd: 3 }, total: 3 });
    expect(sheetTotals(grid, { constructor: 2, toString: 1, x: 3 } as unknown as SheetScores)).toEqual({
      sections: { odd: 6 },
      total: 6,
    });
    expect(
      consolidate(
        grid,
        [sheet('a', { x: 3 }), sheet('b', { x: 4, toString: 2 } as unknown as SheetScores)],
        'mean_all',
      ),
    ).toMatchObject({
      criteria: { constructor: 0, toString: 1, x: 3.5 },
      total: 4.5,
    });
    expect(sheetProblems(grid, { x: 3 }, allComments(grid), 'submit')).toEqual([
      { field: 'scores.constructor', code: 'required' },
      { field: 'scores.toString', code: 'required' },
    ]);
  });

  it('finds the section of a criterion', () => {
    expect(sectionOf(demoEuGrid(), '2.3')?.id).toBe('relevance');
    expect(sectionOf(demoEuGrid(), '9.9')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('roundPoints', () => {
  it('rounds half away from zero on the decimal value', () => {
    expect(roundPoints(80.125)).toBe(80.13);
    expect(roundPoints(-80.125)).toBe(-80.13);
    expect(roundPoints(1.005)).toBe(1.01); // 100.49999… in binary
    expect(roundPoints(0.285)).toBe(0.29);
    expect(roundPoints(80.124)).toBe(80.12);
    expect(roundPoints(32 / 3)).toBe(10.67);
    expect(roundPoints(10 / 3)).toBe(3.33);
    expect(roundPoints(0)).toBe(0);
    expect(roundPoints(42)).toBe(42);
  });

  it('equals exact rounding of every mean of half points over up to 12 sheets (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24_000 }), fc.integer({ min: 1, max: 12 }), (k, n) => {
        // x = k / (2n); x·100 = 50k/n; half up = floor((100k + n) / 2n)
        const exact = Math.floor((100 * k + n) / (2 * n)) / 100;
        expect(roundPoints(k / (2 * n))).toBe(exact);
        expect(roundPoints(-k / (2 * n)) + 0).toBe(-exact + 0); // half away from zero; + 0 folds −0 into 0
      }),
    );
  });
});

describe('totalsSpread and requiredSheets', () => {
  it('measures the gap between the highest and the lowest total', () => {
    expect(totalsSpread([])).toBe(0);
    expect(totalsSpread([55])).toBe(0);
    expect(totalsSpread([60, 81.5, 70])).toBe(21.5);
  });

  it('asks for the call’s evaluators, and exactly one more on a divergence above the threshold', () => {
    expect(requiredSheets([], 2, 20)).toBe(2);
    expect(requiredSheets([10], 2, 20)).toBe(2); // a gap among fewer sheets does not count yet
    expect(requiredSheets([50, 70], 2, 20)).toBe(2); // equal to the threshold: no
    expect(requiredSheets([50, 70.5], 2, 20)).toBe(3); // above: one more
    expect(requiredSheets([50, 70.5, 90], 2, 20)).toBe(3); // never a fourth
    expect(requiredSheets([50, 70.5, 60], 2, 20)).toBe(3);
    expect(requiredSheets([10, 90], 1, 20)).toBe(2);
    expect(requiredSheets([0, 100], 3, 20)).toBe(3);
  });

  it('is the evaluators, or one more exactly when the spread is above the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 200 }).map((h) => h / 2),
          { maxLength: 6 },
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 100 }),
        (totals, n, d) => {
          const r = requiredSheets(totals, n, d);
          const diverges = totals.length >= n && Math.max(...totals) - Math.min(...totals) > d;
          expect(r).toBe(diverges ? n + 1 : n);
        },
      ),
    );
  });
});

describe('consolidate', () => {
  // totals 16, 13 and 3
  const A = sheet('s-a', { c1: 5, c2: 3, r1: 8 });
  const B = sheet('s-b', { c1: 4, c2: 2, r1: 7 });
  const C = sheet('s-c', { c1: 1, c2: 1, r1: 1 });

  it('is null without sheets', () => {
    expect(consolidate(SMALL, [], 'mean_all')).toBeNull();
    expect(consolidate(SMALL, [], 'two_closest')).toBeNull();
  });

  it('takes the mean of all sheets per criterion, section and total, in hundredths', () => {
    expect(consolidate(SMALL, [C, A, B], 'mean_all')).toEqual({
      criteria: { c1: 3.33, c2: 2, r1: 5.33 },
      sections: { capacity: 5.33, relevance: 5.33 },
      total: 10.67,
      sheetIds: ['s-a', 's-b', 's-c'],
      spread: 13,
    });
  });

  it('takes the mean of the two closest sheets under that rule, with the spread of all', () => {
    expect(consolidate(SMALL, [C, A, B], 'two_closest')).toEqual({
      criteria: { c1: 4.5, c2: 2.5, r1: 7.5 },
      sections: { capacity: 7, relevance: 7.5 },
      total: 14.5,
      sheetIds: ['s-a', 's-b'],
      spread: 13,
    });
  });

  it('picks the closest pair, the lowest one among equal gaps', () => {
    const at = (id: string, total: number) => sheet(id, { r1: Math.min(10, total), c1: Math.max(0, total - 10) });
    expect(twoClosest(SMALL, [at('x', 2), at('y', 9), at('z', 10), at('w', 15)]).map((s) => s.id)).toEqual(['y', 'z']);
    expect(twoClosest(SMALL, [at('x', 14), at('y', 10), at('z', 12)]).map((s) => s.id)).toEqual(['y', 'z']);
    expect(twoClosest(SMALL, [at('b', 7), at('a', 7), at('c', 7)]).map((s) => s.id)).toEqual(['a', 'b']);
    expect(twoClosest(SMALL, [at('x', 1), at('y', 19)]).map((s) => s.id)).toEqual(['x', 'y']);
  });

  it('rounds the decimal value half away from zero: 80.125 → 80.13', () => {
    const grid: EvaluationGrid = {
      halfPoints: true,
      totalThreshold: null,
      sections: [section('only', null, [['q', 100]])],
    };
    const sheets = [sheet('1', { q: 80 }), sheet('2', { q: 80 }), sheet('3', { q: 80 }), sheet('4', { q: 80.5 })];
    expect(consolidate(grid, sheets, 'mean_all')).toMatchObject({
      criteria: { q: 80.13 },
      sections: { only: 80.13 },
      total: 80.13,
      spread: 0.5,
    });
  });

  const rules = fc.constantFrom<ConsolidationRule>(...CONSOLIDATION_RULES);

  it('lies between the lowest and the highest sheet total (property)', () => {
    fc.assert(
      fc.property(gridWithSheetsArb, rules, ({ grid, sheets }, rule) => {
        const totals = sheets.map((s) => sheetTotals(grid, s.scores).total);
        const c = consolidate(grid, sheets, rule)!;
        expect(c.total).toBeGreaterThanOrEqual(Math.min(...totals));
        expect(c.total).toBeLessThanOrEqual(Math.max(...totals));
        expect(c.spread).toBe(totalsSpread(totals));
        expect(c.sheetIds).toHaveLength(rule === 'mean_all' ? sheets.length : Math.min(2, sheets.length));
        if (rule === 'mean_all') expect(c.total).toBe(roundPoints(sum(totals) / totals.length));
      }),
    );
  });

  it('does not depend on the order of the sheets (property)', () => {
    fc.assert(
      fc.property(
        gridWithSheetsArb.chain(({ grid, sheets }) =>
          fc.tuple(fc.constant(grid), fc.constant(sheets), shuffled(sheets)),
        ),
        rules,
        ([grid, sheets, other], rule) => {
          expect(consolidate(grid, other, rule)).toEqual(consolidate(grid, sheets, rule));
        },
      ),
    );
  });

  it('with one sheet, is that sheet (property)', () => {
    fc.assert(
      fc.property(
        gridArb.chain((grid) => fc.tuple(fc.constant(grid), scoresArb(grid))),
        rules,
        ([grid, scores], rule) => {
          const totals = sheetTotals(grid, scores);
          expect(consolidate(grid, [sheet('only', scores)], rule)).toEqual({
            criteria: scores,
            sections: totals.sections,
            total: totals.total,
            sheetIds: ['only'],
            spread: 0,
          });
        },
      ),
    );
  });

  it('has sections that add up to the total within rounding (property)', () => {
    fc.assert(
      fc.property(gridWithSheetsArb, rules, ({ grid, sheets }, rule) => {
        const c = consolidate(grid, sheets, rule)!;
        const n = grid.sections.length;
        expect(Math.abs(sum(Object.values(c.sections)) - c.total)).toBeLessThanOrEqual(0.01 * n + 1e-9);
        for (const s of grid.sections) {
          expect(Math.abs(sum(s.criteria.map((cr) => c.criteria[cr.id]!)) - c.sections[s.id]!)).toBeLessThanOrEqual(
            0.01 * s.criteria.length + 1e-9,
          );
        }
      }),
    );
  });

  it('with two closest, uses a pair with the smallest gap of all pairs (property)', () => {
    fc.assert(
      fc.property(gridWithSheetsArb, ({ grid, sheets }) => {
        const total = (s: SubmittedSheet) => sheetTotals(grid, s.scores).total;
        const pair = twoClosest(grid, sheets);
        if (sheets.length < 2) return;
        let smallest = Infinity;
        for (let i = 0; i < sheets.length; i++)
          for (let j = i + 1; j < sheets.length; j++)
            smallest = Math.min(smallest, Math.abs(total(sheets[i]!) - total(sheets[j]!)));
        expect(pair).toHaveLength(2);
        expect(pair[0]!.id).not.toBe(pair[1]!.id);
        expect(Math.abs(total(pair[0]!) - total(pair[1]!))).toBe(smallest);
      }),
    );
  });
});

describe('thresholdFailures', () => {
  const grid: EvaluationGrid = { ...demoEuGrid(), totalThreshold: 50 };
  const pts = (capacity: number, total: number) => ({
    sections: { capacity, relevance: 0, effectiveness: 0, sustainability: 0, budget: 0 },
    total,
  });

  it('fails below a section threshold, not at it', () => {
    expect(thresholdFailures(grid, pts(11.99, 60))).toEqual([
      { scope: 'section', sectionId: 'capacity', thresholdPoints: 12, points: 11.99 },
    ]);
    expect(thresholdFailures(grid, pts(12, 60))).toEqual([]);
  });

  it('fails below the total threshold, not at it', () => {
    expect(thresholdFailures(grid, pts(20, 49.5))).toEqual([
      { scope: 'total', sectionId: null, thresholdPoints: 50, points: 49.5 },
    ]);
    expect(thresholdFailures(grid, pts(20, 50))).toEqual([]);
  });

  it('reports both, and a missing section as 0', () => {
    expect(thresholdFailures(grid, pts(0, 0))).toHaveLength(2);
    expect(thresholdFailures(grid, { sections: {}, total: 80 })).toEqual([
      { scope: 'section', sectionId: 'capacity', thresholdPoints: 12, points: 0 },
    ]);
    expect(thresholdFailures(demoEuGrid(), pts(12, 0))).toEqual([]); // no total threshold
  });
});

// ---------------------------------------------------------------------------------------------------------
// Ranking

/** capacity 10 (threshold 5) + relevance 20; total threshold 10. */
const RGRID: EvaluationGrid = {
  halfPoints: true,
  totalThreshold: 10,
  sections: [section('capacity', 5, [['c', 10]]), section('relevance', null, [['r', 20]])],
};
const cand = (
  id: string,
  capacity: number | null,
  relevance = 0,
  requestedCents = 100,
  submittedAt = '2026-04-01T10:00:00Z',
  reference = `REF-${id}`,
): RankCandidate => ({
  applicationId: id,
  reference,
  submittedAt,
  requestedCents,
  points: capacity === null ? null : { sections: { capacity, relevance }, total: capacity + relevance },
});
const fund = (
  candidates: readonly RankCandidate[],
  envelopeCents: number,
  reserveListSize = 5,
  tieBreakSectionId: string | null = 'relevance',
  adjustments?: AmountAdjustment[],
) => rankAndFund(RGRID, candidates, { envelopeCents, reserveListSize, tieBreakSectionId, adjustments });
const ids = (r: Ranking, outcome?: string) =>
  r.rows.filter((row) => outcome === undefined || row.outcome === outcome).map((row) => row.applicationId);

const INSTANTS = ['2026-04-01T08:00:00Z', '2026-04-01T10:00:00+02:00', '2026-04-01T09:00:00Z', '2026-04-02T07:30:00Z'];

type CandidatesArbOptions = { maxLength?: number; pendingFreq?: number };
const candidatesArb = ({ maxLength = 12, pendingFreq = 5 }: CandidatesArbOptions = {}) =>
  fc
    .array(
      fc.record({
        points: fc.option(
          fc.record({
            capacity: fc.integer({ min: 0, max: 20 }).map((h) => h / 2),
            relevance: fc.integer({ min: 0, max: 8 }).map((x) => x * 2.5),
          }),
          { nil: null, freq: pendingFreq },
        ),
        submittedAt: fc.constantFrom(...INSTANTS),
        requestedCents: fc.integer({ min: 1, max: 1000 }),
        reference: fc.constantFrom('R-A', 'R-B', 'R-C', 'R-D'),
      }),
      { maxLength },
    )
    .map((xs) =>
      xs.map((x, i): RankCandidate => ({
        applicationId: `app-${String(i).padStart(2, '0')}`,
        reference: x.reference,
        submittedAt: x.submittedAt,
        requestedCents: x.requestedCents,
        points:
          x.points === null
            ? null
            : {
                sections: { capacity: x.points.capacity, relevance: x.points.relevance },
                total: x.points.capacity + x.points.relevance,
              },
      })),
    );
const optsArb = fc.record({
  envelopeCents: fc.integer({ min: 0, max: 6000 }),
  reserveListSize: fc.integer({ min: 0, max: 4 }),
  tieBreakSectionId: fc.constantFrom<string | null>('relevance', 'capacity', null),
});
const awardedSet = (r: Ranking) => new Set(ids(r, 'awarded'));

describe('compareForRanking and decidedBy', () => {
  it('orders by total, then the tie-break section, then the earlier submission, then the reference', () => {
    const order = compareForRanking('relevance');
    const high = cand('a', 5, 15);
    const sameTotalMoreRelevance = cand('b', 2, 18);
    const earlier = cand('c', 2, 18, 100, '2026-04-01T09:00:00Z');
    const refA = cand('d', 2, 18, 100, '2026-04-01T09:00:00Z', 'MF-001');
    const refB = cand('e', 2, 18, 100, '2026-04-01T11:00:00+02:00', 'MF-002'); // the same instant as refA
    expect(order(high, cand('z', 5, 14))).toBeLessThan(0);
    expect(order(sameTotalMoreRelevance, cand('z', 10, 10))).toBeLessThan(0);
    expect(order(earlier, sameTotalMoreRelevance)).toBeLessThan(0);
    expect(order(refA, refB)).toBeLessThan(0);
    expect(order(refB, refA)).toBeGreaterThan(0);
    expect(order(refA, refA)).toBe(0);
    expect(order(cand('p', null), cand('q', 0, 0))).toBeGreaterThan(0); // not scored after a zero

    expect(decidedBy(high, cand('z', 5, 14), 'relevance')).toBe('total');
    expect(decidedBy(sameTotalMoreRelevance, cand('z', 10, 10), 'relevance')).toBe('section');
    expect(decidedBy(cand('x', 10, 10, 1, INSTANTS[0]), cand('y', 5, 15, 1, INSTANTS[2]), null)).toBe('submission');
    expect(decidedBy(earlier, sameTotalMoreRelevance, 'relevance')).toBe('submission');
    expect(decidedBy(refA, refB, 'relevance')).toBe('reference');
  });

  it('is a total order consistent with decidedBy (property)', () => {
    fc.assert(
      fc.property(
        candidatesArb({ maxLength: 6 }),
        fc.constantFrom<string | null>('relevance', 'capacity', null),
        (cs, tb) => {
          const order = compareForRanking(tb);
          for (const a of cs) {
            for (const b of cs) {
              const ab = order(a, b);
              expect(Math.sign(ab)).toBe(-Math.sign(order(b, a)) || 0);
              if (a !== b) expect(ab).not.toBe(0);
              if (ab < 0) expect(['total', 'section', 'submission', 'reference']).toContain(decidedBy(a, b, tb));
            }
          }
        },
      ),
    );
  });
});

describe('rankAndFund', () => {
  // by total: a 28, b 26, c 24, d 22, e 20; f has the highest total but fails the capacity threshold; g is not scored
  const cs = [
    cand('e', 5, 15, 100),
    cand('c', 9, 15, 300),
    cand('a', 10, 18, 400),
    cand('f', 4.5, 20, 100),
    cand('g', null, 0, 100),
    cand('b', 8, 18, 500),
    cand('d', 7, 15, 100),
  ];

  it('funds down the ranking until the first that does not fit; a reserve, then the rest rejected', () => {
    const r = fund(cs, 1000, 2);
    expect(
      r.rows.map((row) => [row.applicationId, row.rank, row.outcome, row.reason, row.reservePlace, row.awardedCents]),
    ).toEqual([
      ['a', 1, 'awarded', null, null, 400],
      ['b', 2, 'awarded', null, null, 500],
      ['c', 3, 'reserve', null, 1, 0],
      ['d', 4, 'reserve', null, 2, 0], // would fit the 100 left, but the line stops at c
      ['e', 5, 'rejected', 'not_within_envelope', null, 0],
      ['f', null, 'rejected', 'below_threshold', null, 0],
      ['g', null, 'pending', null, null, 0],
    ]);
    expect(r).toMatchObject({ envelopeCents: 1000, awardedCents: 900, remainingCents: 100, pending: 1 });
    expect(r.rows.find((row) => row.applicationId === 'f')!.failures).toEqual([
      { scope: 'section', sectionId: 'capacity', thresholdPoints: 5, points: 4.5 },
    ]);
    expect(r.rows.find((row) => row.applicationId === 'g')!.points).toBeNull();
  });

  it('awards an adjusted amount, which lets the line go further', () => {
    const r = fund(cs, 1000, 2, 'relevance', [
      { applicationId: 'b', amountCents: 250, reason: 'Equipment not needed' },
    ]);
    expect(ids(r, 'awarded')).toEqual(['a', 'b', 'c']);
    const b = r.rows.find((row) => row.applicationId === 'b')!;
    expect(b).toMatchObject({
      awardedCents: 250,
      requestedCents: 500,
      adjustment: { amountCents: 250, reason: 'Equipment not needed' },
    });
    expect(r).toMatchObject({ awardedCents: 950, remainingCents: 50 });
    expect(ids(r, 'reserve')).toEqual(['d', 'e']);
  });

  it('breaks ties by the tie-break section, then the earlier submission, then the reference, and says which', () => {
    const tied = [
      cand('p', 10, 10, 100, '2026-04-01T12:00:00Z', 'MF-9'), // 20, relevance 10
      cand('q', 5, 15, 100, '2026-04-02T12:00:00Z', 'MF-8'), // 20, relevance 15: first
      cand('r', 10, 10, 100, '2026-04-01T09:00:00Z', 'MF-7'), // 20, relevance 10, earlier than p
      cand('s', 10, 10, 100, '2026-04-01T11:00:00+02:00', 'MF-1'), // same instant as r, lower reference
      cand('t', 10, 12.5, 100), // 22.5: alone on its total
    ];
    const r = fund(tied, 10_000);
    expect(r.rows.map((row) => [row.applicationId, row.rank, row.tieBrokenBy])).toEqual([
      ['t', 1, null],
      ['q', 2, null],
      ['s', 3, 'section'],
      ['r', 4, 'reference'],
      ['p', 5, 'submission'],
    ]);
    const noSection = fund(tied, 10_000, 5, null);
    expect(noSection.rows.map((row) => [row.applicationId, row.tieBrokenBy])).toEqual([
      ['t', null],
      ['s', null],
      ['r', 'reference'],
      ['p', 'submission'],
      ['q', 'submission'],
    ]);
  });

  it('rejects a below-threshold application whatever its total, and awards nothing from an empty envelope', () => {
    const r = fund([cand('top', 4.5, 20), cand('low', 5, 5), cand('tot', 5, 4.5)], 0, 1);
    expect(r.rows.map((row) => [row.applicationId, row.outcome, row.reason])).toEqual([
      ['low', 'reserve', null], // 10: equal to the total threshold passes
      ['top', 'rejected', 'below_threshold'], // 24.5, but 4.5 below the capacity threshold of 5
      ['tot', 'rejected', 'below_threshold'], // 9.5 below the total threshold of 10
    ]);
    expect(r.rows[2]!.failures).toEqual([{ scope: 'total', sectionId: null, thresholdPoints: 10, points: 9.5 }]);
    expect(fund([], 1000)).toEqual({
      envelopeCents: 1000,
      rows: [],
      awardedCents: 0,
      remainingCents: 1000,
      pending: 0,
    });
  });

  it('never awards more than the envelope, and the rows add up (property)', () => {
    fc.assert(
      fc.property(candidatesArb(), optsArb, (candidates, opts) => {
        const r = rankAndFund(RGRID, candidates, opts);
        expect(r.awardedCents).toBeLessThanOrEqual(opts.envelopeCents);
        expect(r.awardedCents).toBe(sum(r.rows.map((row) => row.awardedCents)));
        expect(r.remainingCents).toBe(opts.envelopeCents - r.awardedCents);
        expect(r.rows).toHaveLength(candidates.length);
        expect(new Set(ids(r)).size).toBe(candidates.length);
        for (const row of r.rows) expect(row.awardedCents).toBe(row.outcome === 'awarded' ? row.requestedCents : 0);
      }),
    );
  });

  it('never removes an award when money is added (property)', () => {
    fc.assert(
      fc.property(candidatesArb(), optsArb, fc.integer({ min: 0, max: 6000 }), (candidates, opts, more) => {
        const small = awardedSet(rankAndFund(RGRID, candidates, opts));
        const large = awardedSet(rankAndFund(RGRID, candidates, { ...opts, envelopeCents: opts.envelopeCents + more }));
        for (const id of small) expect(large.has(id)).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the candidates (property)', () => {
    fc.assert(
      fc.property(
        candidatesArb().chain((cs2) => fc.tuple(fc.constant(cs2), shuffled(cs2))),
        optsArb,
        ([candidates, other], opts) => {
          expect(rankAndFund(RGRID, other, opts)).toEqual(rankAndFund(RGRID, candidates, opts));
        },
      ),
    );
  });

  it('ranks the fundable 1..n in order, awards a prefix of them and lists a reserve right after it (property)', () => {
    fc.assert(
      fc.property(candidatesArb(), optsArb, (candidates, opts) => {
        const r = rankAndFund(RGRID, candidates, opts);
        const byId = new Map(candidates.map((c) => [c.applicationId, c]));
        const ranked = r.rows.filter((row) => row.rank !== null);
        expect(ranked.map((row) => row.rank)).toEqual(ranked.map((_, i) => i + 1));
        const order = compareForRanking(opts.tieBreakSectionId);
        for (let i = 1; i < ranked.length; i++)
          expect(order(byId.get(ranked[i - 1]!.applicationId)!, byId.get(ranked[i]!.applicationId)!)).toBeLessThan(0);
        // fundable = scored and no threshold failure
        const fundableIds = candidates
          .filter((c) => c.points !== null && thresholdFailures(RGRID, c.points).length === 0)
          .map((c) => c.applicationId);
        expect(ranked.map((row) => row.applicationId).sort(byString)).toEqual(fundableIds.sort(byString));

        const kinds = ranked.map((row) => row.outcome);
        const awarded = kinds.filter((k) => k === 'awarded').length;
        const reserve = kinds.filter((k) => k === 'reserve').length;
        expect(kinds).toEqual([
          ...Array(awarded).fill('awarded'),
          ...Array(reserve).fill('reserve'),
          ...Array(ranked.length - awarded - reserve).fill('rejected'),
        ]);
        expect(reserve).toBe(Math.min(opts.reserveListSize, ranked.length - awarded));
        expect(ranked.filter((row) => row.outcome === 'reserve').map((row) => row.reservePlace)).toEqual(
          Array.from({ length: reserve }, (_, i) => i + 1),
        );
        for (const row of ranked.filter((x) => x.outcome === 'rejected'))
          expect(row.reason).toBe('not_within_envelope');
        for (const row of r.rows.filter((x) => x.outcome !== 'reserve')) expect(row.reservePlace).toBeNull();
        // the first not awarded is the one that did not fit
        const firstOut = ranked[awarded];
        if (firstOut) expect(firstOut.requestedCents).toBeGreaterThan(r.remainingCents);
        // tieBrokenBy only on equal totals
        ranked.forEach((row, i) => {
          const above = ranked[i - 1];
          const tie = above !== undefined && above.points!.total === row.points!.total;
          expect(row.tieBrokenBy).toBe(
            tie
              ? decidedBy(byId.get(above.applicationId)!, byId.get(row.applicationId)!, opts.tieBreakSectionId)
              : null,
          );
        });
      }),
    );
  });

  it('rejects every application below a threshold, whatever its total, and keeps the unscored pending (property)', () => {
    fc.assert(
      fc.property(candidatesArb(), optsArb, (candidates, opts) => {
        const r = rankAndFund(RGRID, candidates, opts);
        const rows = new Map(r.rows.map((row) => [row.applicationId, row]));
        let pending = 0;
        for (const c of candidates) {
          const row = rows.get(c.applicationId)!;
          if (c.points === null) {
            pending += 1;
            expect(row).toMatchObject({ outcome: 'pending', rank: null, reason: null, awardedCents: 0, points: null });
          } else if (thresholdFailures(RGRID, c.points).length > 0) {
            expect(row).toMatchObject({
              outcome: 'rejected',
              reason: 'below_threshold',
              rank: null,
              awardedCents: 0,
              failures: thresholdFailures(RGRID, c.points),
            });
          } else {
            expect(row.rank).not.toBeNull();
            expect(row.failures).toEqual([]);
          }
        }
        expect(r.pending).toBe(pending);
        // rows: ranked, then below threshold, then pending
        const phase = (o: string, rank: number | null) => (rank !== null ? 0 : o === 'rejected' ? 1 : 2);
        const phases = r.rows.map((row) => phase(row.outcome, row.rank));
        expect(phases).toEqual([...phases].sort());
      }),
    );
  });

  it('awards the adjusted (lower) amount and never removes an award for it (property)', () => {
    fc.assert(
      fc.property(
        candidatesArb({ pendingFreq: 10 }),
        optsArb,
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 6 }),
        (candidates, opts, picks) => {
          if (candidates.length === 0) return;
          const adjustments = new Map<string, AmountAdjustment>();
          for (const [i, share] of picks) {
            const c = candidates[i % candidates.length]!;
            adjustments.set(c.applicationId, {
              applicationId: c.applicationId,
              amountCents: Math.max(1, Math.floor(c.requestedCents * share)),
              reason: 'Lower cost',
            });
          }
          const adj = [...adjustments.values()];
          expect(adjustmentProblems(adj, candidates)).toEqual([]);
          const plain = rankAndFund(RGRID, candidates, opts);
          const adjusted = rankAndFund(RGRID, candidates, { ...opts, adjustments: adj });
          for (const id of awardedSet(plain)) expect(awardedSet(adjusted).has(id)).toBe(true);
          expect(adjusted.awardedCents).toBeLessThanOrEqual(opts.envelopeCents);
          for (const row of adjusted.rows) {
            const a = adjustments.get(row.applicationId);
            if (row.outcome === 'awarded') expect(row.awardedCents).toBe(a ? a.amountCents : row.requestedCents);
            if (row.outcome === 'awarded' && a) expect(row.awardedCents).toBeLessThanOrEqual(row.requestedCents);
            if (row.rank !== null)
              expect(row.adjustment).toEqual(a ? { amountCents: a.amountCents, reason: a.reason } : null);
          }
        },
      ),
    );
  });
});

describe('adjustmentProblems', () => {
  const cs = [cand('a', 10, 10, 1000), cand('b', 10, 10, 500)];

  it('accepts lowering, or keeping, the requested amount with a reason', () => {
    expect(
      adjustmentProblems(
        [
          { applicationId: 'a', amountCents: 1, reason: 'Cheaper supplier' },
          { applicationId: 'b', amountCents: 500, reason: 'x' },
        ],
        cs,
      ),
    ).toEqual([]);
    expect(adjustmentProblems([], cs)).toEqual([]);
  });

  it('refuses a raise, zero, a negative or fractional amount, a missing reason, an unknown application and a duplicate', () => {
    expect(
      adjustmentProblems(
        [
          { applicationId: 'a', amountCents: 1001, reason: 'More' },
          { applicationId: 'b', amountCents: 0, reason: '  ' },
          { applicationId: 'zz', amountCents: 10, reason: 'x' },
          { applicationId: 'a', amountCents: 10, reason: 'again' },
        ],
        cs,
      ),
    ).toEqual([
      { field: 'adjustments.0.amountCents', code: 'out_of_range' },
      { field: 'adjustments.1.amountCents', code: 'out_of_range' },
      { field: 'adjustments.1.reason', code: 'required' },
      { field: 'adjustments.2.applicationId', code: 'unknown_application' },
      { field: 'adjustments.3.applicationId', code: 'duplicate' },
    ]);
    expect(adjustmentProblems([{ applicationId: 'a', amountCents: -5, reason: 'x' }], cs)).toEqual([
      { field: 'adjustments.0.amountCents', code: 'out_of_range' },
    ]);
    expect(adjustmentProblems([{ applicationId: 'a', amountCents: 10.5, reason: 'x' }], cs)).toEqual([
      { field: 'adjustments.0.amountCents', code: 'out_of_range' },
    ]);
    expect(
      adjustmentProblems([{ applicationId: 'a', amountCents: 10, reason: undefined as unknown as string }], cs),
    ).toEqual([{ field: 'adjustments.0.reason', code: 'required' }]);
  });
});

describe('rankingChanges', () => {
  const cs = [
    cand('a', 10, 18, 400),
    cand('b', 8, 18, 500),
    cand('c', 9, 15, 300),
    cand('d', 7, 15, 100),
    cand('e', 5, 15, 100),
    cand('g', null),
  ];

  it('reports the applications whose outcome or reserve place changed when the envelope moves', () => {
    const before = fund(cs, 1000, 1);
    const after = fund(cs, 1300, 1);
    expect(rankingChanges(before, after)).toEqual([
      { applicationId: 'c', reference: 'REF-c', from: 'reserve', to: 'awarded' },
      { applicationId: 'd', reference: 'REF-d', from: 'rejected', to: 'awarded' },
      { applicationId: 'e', reference: 'REF-e', from: 'rejected', to: 'reserve' },
    ]);
    expect(rankingChanges(before, before)).toEqual([]);
  });

  it('reports a move on the reserve list even when the outcome stays', () => {
    const before = fund(cs, 900, 3); // a, b awarded; c 1, d 2, e 3
    const after = fund(cs, 1000, 3); // the same: the line stops at c
    expect(rankingChanges(before, after)).toEqual([]);
    const adjusted = fund(cs, 1000, 3, 'relevance', [{ applicationId: 'c', amountCents: 100, reason: 'x' }]); // c awarded; d 1, e 2
    expect(rankingChanges(before, adjusted)).toEqual([
      { applicationId: 'c', reference: 'REF-c', from: 'reserve', to: 'awarded' },
      { applicationId: 'd', reference: 'REF-d', from: 'reserve', to: 'reserve' },
      { applicationId: 'e', reference: 'REF-e', from: 'reserve', to: 'reserve' },
    ]);
  });

  it('reports exactly the changed applications for any two envelopes (property)', () => {
    fc.assert(
      fc.property(candidatesArb(), optsArb, fc.integer({ min: 0, max: 6000 }), (candidates, opts, other) => {
        const before = rankAndFund(RGRID, candidates, opts);
        const after = rankAndFund(RGRID, candidates, { ...opts, envelopeCents: other });
        const prev = new Map(before.rows.map((row) => [row.applicationId, row]));
        const expected = after.rows
          .filter(
            (row) =>
              prev.get(row.applicationId)!.outcome !== row.outcome ||
              prev.get(row.applicationId)!.reservePlace !== row.reservePlace,
          )
          .map((row) => ({
            applicationId: row.applicationId,
            reference: row.reference,
            from: prev.get(row.applicationId)!.outcome,
            to: row.outcome,
          }));
        expect(rankingChanges(before, after)).toEqual(expected);
        if (other === opts.envelopeCents) expect(expected).toEqual([]);
        // only fundable applications ever change with the envelope
        for (const ch of expected) expect(['awarded', 'reserve', 'rejected']).toContain(ch.to);
        for (const ch of expected)
          expect(after.rows.find((row) => row.applicationId === ch.applicationId)!.rank).not.toBeNull();
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------

// The funding line re-run after a decline (it replaced moveUpFromReserve): award.spec.ts

describe('planAssignments', () => {
  it('gives each application the least-loaded evaluators it still needs', () => {
    const plan = planAssignments({
      applications: [{ id: 'x', needed: 2 }],
      evaluators: [
        { id: 'e1', load: 3 },
        { id: 'e2', load: 0 },
        { id: 'e3', load: 1 },
      ],
      existing: [],
    });
    expect(sortedPairs(plan.assignments)).toEqual(['x|e2', 'x|e3']);
    expect(plan.unfilled).toEqual([]);
  });

  it('skips conflicts and every existing pair, and reports what it could not fill', () => {
    const plan = planAssignments({
      applications: [
        { id: 'x', needed: 2 },
        { id: 'y', needed: 1 },
        { id: 'z', needed: 0 },
      ],
      evaluators: [
        { id: 'e1', load: 0 },
        { id: 'e2', load: 0 },
      ],
      existing: [{ applicationId: 'x', evaluatorId: 'e1' }],
      conflicts: [{ applicationId: 'y', evaluatorId: 'e1' }],
    });
    expect(sortedPairs(plan.assignments)).toEqual(['x|e2', 'y|e2']);
    expect(plan.unfilled).toEqual([{ applicationId: 'x', missing: 1 }]);
    expect(planAssignments({ applications: [{ id: 'x', needed: 3 }], evaluators: [], existing: [] })).toEqual({
      assignments: [],
      unfilled: [{ applicationId: 'x', missing: 3 }],
    });
  });

  const planArb = fc
    .record({
      apps: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 7 }),
      loads: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }),
    })
    .chain(({ apps, loads }) => {
      const applications = apps.map((needed, i) => ({ id: `app-${i}`, needed }));
      const evaluators = loads.map((load, i) => ({ id: `ev-${(i * 5) % 7}-${i}`, load }));
      const pairs = applications.flatMap((a) => evaluators.map((e) => ({ applicationId: a.id, evaluatorId: e.id })));
      return fc.record({
        applications: fc.constant(applications),
        evaluators: fc.constant(evaluators),
        existing: fc.subarray(pairs),
        conflicts: fc.subarray(pairs),
      });
    });

  it('never plans a conflicted or an existing pair, nor the same pair twice (property)', () => {
    fc.assert(
      fc.property(planArb, (input) => {
        const plan = planAssignments(input);
        const forbidden = new Set(sortedPairs([...input.existing, ...input.conflicts]));
        const planned = sortedPairs(plan.assignments);
        expect(new Set(planned).size).toBe(planned.length);
        for (const p of planned) expect(forbidden.has(p)).toBe(false);
        const evaluatorIds = new Set(input.evaluators.map((e) => e.id));
        for (const a of plan.assignments) expect(evaluatorIds.has(a.evaluatorId)).toBe(true);
      }),
    );
  });

  it('fills each application when the pool allows, otherwise reports the missing number (property)', () => {
    fc.assert(
      fc.property(planArb, (input) => {
        const plan = planAssignments(input);
        const forbidden = new Set(sortedPairs([...input.existing, ...input.conflicts]));
        for (const app of input.applications) {
          const available = input.evaluators.filter((e) => !forbidden.has(`${app.id}|${e.id}`)).length;
          const got = plan.assignments.filter((a) => a.applicationId === app.id).length;
          expect(got).toBe(Math.min(app.needed, available));
          const unfilled = plan.unfilled.filter((u) => u.applicationId === app.id);
          expect(unfilled).toEqual(
            app.needed > available ? [{ applicationId: app.id, missing: app.needed - available }] : [],
          );
        }
      }),
    );
  });

  it('balances loads to within one with no conflicts and no starting load (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 6 }),
        (needs, evaluatorCount) => {
          const evaluators = Array.from({ length: evaluatorCount }, (_, i) => ({ id: `ev-${i}`, load: 0 }));
          const plan = planAssignments({
            applications: needs.map((needed, i) => ({ id: `app-${i}`, needed })),
            evaluators,
            existing: [],
          });
          const loads = evaluators.map((e) => plan.assignments.filter((a) => a.evaluatorId === e.id).length);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          expect(sum(loads)).toBe(sum(needs.map((n) => Math.min(n, evaluatorCount))));
        },
      ),
    );
  });

  it('does not depend on the order of applications or evaluators (property)', () => {
    fc.assert(
      fc.property(
        planArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            shuffled(input.applications),
            shuffled(input.evaluators),
            shuffled(input.existing),
            shuffled(input.conflicts),
          ),
        ),
        ([input, applications, evaluators, existing, conflicts]) => {
          const a = planAssignments(input);
          const b = planAssignments({ applications, evaluators, existing, conflicts });
          expect(sortedPairs(b.assignments)).toEqual(sortedPairs(a.assignments));
          const u = (plan: typeof a) => [...plan.unfilled].sort((x, y) => byString(x.applicationId, y.applicationId));
          expect(u(b)).toEqual(u(a));
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('the life of an assignment', () => {
  const allowed: Record<AssignmentStatus, AssignmentStatus[]> = {
    assigned: ['accepted', 'conflict', 'removed'],
    accepted: ['submitted', 'conflict', 'removed'],
    submitted: ['accepted'],
    conflict: [],
    removed: ['assigned'],
  };

  it('allows exactly the listed transitions', () => {
    for (const from of ASSIGNMENT_STATUSES) {
      for (const to of ASSIGNMENT_STATUSES)
        expect([from, to, canTransitionAssignment(from, to)]).toEqual([from, to, allowed[from].includes(to)]);
    }
    expect(canTransitionAssignment('bogus' as AssignmentStatus, 'accepted')).toBe(false);
  });

  it('counts assigned, accepted and submitted as active; conflict is final, removed only comes back by hand', () => {
    expect(ASSIGNMENT_STATUSES.filter(isActiveAssignment)).toEqual(['assigned', 'accepted', 'submitted']);
    for (const s of ASSIGNMENT_STATUSES.filter((x) => !isActiveAssignment(x) && x !== 'removed'))
      expect(ASSIGNMENT_STATUSES.some((to) => canTransitionAssignment(s, to))).toBe(false);
  });

  it('lets the Secretariat remove an assignment only before scoring starts', () => {
    expect(canRemoveAssignment('assigned', false)).toBe(true);
    expect(canRemoveAssignment('accepted', false)).toBe(true);
    expect(canRemoveAssignment('accepted', true)).toBe(false);
    for (const s of ['submitted', 'conflict', 'removed'] as const) {
      expect(canRemoveAssignment(s, false)).toBe(false);
      expect(canRemoveAssignment(s, true)).toBe(false);
    }
  });
});
