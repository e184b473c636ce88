import { formatEuroCents, type Language, type LocalizedText } from '@grants/domain';
import {
  FONTS, formatDateFor, formatNumberFor, formatPointsFor, inScript, readerOf, type PdfReader, pdfHeading, pdfLine, renderPaged,
} from '../../common/pdf';

/**
 * The outcome letter, in the reader's language and script. Serbian is written in Latin here; a reader who chose
 * Cyrillic gets every word of the letter (and the call's title) transliterated. Names, references and what the
 * evaluators wrote stay as written. Numbers and dates follow the language: "22,5 / 30", "2. децембар 2026.".
 */
const LETTER: Record<Language, Record<string, string>> = {
  en: {
    title: 'Outcome of your application', call: 'Call', reference: 'Application', organization: 'Organisation', decided: 'Decision of the evaluation committee',
    awarded: 'Your application has been selected for funding.',
    offered: 'The committee offers your application a grant of {{amount}}, less than the {{requested}} you requested. Your organisation accepts or refuses the offer in the portal; until it answers, nothing is awarded.',
    reserve: 'Your application is on the reserve list, in place {{n}}. If money comes back to the call (an awarded organisation declines, or an offer is refused), the reserve list moves up in order and those who move up are told at once.',
    rejected: 'Your application has not been selected for funding.', declined: 'Your organisation declined the grant awarded to this application. The money went down the reserve list.',
    refused: 'Your organisation refused the offer made to this application. The money went down the reserve list.',
    below_threshold: 'Reason: the score is below a threshold of the evaluation grid.', not_within_envelope: 'Reason: the application passed every threshold but is ranked below the funding line of the envelope available.',
    amount: 'Amount awarded', offer: 'Amount offered', requested: 'Amount requested', adjusted: 'Why the amount is lower: {{r}}',
    leftOver: 'Your application moved up from the reserve list when money came back to the call; the amount offered is what was left of the envelope.',
    movedUp: 'Your application moved up from the reserve list when money came back to the call.',
    next: 'Next step: the Secretariat will contact you to prepare the grant agreement. The portal will show its tranches and reporting dates.',
    scores: 'Scores per section', threshold: 'threshold', total: 'Total', rank: 'Rank among the fundable applications',
    rounding: 'Points are the means of the independent evaluators’ sheets, to two decimals. The total is rounded as in the ranking; the section points are rounded so that they add up to the total (largest remainder), so a section may differ by 0.01 from its own rounding.',
    roundingEach: 'Points are the means of the independent evaluators’ sheets, each rounded to two decimals on its own.',
    comments: "Evaluators' comments", evaluator: 'Evaluator', hash: 'SHA-256 of the recorded decision',
  },
  sq: {
    title: 'Rezultati i aplikimit tuaj', call: 'Thirrja', reference: 'Aplikimi', organization: 'Organizata', decided: 'Vendimi i komisionit të vlerësimit',
    awarded: 'Aplikimi juaj është përzgjedhur për financim.',
    offered: 'Komisioni i ofron aplikimit tuaj një grant prej {{amount}}, më pak se {{requested}} që kërkuat. Organizata juaj e pranon ose e refuzon ofertën në portal; derisa të përgjigjet, asgjë nuk është dhënë.',
    reserve: 'Aplikimi juaj është në listën rezervë, në vendin {{n}}. Nëse paratë kthehen në thirrje (një organizatë përfituese heq dorë ose një ofertë refuzohet), lista rezervë ngjitet me radhë dhe ata që ngjiten njoftohen menjëherë.',
    rejected: 'Aplikimi juaj nuk është përzgjedhur për financim.', declined: 'Organizata juaj hoqi dorë nga granti i dhënë për këtë aplikim. Paratë shkuan te lista rezervë.',
    refused: 'Organizata juaj e refuzoi ofertën e bërë për këtë aplikim. Paratë shkuan te lista rezervë.',
    below_threshold: 'Arsyeja: pikët janë nën një prag të tabelës së vlerësimit.', not_within_envelope: 'Arsyeja: aplikimi i kaloi të gjitha pragjet, por renditet nën vijën e financimit të fondit në dispozicion.',
    amount: 'Shuma e dhënë', offer: 'Shuma e ofruar', requested: 'Shuma e kërkuar', adjusted: 'Pse shuma është më e ulët: {{r}}',
    leftOver: 'Aplikimi juaj u ngjit nga lista rezervë kur paratë u kthyen në thirrje; shuma e ofruar është ajo që mbeti nga fondi.',
    movedUp: 'Aplikimi juaj u ngjit nga lista rezervë kur paratë u kthyen në thirrje.',
    next: 'Hapi i ardhshëm: Sekretariati do t’ju kontaktojë për të përgatitur marrëveshjen e grantit. Portali do të tregojë këstet dhe datat e raportimit.',
    scores: 'Pikët sipas seksionit', threshold: 'pragu', total: 'Gjithsej', rank: 'Renditja ndër aplikimet e financueshme',
    rounding: 'Pikët janë mesataret e fletëve të vlerësuesve të pavarur, me dy decimale. Totali rrumbullakohet si në renditje; pikët e seksioneve rrumbullakohen që të mblidhen në total (mbetja më e madhe), prandaj një seksion mund të ndryshojë me 0,01 nga rrumbullakimi i vet.',
    roundingEach: 'Pikët janë mesataret e fletëve të vlerësuesve të pavarur, secila e rrumbullakuar më vete në dy decimale.',
    comments: 'Komentet e vlerësuesve', evaluator: 'Vlerësuesi', hash: 'SHA-256 i vendimit të regjistruar',
  },
  sr: {
    title: 'Ishod vaše prijave', call: 'Poziv', reference: 'Prijava', organization: 'Organizacija', decided: 'Odluka komisije za ocenjivanje',
    awarded: 'Vaša prijava je izabrana za finansiranje.',
    offered: 'Komisija vašoj prijavi nudi grant od {{amount}}, manje od traženih {{requested}}. Vaša organizacija prihvata ili odbija ponudu na portalu; dok ne odgovori, ništa nije dodeljeno.',
    reserve: 'Vaša prijava je na rezervnoj listi, na mestu {{n}}. Ako se novac vrati pozivu (organizacija dobitnik odustane ili se ponuda odbije), rezervna lista se pomera redom, a oni koji se pomere odmah se obaveštavaju.',
    rejected: 'Vaša prijava nije izabrana za finansiranje.', declined: 'Vaša organizacija je odustala od granta dodeljenog ovoj prijavi. Novac je otišao rezervnoj listi.',
    refused: 'Vaša organizacija je odbila ponudu datu ovoj prijavi. Novac je otišao rezervnoj listi.',
    below_threshold: 'Razlog: broj bodova je ispod praga tabele ocenjivanja.', not_within_envelope: 'Razlog: prijava je prešla sve pragove, ali je rangirana ispod linije finansiranja raspoloživog budžeta.',
    amount: 'Dodeljeni iznos', offer: 'Ponuđeni iznos', requested: 'Traženi iznos', adjusted: 'Zašto je iznos manji: {{r}}',
    leftOver: 'Vaša prijava se pomerila sa rezervne liste kada se novac vratio pozivu; ponuđeni iznos je ono što je ostalo od budžeta.',
    movedUp: 'Vaša prijava se pomerila sa rezervne liste kada se novac vratio pozivu.',
    next: 'Sledeći korak: Sekretarijat će vas kontaktirati radi pripreme ugovora o grantu. Portal će prikazati tranše i rokove izveštavanja.',
    scores: 'Bodovi po odeljku', threshold: 'prag', total: 'Ukupno', rank: 'Rang među prijavama za finansiranje',
    rounding: 'Bodovi su proseci listova nezavisnih ocenjivača, na dve decimale. Ukupan zbir je zaokružen kao u rang-listi; bodovi odeljaka su zaokruženi tako da daju ukupan zbir (najveći ostatak), pa odeljak može da se razlikuje za 0,01 od sopstvenog zaokruživanja.',
    roundingEach: 'Bodovi su proseci listova nezavisnih ocenjivača, svaki zaokružen na dve decimale zasebno.',
    comments: 'Komentari ocenjivača', evaluator: 'Ocenjivač', hash: 'SHA-256 zabeležene odluke',
  },
};

