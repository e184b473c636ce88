import { formatEuroCents, type Language, type LocalizedText } from '@grants/domain';
import {
  FONTS, formatDateFor, formatDateTimeFor, formatNumberFor, inScript, readerOf, type PdfReader, pdfHeading, pdfLine, renderPaged,
} from '../../common/pdf';

const render = renderPaged;
const heading = pdfHeading;
const line = pdfLine;

// The outcome letter, in the reader's language and script: awards/outcome-letter-pdf.ts

// ---------------------------------------------------------------------------------------------------------
// The evaluation report of a call (for the Secretariat, the donor and auditors), in the reader's language and script

export type ReportInput = {
  call: { reference: string; title: LocalizedText; status: string; grid: { sections: { id: string; title: LocalizedText; thresholdPoints: number | null; criteria: { id: string; title: LocalizedText; maxPoints: number }[] }[]; totalThreshold: number | null; halfPoints: boolean }; rules: Record<string, unknown> };
  ranking: { envelopeCents: number; awardedCents: number; remainingCents: number; pending: number; rows: { rank: number | null; reference: string; organizationName: string; points: { sections: Record<string, number>; total: number } | null; requestedCents: number; awardedCents: number; outcome: string; reason: string | null; reservePlace: number | null; tieBrokenBy: string | null; adjustment: { reason: string } | null; sheets: number; required: number }[] };
  decision: { decidedOn: string; committeeMembers: string[]; sha256: string; recordedAt: string } | null;
  pool: { fullName: string; signedAt: Date | null; submitted: number }[];
  conflicts: { fullName: string; reference: string; reason: string | null; at: Date }[];
  awards: { reference: string; organizationName: string; amountCents: number; status: string; declineReason: string | null }[];
};

