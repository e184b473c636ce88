import { formatEuroCents, type LocalizedText } from '@grants/domain';
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

// The outcome letter, in the reader's language and script: awards/outcome-letter-pdf.ts

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