export type OutcomeLetter = {
  application: { reference: string; organizationName: string; requestedCents: number };
  call: { reference: string; title: LocalizedText };
  decision: { decidedOn: string; sha256: string };
  outcome: string;
  reason: string | null;
  rank: number | null;
  reservePlace: number | null;
  movedUp: boolean;
  points: { sections: Record<string, number>; total: number } | null;
  pointsRounding: 'sections_add_up' | 'each_rounded';
  award: { amountCents: number; status: string; adjustmentReason: string | null } | null;
  grid: { id: string; title: LocalizedText; maxPoints: number; thresholdPoints: number | null }[];
  totalThreshold: number | null;
  comments: { evaluator: number; comments: Record<string, string> }[];
};

const fill = (text: string, params: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');

const render = renderPaged;
const heading = pdfHeading;
const line = pdfLine;

/** The outcome letter of one application as a PDF, for this reader (language and script). */
export function outcomeLetterPdf(o: OutcomeLetter, who: Language | PdfReader): Promise<Buffer> {
  const reader = readerOf(who);
  const lang = reader.language;
  const L = Object.fromEntries(Object.entries(LETTER[lang]).map(([k, v]) => [k, inScript(reader, v)]));
  const text = (t: LocalizedText) => inScript(reader, t[lang] || t.en);
  const euro = (cents: number) => formatEuroCents(cents, lang);
  const num = (x: number) => formatNumberFor(reader, x);
  const pts = (x: number) => (o.pointsRounding === 'sections_add_up' ? formatPointsFor(reader, x) : formatNumberFor(reader, x));
  return render(`${L.title} ${o.application.reference}`, (doc) => {
    doc.font(FONTS.bold).fontSize(16).text(L.title).font(FONTS.body).moveDown(0.5);
    line(doc, L.call, `${o.call.reference} — ${text(o.call.title)}`);
    line(doc, L.reference, o.application.reference);
    line(doc, L.organization, o.application.organizationName);
    line(doc, L.decided, formatDateFor(reader, o.decision.decidedOn));
    doc.moveDown(0.6).fontSize(11).fillColor('#000');
    const amount = o.award ? euro(o.award.amountCents) : '';
    if (o.outcome === 'awarded') doc.text(L.awarded);
    else if (o.outcome === 'offered') doc.text(fill(L.offered, { amount, requested: euro(o.application.requestedCents) }));
    else if (o.outcome === 'reserve') doc.text(fill(L.reserve, { n: o.reservePlace !== null ? num(o.reservePlace) : '—' }));
    else if (o.outcome === 'declined') doc.text(o.award?.status === 'refused' ? L.refused : L.declined);
    else doc.text(L.rejected);
    if (o.outcome === 'rejected' && o.reason) doc.moveDown(0.3).fontSize(10).text(L[o.reason] ?? o.reason);
    if (o.award && (o.outcome === 'awarded' || o.outcome === 'offered')) {
      doc.moveDown(0.3);
      line(doc, o.outcome === 'offered' ? L.offer : L.amount, amount);
      if (o.award.amountCents < o.application.requestedCents) line(doc, L.requested, euro(o.application.requestedCents));
      if (o.award.adjustmentReason) doc.fontSize(9).text(fill(L.adjusted, { r: o.award.adjustmentReason }));
      else if (o.movedUp) doc.fontSize(9).text(o.outcome === 'offered' ? L.leftOver : L.movedUp);
      if (o.outcome === 'awarded') doc.moveDown(0.3).fontSize(10).text(L.next);
    }
    if (o.points) {
      heading(doc, L.scores);
      for (const s of o.grid) {
        const th = s.thresholdPoints !== null ? ` (${L.threshold} ${num(s.thresholdPoints)})` : '';
        line(doc, text(s.title), `${pts(o.points.sections[s.id] ?? 0)} / ${num(s.maxPoints)}${th}`);
      }
      const max = o.grid.reduce((x, s) => x + s.maxPoints, 0);
      line(doc, L.total, `${pts(o.points.total)} / ${num(max)}${o.totalThreshold !== null ? ` (${L.threshold} ${num(o.totalThreshold)})` : ''}`);
      if (o.rank !== null) line(doc, L.rank, num(o.rank));
      doc.moveDown(0.3).fontSize(8).fillColor('#555').text(o.pointsRounding === 'sections_add_up' ? L.rounding : L.roundingEach).fillColor('#000');
    }
    if (o.comments.length) {
      heading(doc, L.comments);
      for (const c of o.comments) {
        doc.font(FONTS.bold).fontSize(10).text(`${L.evaluator} ${num(c.evaluator)}`).font(FONTS.body);
        for (const s of o.grid) {
          if (!c.comments[s.id]) continue;
          doc.fontSize(9).fillColor('#555').text(text(s.title)).fillColor('#000').text(c.comments[s.id]).moveDown(0.2);
        }
        doc.moveDown(0.3);
      }
    }
    doc.moveDown(0.6).fontSize(8).fillColor('#555').text(`${L.hash}: `).font(FONTS.mono).text(o.decision.sha256).font(FONTS.body);
  });
}
