import fc from 'fast-check';
import { COST_HEADINGS } from './budget';
import { completenessBySection, completenessProblems, type ApplicationContent, type ApplicationRules } from './completeness';

const RULES: ApplicationRules = {
  minGrantCents: 1_000_000,
  maxGrantCents: 6_000_000,
  costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: null })),
  indirectCostCapBp: 700,
  minCoFinancingBp: 500,
  maxDurationMonths: 12,
  requiredAttachmentIds: ['statute', 'cv_team'],
};

const indicator = { name: 'Women supported', level: 'output' as const, unit: 'persons', baseline: 0, target: 40, meansOfVerification: 'case files', frequency: 'quarterly' };

function complete(): ApplicationContent {
  return {
    project: {
      title: 'Pathways',
      summary: 'Vocational training and job placement.',
      durationMonths: 12,
      startDate: '2026-07-01',
      municipalities: ['prishtina', 'prizren'],
      targetGroups: ['vot_women', 'pvot_youth'],
      beneficiariesByGroup: [
        { group: 'vot_women', count: 40 },
        { group: 'pvot_youth', count: 25 },
      ],
    },
    logframe: {
      overallObjective: 'Long-term reintegration of victims of trafficking.',
      specificObjectives: [
        {
          text: 'Improve employability.',
          results: [
            { text: 'Trained', indicators: [indicator], activities: [{ code: 'A1.1', text: 'Training' }, { code: 'A1.2', text: 'Mentoring' }] },
            { text: 'Employed', indicators: [{ ...indicator, level: 'outcome', baseline: '0 %', target: '50 %' }], activities: [{ code: 'A2.1', text: 'Job fairs' }] },
          ],
        },
      ],
    },
    workplan: [
      { activityCode: 'A1.1', months: [1, 2, 3] },
      { activityCode: 'A1.2', months: [4, 5, 6, 7, 8, 9, 10, 11, 12] },
      { activityCode: 'A2.1', months: [6, 12] },
    ],
    budget: {
      lines: [
        { heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 12, unitCostCents: 150_000 },
        { heading: 'services', description: 'Training', unit: 'course', quantity: 4, unitCostCents: 250_000 },
      ],
      indirectCostBp: 700,
      coFinancingCents: 200_000,
    },
    capacity: { experienceWithVoT: 'Since 2015.', staff: '6 social workers', licenceNumber: 'LIC-2024-017' },
    attachments: [
      { requirementId: 'statute', fileId: 'f1' },
      { requirementId: 'cv_team', fileId: 'f2' },
    ],
    declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
  };
}

const problems = (c: ApplicationContent, rules = RULES) => completenessProblems(c, rules);

