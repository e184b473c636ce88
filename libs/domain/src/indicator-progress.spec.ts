import fc from 'fast-check';
import {
  elapsedShareBp,
  INDICATOR_BEHIND_TOLERANCE_BP,
  INDICATOR_PROGRESS_MAX_BP,
  indicatorProblems,
  indicatorProgress,
  indicatorValueToString,
  parseIndicatorValue,
} from './indicator-progress';

const scaled = (v: string | number) => {
  const p = parseIndicatorValue(v);
  if (!p.ok) throw new Error(`unreadable ${v}`);
  return p.scaled;
};

describe('parseIndicatorValue', () => {
  it.each([
    [12, 12_000],
    ['12', 12_000],
    ['12,5', 12_500],
    ['12.5', 12_500],
    [12.5, 12_500],
    ['0,1', 100],
    ['1.234,5', 1_234_500],
    ['1,234.5', 1_234_500],
    ['1.250.000', 1_250_000_000],
    ['1 250,75', 1_250_750],
    ['1\u00a0250', 1_250_000],
    ['35%', 35_000],
    ['35 %', 35_000],
    ['1,250', 1_250],
    ['-2,5', -2_500],
    ['0', 0],
    [',5', 500],
    ['007', 7_000],
  ])('reads %p as %p', (v, expected) => {
    expect(parseIndicatorValue(v)).toEqual({ ok: true, scaled: expected });
  });

  it('is exact where floats are not', () => {
    expect(scaled('0,1') + scaled('0,2')).toBe(scaled('0,3'));
  });

  it.each([
    [null, 'required'],
    [undefined, 'required'],
    ['', 'required'],
    ['  ', 'required'],
    ['twelve', 'not_a_number'],
    ['12a', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['1,23.4,5', 'not_a_number'],
    ['12,', 'ok'],
    ['1,2345', 'too_precise'],
    [Number.NaN, 'not_a_number'],
    [Infinity, 'not_a_number'],
    [1e21, 'not_a_number'],
    ['99999999999999999', 'not_a_number'],
  ])('%p → %p', (v, code) => {
    const p = parseIndicatorValue(v as string | number | null | undefined);
    if (code === 'ok') expect(p.ok).toBe(true);
    else expect(p).toEqual({ ok: false, code });
  });

  it('round-trips through indicatorValueToString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseIndicatorValue(indicatorValueToString(n))).toEqual({ ok: true, scaled: n === 0 ? 0 : n });
      }),
    );
    expect(indicatorValueToString(1_500)).toBe('1.5');
    expect(indicatorValueToString(-20)).toBe('-0.02');
    expect(indicatorValueToString(12_000)).toBe('12');
  });
});

describe('elapsedShareBp', () => {
  const grant = { startDate: '2027-01-01', endDate: '2027-12-31' };
  it('counts days inclusive, towards zero, within 0..10,000', () => {
    expect(elapsedShareBp(grant, '2026-12-31')).toBe(0);
    expect(elapsedShareBp(grant, '2027-01-01')).toBe(Math.floor(10_000 / 365));
    expect(elapsedShareBp(grant, '2027-07-02')).toBe(Math.floor((183 * 10_000) / 365));
    expect(elapsedShareBp(grant, '2027-12-31')).toBe(10_000);
    expect(elapsedShareBp(grant, '2030-01-01')).toBe(10_000);
  });
  it('refuses dates that are not dates', () => {
    expect(() => elapsedShareBp(grant, '2027-02-30')).toThrow(RangeError);
    expect(() => elapsedShareBp({ startDate: '2027-02-01', endDate: '2027-01-01' }, '2027-01-15')).toThrow(RangeError);
  });
});

