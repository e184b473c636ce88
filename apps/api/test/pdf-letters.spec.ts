import { outcomeLetterPdf, type OutcomeLetter } from '../src/modules/awards/outcome-letter-pdf';
import { receiptPdf } from '../src/modules/applications/receipt';
import { evaluationReportPdf, type ReportInput } from '../src/modules/evaluations/evaluation-pdf';
import { pdfText } from './pdf-text';

/** No Latin letter outside what is written as it is (references, hashes, names, file names, foreign acronyms). */
function latinLeft(text: string, keep: readonly (string | RegExp)[]): string[] {
  let rest = text;
  for (const k of keep) rest = typeof k === 'string' ? rest.split(k).join(' ') : rest.replace(k, ' ');
  return rest.match(/[A-Za-zČčĆćĐđŠšŽž]+/g) ?? [];
}

const LETTER: OutcomeLetter = {
  application: { reference: 'MF-C3-2026-00-002', organizationName: 'Centar za podršku', requestedCents: 4_161_900 },
  call: { reference: 'MF-C3-2026-00', title: { en: 'Reintegration grants', sq: 'Grante për riintegrim', sr: 'Grantovi za reintegraciju OCD' } },
  decision: { decidedOn: '2026-12-02', sha256: 'ab'.repeat(32) },
  outcome: 'offered', reason: null, rank: 2, reservePlace: null, movedUp: false,
  points: { sections: { capacity: 22.5, relevance: 24.34, design: 25.83 }, total: 72.67 },
  pointsRounding: 'sections_add_up',
  award: { amountCents: 4_000_000, status: 'offered', adjustmentReason: 'Equipment line cut' },
  grid: [
    { id: 'capacity', title: { en: 'Capacity', sq: 'Kapaciteti', sr: 'Kapacitet' }, maxPoints: 30, thresholdPoints: 12.5 },
    { id: 'relevance', title: { en: 'Relevance', sq: 'Relevanca', sr: 'Relevantnost' }, maxPoints: 35, thresholdPoints: null },
    { id: 'design', title: { en: 'Design', sq: 'Dizajni', sr: 'Dizajn' }, maxPoints: 35, thresholdPoints: null },
  ],
  totalThreshold: 50,
  comments: [{ evaluator: 1, comments: { capacity: 'Solid team.' } }],
};

describe('PDFs in the reader’s language, script and formats', () => {
  it('writes the outcome letter in Serbian Cyrillic for a Cyrillic reader, with "22,50 / 30" (points to two decimals), the date spelled out, and OCD as ОЦД', async () => {
    const text = pdfText(await outcomeLetterPdf(LETTER, { language: 'sr', script: 'cyrillic' }));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Исход ваше пријаве');
    expect(flat).toContain('2. децембар 2026.');
    expect(flat).toContain('22,50 / 30');
    expect(flat).toContain('72,67 / 100');
    expect(flat).toContain('праг 12,5');
    expect(flat).toContain('Грантови за реинтеграцију ОЦД');
    expect(flat).toContain('40.000,00 €');
    expect(flat).toContain('највећи остатак');
    // only what is written as it is stays Latin: references, the hash, the organisation's name, what the evaluators wrote
    expect(latinLeft(text, ['MF-C3-2026-00-002', 'MF-C3-2026-00', 'ab'.repeat(32), 'Centar za podršku', 'Equipment line cut', 'Solid team.', 'SHA-256'])).toEqual([]);
  });

  it('shows the sections adding up to the total and says how they are rounded, in each language', async () => {
    const en = pdfText(await outcomeLetterPdf(LETTER, 'en')).replace(/\s+/g, ' ');
    expect(en).toContain('Capacity: 22.50 / 30 (threshold 12.5)');
    expect(en).toContain('Total: 72.67 / 100 (threshold 50)');
    expect(en).toContain('add up to the total (largest remainder)');
    expect(en).toContain('2 December 2026');
    expect(en).toContain('less than the €41,619.00 you requested');
    const sq = pdfText(await outcomeLetterPdf(LETTER, 'sq')).replace(/\s+/g, ' ');
    expect(sq).toContain('Kapaciteti: 22,50 / 30 (pragu 12,5)');
    expect(sq).toContain('2 dhjetor 2026');
    expect(sq).toContain('40.000,00 €');
    const sr = pdfText(await outcomeLetterPdf(LETTER, { language: 'sr', script: 'latin' })).replace(/\s+/g, ' ');
    expect(sr).toContain('Kapacitet: 22,50 / 30 (prag 12,5)');
    expect(sr).toContain('2. decembar 2026.');
  });

  it('an awarded letter after a move-up does not speak of a reserve place', async () => {
    const moved: OutcomeLetter = { ...LETTER, outcome: 'awarded', reservePlace: null, movedUp: true, award: { amountCents: 4_161_900, status: 'awarded', adjustmentReason: null } };
    const en = pdfText(await outcomeLetterPdf(moved, 'en')).replace(/\s+/g, ' ');
    expect(en).toContain('Your application has been selected for funding.');
    expect(en).toContain('moved up from the reserve list');
    expect(en).not.toMatch(/reserve list, in place/);
    const reserve = pdfText(await outcomeLetterPdf({ ...LETTER, outcome: 'reserve', reservePlace: 1, award: null }, 'en')).replace(/\s+/g, ' ');
    expect(reserve).toContain('on the reserve list, in place 1');
    expect(reserve).not.toContain('selected for funding.');
  });

  it('writes the application receipt in Cyrillic with the submission time spelled out in Kosovo time', async () => {
    const input = {
      reference: 'MF-C3-2026-00-002', call: 'Reintegration grants', organization: 'NVO Sunce', submittedAt: '2026-12-02T16:05:00Z',
      submittedBy: 'Ana Jovanović', sha256: 'cd'.repeat(32), attachments: [{ fileName: 'statut.pdf', sha256: 'ef'.repeat(32) }],
    };
    const text = pdfText(await receiptPdf(input, { language: 'sr', script: 'cyrillic' }));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Потврда о подношењу');
    expect(flat).toContain('2. децембар 2026. 17:05');
    expect(latinLeft(text, [input.reference, input.call, input.organization, input.submittedBy, input.sha256, 'statut.pdf', 'ef'.repeat(32), 'SHA-256'])).toEqual([]);
    const sq = pdfText(await receiptPdf(input, 'sq')).replace(/\s+/g, ' ');
    expect(sq).toContain('2 dhjetor 2026, 17:05');
  });
});

