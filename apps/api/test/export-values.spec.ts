import { APPLICATION_STATUSES, ASSIGNMENT_STATUSES, AWARD_STATUSES } from '@grants/domain';
import {
  ADMISSIBILITY_LABELS, APPLICATION_STATUS_LABELS, ASSIGNMENT_ORIGIN_LABELS, ASSIGNMENT_STATUS_LABELS, AWARD_STATUS_LABELS,
  RANKING_OUTCOME_LABELS, RANKING_REASON_LABELS, TIE_BREAK_LABELS, valueLabel, withValueLabels, type ValueLabels,
} from '../src/common/export-values';

/** Export value cells are words in the reader's language and script, not the codes the database keeps. */
describe('export value labels', () => {
  const all: [string, ValueLabels][] = Object.entries({
    APPLICATION_STATUS_LABELS, ADMISSIBILITY_LABELS, ASSIGNMENT_STATUS_LABELS, ASSIGNMENT_ORIGIN_LABELS, AWARD_STATUS_LABELS,
    RANKING_OUTCOME_LABELS, RANKING_REASON_LABELS, TIE_BREAK_LABELS,
  });

  it('words every status of the domain lists', () => {
    for (const s of APPLICATION_STATUSES) expect(APPLICATION_STATUS_LABELS[s]).toBeDefined();
    for (const s of ASSIGNMENT_STATUSES) expect(ASSIGNMENT_STATUS_LABELS[s]).toBeDefined();
    for (const s of AWARD_STATUSES) expect(AWARD_STATUS_LABELS[s]).toBeDefined();
  });

  it.each(all)('%s: en, sq and sr, none a code, sq and sr not copies of the English', (_name, labels) => {
    for (const [code, l] of Object.entries(labels)) {
      for (const lang of ['en', 'sq', 'sr'] as const) {
        expect(l[lang].trim()).not.toBe('');
        expect(l[lang]).not.toBe(code);
      }
      // "Reference" and the like may coincide; whole sentences may not
      if (l.en.length > 12) { expect(l.sq).not.toBe(l.en); expect(l.sr).not.toBe(l.en); }
    }
  });

  it('gives the word in the reader’s language and script, keeps what nobody worded, leaves other cells alone', () => {
    expect(valueLabel(APPLICATION_STATUS_LABELS, 'submitted', { language: 'en' })).toBe('Submitted');
    expect(valueLabel(APPLICATION_STATUS_LABELS, 'submitted', { language: 'sq' })).toBe('I dorëzuar');
    expect(valueLabel(APPLICATION_STATUS_LABELS, 'submitted', { language: 'sr', script: 'latin' })).toBe('Podneta');
    expect(valueLabel(APPLICATION_STATUS_LABELS, 'submitted', { language: 'sr', script: 'cyrillic' })).toBe('Поднета');
    expect(valueLabel(APPLICATION_STATUS_LABELS, 'something_new', { language: 'sq' })).toBe('something_new');
    expect(valueLabel(RANKING_REASON_LABELS, '', { language: 'sq' })).toBe('');
    expect(valueLabel(RANKING_REASON_LABELS, null, { language: 'sq' })).toBeNull();
    const rows = withValueLabels([{ status: 'conflict', origin: 'manual', total: 42, reference: 'submitted' }],
      { status: ASSIGNMENT_STATUS_LABELS, origin: ASSIGNMENT_ORIGIN_LABELS }, { language: 'sr', script: 'latin' });
    expect(rows).toEqual([{ status: 'Sukob interesa', origin: 'Ručno', total: 42, reference: 'submitted' }]);
  });
});
