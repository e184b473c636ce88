import fc from 'fast-check';
import type { GrantLogframe } from './amendments';
import { suppressBeneficiaryTable } from './beneficiary-counts';
import {
  compareNarrativeReportVersions,
  emptyNarrativeReportContent,
  narrativeFieldSection,
  narrativeLogframeKeys,
  narrativeReportCompleteness,
  narrativeReportContentProblems,
  narrativeReportFreeText,
  suppressNarrativeReportChanges,
  type NarrativeReportContent,
} from './narrative-report-content';
import { scanFields } from './personal-data-scan';

const indicator = (name: string, baseline: string, target: string) => ({ name, level: 'output' as const, unit: 'people', baseline, target, meansOfVerification: 'case files', frequency: 'quarterly' });

const LOGFRAME: GrantLogframe = {
  overallObjective: 'Reintegration of survivors',
  specificObjectives: [
    {
      text: 'Long-term reintegration',
      results: [
        { text: 'Survivors trained', indicators: [indicator('Trained', '0', '40'), indicator('Employed', '0', '10')], activities: [{ code: 'A1.1', text: 'Vocational course' }] },
        { text: 'Families supported', indicators: [], activities: [{ code: 'A2.1', text: 'Family mediation' }] },
      ],
    },
  ],
};

const I1 = 'so.1.result.1.indicator.1';
const I2 = 'so.1.result.1.indicator.2';

function complete(): NarrativeReportContent {
  const c = emptyNarrativeReportContent(LOGFRAME);
  c.general.summary = 'The first six months went to plan.';
  c.results['so.1.result.1'] = { summary: '22 trained' };
  c.results['so.1.result.2'] = { summary: 'Mediation started' };
  c.activities['activity.A1.1'] = { done: 'Two courses', status: 2, deviations: '' };
  c.activities['activity.A2.1'] = { done: '', status: 1, deviations: 'Mediator hired late' };
  c.indicators[I1] = { periodValue: '22', cumulativeValue: '22', comment: '', evidenceFileIds: [] };
  c.indicators[I2] = { periodValue: '3', cumulativeValue: '3,5', comment: 'part-time', evidenceFileIds: ['6f1c1c55-1c6a-4b8e-9d5f-7a1f4c2b9e10'] };
  c.beneficiaries = { total: 12, bySex: { female: 10, male: 2 }, byAge: { '18-24': 12 }, byIntake: { new: 12 }, byService: { vocational_training: 12 }, byMunicipality: { prishtina: 12 } };
  c.challenges = 'Transport';
  c.lessons = 'Start earlier';
  c.nextPlan = 'Second cohort';
  return c;
}