describe('indicatorProgress', () => {
  const women = { baseline: 0, target: '120' };

  it('measures the way from baseline to target covered by the cumulative value', () => {
    const p = indicatorProgress(women, { periodValue: '30', cumulativeValue: '45' }, 5_000);
    expect(p).toEqual({
      baseline: 0,
      target: 120_000,
      periodValue: 30_000,
      cumulativeValue: 45_000,
      direction: 'increase',
      progressBp: 3_750,
      achieved: false,
      elapsedBp: 5_000,
      gapBp: -1_250,
      behind: false,
    });
  });

  it('starts from the baseline, not from zero', () => {
    // 40 trained staff before the project; target 60; 50 now: half way
    expect(indicatorProgress({ baseline: '40', target: '60' }, { cumulativeValue: 50 }, 5_000).progressBp).toBe(5_000);
    expect(indicatorProgress({ baseline: '40', target: '60' }, { cumulativeValue: 30 }, 5_000).progressBp).toBe(0);
  });

  it('measures a decreasing indicator downwards, with decimal commas', () => {
    // drop-out rate from 30,5% to 10,5%: at 20,5% half the way is covered
    const p = indicatorProgress({ baseline: '30,5%', target: '10,5%' }, { cumulativeValue: '20,5' }, 5_000);
    expect(p).toMatchObject({ direction: 'decrease', progressBp: 5_000, achieved: false, behind: false });
    expect(indicatorProgress({ baseline: '30,5%', target: '10,5%' }, { cumulativeValue: '9' }, 5_000)).toMatchObject({ achieved: true });
  });

  it('shows over-achievement up to a ceiling', () => {
    expect(indicatorProgress(women, { cumulativeValue: 144 }, 10_000)).toMatchObject({ progressBp: 12_000, achieved: true, behind: false });
    expect(indicatorProgress({ baseline: 0, target: 1 }, { cumulativeValue: 1_000 }, 10_000).progressBp).toBe(INDICATOR_PROGRESS_MAX_BP);
  });

  it('is behind only beyond the tolerance', () => {
    // 30% of the way at 50% of the time: 20 pp behind — at the tolerance, not beyond
    expect(indicatorProgress(women, { cumulativeValue: 36 }, 5_000)).toMatchObject({ progressBp: 3_000, behind: false });
    expect(indicatorProgress(women, { cumulativeValue: 35 }, 5_000)).toMatchObject({ progressBp: 2_916, behind: true, gapBp: -2_084 });
    expect(INDICATOR_BEHIND_TOLERANCE_BP).toBe(2_000);
  });

  it('has no progress share when no change is planned (target = baseline)', () => {
    expect(indicatorProgress({ baseline: '5', target: 5 }, { cumulativeValue: 5 }, 9_000)).toMatchObject({ direction: 'none', progressBp: null, achieved: true, gapBp: null, behind: false });
    expect(indicatorProgress({ baseline: '5', target: 5 }, { cumulativeValue: 4 }, 9_000)).toMatchObject({ progressBp: null, achieved: false, behind: false });
  });

  it('has no progress share when a value is missing or unreadable', () => {
    expect(indicatorProgress(women, { cumulativeValue: null }, 9_000)).toMatchObject({ progressBp: null, behind: false, cumulativeValue: null });
    expect(indicatorProgress({ baseline: 'n/a', target: 10 }, { cumulativeValue: 3 }, 9_000)).toMatchObject({ baseline: null, direction: null, progressBp: null, behind: false });
  });

  it('refuses an elapsed share that is not one', () => {
    expect(() => indicatorProgress(women, { cumulativeValue: 1 }, 10_001)).toThrow(RangeError);
    expect(() => indicatorProgress(women, { cumulativeValue: 1 }, 0.5)).toThrow(RangeError);
  });

  const valueArb = fc.integer({ min: -1_000_000, max: 1_000_000 });
  const elapsedArb = fc.integer({ min: 0, max: 10_000 });

  it('property: progress never decreases as the cumulative value moves towards the target', () => {
    fc.assert(
      fc.property(valueArb, valueArb, valueArb, fc.nat({ max: 1_000_000 }), elapsedArb, (b, t, c, step, e) => {
        const ind = { baseline: indicatorValueToString(b), target: indicatorValueToString(t) };
        const towards = t >= b ? c + step : c - step;
        const p1 = indicatorProgress(ind, { cumulativeValue: indicatorValueToString(c) }, e);
        const p2 = indicatorProgress(ind, { cumulativeValue: indicatorValueToString(towards) }, e);
        if (b === t) {
          expect(p1.progressBp).toBeNull();
          expect(p2.progressBp).toBeNull();
        } else {
          expect(p2.progressBp!).toBeGreaterThanOrEqual(p1.progressBp!);
          expect(p1.progressBp!).toBeGreaterThanOrEqual(0);
          expect(p1.progressBp!).toBeLessThanOrEqual(INDICATOR_PROGRESS_MAX_BP);
          expect(Number.isInteger(p1.progressBp)).toBe(true);
        }
      }),
    );
  });

  it('property: never divides by zero, and behind is never true when progress ≥ elapsed', () => {
    fc.assert(
      fc.property(valueArb, fc.oneof(valueArb, fc.constant(null)), valueArb, elapsedArb, (b, t, c, e) => {
        const p = indicatorProgress({ baseline: b / 1000, target: t === null ? b / 1000 : t / 1000 }, { cumulativeValue: c / 1000 }, e);
        if (p.progressBp !== null) expect(Number.isFinite(p.progressBp)).toBe(true);
        if (p.progressBp === null || p.progressBp >= e) expect(p.behind).toBe(false);
        if (p.behind) expect(e - p.progressBp!).toBeGreaterThan(INDICATOR_BEHIND_TOLERANCE_BP);
      }),
    );
  });
});

