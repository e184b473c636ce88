import fc from 'fast-check';
import {
  compareNsCodes,
  indicatorNsCode,
  isNsCode,
  NS_ACTION_PLAN_ACTIVITY_COUNTS,
  NS_SPECIFIC_OBJECTIVES,
  NS_STRATEGIC_OBJECTIVES,
  nsLevel,
  nsSpecificOf,
  nsStrategicOf,
  nsTitle,
  nsWithin,
  specificObjectiveNsCode,
} from './national-strategy';

describe('National Strategy codes', () => {
  it('knows the five strategic objectives, their specific objectives and the activities of the action plan', () => {
    expect(NS_STRATEGIC_OBJECTIVES.map((o) => o.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
    for (const code of ['III', 'III.2', 'III.2.4', 'III.2.12', 'I.2.4', 'V.1']) expect(isNsCode(code)).toBe(true);
    for (const code of ['VI', 'III.5', 'III.2.13', 'III.02', 'III.2.0', 'iii.2', 'III.', '', 'III.2.4.1', 3]) expect(isNsCode(code)).toBe(false);
    for (const o of NS_SPECIFIC_OBJECTIVES) expect(NS_ACTION_PLAN_ACTIVITY_COUNTS[o.code]).toBeGreaterThan(0);
  });

  it('walks up from an activity to its specific and strategic objective, with the titles in three languages', () => {
    expect(nsLevel('III.2.4')).toBe('activity');
    expect(nsSpecificOf('III.2.4')).toBe('III.2');
    expect(nsStrategicOf('III.2.4')).toBe('III');
    expect(nsSpecificOf('III')).toBeNull();
    expect(nsWithin('III.2.4', 'III.2')).toBe(true);
    expect(nsWithin('III.2.4', 'III')).toBe(true);
    expect(nsWithin('III.20', 'III.2')).toBe(false);
    expect(nsTitle('III.2.4')?.sq).toMatch(/Shërbimet/);
    expect(nsTitle('III')?.sr).toMatch(/reintegracija/);
  });

  it('sorts codes in the order of the Strategy, numbers as numbers', () => {
    expect(['IV', 'III.2.10', 'III.2', 'I.1', 'III.2.4', 'II', 'III'].sort(compareNsCodes)).toEqual(['I.1', 'II', 'III', 'III.2', 'III.2.4', 'III.2.10', 'IV']);
  });

  it('an indicator counts under its specific objective\'s own tag, else the call\'s one priority objective, else nowhere', () => {
    const logframe = { specificObjectives: [{ nsObjective: 'III.2.4' }, {}] };
    expect(indicatorNsCode(logframe, 'so.1.result.1.indicator.2', ['III.2', 'III.4'])).toBe('III.2.4');
    expect(indicatorNsCode(logframe, 'so.2.result.1.indicator.1', ['III.2', 'III.4'])).toBeNull();
    expect(indicatorNsCode(logframe, 'so.2.result.1.indicator.1', ['III.4', 'III.4'])).toBe('III.4');
    expect(indicatorNsCode(logframe, 'overall', ['III.4'])).toBeNull();
    expect(specificObjectiveNsCode({ specificObjectives: [{ nsObjective: 'bogus' }] }, 0, ['III.2'])).toBe('III.2');
  });

  it('property: every valid code lies within its strategic objective and sorts after it', () => {
    const code = fc.constantFrom(...NS_SPECIFIC_OBJECTIVES.map((o) => o.code)).chain((s) =>
      fc.oneof(fc.constant(s), fc.integer({ min: 1, max: NS_ACTION_PLAN_ACTIVITY_COUNTS[s] }).map((n) => `${s}.${n}`)),
    );
    fc.assert(
      fc.property(code, (c) => {
        expect(isNsCode(c)).toBe(true);
        expect(nsWithin(c, nsStrategicOf(c))).toBe(true);
        expect(compareNsCodes(nsStrategicOf(c), c)).toBeLessThan(0);
        expect(nsTitle(c)).not.toBeNull();
      }),
    );
  });
});