describe('narrative report content', () => {
  it('knows the logframe keys and makes an empty report with an entry for each', () => {
    expect(narrativeLogframeKeys(LOGFRAME)).toEqual({ results: ['so.1.result.1', 'so.1.result.2'], indicators: [I1, I2], activities: ['activity.A1.1', 'activity.A2.1'] });
    const c = emptyNarrativeReportContent(LOGFRAME);
    expect(Object.keys(c.indicators)).toEqual([I1, I2]);
    expect(c.activities['activity.A1.1']).toEqual({ done: '', status: null, deviations: '' });
    expect(emptyNarrativeReportContent().results).toEqual({});
    expect(narrativeReportContentProblems(c, LOGFRAME)).toEqual([]);
  });

  it('a save refuses only the wrong shape, naming the field; a half-written draft saves', () => {
    const draft = emptyNarrativeReportContent(LOGFRAME);
    draft.indicators[I1]!.cumulativeValue = '12,'; // typed half-way
    draft.beneficiaries = { total: 5, bySex: { female: 2 }, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {} }; // sums not yet right
    expect(narrativeReportContentProblems(draft, LOGFRAME)).toEqual([]);

    const bad = JSON.parse(JSON.stringify(complete())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a wrong shape on purpose
    bad.general.summary = 7;
    bad.results['so.9.result.1'] = { summary: 'x' };
    bad.activities['activity.A1.1'].status = 5;
    bad.indicators[I1].cumulativeValue = 12;
    bad.indicators[I1].evidenceFileIds = ['not-a-file'];
    bad.indicators[I2].extra = true;
    bad.beneficiaries.bySex.female = -1;
    bad.lessons = 'x'.repeat(20_001);
    bad.surprise = 1;
    delete bad.nextPlan;
    const fields = narrativeReportContentProblems(bad, LOGFRAME).map((p) => `${p.field}:${p.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'general.summary:not_text',
        'results.so.9.result.1:not_in_logframe',
        'activities.activity.A1.1.status:invalid',
        `indicators.${I1}.cumulativeValue:not_text`,
        `indicators.${I1}.evidenceFileIds.0:invalid`,
        `indicators.${I2}.extra:unknown_key`,
        'beneficiaries.bySex.female:not_count',
        'lessons:too_long',
        'surprise:unknown_key',
        'nextPlan:required',
      ]),
    );
    expect(fields).toHaveLength(10);
    expect(narrativeReportContentProblems(null, LOGFRAME)).toEqual([{ field: 'content', code: 'not_object' }]);
  });

  it('a complete report has nothing missing', () => {
    const r = narrativeReportCompleteness(complete(), LOGFRAME);
    expect(r.problems).toEqual([]);
    expect(r.complete).toBe(true);
    expect(Object.keys(r.bySection)).toHaveLength(8);
  });

  it('completeness lists what blocks submission, per section, with field paths', () => {
    const r = narrativeReportCompleteness(emptyNarrativeReportContent(LOGFRAME), LOGFRAME);
    expect(r.complete).toBe(false);
    expect(r.problems.map((p) => `${p.section}|${p.field}|${p.code}`)).toEqual([
      'general|general.summary|required',
      'results|results.so.1.result.1.summary|required',
      'results|results.so.1.result.2.summary|required',
      'results|activities.activity.A1.1.status|required',
      'results|activities.activity.A2.1.status|required',
      `indicators|indicators.${I1}.periodValue|required`,
      `indicators|indicators.${I1}.cumulativeValue|required`,
      `indicators|indicators.${I2}.periodValue|required`,
      `indicators|indicators.${I2}.cumulativeValue|required`,
      'challenges|challenges|required',
      'lessons|lessons|required',
      'next_plan|nextPlan|required',
    ]);
    expect(r.bySection.indicators).toHaveLength(4);
    expect(r.bySection.financial).toEqual([]);
  });

  it('values must read as numbers, not negative, the cumulative one not below the previous report; sums must add up; a started activity says what was done', () => {
    const c = complete();
    c.indicators[I1] = { periodValue: 'many', cumulativeValue: '-3', comment: '', evidenceFileIds: [] };
    c.indicators[I2] = { periodValue: '1', cumulativeValue: '2', comment: '', evidenceFileIds: [] };
    c.activities['activity.A1.1'] = { done: ' ', status: 4, deviations: '' };
    c.beneficiaries.bySex = { female: 10 };
    const r = narrativeReportCompleteness(c, LOGFRAME, { previousCumulative: { [I2]: '5' } });
    expect(r.problems.map((p) => `${p.field}|${p.code}`)).toEqual([
      'activities.activity.A1.1.done|required',
      `indicators.${I1}.periodValue|not_a_number`,
      `indicators.${I1}.cumulativeValue|negative`,
      `indicators.${I2}.cumulativeValue|below_previous`,
      'beneficiaries.bySex|sum_mismatch',
    ]);
    expect(r.problems.find((p) => p.code === 'sum_mismatch')?.params).toEqual({ sum: 10, total: 12 });
  });

  it('a final report needs no plan for a next period', () => {
    const c = complete();
    c.nextPlan = '';
    expect(narrativeReportCompleteness(c, LOGFRAME).problems.map((p) => p.field)).toEqual(['nextPlan']);
    expect(narrativeReportCompleteness(c, LOGFRAME, { kind: 'final' }).complete).toBe(true);
  });

  it('lists every free-text field by path, and the scan finds personal data in them', () => {
    const c = complete();
    c.indicators[I2]!.comment = 'Call the victim Arta Krasniqi on +383 44 123 456';
    const text = narrativeReportFreeText(c);
    expect(Object.keys(text).sort()).toEqual(
      [
        'general.summary',
        'results.so.1.result.1.summary',
        'results.so.1.result.2.summary',
        'activities.activity.A1.1.done',
        'activities.activity.A1.1.deviations',
        'activities.activity.A2.1.done',
        'activities.activity.A2.1.deviations',
        `indicators.${I1}.comment`,
        `indicators.${I2}.comment`,
        'challenges',
        'lessons',
        'nextPlan',
      ].sort(),
    );
    expect(Object.keys(scanFields(text))).toEqual([`indicators.${I2}.comment`]);
    expect(narrativeReportFreeText({ general: { summary: 'x' }, results: 'nonsense' })).toEqual({ 'general.summary': 'x' });
    expect(narrativeReportFreeText(undefined)).toEqual({});
  });

  it('compares two versions field by field, a left-out cell being 0', () => {
    const a = complete();
    const b = complete();
    expect(compareNarrativeReportVersions(a, b)).toEqual([]);
    b.general.summary = 'Revised';
    b.indicators[I1]!.cumulativeValue = '25';
    b.indicators[I1]!.evidenceFileIds = ['6f1c1c55-1c6a-4b8e-9d5f-7a1f4c2b9e10'];
    b.beneficiaries = { ...b.beneficiaries, bySex: { female: 9, male: 3 } };
    b.activities['activity.A1.1']!.status = 3;
    const changes = compareNarrativeReportVersions(a, b);
    expect(changes.map((c) => c.field)).toEqual([
      'activities.activity.A1.1.status',
      'beneficiaries.bySex.female',
      'beneficiaries.bySex.male',
      'general.summary',
      `indicators.${I1}.cumulativeValue`,
      `indicators.${I1}.evidenceFileIds`,
    ]);
    expect(changes.find((c) => c.field === 'general.summary')).toEqual({ field: 'general.summary', section: 'general', before: 'The first six months went to plan.', after: 'Revised' });
    expect(changes.find((c) => c.field === 'activities.activity.A1.1.status')?.section).toBe('results');
    // a cell written as 0 or left out is the same
    const z = complete();
    z.beneficiaries.byMunicipality = { prishtina: 12, prizren: 0 };
    expect(compareNarrativeReportVersions(complete(), z)).toEqual([]);
  });

  it('shown to others, beneficiary changes carry the suppressed value and never the raw count', () => {
    const a = complete();
    const b = complete();
    b.beneficiaries = { ...b.beneficiaries, bySex: { female: 9, male: 3 } };
    const changes = suppressNarrativeReportChanges(compareNarrativeReportVersions(a, b), suppressBeneficiaryTable(a.beneficiaries), suppressBeneficiaryTable(b.beneficiaries));
    for (const c of changes) {
      for (const v of [c.before, c.after]) expect([2, 3]).not.toContain(v);
    }
    const male = changes.find((c) => c.field === 'beneficiaries.bySex.male');
    // 2 → 3 is "<5" → "<5": not visible, so not listed
    expect(male).toBeUndefined();
  });

  it('names the section of a field', () => {
    expect(narrativeFieldSection('nextPlan')).toBe('next_plan');
    expect(narrativeFieldSection(`indicators.${I1}.comment`)).toBe('indicators');
    expect(narrativeFieldSection('beneficiaries.byAge')).toBe('beneficiaries');
  });
  it('compares exactly: a version against itself has no change, and the changes are the fields edited (property)', () => {
    const textFields = ['general.summary', 'results.so.1.result.1.summary', 'activities.activity.A1.1.done', `indicators.${I1}.comment`, 'challenges', 'lessons', 'nextPlan'] as const;
    const set = (c: NarrativeReportContent, field: (typeof textFields)[number], v: string) => {
      if (field === 'general.summary') c.general.summary = v;
      else if (field === 'results.so.1.result.1.summary') c.results['so.1.result.1']!.summary = v;
      else if (field === 'activities.activity.A1.1.done') c.activities['activity.A1.1']!.done = v;
      else if (field === `indicators.${I1}.comment`) c.indicators[I1]!.comment = v;
      else c[field as 'challenges' | 'lessons' | 'nextPlan'] = v;
    };
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...textFields), fc.string({ maxLength: 30 })), fc.integer({ min: 0, max: 50 }), (edits, female) => {
        const a = complete();
        const b = complete();
        expect(compareNarrativeReportVersions(a, JSON.parse(JSON.stringify(a)))).toEqual([]);
        for (const [field, v] of Object.entries(edits)) set(b, field as (typeof textFields)[number], `${v}!`);
        b.beneficiaries.bySex = { ...b.beneficiaries.bySex, female };
        const expected = new Set(Object.keys(edits));
        if (female !== 10) expected.add('beneficiaries.bySex.female');
        expect(new Set(compareNarrativeReportVersions(a, b).map((c) => c.field))).toEqual(expected);
      }),
    );
  });
});
