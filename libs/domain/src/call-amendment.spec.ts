import fc from 'fast-check';
import { AMENDABLE_CALL_FIELDS, EXTENDABLE_CALL_DATES, LOCKED_CALL_FIELDS, amendedFields, checkAmendment } from './call-amendment';
import type { CallDraft } from './call-validation';
import { demoCallDraft } from './demo-call';

const published = (): CallDraft => demoCallDraft('2026-03-02T08:00:00Z');
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('checkAmendment', () => {
  it('lets texts, documents and priority titles change', () => {
    const before = published();
    const after = published();
    after.texts.objectives.en = 'Clarified objectives.';
    after.priorities[0]!.title.sq = 'Shërbime rehabilitimi (të sqaruara)';
    after.documents = [{ id: 'd1', kind: 'guidelines', fileId: 'f1', title: { en: 'Guidelines', sq: 'Udhëzimet', sr: 'Smernice' } }];
    expect(checkAmendment(before, after)).toEqual([]);
    expect(amendedFields(before, after)).toEqual(['texts.objectives', 'priorities', 'documents']);
  });

  it('refuses changes to money, grid, evaluators and eligibility', () => {
    const before = published();
    const after = published();
    after.maxGrantCents = 5_000_000;
    after.grid.sections[0]!.thresholdPoints = 10;
    after.evaluatorsPerApplication = 3;
    after.eligibilityQuestions[0]!.requiredAnswer = false;
    after.costHeadings[0]!.capPct = 50;
    after.priorities[0]!.nsObjective = 'III.3';
    expect(checkAmendment(before, after)).toEqual([
      { field: 'maxGrantCents', code: 'locked_after_publication' },
      { field: 'costHeadings', code: 'locked_after_publication' },
      { field: 'eligibilityQuestions', code: 'locked_after_publication' },
      { field: 'grid', code: 'locked_after_publication' },
      { field: 'evaluatorsPerApplication', code: 'locked_after_publication' },
      { field: 'priorities', code: 'locked_after_publication' },
    ]);
  });

  it('holds the ranking rules to the decision but lets the evaluators\' declaration be amended, as a listed change', () => {
    const before = published();
    const after = published();
    after.consolidationRule = 'two_closest';
    after.tieBreakSectionId = null;
    after.reserveListSize = 2;
    expect(checkAmendment(before, after)).toEqual([
      { field: 'consolidationRule', code: 'locked_after_publication' },
      { field: 'tieBreakSectionId', code: 'locked_after_publication' },
      { field: 'reserveListSize', code: 'locked_after_publication' },
    ]);
    const declared = published();
    declared.declarationText = { en: 'I declare.', sq: 'Deklaroj.', sr: 'Izjavljujem.' };
    expect(checkAmendment(before, declared)).toEqual([]);
    expect(amendedFields(before, declared)).toEqual(['declarationText']);
  });

  it('treats a missing optional field like null', () => {
    const before = published();
    const after = published();
    delete after.maxGrantOverride;
    expect(checkAmendment(before, after)).toEqual([]);
  });

  it('refuses moving the publication date and unreadable deadlines', () => {
    const after = published();
    after.dates.publicationAt = shift(after.dates.publicationAt, 1000);
    after.dates.evaluationDueAt = 'later';
    expect(checkAmendment(published(), after)).toEqual([
      { field: 'dates.publicationAt', code: 'locked_after_publication' },
      { field: 'dates.evaluationDueAt', code: 'invalid_instant' },
    ]);
  });

  it('always allows extending every deadline', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 * 86_400_000 }), { minLength: EXTENDABLE_CALL_DATES.length, maxLength: EXTENDABLE_CALL_DATES.length }), (extensions) => {
        const before = published();
        const after = published();
        EXTENDABLE_CALL_DATES.forEach((k, i) => (after.dates[k] = shift(before.dates[k], extensions[i]!)));
        expect(checkAmendment(before, after)).toEqual([]);
      }),
    );
  });

  it('always refuses shortening any deadline, naming it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXTENDABLE_CALL_DATES), fc.integer({ min: 1, max: 30 * 86_400_000 }), fc.integer({ min: 0, max: 86_400_000 }), (k, cut, ext) => {
        const before = published();
        const after = published();
        for (const other of EXTENDABLE_CALL_DATES) after.dates[other] = shift(before.dates[other], ext);
        after.dates[k] = shift(before.dates[k], -cut);
        expect(checkAmendment(before, after)).toEqual([{ field: `dates.${k}`, code: 'deadline_shortened' }]);
      }),
    );
  });

  it('covers every field of a call either as amendable, locked, priorities, texts or dates', () => {
    const known = new Set<string>([...AMENDABLE_CALL_FIELDS, ...LOCKED_CALL_FIELDS, 'priorities', 'dates']);
    for (const k of Object.keys(published())) expect(known.has(k)).toBe(true);
  });
});