/** The report's words. Serbian in Latin; a Cyrillic reader gets them transliterated. Codes (statuses, rules) have their own. */
const REPORT: Record<Language, Record<string, string>> = {
  en: {
    title: 'Evaluation report {{reference}}', status: 'Status of the call', envelope: 'Envelope', rules: 'Rules', grid: 'Evaluation grid',
    points: '{{n}} points', threshold: 'threshold {{n}}', totalThreshold: 'Total threshold', scores: 'Scores', half: 'whole or half points', whole: 'whole points',
    pool: 'Evaluator pool and declarations', signed: 'declaration signed {{at}}', notSigned: 'declaration NOT signed', submitted: '{{n}} sheet(s) submitted',
    conflicts: 'Conflicts of interest declared', none: 'None.', ranking: 'Ranking and funding line',
    columns: 'Rank | Reference | Organisation | Total | {{sections}} | Requested | Awarded | Outcome', reserve: 'reserve {{n}}', rejected: 'rejected ({{reason}})',
    tie: 'tie broken by {{by}}', adjusted: 'adjusted: {{reason}}', sheets: '{{n}}/{{of}} sheets', totals: 'Awarded in total', left: '{{awarded}}; left in the envelope {{left}}',
    pending: 'Still lacking sheets', decision: 'Decision of the evaluation committee', notYet: 'Not yet recorded.', date: 'Date', committee: 'Committee', recorded: 'Recorded',
    hash: 'SHA-256 of the decision as recorded (also in the audit trail):', awards: 'Awards',
    'rule.evaluatorsPerApplication': 'evaluators per application', 'rule.divergenceThresholdPoints': 'divergence threshold (points)', 'rule.consolidationRule': 'consolidation',
    'rule.tieBreakSectionId': 'tie-break section', 'rule.reserveListSize': 'reserve list size',
    'consolidation.mean_all': 'mean of all sheets', 'consolidation.two_closest': 'mean of the two closest sheets',
    'call.draft': 'draft', 'call.published': 'published', 'call.closed': 'closed', 'call.in_evaluation': 'in evaluation', 'call.decided': 'decided', 'call.archived': 'archived',
    'outcome.awarded': 'awarded', 'outcome.reserve': 'reserve', 'outcome.rejected': 'rejected', 'outcome.pending': 'pending',
    'reason.below_threshold': 'below a threshold', 'reason.not_within_envelope': 'not within the envelope',
    'tie.total': 'total', 'tie.section': 'tie-break section', 'tie.submission': 'earlier submission', 'tie.reference': 'reference',
    'award.awarded': 'awarded', 'award.offered': 'offered, waiting for the answer', 'award.refused': 'offer refused', 'award.declined': 'declined',
  },
  sq: {
    title: 'Raporti i vlerësimit {{reference}}', status: 'Statusi i thirrjes', envelope: 'Fondi', rules: 'Rregullat', grid: 'Tabela e vlerësimit',
    points: '{{n}} pikë', threshold: 'pragu {{n}}', totalThreshold: 'Pragu total', scores: 'Pikët', half: 'pikë të plota ose gjysma', whole: 'pikë të plota',
    pool: 'Grupi i vlerësuesve dhe deklaratat', signed: 'deklarata e nënshkruar {{at}}', notSigned: 'deklarata NUK është nënshkruar', submitted: '{{n}} fletë të dorëzuara',
    conflicts: 'Konfliktet e interesit të deklaruara', none: 'Asnjë.', ranking: 'Renditja dhe vija e financimit',
    columns: 'Renditja | Referenca | Organizata | Gjithsej | {{sections}} | Kërkuar | Dhënë | Rezultati', reserve: 'rezervë {{n}}', rejected: 'refuzuar ({{reason}})',
    tie: 'barazimi u zgjidh nga {{by}}', adjusted: 'ndryshuar: {{reason}}', sheets: '{{n}}/{{of}} fletë', totals: 'Dhënë gjithsej', left: '{{awarded}}; mbetur në fond {{left}}',
    pending: 'Ende pa fletë', decision: 'Vendimi i komisionit të vlerësimit', notYet: 'Ende i paregjistruar.', date: 'Data', committee: 'Komisioni', recorded: 'Regjistruar',
    hash: 'SHA-256 i vendimit siç u regjistrua (edhe në gjurmën e auditimit):', awards: 'Grantet',
    'rule.evaluatorsPerApplication': 'vlerësues për aplikim', 'rule.divergenceThresholdPoints': 'pragu i divergjencës (pikë)', 'rule.consolidationRule': 'konsolidimi',
    'rule.tieBreakSectionId': 'seksioni për barazim', 'rule.reserveListSize': 'madhësia e listës rezervë',
    'consolidation.mean_all': 'mesatarja e të gjitha fletëve', 'consolidation.two_closest': 'mesatarja e dy fletëve më të afërta',
    'call.draft': 'skicë', 'call.published': 'e publikuar', 'call.closed': 'e mbyllur', 'call.in_evaluation': 'në vlerësim', 'call.decided': 'e vendosur', 'call.archived': 'e arkivuar',
    'outcome.awarded': 'dhënë', 'outcome.reserve': 'rezervë', 'outcome.rejected': 'refuzuar', 'outcome.pending': 'në pritje',
    'reason.below_threshold': 'nën një prag', 'reason.not_within_envelope': 'jashtë fondit',
    'tie.total': 'totali', 'tie.section': 'seksioni për barazim', 'tie.submission': 'dorëzimi më i hershëm', 'tie.reference': 'referenca',
    'award.awarded': 'dhënë', 'award.offered': 'ofruar, në pritje të përgjigjes', 'award.refused': 'oferta u refuzua', 'award.declined': 'hequr dorë',
  },
  sr: {
    title: 'Izveštaj o ocenjivanju {{reference}}', status: 'Status poziva', envelope: 'Budžet', rules: 'Pravila', grid: 'Tabela ocenjivanja',
    points: '{{n}} bodova', threshold: 'prag {{n}}', totalThreshold: 'Ukupni prag', scores: 'Bodovi', half: 'celi ili polovični bodovi', whole: 'celi bodovi',
    pool: 'Grupa ocenjivača i izjave', signed: 'izjava potpisana {{at}}', notSigned: 'izjava NIJE potpisana', submitted: 'podneto listova: {{n}}',
    conflicts: 'Prijavljeni sukobi interesa', none: 'Nema.', ranking: 'Rang-lista i linija finansiranja',
    columns: 'Rang | Referenca | Organizacija | Ukupno | {{sections}} | Traženo | Dodeljeno | Ishod', reserve: 'rezerva {{n}}', rejected: 'odbijeno ({{reason}})',
    tie: 'izjednačenje razrešeno po: {{by}}', adjusted: 'prilagođeno: {{reason}}', sheets: '{{n}}/{{of}} listova', totals: 'Ukupno dodeljeno', left: '{{awarded}}; ostalo u budžetu {{left}}',
    pending: 'Još bez listova', decision: 'Odluka komisije za ocenjivanje', notYet: 'Još nije zabeležena.', date: 'Datum', committee: 'Komisija', recorded: 'Zabeleženo',
    hash: 'SHA-256 odluke kako je zabeležena (i u tragu revizije):', awards: 'Grantovi',
    'rule.evaluatorsPerApplication': 'ocenjivača po prijavi', 'rule.divergenceThresholdPoints': 'prag odstupanja (bodovi)', 'rule.consolidationRule': 'objedinjavanje',
    'rule.tieBreakSectionId': 'odeljak za izjednačenje', 'rule.reserveListSize': 'veličina rezervne liste',
    'consolidation.mean_all': 'prosek svih listova', 'consolidation.two_closest': 'prosek dva najbliža lista',
    'call.draft': 'nacrt', 'call.published': 'objavljen', 'call.closed': 'zatvoren', 'call.in_evaluation': 'u ocenjivanju', 'call.decided': 'odlučen', 'call.archived': 'arhiviran',
    'outcome.awarded': 'dodeljeno', 'outcome.reserve': 'rezerva', 'outcome.rejected': 'odbijeno', 'outcome.pending': 'na čekanju',
    'reason.below_threshold': 'ispod praga', 'reason.not_within_envelope': 'van budžeta',
    'tie.total': 'ukupno', 'tie.section': 'odeljak za izjednačenje', 'tie.submission': 'ranije podnošenje', 'tie.reference': 'referenca',
    'award.awarded': 'dodeljen', 'award.offered': 'ponuđen, čeka se odgovor', 'award.refused': 'ponuda odbijena', 'award.declined': 'odustao',
  },
};

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));