describe('the evaluation report in the reader’s language and script', () => {
  const REPORT: ReportInput = {
    call: {
      reference: 'MF-C3-2026-00', title: { en: 'Reintegration grants', sq: 'Grante për riintegrim', sr: 'Grantovi za reintegraciju' }, status: 'decided',
      grid: { sections: [{ id: 'capacity', title: { en: 'Capacity', sq: 'Kapaciteti', sr: 'Kapacitet' }, thresholdPoints: 12.5, criteria: [{ id: '1.1', title: { en: 'Staff', sq: 'Stafi', sr: 'Osoblje' }, maxPoints: 30 }] }], totalThreshold: 50, halfPoints: true },
      rules: { evaluatorsPerApplication: 2, divergenceThresholdPoints: 15, consolidationRule: 'mean_all', tieBreakSectionId: 'capacity', reserveListSize: 5 },
    },
    ranking: {
      envelopeCents: 13_000_000, awardedCents: 4_161_900, remainingCents: 8_838_100, pending: 0,
      rows: [{ rank: 1, reference: 'MF-C3-2026-00-001', organizationName: 'Centar za podršku', points: { sections: { capacity: 22.5 }, total: 72.67 }, requestedCents: 4_161_900, awardedCents: 4_161_900, outcome: 'awarded', reason: null, reservePlace: null, tieBrokenBy: null, adjustment: null, sheets: 2, required: 2 }],
    },
    decision: { decidedOn: '2026-12-02', committeeMembers: ['Drita Berisha'], sha256: 'ab'.repeat(32), recordedAt: '2026-12-02T16:05:00Z' },
    pool: [{ fullName: 'Milica Jovanović', signedAt: new Date('2026-11-20T09:00:00Z'), submitted: 2 }],
    conflicts: [],
    awards: [{ reference: 'MF-C3-2026-00-001', organizationName: 'Centar za podršku', amountCents: 4_161_900, status: 'offered', declineReason: null }],
  };

  it('writes the report in Cyrillic with numbers and dates in the Serbian format, and stays English by default', async () => {
    const text = pdfText(await evaluationReportPdf(REPORT, { language: 'sr', script: 'cyrillic' }));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Извештај о оцењивању MF-C3-2026-00');
    expect(flat).toContain('Статус позива: одлучен');
    expect(flat).toContain('праг 12,5');
    expect(flat).toContain('72,67');
    expect(flat).toContain('2. децембар 2026.');
    expect(flat).toContain('понуђен, чека се одговор');
    expect(latinLeft(text, ['MF-C3-2026-00-001', 'MF-C3-2026-00', 'Centar za podršku', 'Milica Jovanović', 'Drita Berisha', 'ab'.repeat(32), 'SHA-256', 'capacity', '1.1'])).toEqual([]);
    const en = pdfText(await evaluationReportPdf(REPORT)).replace(/\s+/g, ' ');
    expect(en).toContain('Evaluation report MF-C3-2026-00');
    expect(en).toContain('consolidation: mean of all sheets');
    expect(en).toContain('offered, waiting for the answer');
  });
});
