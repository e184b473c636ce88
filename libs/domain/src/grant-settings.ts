/**
 * The money and reporting rules of a call's grants, with the EU's defaults (PRAG, grants and financial support
 * to third parties): a pre-financing of 80 % for grants of 12 months or less, one instalment per 12-month period
 * for longer ones, each further instalment once 70 % of the previous one (and all of those before it) is spent in
 * accepted expenditure reports, reallocation between headings without an amendment up to 25 % of a heading,
 * indirect costs at most 7 %, an interim report every 6 months and the final report within 60 days of the end.
 * A call may set any of them; what it leaves out takes the default. Percentages are basis points (8000 = 80 %).
 */
import { DEFAULT_INDIRECT_COST_CAP_BP } from './budget';

export type GrantSettings = {
  /** The pre-financed share of the grant (short grants: the first tranche; longer ones: all instalments together). */
  preFinancingBp: number;
  /** Grants of at most this many months get one pre-financing and the balance. */
  shortGrantMaxMonths: number;
  /** Longer grants get one instalment per period of this many months. */
  instalmentPeriodMonths: number;
  /** A further instalment needs this share of the previous one (and all of each one before it) spent in accepted expenditure reports. */
  nextInstalmentSpentBp: number;
  /** Up to this share of a heading's originally approved amount, money moves between headings with a notice. */
  reallocationWithoutAmendmentBp: number;
  /** Indirect costs as a share of direct costs, at most. */
  indirectCostCapBp: number;
  /** An interim report for each period of this many months (0: no interim reports). */
  interimReportEveryMonths: number;
  /** An interim report is due this many days after the end of its period. */
  interimReportDueDays: number;
  /** The final report is due this many days after the grant's end date. */
  finalReportDueDays: number;
};

export const DEFAULT_GRANT_SETTINGS: Readonly<GrantSettings> = Object.freeze({
  preFinancingBp: 8000,
  shortGrantMaxMonths: 12,
  instalmentPeriodMonths: 12,
  nextInstalmentSpentBp: 7000,
  reallocationWithoutAmendmentBp: 2500,
  indirectCostCapBp: DEFAULT_INDIRECT_COST_CAP_BP,
  interimReportEveryMonths: 6,
  interimReportDueDays: 30,
  finalReportDueDays: 60,
});

export const GRANT_SETTING_KEYS = Object.keys(DEFAULT_GRANT_SETTINGS) as (keyof GrantSettings)[];

/** The allowed range of each setting (all whole numbers). */
export const GRANT_SETTING_RANGES: Readonly<Record<keyof GrantSettings, { min: number; max: number }>> = Object.freeze({
  preFinancingBp: { min: 1, max: 10_000 },
  shortGrantMaxMonths: { min: 1, max: 120 },
  instalmentPeriodMonths: { min: 1, max: 120 },
  nextInstalmentSpentBp: { min: 0, max: 10_000 },
  reallocationWithoutAmendmentBp: { min: 0, max: 10_000 },
  indirectCostCapBp: { min: 0, max: 10_000 },
  interimReportEveryMonths: { min: 0, max: 120 },
  interimReportDueDays: { min: 0, max: 365 },
  finalReportDueDays: { min: 1, max: 365 },
});

export type GrantSettingsProblem = { field: string; code: 'not_integer' | 'out_of_range' | 'unknown' | 'not_object'; params?: Record<string, number> };

/**
 * What is wrong with a call's grant settings as received (a partial object: what is absent takes the default).
 * Fields are named `grantSettings.<key>`; unknown keys are reported too, so a typo never silently falls back to
 * the default.
 */
export function grantSettingsProblems(input: unknown, fieldPrefix = 'grantSettings'): GrantSettingsProblem[] {
  if (input === undefined || input === null) return [];
  if (typeof input !== 'object' || Array.isArray(input)) return [{ field: fieldPrefix, code: 'not_object' }];
  const problems: GrantSettingsProblem[] = [];
  const obj = input as Record<string, unknown>;
  for (const key of Object.keys(obj).sort()) {
    const field = `${fieldPrefix}.${key}`;
    if (!(GRANT_SETTING_KEYS as string[]).includes(key)) {
      problems.push({ field, code: 'unknown' });
      continue;
    }
    const v = obj[key];
    if (v === undefined) continue;
    const range = GRANT_SETTING_RANGES[key as keyof GrantSettings];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) problems.push({ field, code: 'not_integer' });
    else if (v < range.min || v > range.max) problems.push({ field, code: 'out_of_range', params: { min: range.min, max: range.max } });
  }
  return problems;
}

/** A call's settings over the defaults. Throws RangeError when they are invalid (validate first with grantSettingsProblems). */
export function resolveGrantSettings(partial?: Partial<GrantSettings> | null): GrantSettings {
  const problems = grantSettingsProblems(partial);
  if (problems.length > 0) throw new RangeError(`invalid grant settings: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
  const out: GrantSettings = { ...DEFAULT_GRANT_SETTINGS };
  for (const key of GRANT_SETTING_KEYS) {
    const v = partial?.[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