/**
 * The evaluation report of a call as a PDF, in the reader's language and script (English by default): the grid, the
 * pool and its declarations, conflicts, the ranking with its funding line, the decision and the awards as they stand.
 */
export function evaluationReportPdf(r: ReportInput, who: Language | PdfReader = 'en'): Promise<Buffer> {
  const reader = readerOf(who);
  const lang = reader.language;
  const words = REPORT[lang];
  // the words in the reader's script first, then the values (references, names, formatted numbers and dates) as they are
  const L = (key: string, params: Record<string, string | number> = {}) => fill(inScript(reader, words[key] ?? REPORT.en[key] ?? key), params);
  const code = (prefix: string, value: unknown) => (words[`${prefix}.${value}`] ? L(`${prefix}.${value}`) : String(value));
  const text = (t: LocalizedText) => inScript(reader, t[lang] || t.en);
  const euro = (cents: number) => formatEuroCents(cents, lang);
  const num = (x: number) => formatNumberFor(reader, x);
  const title = L('title', { reference: r.call.reference });
  return render(title, (doc) => {
    doc.font(FONTS.bold).fontSize(16).text(title).font(FONTS.body).fontSize(11).text(text(r.call.title)).moveDown(0.5);
    line(doc, L('status'), code('call', r.call.status));
    line(doc, L('envelope'), euro(r.ranking.envelopeCents));
    const rule = ([k, v]: [string, unknown]) => {
      const value = k === 'consolidationRule' ? code('consolidation', v) : typeof v === 'number' ? num(v) : v === null ? '—' : String(v);
      return `${words[`rule.${k}`] ? L(`rule.${k}`) : k}: ${value}`;
    };
    line(doc, L('rules'), Object.entries(r.call.rules).map(rule).join('; '));

    heading(doc, L('grid'));
    for (const s of r.call.grid.sections) {
      const max = s.criteria.reduce((x, c) => x + c.maxPoints, 0);
      doc.font(FONTS.bold).fontSize(9).text(`${text(s.title)} — ${L('points', { n: num(max) })}${s.thresholdPoints !== null ? `, ${L('threshold', { n: num(s.thresholdPoints) })}` : ''}`).font(FONTS.body);
      for (const c of s.criteria) doc.fontSize(8).text(`   ${c.id} ${text(c.title)} (${num(c.maxPoints)})`);
    }
    if (r.call.grid.totalThreshold !== null) line(doc, L('totalThreshold'), num(r.call.grid.totalThreshold));
    line(doc, L('scores'), r.call.grid.halfPoints ? L('half') : L('whole'));

    heading(doc, L('pool'));
    for (const p of r.pool) doc.fontSize(9).text(`${p.fullName} — ${p.signedAt ? L('signed', { at: formatDateTimeFor(reader, p.signedAt) }) : L('notSigned')}; ${L('submitted', { n: num(p.submitted) })}`);

    heading(doc, L('conflicts'));
    if (!r.conflicts.length) doc.fontSize(9).text(L('none'));
    for (const c of r.conflicts) doc.fontSize(9).text(`${c.reference}: ${c.fullName} (${formatDateFor(reader, c.at)}) — ${c.reason ?? ''}`);

    heading(doc, L('ranking'));
    const sectionIds = r.call.grid.sections.map((s) => s.id);
    doc.fontSize(7).fillColor('#555').text(L('columns', { sections: sectionIds.join(' | ') })).fillColor('#000');
    for (const row of r.ranking.rows) {
      const sections = sectionIds.map((id) => (row.points?.sections[id] !== undefined ? num(row.points.sections[id]) : '—')).join(' | ');
      const outcome = row.outcome === 'reserve' ? L('reserve', { n: num(row.reservePlace ?? 0) })
        : row.outcome === 'rejected' ? L('rejected', { reason: code('reason', row.reason) }) : code('outcome', row.outcome);
      const notes = `${row.tieBrokenBy ? ` (${L('tie', { by: code('tie', row.tieBrokenBy) })})` : ''}${row.adjustment ? ` — ${L('adjusted', { reason: row.adjustment.reason })}` : ''}`;
      doc.fontSize(7).text(`${row.rank !== null ? num(row.rank) : '—'} | ${row.reference} | ${row.organizationName} | ${row.points ? num(row.points.total) : '—'} | ${sections} | ${euro(row.requestedCents)} | ${euro(row.awardedCents)} | ${outcome}${notes} [${L('sheets', { n: num(row.sheets), of: num(row.required) })}]`);
    }
    line(doc, L('totals'), L('left', { awarded: euro(r.ranking.awardedCents), left: euro(r.ranking.remainingCents) }));
    if (r.ranking.pending) line(doc, L('pending'), num(r.ranking.pending));

    heading(doc, L('decision'));
    if (!r.decision) doc.fontSize(9).text(L('notYet'));
    else {
      line(doc, L('date'), formatDateFor(reader, r.decision.decidedOn));
      line(doc, L('committee'), r.decision.committeeMembers.join(', '));
      line(doc, L('recorded'), formatDateTimeFor(reader, r.decision.recordedAt));
      doc.fontSize(9).fillColor('#555').text(L('hash')).fillColor('#000').font(FONTS.mono).text(r.decision.sha256).font(FONTS.body);
    }
    if (r.awards.length) {
      heading(doc, L('awards'));
      for (const a of r.awards) doc.fontSize(9).text(`${a.reference} ${a.organizationName}: ${euro(a.amountCents)} — ${code('award', a.status)}${a.declineReason ? ` (${a.declineReason})` : ''}`);
    }
  });
}
