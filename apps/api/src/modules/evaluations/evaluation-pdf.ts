import { formatEuroCents, type Language, type LocalizedText } from '@grants/domain';
import { FONTS, newPdf, type Pdf as Doc } from '../../common/pdf';

function render(title: string, draw: (doc: Doc) => void): Promise<Buffer> {
  const { doc, done } = newPdf(title, { bufferPages: true });
  draw(doc);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.fontSize(8).fillColor('#777').text(`${title} — ${i + 1}/${range.count}`, 50, doc.page.height - 40, { align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

const heading = (doc: Doc, text: string) => doc.moveDown(0.6).font(FONTS.bold).fontSize(12).fillColor('#000').text(text).font(FONTS.body).moveDown(0.3);
const line = (doc: Doc, label: string, value: string) =>
  doc.fontSize(9).fillColor('#555').text(`${label}: `, { continued: true }).fillColor('#000').text(value);

// ---------------------------------------------------------------------------------------------------------
// The outcome letter, in the reader's language

const LETTER: Record<Language, Record<string, string>> = {
  en: {
    title: 'Outcome of your application', call: 'Call', reference: 'Application', organization: 'Organisation', decided: 'Decision of the evaluation committee',
    awarded: 'Your application has been selected for funding.', reserve: 'Your application is on the reserve list, in place {{n}}. If an awarded applicant declines, the first on the reserve list moves up and is told at once.',
    rejected: 'Your application has not been selected for funding.', declined: 'Your organisation declined the grant awarded to this application.',
    below_threshold: 'Reason: the score is below a threshold of the evaluation grid.', not_within_envelope: 'Reason: the application passed every threshold but is ranked below the funding line of the envelope available.',
    amount: 'Amount awarded', adjusted: 'The committee adjusted the amount: {{r}}', next: 'Next step: the Secretariat will contact you to prepare the grant agreement. The portal will show its tranches and reporting dates.',
    scores: 'Scores per section', section: 'Section', points: 'Points', max: 'Maximum', threshold: 'Threshold', total: 'Total', rank: 'Rank among the fundable applications',
    comments: "Evaluators' comments", evaluator: 'Evaluator', hash: 'SHA-256 of the recorded decision',
  },
  sq: {
    title: 'Rezultati i aplikimit tuaj', call: 'Thirrja', reference: 'Aplikimi', organization: 'Organizata', decided: 'Vendimi i komisionit të vlerësimit',
    awarded: 'Aplikimi juaj është përzgjedhur për financim.', reserve: 'Aplikimi juaj është në listën rezervë, në vendin {{n}}. Nëse një përfitues heq dorë, i pari në listën rezervë ngjitet dhe njoftohet menjëherë.',
    rejected: 'Aplikimi juaj nuk është përzgjedhur për financim.', declined: 'Organizata juaj hoqi dorë nga granti i dhënë për këtë aplikim.',
    below_threshold: 'Arsyeja: pikët janë nën një prag të tabelës së vlerësimit.', not_within_envelope: 'Arsyeja: aplikimi i kaloi të gjitha pragjet, por renditet nën vijën e financimit të fondit në dispozicion.',
    amount: 'Shuma e dhënë', adjusted: 'Komisioni e ndryshoi shumën: {{r}}', next: 'Hapi i ardhshëm: Sekretariati do t’ju kontaktojë për të përgatitur marrëveshjen e grantit. Portali do të tregojë këstet dhe datat e raportimit.',
    scores: 'Pikët sipas seksionit', section: 'Seksioni', points: 'Pikët', max: 'Maksimumi', threshold: 'Pragu', total: 'Gjithsej', rank: 'Renditja ndër aplikimet e financueshme',
    comments: 'Komentet e vlerësuesve', evaluator: 'Vlerësuesi', hash: 'SHA-256 i vendimit të regjistruar',
  },
  sr: {
    title: 'Ishod vaše prijave', call: 'Poziv', reference: 'Prijava', organization: 'Organizacija', decided: 'Odluka komisije za ocenjivanje',
    awarded: 'Vaša prijava je izabrana za finansiranje.', reserve: 'Vaša prijava je na rezervnoj listi, na mestu {{n}}. Ako dobitnik odustane, prvi sa rezervne liste se pomera naviše i odmah se obaveštava.',
    rejected: 'Vaša prijava nije izabrana za finansiranje.', declined: 'Vaša organizacija je odustala od granta dodeljenog ovoj prijavi.',
    below_threshold: 'Razlog: broj bodova je ispod praga tabele ocenjivanja.', not_within_envelope: 'Razlog: prijava je prešla sve pragove, ali je rangirana ispod linije finansiranja raspoloživog budžeta.',
    amount: 'Dodeljeni iznos', adjusted: 'Komisija je prilagodila iznos: {{r}}', next: 'Sledeći korak: Sekretarijat će vas kontaktirati radi pripreme ugovora o grantu. Portal će prikazati tranše i rokove izveštavanja.',
    scores: 'Bodovi po odeljku', section: 'Odeljak', points: 'Bodovi', max: 'Maksimum', threshold: 'Prag', total: 'Ukupno', rank: 'Rang među prijavama za finansiranje',
    comments: 'Komentari ocenjivača', evaluator: 'Ocenjivač', hash: 'SHA-256 zabeležene odluke',
  },
};

export type OutcomeLetter = {
  application: { reference: string; organizationName: string };
  call: { reference: string; title: LocalizedText };
  decision: { decidedOn: string; sha256: string };
  outcome: string;
  reason: string | null;
  rank: number | null;
  reservePlace: number | null;
  points: { sections: Record<string, number>; total: number } | null;
  award: { amountCents: number; adjustmentReason: string | null } | null;
  grid: { id: string; title: LocalizedText; maxPoints: number; thresholdPoints: number | null }[];
  totalThreshold: number | null;
  comments: { evaluator: number; comments: Record<string, string> }[];
};

export function outcomeLetterPdf(o: OutcomeLetter, lang: Language): Promise<Buffer> {
  const L = LETTER[lang];
  return render(`${L.title} ${o.application.reference}`, (doc) => {
    doc.font(FONTS.bold).fontSize(16).text(L.title).font(FONTS.body).moveDown(0.5);
    line(doc, L.call, `${o.call.reference} — ${o.call.title[lang]}`);
    line(doc, L.reference, o.application.reference);
    line(doc, L.organization, o.application.organizationName);
    line(doc, L.decided, o.decision.decidedOn);
    doc.moveDown(0.6).fontSize(11).fillColor('#000');
    if (o.outcome === 'awarded') doc.text(L.awarded);
    else if (o.outcome === 'reserve') doc.text(L.reserve.replace('{{n}}', String(o.reservePlace ?? '')));
    else if (o.outcome === 'declined') doc.text(L.declined);
    else doc.text(L.rejected);
    if (o.outcome === 'rejected' && o.reason) doc.moveDown(0.3).fontSize(10).text(L[o.reason] ?? o.reason);
    if (o.award && o.outcome === 'awarded') {
      doc.moveDown(0.3);
      line(doc, L.amount, formatEuroCents(o.award.amountCents, lang));
      if (o.award.adjustmentReason) doc.fontSize(9).text(L.adjusted.replace('{{r}}', o.award.adjustmentReason));
      doc.moveDown(0.3).fontSize(10).text(L.next);
    }
    if (o.points) {
      heading(doc, L.scores);
      for (const s of o.grid) {
        const th = s.thresholdPoints !== null ? ` (${L.threshold} ${s.thresholdPoints})` : '';
        line(doc, s.title[lang], `${o.points.sections[s.id] ?? 0} / ${s.maxPoints}${th}`);
      }
      line(doc, L.total, `${o.points.total} / ${o.grid.reduce((x, s) => x + s.maxPoints, 0)}${o.totalThreshold !== null ? ` (${L.threshold} ${o.totalThreshold})` : ''}`);
      if (o.rank !== null) line(doc, L.rank, String(o.rank));
    }
    if (o.comments.length) {
      heading(doc, L.comments);
      for (const c of o.comments) {
        doc.font(FONTS.bold).fontSize(10).text(`${L.evaluator} ${c.evaluator}`).font(FONTS.body);
        for (const s of o.grid) {
          if (!c.comments[s.id]) continue;
          doc.fontSize(9).fillColor('#555').text(s.title[lang]).fillColor('#000').text(c.comments[s.id]).moveDown(0.2);
        }
        doc.moveDown(0.3);
      }
    }
    doc.moveDown(0.6).fontSize(8).fillColor('#555').text(`${L.hash}: `).font(FONTS.mono).text(o.decision.sha256).font(FONTS.body);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The evaluation report of a call (for the Secretariat, the donor and auditors; English)

export type ReportInput = {
  call: { reference: string; title: LocalizedText; status: string; grid: { sections: { id: string; title: LocalizedText; thresholdPoints: number | null; criteria: { id: string; title: LocalizedText; maxPoints: number }[] }[]; totalThreshold: number | null; halfPoints: boolean }; rules: Record<string, unknown> };
  ranking: { envelopeCents: number; awardedCents: number; remainingCents: number; pending: number; rows: { rank: number | null; reference: string; organizationName: string; points: { sections: Record<string, number>; total: number } | null; requestedCents: number; awardedCents: number; outcome: string; reason: string | null; reservePlace: number | null; tieBrokenBy: string | null; adjustment: { reason: string } | null; sheets: number; required: number }[] };
  decision: { decidedOn: string; committeeMembers: string[]; sha256: string; recordedAt: string } | null;
  pool: { fullName: string; signedAt: Date | null; submitted: number }[];
  conflicts: { fullName: string; reference: string; reason: string | null; at: Date }[];
  awards: { reference: string; organizationName: string; amountCents: number; status: string; declineReason: string | null }[];
};

export function evaluationReportPdf(r: ReportInput): Promise<Buffer> {
  const title = `Evaluation report ${r.call.reference}`;
  return render(title, (doc) => {
    doc.font(FONTS.bold).fontSize(16).text(title).font(FONTS.body).fontSize(11).text(r.call.title.en).moveDown(0.5);
    line(doc, 'Status of the call', r.call.status);
    line(doc, 'Envelope', formatEuroCents(r.ranking.envelopeCents, 'en'));
    line(doc, 'Rules', Object.entries(r.call.rules).map(([k, v]) => `${k} ${v}`).join('; '));

    heading(doc, 'Evaluation grid');
    for (const s of r.call.grid.sections) {
      const max = s.criteria.reduce((x, c) => x + c.maxPoints, 0);
      doc.font(FONTS.bold).fontSize(9).text(`${s.title.en} — ${max} points${s.thresholdPoints !== null ? `, threshold ${s.thresholdPoints}` : ''}`).font(FONTS.body);
      for (const c of s.criteria) doc.fontSize(8).text(`   ${c.id} ${c.title.en} (${c.maxPoints})`);
    }
    if (r.call.grid.totalThreshold !== null) line(doc, 'Total threshold', String(r.call.grid.totalThreshold));
    line(doc, 'Scores', r.call.grid.halfPoints ? 'whole or half points' : 'whole points');

    heading(doc, 'Evaluator pool and declarations');
    for (const p of r.pool) doc.fontSize(9).text(`${p.fullName} — declaration ${p.signedAt ? `signed ${new Date(p.signedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'NOT signed'}; ${p.submitted} sheet(s) submitted`);

    heading(doc, 'Conflicts of interest declared');
    if (!r.conflicts.length) doc.fontSize(9).text('None.');
    for (const c of r.conflicts) doc.fontSize(9).text(`${c.reference}: ${c.fullName} (${new Date(c.at).toISOString().slice(0, 10)}) — ${c.reason ?? ''}`);

    heading(doc, 'Ranking and funding line');
    const sectionIds = r.call.grid.sections.map((s) => s.id);
    doc.fontSize(7).fillColor('#555').text(`Rank | Reference | Organisation | Total | ${sectionIds.join(' | ')} | Requested | Awarded | Outcome`).fillColor('#000');
    for (const row of r.ranking.rows) {
      const sections = sectionIds.map((id) => row.points?.sections[id] ?? '—').join(' | ');
      const outcome = row.outcome === 'reserve' ? `reserve ${row.reservePlace}` : row.outcome === 'rejected' ? `rejected (${row.reason})` : row.outcome;
      doc.fontSize(7).text(`${row.rank ?? '—'} | ${row.reference} | ${row.organizationName} | ${row.points?.total ?? '—'} | ${sections} | ${formatEuroCents(row.requestedCents, 'en')} | ${formatEuroCents(row.awardedCents, 'en')} | ${outcome}${row.tieBrokenBy ? ` (tie broken by ${row.tieBrokenBy})` : ''}${row.adjustment ? ` — adjusted: ${row.adjustment.reason}` : ''} [${row.sheets}/${row.required} sheets]`);
    }
    line(doc, 'Awarded in total', `${formatEuroCents(r.ranking.awardedCents, 'en')}; left in the envelope ${formatEuroCents(r.ranking.remainingCents, 'en')}`);
    if (r.ranking.pending) line(doc, 'Still lacking sheets', String(r.ranking.pending));

    heading(doc, 'Decision of the evaluation committee');
    if (!r.decision) doc.fontSize(9).text('Not yet recorded.');
    else {
      line(doc, 'Date', r.decision.decidedOn);
      line(doc, 'Committee', r.decision.committeeMembers.join(', '));
      line(doc, 'Recorded', r.decision.recordedAt);
      doc.fontSize(9).fillColor('#555').text('SHA-256 of the decision as recorded (also in the audit trail):').fillColor('#000').font(FONTS.mono).text(r.decision.sha256).font(FONTS.body);
    }
    if (r.awards.length) {
      heading(doc, 'Awards');
      for (const a of r.awards) doc.fontSize(9).text(`${a.reference} ${a.organizationName}: ${formatEuroCents(a.amountCents, 'en')} — ${a.status}${a.declineReason ? ` (${a.declineReason})` : ''}`);
    }
  });
}
