import fc from 'fast-check';
import { COST_HEADINGS } from './budget';
import { completenessProblems, nsObjectiveProblem, type ApplicationContent, type ApplicationRules } from './completeness';
import { isNsCode, NS_ACTION_PLAN_ACTIVITY_COUNTS, NS_SPECIFIC_OBJECTIVES, NS_STRATEGIC_OBJECTIVES, nsWithin } from './national-strategy';

const RULES: ApplicationRules = {
  minGrantCents: 1_000_000,
  maxGrantCents: 6_000_000,
  costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: null })),
  indirectCostCapBp: 700,
  minCoFinancingBp: 500,
  maxDurationMonths: 12,
  requiredAttachmentIds: [],
};

const indicator = { name: 'Women supported', level: 'output' as const, unit: 'persons', baseline: 0, target: 40, meansOfVerification: 'case files', frequency: 'quarterly' };

function content(tags: (string | null | undefined)[]): ApplicationContent {
  return {
    project: {
      title: 'Pathways',
      summary: 'Shelter and reintegration.',
      durationMonths: 12,
      startDate: '2026-07-01',
      municipalities: ['prishtina'],
      targetGroups: ['vot_women'],
      beneficiariesByGroup: [{ group: 'vot_women', count: 40 }],
    },
    logframe: {
      overallObjective: 'Reintegration of victims of trafficking.',
      specificObjectives: tags.map((tag, i) => ({
        text: `Objective ${i + 1}`,
        ...(tag === undefined ? {} : { nsObjective: tag }),
        results: [{ text: 'Result', indicators: [indicator], activities: [{ code: `A${i + 1}.1`, text: 'Work' }] }],
      })),
    },
    workplan: tags.map((_, i) => ({ activityCode: `A${i + 1}.1`, months: [1, 2] })),
    budget: {
      lines: [{ heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 12, unitCostCents: 150_000 }],
      indirectCostBp: 0,
      coFinancingCents: 100_000,
    },
    capacity: { experienceWithVoT: 'Since 2015.', staff: '6', licenceNumber: 'LIC-1' },
    attachments: [],
    declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
  };
}

const nsProblems = (c: ApplicationContent, priorityObjectives?: readonly string[]) =>
  completenessProblems(c, { ...RULES, priorityObjectives }).filter((p) => p.field.endsWith('.nsObjective'));

/** Every code of the Strategy: I…V, I.1…V.1 and the action plan's activities under each. */
const ALL_CODES: string[] = [
  ...NS_STRATEGIC_OBJECTIVES.map((o) => o.code),
  ...NS_SPECIFIC_OBJECTIVES.map((o) => o.code),
  ...Object.entries(NS_ACTION_PLAN_ACTIVITY_COUNTS).flatMap(([so, n]) => Array.from({ length: n }, (_, i) => `${so}.${i + 1}`)),
];

describe('National Strategy tag on a specific objective', () => {
  it('the base content is complete, so the tests below see only the tag', () => {
    expect(completenessProblems(content([null]), RULES)).toEqual([]);
  });

  it('accepts a tag within the call’s priority: the priority itself or an activity under it', () => {
    expect(nsProblems(content(['III.2']), ['III.2'])).toEqual([]);
    expect(nsProblems(content(['III.2.4']), ['III.2'])).toEqual([]);
    expect(nsProblems(content(['III.2.7', 'III.4.2']), ['III.2', 'III.4'])).toEqual([]);
  });

  it('refuses what is not a Strategy code, naming the field', () => {
    expect(nsProblems(content(['III.2.13']), ['III.2'])).toEqual([
      { section: 'logframe', field: 'logframe.specificObjectives.0.nsObjective', code: 'unknown_ns_code' },
    ]);
    expect(nsProblems(content([null, 'VI.1']), ['III.2']).map((p) => [p.field, p.code])).toEqual([
      ['logframe.specificObjectives.1.nsObjective', 'unknown_ns_code'],
    ]);
    expect(nsProblems(content(['iii.2']))[0]?.code).toBe('unknown_ns_code');
  });

  it('refuses a tag outside every priority of the call, and says which priorities it may take', () => {
    expect(nsProblems(content(['III.4.1']), ['III.2'])).toEqual([
      { section: 'logframe', field: 'logframe.specificObjectives.0.nsObjective', code: 'outside_call_priorities', params: { priorities: 'III.2' } },
    ]);
    // a strategic objective is wider than its specific objective: not within III.2
    expect(nsProblems(content(['III']), ['III.2'])[0]?.code).toBe('outside_call_priorities');
    // a tag fits when it lies within any one of several priorities
    expect(nsProblems(content(['I.1.2']), ['I.1', 'II.1'])).toEqual([]);
  });

  it('asks for a tag when the call has several priorities, and lets it be when it has one', () => {
    expect(nsProblems(content([null, undefined, '']), ['III.2', 'III.4']).map((p) => [p.field, p.code])).toEqual([
      ['logframe.specificObjectives.0.nsObjective', 'required'],
      ['logframe.specificObjectives.1.nsObjective', 'required'],
      ['logframe.specificObjectives.2.nsObjective', 'required'],
    ]);
    expect(nsProblems(content([null, undefined]), ['III.2'])).toEqual([]);
    // the same priority twice is one priority
    expect(nsProblems(content([null]), ['III.2', 'III.2'])).toEqual([]);
    // a call whose priorities carry no code, or a caller that does not know them: nothing to ask
    expect(nsProblems(content([null]), [])).toEqual([]);
    expect(nsProblems(content([null]))).toEqual([]);
  });

  it('without the call’s priorities, only checks that a tag is a Strategy code', () => {
    expect(nsProblems(content(['V.1.3']))).toEqual([]);
    expect(nsProblems(content(['V.2']))[0]?.code).toBe('unknown_ns_code');
  });

  it('property: a tag is accepted exactly when it is a code within some priority (or, untagged, when priorities are at most one)', () => {
    const code = fc.constantFrom(...ALL_CODES);
    const junk = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('III.2.0', 'III.2.13', 'VI', 'I.9', 'II.1.14', ' III.2'));
    fc.assert(
      fc.property(fc.array(code, { maxLength: 4 }), fc.option(fc.oneof(code, junk), { nil: null }), (priorities, tag) => {
        const distinct = [...new Set(priorities)];
        const got = nsObjectiveProblem(tag, distinct);
        const blankTag = tag === null || tag.trim() === '';
        if (blankTag) return got === (distinct.length > 1 ? 'required' : null);
        if (!isNsCode(tag)) return got === 'unknown_ns_code';
        const within = distinct.length === 0 || distinct.some((p) => nsWithin(tag, p));
        return got === (within ? null : 'outside_call_priorities');
      }),
      { numRuns: 500 },
    );
  });

  it('property: the tags add only tag problems, one per specific objective at most, and never touch other sections', () => {
    const code = fc.constantFrom(...ALL_CODES);
    fc.assert(
      fc.property(fc.array(fc.option(code, { nil: null }), { minLength: 1, maxLength: 5 }), fc.array(code, { maxLength: 3 }), (tags, priorities) => {
        const problems = completenessProblems(content(tags), { ...RULES, priorityObjectives: priorities });
        const fields = problems.map((p) => p.field);
        return (
          problems.every((p) => p.section === 'logframe' && /^logframe\.specificObjectives\.\d+\.nsObjective$/.test(p.field)) &&
          new Set(fields).size === fields.length &&
          problems.length <= tags.length
        );
      }),
      { numRuns: 300 },
    );
  });
});
