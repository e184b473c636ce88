import fc from 'fast-check';
import { DEFAULT_GRANT_SETTINGS, GRANT_SETTING_KEYS, GRANT_SETTING_RANGES, grantSettingsProblems, resolveGrantSettings } from './grant-settings';

describe('grant settings', () => {
  it("has the EU's defaults (PRAG)", () => {
    expect(DEFAULT_GRANT_SETTINGS).toEqual({
      preFinancingBp: 8000,
      shortGrantMaxMonths: 12,
      instalmentPeriodMonths: 12,
      nextInstalmentSpentBp: 7000,
      reallocationWithoutAmendmentBp: 2500,
      indirectCostCapBp: 700,
      interimReportEveryMonths: 6,
      interimReportDueDays: 30,
      finalReportDueDays: 60,
    });
    expect(Object.isFrozen(DEFAULT_GRANT_SETTINGS)).toBe(true);
  });

  it('fills what a call leaves out with the defaults', () => {
    expect(resolveGrantSettings()).toEqual(DEFAULT_GRANT_SETTINGS);
    expect(resolveGrantSettings(null)).toEqual(DEFAULT_GRANT_SETTINGS);
    const s = resolveGrantSettings({ preFinancingBp: 6000, finalReportDueDays: 90 });
    expect(s.preFinancingBp).toBe(6000);
    expect(s.finalReportDueDays).toBe(90);
    expect(s.nextInstalmentSpentBp).toBe(7000);
  });

  it('names the field of every bad setting', () => {
    expect(grantSettingsProblems({ preFinancingBp: 80.5, nextInstalmentSpentBp: 12_000, finalReportDueDays: 0, prefinancing: 1 })).toEqual([
      { field: 'grantSettings.finalReportDueDays', code: 'out_of_range', params: { min: 1, max: 365 } },
      { field: 'grantSettings.nextInstalmentSpentBp', code: 'out_of_range', params: { min: 0, max: 10_000 } },
      { field: 'grantSettings.preFinancingBp', code: 'not_integer' },
      { field: 'grantSettings.prefinancing', code: 'unknown' },
    ]);
    expect(grantSettingsProblems({ preFinancingBp: '8000' })).toEqual([{ field: 'grantSettings.preFinancingBp', code: 'not_integer' }]);
    expect(grantSettingsProblems([], 'settings')).toEqual([{ field: 'settings', code: 'not_object' }]);
    expect(grantSettingsProblems(DEFAULT_GRANT_SETTINGS)).toEqual([]);
    expect(() => resolveGrantSettings({ preFinancingBp: 0 })).toThrow(RangeError);
  });

  it('accepts every whole value in range and nothing outside (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GRANT_SETTING_KEYS), fc.integer({ min: -20_000, max: 20_000 }), (key, v) => {
        const { min, max } = GRANT_SETTING_RANGES[key];
        const problems = grantSettingsProblems({ [key]: v });
        expect(problems.length === 0).toBe(v >= min && v <= max);
        if (problems.length === 0) expect(resolveGrantSettings({ [key]: v })[key]).toBe(v);
      }),
    );
  });
});