describe('completenessProblems', () => {
  it('finds nothing in a complete application', () => {
    expect(problems(complete())).toEqual([]);
  });

  it('requires the project fields, valid municipalities and beneficiaries of the named groups', () => {
    const c = complete();
    c.project.title = ' ';
    c.project.summary = '';
    c.project.startDate = '2026-02-30';
    c.project.municipalities = ['atlantis'];
    c.project.beneficiariesByGroup = [{ group: 'men', count: 0 }];
    expect(problems(c)).toEqual([
      { section: 'project', field: 'project.title', code: 'required' },
      { section: 'project', field: 'project.summary', code: 'required' },
      { section: 'project', field: 'project.startDate', code: 'required' },
      { section: 'project', field: 'project.municipalities.0', code: 'unknown_municipality' },
      { section: 'project', field: 'project.beneficiariesByGroup.0.group', code: 'not_a_target_group' },
      { section: 'project', field: 'project.beneficiariesByGroup.0.count', code: 'not_positive' },
    ]);
    const empty = complete();
    empty.project.municipalities = [];
    empty.project.targetGroups = [];
    empty.project.beneficiariesByGroup = [];
    expect(problems(empty).map((p) => p.field)).toEqual(['project.municipalities', 'project.targetGroups', 'project.beneficiariesByGroup']);
  });

  it('does not take a start date outside 2000–2100 (9999-12-31 is a typing mistake, not a plan)', () => {
    for (const startDate of ['9999-12-31', '1999-12-31', '2101-01-01']) {
      const c = complete();
      c.project.startDate = startDate;
      expect(problems(c)).toEqual([{ section: 'project', field: 'project.startDate', code: 'date_out_of_range', params: { min: '2000-01-01', max: '2100-12-31' } }]);
    }
    const zero = complete();
    zero.project.startDate = '0000-01-01';
    expect(problems(zero).map((p) => p.field)).toEqual(['project.startDate']);
    const c = complete();
    c.project.startDate = '2100-12-31';
    expect(problems(c)).toEqual([]);
  });

  it('keeps the duration within the call maximum', () => {
    const c = complete();
    c.project.durationMonths = 13;
    expect(problems(c)).toEqual([{ section: 'project', field: 'project.durationMonths', code: 'above_max_duration', params: { maxMonths: 12 } }]);
    c.project.durationMonths = 0;
    expect(problems(c)).toContainEqual({ section: 'project', field: 'project.durationMonths', code: 'required' });
  });

  it('wants at least one indicator and one activity for every result, and complete indicators', () => {
    const c = complete();
    const r = c.logframe.specificObjectives[0]!.results;
    r[0]!.indicators = [];
    r[1]!.activities = [];
    r[1]!.indicators[0]!.meansOfVerification = '';
    r[1]!.indicators[0]!.target = '';
    c.workplan = c.workplan.filter((w) => w.activityCode !== 'A2.1');
    expect(problems(c)).toEqual([
      { section: 'logframe', field: 'logframe.specificObjectives.0.results.0.indicators', code: 'required' },
      { section: 'logframe', field: 'logframe.specificObjectives.0.results.1.indicators.0.meansOfVerification', code: 'required' },
      { section: 'logframe', field: 'logframe.specificObjectives.0.results.1.indicators.0.target', code: 'required' },
      { section: 'logframe', field: 'logframe.specificObjectives.0.results.1.activities', code: 'required' },
    ]);
  });

  it('requires an overall objective, specific objectives, and unique activity codes', () => {
    const c = complete();
    c.logframe.overallObjective = '';
    c.logframe.specificObjectives[0]!.results[1]!.activities[0]!.code = 'A1.1';
    c.workplan = c.workplan.filter((w) => w.activityCode !== 'A2.1');
    expect(problems(c)).toEqual([
      { section: 'logframe', field: 'logframe.overallObjective', code: 'required' },
      { section: 'logframe', field: 'logframe.specificObjectives.0.results.1.activities.0.code', code: 'duplicate' },
    ]);
    expect(problems({ ...complete(), logframe: { overallObjective: 'x', specificObjectives: [] }, workplan: [] })).toEqual([
      { section: 'logframe', field: 'logframe.specificObjectives', code: 'required' },
    ]);
  });

  it('puts every activity in the work plan, in months within the duration', () => {
    const c = complete();
    c.workplan = [
      { activityCode: 'A1.1', months: [0, 1, 13] },
      { activityCode: 'A9.9', months: [2] },
      { activityCode: 'A2.1', months: [] },
    ];
    expect(problems(c)).toEqual([
      { section: 'workplan', field: 'workplan.0.months.0', code: 'month_out_of_range', params: { month: 0, maxMonth: 12 } },
      { section: 'workplan', field: 'workplan.0.months.2', code: 'month_out_of_range', params: { month: 13, maxMonth: 12 } },
      { section: 'workplan', field: 'workplan.1.activityCode', code: 'unknown_activity', params: { activityCode: 'A9.9' } },
      { section: 'workplan', field: 'workplan.2.months', code: 'required' },
      { section: 'workplan', field: 'workplan.A1.2', code: 'activity_not_scheduled', params: { activityCode: 'A1.2' } },
      { section: 'workplan', field: 'workplan.A2.1', code: 'activity_not_scheduled', params: { activityCode: 'A2.1' } },
    ]);
  });

  it('brings in the budget problems of checkBudget under the budget section', () => {
    const c = complete();
    c.budget.indirectCostBp = 800;
    c.budget.lines[1]!.quantity = 0;
    expect(problems(c)).toEqual([
      { section: 'budget', field: 'budget.lines.1.quantity', code: 'not_positive' },
      // €18,000 of direct costs (the second line counts 0): 7 % allows €1,260.00 of indirect costs, 8 % asks €1,440.00
      { section: 'budget', field: 'budget.indirectCostBp', code: 'indirect_over_cap', params: { capBp: 700, indirectCents: 144_000, allowedCents: 126_000, overCents: 18_000 } },
    ]);
    const broken = complete();
    broken.budget.lines[0]!.unitCostCents = 0.5;
    expect(problems(broken)).toEqual([{ section: 'budget', field: 'budget', code: 'invalid' }]);
  });

  it("names the amount a cap allows and how much is over it, and what a minimum asks and how much is missing", () => {
    const capped = { ...RULES, costHeadings: RULES.costHeadings.map((h) => (h.code === 'services' ? { ...h, capPct: 20 } : h)) };
    // services €10,000 of €28,000 direct: 20 % allows €5,600.00
    expect(problems(complete(), capped)).toEqual([
      { section: 'budget', field: 'budget.headings.services', code: 'heading_over_cap', params: { capPct: 20, totalCents: 1_000_000, heading: 'services', allowedCents: 560_000, overCents: 440_000 } },
    ]);
    const c = complete();
    c.budget.coFinancingCents = 100_000; // total €29,960.00: 5 % is €1,498.00
    expect(problems(c)).toEqual([
      { section: 'budget', field: 'budget.coFinancingCents', code: 'co_financing_below_min', params: { minBp: 500, coFinancingCents: 100_000, minCents: 149_800, shortCents: 49_800 } },
    ]);
    // requested €27,960.00 against a €20,000 maximum and a €28,000 minimum
    expect(problems(complete(), { ...RULES, maxGrantCents: 2_000_000 })).toEqual([
      { section: 'budget', field: 'budget.requestedCents', code: 'above_max_grant', params: { maxCents: 2_000_000, requestedCents: 2_796_000, overCents: 796_000 } },
    ]);
    expect(problems(complete(), { ...RULES, minGrantCents: 2_800_000 })).toEqual([
      { section: 'budget', field: 'budget.requestedCents', code: 'below_min_grant', params: { minCents: 2_800_000, requestedCents: 2_796_000, shortCents: 4_000 } },
    ]);
  });

  it('a heading over its cap: the amount allowed and the amount over add up to the heading, and the allowed amount keeps within the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ heading: fc.constantFrom(...COST_HEADINGS), quantity: fc.integer({ min: 1, max: 50 }), unitCostCents: fc.integer({ min: 1, max: 5_000_000 }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 99 }),
        (lines, capPct) => {
          const c = complete();
          c.budget.lines = lines.map((l) => ({ ...l, description: 'x', unit: 'u' }));
          const rules = { ...RULES, minGrantCents: 0, maxGrantCents: Number.MAX_SAFE_INTEGER, minCoFinancingBp: 0, costHeadings: COST_HEADINGS.map((code) => ({ code, capPct })) };
          const direct = c.budget.lines.reduce((s, l) => s + l.quantity * l.unitCostCents, 0);
          for (const p of problems(c, rules).filter((x) => x.code === 'heading_over_cap')) {
            const { totalCents, allowedCents, overCents } = p.params as Record<string, number>;
            expect(allowedCents + overCents).toBe(totalCents);
            expect(overCents).toBeGreaterThan(0);
            expect(allowedCents * 100).toBeLessThanOrEqual(capPct * direct);
            expect((allowedCents + 1) * 100).toBeGreaterThan(capPct * direct);
          }
        },
      ),
    );
  });

  it('requires capacity, the call attachments and every declaration', () => {
    const c = complete();
    c.capacity.licenceNumber = '';
    c.attachments = [{ requirementId: 'statute', fileId: 'f1' }, { requirementId: 'cv_team', fileId: '' }];
    c.declarations.dataProtection = false;
    expect(problems(c)).toEqual([
      { section: 'capacity', field: 'capacity.licenceNumber', code: 'required' },
      { section: 'attachments', field: 'attachments.cv_team', code: 'attachment_missing', params: { requirementId: 'cv_team' } },
      { section: 'declarations', field: 'declarations.dataProtection', code: 'declaration_required' },
    ]);
  });

  it('groups problems by section for the completeness view', () => {
    const c = complete();
    c.declarations.truthful = false;
    const grouped = completenessBySection(problems(c));
    expect(Object.keys(grouped)).toEqual(['project', 'logframe', 'workplan', 'budget', 'capacity', 'attachments', 'declarations']);
    expect(grouped.declarations).toHaveLength(1);
    expect(grouped.project).toEqual([]);
  });
});
