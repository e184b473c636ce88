import { demoCallDraft } from './demo-call';
import { EU_MAX_GRANT_CENTS, demoEuGrid, gridMaxPoints, sectionMaxPoints, validateCallForPublication, type CallDraft } from './call-validation';

const NOW = '2026-03-01T09:00:00Z';
const call = (): CallDraft => demoCallDraft('2026-03-02T08:00:00Z');
const fields = (c: CallDraft, now = NOW) => validateCallForPublication(c, now);

describe('demoEuGrid', () => {
  it('is the EU full-application grid: 20/30/20/15/15 = 100, threshold 12 on capacity', () => {
    const g = demoEuGrid();
    expect(g.sections.map(sectionMaxPoints)).toEqual([20, 30, 20, 15, 15]);
    expect(gridMaxPoints(g)).toBe(100);
    expect(g.sections[0]!.thresholdPoints).toBe(12);
    for (const s of g.sections) {
      expect(s.criteria.length).toBeGreaterThanOrEqual(2);
      expect(s.criteria.length).toBeLessThanOrEqual(4);
      for (const x of [s.title, ...s.criteria.map((c) => c.title)]) for (const lang of ['en', 'sq', 'sr'] as const) expect(x[lang].trim()).not.toBe('');
    }
  });
});

describe('validateCallForPublication', () => {
  it('accepts the complete demo call', () => {
    expect(fields(call())).toEqual([]);
  });

  it('requires every text in all three languages', () => {
    const c = call();
    c.texts.title.sr = ' ';
    c.priorities[1]!.title.sq = '';
    c.grid.sections[2]!.criteria[0]!.title.en = '';
    c.eligibilityQuestions[0]!.text.sr = '';
    expect(fields(c)).toEqual(
      expect.arrayContaining([
        { field: 'texts.title.sr', code: 'required' },
        { field: 'priorities.1.title.sq', code: 'required' },
        { field: 'grid.sections.2.criteria.0.title.en', code: 'required' },
        { field: 'eligibilityQuestions.0.text.sr', code: 'required' },
      ]),
    );
  });

  it('checks the reference, priorities and National Strategy objective codes', () => {
    const c = call();
    c.reference = 'mf c3';
    c.priorities[0]!.nsObjective = '3.2';
    c.priorities[1]!.code = 'P1';
    expect(fields(c)).toEqual(
      expect.arrayContaining([
        { field: 'reference', code: 'format' },
        { field: 'priorities.0.nsObjective', code: 'format' },
        { field: 'priorities.1.code', code: 'duplicate' },
      ]),
    );
    expect(fields({ ...call(), priorities: [] })).toContainEqual({ field: 'priorities', code: 'required' });
  });

  it('wants min ≤ max ≤ envelope', () => {
    expect(fields({ ...call(), minGrantCents: 5_000_000, maxGrantCents: 4_000_000 })).toEqual([{ field: 'minGrantCents', code: 'above_max_grant' }]);
    expect(fields({ ...call(), budgetEnvelopeCents: 5_000_000 })).toEqual([{ field: 'maxGrantCents', code: 'above_envelope' }]);
    expect(fields({ ...call(), minGrantCents: 6_000_000 })).toEqual([]);
    expect(fields({ ...call(), minGrantCents: 0 })).toContainEqual({ field: 'minGrantCents', code: 'not_positive' });
  });

  it('keeps the maximum within the EU ceiling unless lifted with a reason', () => {
    expect(fields({ ...call(), maxGrantCents: EU_MAX_GRANT_CENTS + 1 })).toEqual([{ field: 'maxGrantCents', code: 'above_eu_ceiling' }]);
    expect(fields({ ...call(), maxGrantCents: EU_MAX_GRANT_CENTS + 1, maxGrantOverride: { reason: '  ' } })).toEqual([{ field: 'maxGrantOverride.reason', code: 'required' }]);
    expect(fields({ ...call(), maxGrantCents: 8_000_000, maxGrantOverride: { reason: 'Donor approval of 3 May' } })).toEqual([]);
  });

  it('checks grid points and thresholds', () => {
    const c = call();
    c.grid.sections[1]!.criteria[0]!.maxPoints = 0;
    c.grid.sections[1]!.criteria[1]!.maxPoints = 2.5;
    c.grid.sections[0]!.thresholdPoints = 21;
    c.grid.totalThreshold = 101;
    expect(fields(c)).toEqual(
      expect.arrayContaining([
        { field: 'grid.sections.1.criteria.0.maxPoints', code: 'not_positive' },
        { field: 'grid.sections.1.criteria.1.maxPoints', code: 'not_whole_points' },
        { field: 'grid.sections.0.thresholdPoints', code: 'above_section_max' },
      ]),
    );
    const half = call();
    half.grid.halfPoints = true;
    half.grid.sections[1]!.criteria[1]!.maxPoints = 9.5;
    half.grid.totalThreshold = 60;
    expect(fields(half)).toEqual([]);
    const over = call();
    over.grid.totalThreshold = 101;
    expect(fields(over)).toEqual([{ field: 'grid.totalThreshold', code: 'above_grid_total' }]);
  });

  it('needs at least one section and one criterion per section', () => {
    const c = call();
    c.grid.sections[4]!.criteria = [];
    expect(fields(c)).toContainEqual({ field: 'grid.sections.4.criteria', code: 'required' });
    const empty = call();
    empty.grid.sections = [];
    expect(fields(empty)).toContainEqual({ field: 'grid.sections', code: 'required' });
  });

  it('checks evaluators, divergence, co-financing, heading caps and the indirect cap', () => {
    const c = call();
    c.evaluatorsPerApplication = 0;
    c.divergenceThresholdPoints = 101;
    c.minCoFinancingBp = 10_001;
    c.costHeadings[0]!.capPct = 120;
    c.indirectCostCapBp = -1;
    expect(fields(c)).toEqual(
      expect.arrayContaining([
        { field: 'evaluatorsPerApplication', code: 'out_of_range' },
        { field: 'divergenceThresholdPoints', code: 'out_of_range' },
        { field: 'minCoFinancingBp', code: 'out_of_range' },
        { field: 'costHeadings.0.capPct', code: 'out_of_range' },
        { field: 'indirectCostCapBp', code: 'out_of_range' },
      ]),
    );
    expect(fields({ ...call(), evaluatorsPerApplication: 1, indirectCostCapBp: 1000 })).toEqual([]);
    expect(fields({ ...call(), costHeadings: [] })).toContainEqual({ field: 'costHeadings', code: 'required' });
  });

  it('takes heading caps with up to two decimals (12.5 %), not more', () => {
    const c = call();
    c.costHeadings[0]!.capPct = 12.5;
    c.costHeadings[1]!.capPct = 33.33;
    expect(fields(c).filter((p) => p.field.startsWith('costHeadings'))).toEqual([]);
    c.costHeadings[0]!.capPct = 12.345;
    expect(fields(c)).toContainEqual({ field: 'costHeadings.0.capPct', code: 'too_many_decimals' });
  });

  it('wants dates in order, evaluation due ≤ decision, and a submission deadline in the future', () => {
    const c = call();
    c.dates.questionsDeadlineAt = c.dates.publicationAt;
    expect(fields(c)).toEqual([{ field: 'dates.questionsDeadlineAt', code: 'not_after_previous' }]);
    const d = call();
    d.dates.decisionExpectedAt = d.dates.evaluationDueAt;
    expect(fields(d)).toEqual([]);
    d.dates.decisionExpectedAt = new Date(Date.parse(d.dates.evaluationDueAt) - 1000).toISOString();
    expect(fields(d)).toEqual([{ field: 'dates.decisionExpectedAt', code: 'not_after_previous' }]);
    const late = call();
    expect(fields(late, late.dates.submissionDeadlineAt)).toEqual([{ field: 'dates.submissionDeadlineAt', code: 'in_the_past' }]);
    const bad = call();
    bad.dates.evaluationDueAt = 'soon';
    expect(fields(bad)).toEqual([{ field: 'dates.evaluationDueAt', code: 'invalid_instant' }]);
  });
});
