import fc from 'fast-check';
import { ADMINISTRATIVE_ITEMS, ELIGIBILITY_ITEMS, admissibilityItems, admissibilityOutcome, callQuestionItemId, duplicateFlags } from './admissibility';

const items = admissibilityItems([
  { id: 'q1', requiredAnswer: true },
  { id: 'q2', requiredAnswer: false },
]);
const allPassed = () => items.map((i) => ({ itemId: i.id, passed: true }));

describe('admissibility checklist', () => {
  it('lists administrative items, eligibility items, then the call questions', () => {
    expect(items.map((i) => i.id)).toEqual([...ADMINISTRATIVE_ITEMS, ...ELIGIBILITY_ITEMS, 'question:q1', 'question:q2']);
    expect(items.at(-1)).toEqual({ id: callQuestionItemId('q2'), kind: 'call_question', requiredAnswer: false });
    expect(admissibilityItems()).toHaveLength(9);
  });

  it('is admissible when every item passed', () => {
    expect(admissibilityOutcome(allPassed(), items)).toEqual({ outcome: 'admissible', problems: [] });
  });

  it('is rejected when an item failed with a reason', () => {
    const answers = allPassed().map((a) => (a.itemId === 'valid_licence' ? { ...a, passed: false, reason: 'Licence expired on 1 March 2026' } : a));
    expect(admissibilityOutcome(answers, items)).toEqual({ outcome: 'rejected', problems: [] });
  });

  it('needs a reason for every failed item', () => {
    const answers = allPassed().map((a) => (a.itemId === 'on_time' ? { ...a, passed: false, reason: '  ' } : a.itemId === 'co_financing' ? { ...a, passed: false } : a));
    expect(admissibilityOutcome(answers, items)).toEqual({
      outcome: 'incomplete',
      problems: [
        { field: 'on_time', code: 'reason_required' },
        { field: 'co_financing', code: 'reason_required' },
      ],
    });
  });

  it('is incomplete while an item is unanswered, or answered twice, or unknown', () => {
    const answers = allPassed().filter((a) => a.itemId !== 'question:q1');
    expect(admissibilityOutcome(answers, items)).toEqual({ outcome: 'incomplete', problems: [{ field: 'question:q1', code: 'answer_required' }] });
    expect(admissibilityOutcome([...allPassed(), { itemId: 'on_time', passed: false, reason: 'x' }, { itemId: 'vibes', passed: true }], items).problems).toEqual([
      { field: 'on_time', code: 'duplicate_answer' },
      { field: 'vibes', code: 'unknown_item' },
    ]);
  });

  it('never calls admissible an application with a failed item', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: items.length, maxLength: items.length }), fc.boolean(), (passes, withReason) => {
        const answers = items.map((i, k) => ({ itemId: i.id, passed: passes[k]!, reason: withReason ? 'because' : undefined }));
        const { outcome } = admissibilityOutcome(answers, items);
        const anyFailed = passes.includes(false);
        expect(outcome).toBe(!anyFailed ? 'admissible' : withReason ? 'rejected' : 'incomplete');
      }),
    );
  });
});

describe('duplicateFlags', () => {
  const orgs = [
    { id: 'a', registrationNumber: '5110 1234', iban: 'XK05 1212 0123 4567 8906' },
    { id: 'b', registrationNumber: '51101234', iban: 'XK05 0000 0000 0000 0000' },
    { id: 'c', registrationNumber: '999', iban: 'xk051212012345678906' },
    { id: 'd', registrationNumber: null, iban: null },
    { id: 'e', registrationNumber: null, iban: null },
  ];

  it('flags shared registration numbers and IBANs, whatever the spacing and case', () => {
    expect(duplicateFlags(orgs, 'a', [], {})).toEqual([
      { flag: 'shared_registration_number', otherOrgIds: ['b'] },
      { flag: 'shared_iban', otherOrgIds: ['c'] },
    ]);
  });

  it('does not match empty values to each other', () => {
    expect(duplicateFlags(orgs, 'd', [], {})).toEqual([]);
  });

  it('flags an active grant and a second application to the call', () => {
    expect(duplicateFlags(orgs, 'd', ['d'], { d: 2 })).toEqual([
      { flag: 'active_grant', otherOrgIds: [] },
      { flag: 'applied_twice', otherOrgIds: [] },
    ]);
    expect(duplicateFlags(orgs, 'd', ['a'], new Map([['d', 1]]))).toEqual([]);
  });
});