describe('indicatorProblems', () => {
  const keys = ['r0.i0', 'r0.i1'];
  const ok = { periodValue: '10', cumulativeValue: '25', meansOfVerification: 'Attendance lists' };

  it('accepts a complete report', () => {
    expect(indicatorProblems([{ indicator: 'r0.i0', ...ok }, { indicator: 'r0.i1', ...ok }], keys, { 'r0.i0': '15' })).toEqual([]);
  });

  it('names every problem with its field', () => {
    const problems = indicatorProblems(
      [
        { indicator: 'r0.i0', periodValue: '-1', cumulativeValue: '12,5', meansOfVerification: '  ' },
        { indicator: 'r0.i0', ...ok },
        { indicator: 'r9.i9', periodValue: null, cumulativeValue: 'many', meansOfVerification: 'x' },
      ],
      keys,
      { 'r0.i0': '15' },
    );
    expect(problems).toEqual([
      { field: 'indicators.0.periodValue', code: 'negative' },
      { field: 'indicators.0.cumulativeValue', code: 'below_previous', params: { previous: '15' } },
      { field: 'indicators.0.meansOfVerification', code: 'required' },
      { field: 'indicators.1.indicator', code: 'duplicate' },
      { field: 'indicators.2.indicator', code: 'unknown_indicator' },
      { field: 'indicators.2.periodValue', code: 'required' },
      { field: 'indicators.2.cumulativeValue', code: 'not_a_number' },
      { field: 'indicators', code: 'missing', params: { indicator: 'r0.i1' } },
    ]);
  });

  it('allows a cumulative value equal to the previous one (nothing happened this period)', () => {
    expect(indicatorProblems([{ indicator: 'r0.i0', ...ok, periodValue: 0, cumulativeValue: '15,0' }], ['r0.i0'], { 'r0.i0': 15 })).toEqual([]);
  });

  it('property: a cumulative value below the previous one is always reported, never one at or above it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), (prev, cum) => {
        const problems = indicatorProblems(
          [{ indicator: 'a', periodValue: 0, cumulativeValue: indicatorValueToString(cum), meansOfVerification: 'lists' }],
          ['a'],
          { a: indicatorValueToString(prev) },
        );
        expect(problems.some((p) => p.code === 'below_previous')).toBe(cum < prev);
      }),
    );
  });
});
