import { formatEuroCents, type Language } from '@grants/domain';
import { FONTS, formatDateFor, formatDateTimeFor, formatNumberFor, inScript, pdfHeading, pdfLine, renderPaged, type PdfReader } from '../../common/pdf';

const LABELS: Record<Language, Record<string, string>> = {
  en: {
    title: 'Evaluation sheets and decision extract', grant: 'Grant', organization: 'Organisation', application: 'Application', sheets: 'Evaluation sheets',
    evaluator: 'Evaluator', status: 'Status', total: 'Total points', submitted: 'Submitted', scores: 'Points by criterion', comments: 'Comments by section',
    conflict: 'Conflict of interest declared', none: 'None.', decision: 'Award decision', decidedOn: 'Decided on', committee: 'Committee', decisionHash: 'SHA-256 of the decision',
    rank: 'Rank', outcome: 'Outcome', awarded: 'Amount awarded', requested: 'Amount requested', note: 'The same records are in sheets.json and decision-extract.json of this folder.',
  },
  sq: {
    title: 'Fletët e vlerësimit dhe ekstrakti i vendimit', grant: 'Granti', organization: 'Organizata', application: 'Aplikimi', sheets: 'Fletët e vlerësimit',
    evaluator: 'Vlerësuesi', status: 'Statusi', total: 'Pikët gjithsej', submitted: 'Dorëzuar', scores: 'Pikët sipas kriterit', comments: 'Komentet sipas seksionit',
    conflict: 'Konflikt interesi i deklaruar', none: 'Asnjë.', decision: 'Vendimi për dhënien', decidedOn: 'Vendosur më', committee: 'Komisioni', decisionHash: 'SHA-256 e vendimit',
    rank: 'Renditja', outcome: 'Rezultati', awarded: 'Shuma e dhënë', requested: 'Shuma e kërkuar', note: 'Të njëjtat regjistra janë në sheets.json dhe decision-extract.json të kësaj dosjeje.',
  },
  sr: {
    title: 'Listovi ocenjivanja i izvod iz odluke', grant: 'Grant', organization: 'Organizacija', application: 'Prijava', sheets: 'Listovi ocenjivanja',
    evaluator: 'Ocenjivač', status: 'Status', total: 'Ukupno bodova', submitted: 'Podneto', scores: 'Bodovi po kriterijumu', comments: 'Komentari po odeljku',
    conflict: 'Prijavljen sukob interesa', none: 'Nema.', decision: 'Odluka o dodeli', decidedOn: 'Odlučeno', committee: 'Komisija', decisionHash: 'SHA-256 odluke',
    rank: 'Rang', outcome: 'Ishod', awarded: 'Dodeljeni iznos', requested: 'Traženi iznos', note: 'Isti zapisi su u sheets.json i decision-extract.json u ovoj fascikli.',
  },
};

export type EvaluationExtract = {
  agreementNumber: string; organization: string; applicationReference: string | null;
  sheets: Record<string, unknown>[];
  decision: Record<string, unknown> | null;
};

/**
 * The evaluation sheets of the grant's application and the extract of the award decision, readable (the dossier's
 * JSON holds the same records), in the requester's language and script; names and what evaluators wrote stay as written.
 */
export function evaluationExtractPdf(e: EvaluationExtract, reader: PdfReader): Promise<Buffer> {
  const L = Object.fromEntries(Object.entries(LABELS[reader.language]).map(([k, v]) => [k, inScript(reader, v)]));
  return renderPaged(`${L.title} — ${e.agreementNumber}`, (doc) => {
    doc.fontSize(16).text(L.title).moveDown(0.5);
    pdfLine(doc, L.grant, e.agreementNumber);
    pdfLine(doc, L.organization, e.organization);
    if (e.applicationReference) pdfLine(doc, L.application, e.applicationReference);

    pdfHeading(doc, L.sheets);
    if (!e.sheets.length) doc.fontSize(9).text(L.none);
    for (const s of e.sheets) {
      doc.moveDown(0.4).font(FONTS.bold).fontSize(10).fillColor('#000').text(String(s.evaluator ?? '—')).font(FONTS.body);
      pdfLine(doc, L.status, String(s.status ?? ''));
      if (typeof s.total === 'number') pdfLine(doc, L.total, formatNumberFor(reader, s.total));
      if (s.submittedAt) pdfLine(doc, L.submitted, formatDateTimeFor(reader, s.submittedAt as Date));
      if (s.conflictReason) pdfLine(doc, L.conflict, String(s.conflictReason));
      const scores = (s.scores ?? {}) as Record<string, number>;
      if (Object.keys(scores).length) pdfLine(doc, L.scores, Object.entries(scores).map(([k, v]) => `${k}: ${formatNumberFor(reader, v, 1)}`).join(' · '));
      const comments = (s.comments ?? {}) as Record<string, string>;
      for (const [section, text] of Object.entries(comments)) if (text) pdfLine(doc, `${L.comments} — ${section}`, text);
    }

    pdfHeading(doc, L.decision);
    const d = e.decision;
    if (!d) doc.fontSize(9).text(L.none);
    else {
      if (d.decidedOn) pdfLine(doc, L.decidedOn, formatDateFor(reader, String(d.decidedOn)));
      if (Array.isArray(d.committeeMembers) && d.committeeMembers.length) pdfLine(doc, L.committee, d.committeeMembers.join(', '));
      if (d.sha256) pdfLine(doc, L.decisionHash, String(d.sha256));
      for (const line of (d.rankingLine as Record<string, unknown>[] | undefined) ?? []) {
        if (line.rank !== undefined && line.rank !== null) pdfLine(doc, L.rank, String(line.rank));
        if (line.outcome) pdfLine(doc, L.outcome, String(line.outcome));
        if (typeof line.requestedCents === 'number') pdfLine(doc, L.requested, inScript(reader, formatEuroCents(line.requestedCents, reader.language)));
        if (typeof line.awardedCents === 'number') pdfLine(doc, L.awarded, inScript(reader, formatEuroCents(line.awardedCents, reader.language)));
      }
    }
    doc.moveDown().fontSize(8).fillColor('#555').text(L.note);
  });
}
