import { formatEuroCents, type ComputedBudget, type GrantLogframe, type Language, type ScheduledReport } from '@grants/domain';
import { formatDateFor, inScript, type PdfReader } from '../../common/pdf';
import { bilingualPdf, type Paragraph } from './bilingual-pdf';

/**
 * The grant agreement as a PDF: the organisation's language in the left column and the English text beside it
 * (one column when the organisation reads English), with the special conditions, the approved budget, the
 * logframe, the tranche schedule and the reporting schedule. Names, references and what people typed stay as
 * written; amounts and dates follow each column's language. Its SHA-256 is recorded on the grant when it is sent.
 */
const WORDS: Record<Language, Record<string, string>> = {
  en: {
    title: 'Grant agreement', number: 'Agreement number', call: 'Call for proposals', application: 'Application', beneficiary: 'Beneficiary',
    authority: 'Contracting authority', authorityName: 'The Secretariat of the Moving Forward grant scheme (KMOP, with PVPT)',
    amount: 'Maximum grant amount', period: 'Implementation period', from: 'from', to: 'to', budget: 'Approved budget', heading: 'Heading',
    line: 'Budget line', total: 'Total', direct: 'Direct costs', indirect: 'Indirect costs', coFinancing: 'Co-financing', requested: 'Grant',
    logframe: 'Logframe', objective: 'Overall objective', specific: 'Specific objective', result: 'Expected result', tranches: 'Tranche schedule',
    tranche: 'Tranche', planned: 'Planned', pre_financing: 'Pre-financing', instalment: 'Further instalment', balance: 'Balance',
    reports: 'Reporting schedule', interim: 'Interim report', final: 'Final report', due: 'due', conditions: 'Special conditions',
    c1: 'The grant finances only the eligible costs of the approved budget; the amount above is a ceiling, never exceeded.',
    c2: 'Each further instalment is paid only once at least {{pct}} of the previous instalment, and all of those before it, is reported as spent in an accepted expenditure report.',
    c3: 'The balance is paid after the final report is accepted; what was paid above the accepted costs is recovered.',
    c4: 'Money may move between headings up to {{pct}} of a heading with a notice; above it, or any change to the total, needs an approved amendment.',
    c5: 'No personal data of victims is ever reported: beneficiaries are counts only.',
    c6: 'The bank account below is frozen at signature; changing it needs a request with the bank\'s letter and the Secretariat\'s approval.',
    bank: 'Bank account (IBAN)', atSignature: 'frozen at signature', signatures: 'Signatures', forBeneficiary: 'For the beneficiary', forAuthority: 'For the contracting authority',
  },
  sq: {
    title: 'Marrëveshja e grantit', number: 'Numri i marrëveshjes', call: 'Thirrja për propozime', application: 'Aplikimi', beneficiary: 'Përfituesi',
    authority: 'Autoriteti kontraktues', authorityName: 'Sekretariati i skemës së granteve Moving Forward (KMOP, me PVPT)',
    amount: 'Shuma maksimale e grantit', period: 'Periudha e zbatimit', from: 'nga', to: 'deri', budget: 'Buxheti i miratuar', heading: 'Kategoria',
    line: 'Linja buxhetore', total: 'Gjithsej', direct: 'Kostot direkte', indirect: 'Kostot indirekte', coFinancing: 'Bashkëfinancimi', requested: 'Granti',
    logframe: 'Korniza logjike', objective: 'Objektivi i përgjithshëm', specific: 'Objektivi specifik', result: 'Rezultati i pritur', tranches: 'Plani i kësteve',
    tranche: 'Kësti', planned: 'Planifikuar', pre_financing: 'Parafinancimi', instalment: 'Kësti i radhës', balance: 'Balanca',
    reports: 'Plani i raportimit', interim: 'Raport i ndërmjetëm', final: 'Raporti përfundimtar', due: 'afati', conditions: 'Kushtet e veçanta',
    c1: 'Granti financon vetëm kostot e pranueshme të buxhetit të miratuar; shuma më sipër është tavan që nuk tejkalohet kurrë.',
    c2: 'Çdo këst i radhës paguhet vetëm pasi të paktën {{pct}} e këstit të mëparshëm, dhe të gjitha ato para tij, raportohen si të shpenzuara në një raport shpenzimesh të pranuar.',
    c3: 'Balanca paguhet pasi raporti përfundimtar pranohet; ajo që është paguar mbi kostot e pranuara kthehet.',
    c4: 'Paratë mund të lëvizin ndërmjet kategorive deri në {{pct}} të një kategorie me njoftim; mbi këtë, ose çdo ndryshim i totalit, kërkon një ndryshim të miratuar.',
    c5: 'Asnjëherë nuk raportohen të dhëna personale të viktimave: përfituesit janë vetëm numra.',
    c6: 'Llogaria bankare më poshtë ngrihet në nënshkrim; ndryshimi i saj kërkon një kërkesë me letrën e bankës dhe miratimin e Sekretariatit.',
    bank: 'Llogaria bankare (IBAN)', atSignature: 'e ngrirë në nënshkrim', signatures: 'Nënshkrimet', forBeneficiary: 'Për përfituesin', forAuthority: 'Për autoritetin kontraktues',
  },
  sr: {
    title: 'Ugovor o grantu', number: 'Broj ugovora', call: 'Poziv za predloge', application: 'Prijava', beneficiary: 'Korisnik',
    authority: 'Ugovorni organ', authorityName: 'Sekretarijat šeme grantova Moving Forward (KMOP, sa PVPT)',
    amount: 'Najveći iznos granta', period: 'Period sprovođenja', from: 'od', to: 'do', budget: 'Odobreni budžet', heading: 'Kategorija',
    line: 'Budžetska linija', total: 'Ukupno', direct: 'Direktni troškovi', indirect: 'Indirektni troškovi', coFinancing: 'Sufinansiranje', requested: 'Grant',
    logframe: 'Logički okvir', objective: 'Opšti cilj', specific: 'Specifični cilj', result: 'Očekivani rezultat', tranches: 'Plan tranši',
    tranche: 'Tranša', planned: 'Planirano', pre_financing: 'Predfinansiranje', instalment: 'Naredna rata', balance: 'Ostatak',
    reports: 'Plan izveštavanja', interim: 'Privremeni izveštaj', final: 'Završni izveštaj', due: 'rok', conditions: 'Posebni uslovi',
    c1: 'Grant finansira samo prihvatljive troškove odobrenog budžeta; gornji iznos je plafon koji se nikada ne prekoračuje.',
    c2: 'Svaka naredna rata isplaćuje se tek kada je najmanje {{pct}} prethodne rate, i svih pre nje, prijavljeno kao potrošeno u prihvaćenom finansijskom izveštaju.',
    c3: 'Ostatak se isplaćuje nakon prihvatanja završnog izveštaja; ono što je isplaćeno iznad prihvaćenih troškova vraća se.',
    c4: 'Novac se može premeštati između kategorija do {{pct}} kategorije uz obaveštenje; iznad toga, ili svaka izmena ukupnog iznosa, zahteva odobrenu izmenu ugovora.',
    c5: 'Lični podaci žrtava se nikada ne prijavljuju: korisnici su samo brojevi.',
    c6: 'Bankovni račun ispod zamrznut je pri potpisivanju; njegova promena zahteva zahtev sa pismom banke i odobrenje Sekretarijata.',
    bank: 'Bankovni račun (IBAN)', atSignature: 'zamrznut pri potpisivanju', signatures: 'Potpisi', forBeneficiary: 'Za korisnika', forAuthority: 'Za ugovorni organ',
  },
};

const HEADINGS: Record<Language, Record<string, string>> = {
  en: { human_resources: 'Human resources', travel: 'Travel', equipment_supplies: 'Equipment and supplies', local_office: 'Local office', services: 'Services', other: 'Other' },
  sq: { human_resources: 'Burimet njerëzore', travel: 'Udhëtimet', equipment_supplies: 'Pajisjet dhe furnizimet', local_office: 'Zyra lokale', services: 'Shërbimet', other: 'Të tjera' },
  sr: { human_resources: 'Ljudski resursi', travel: 'Putovanja', equipment_supplies: 'Oprema i zalihe', local_office: 'Lokalna kancelarija', services: 'Usluge', other: 'Ostalo' },
};

export type AgreementDocument = {
  agreementNumber: string;
  callReference: string;
  callTitle: Record<string, string>;
  applicationReference: string;
  organizationName: string;
  amountCents: number;
  startDate: string;
  endDate: string;
  budget: ComputedBudget;
  logframe: GrantLogframe;
  tranches: { seq: number; kind: string; amountCents: number; plannedDate: string }[];
  reports: ScheduledReport[];
  nextInstalmentSpentBp: number;
  reallocationWithoutAmendmentBp: number;
  iban: string | null;
};

const pct = (bp: number) => `${bp / 100} %`;
const fill = (t: string, p: Record<string, string>) => t.replace(/\{\{(\w+)\}\}/g, (_, k: string) => p[k] ?? '');

/** One column's text of the agreement, as paragraphs: [style, text]. */
function paragraphs(a: AgreementDocument, reader: PdfReader): Paragraph[] {
  const lang = reader.language;
  const W = Object.fromEntries(Object.entries(WORDS[lang]).map(([k, v]) => [k, inScript(reader, v)]));
  const H = (code: string) => inScript(reader, HEADINGS[lang][code] ?? code);
  const euro = (c: number) => formatEuroCents(c, lang);
  const date = (d: string) => formatDateFor(reader, d);
  const out: Paragraph[] = [];
  out.push(['h1', W.title]);
  out.push(['p', `${W.number}: ${a.agreementNumber}`]);
  out.push(['p', `${W.call}: ${a.callReference} — ${inScript(reader, a.callTitle[lang] || a.callTitle.en || '')}`]);
  out.push(['p', `${W.application}: ${a.applicationReference}`]);
  out.push(['p', `${W.authority}: ${W.authorityName}`]);
  out.push(['p', `${W.beneficiary}: ${a.organizationName}`]);
  out.push(['p', `${W.amount}: ${euro(a.amountCents)}`]);
  out.push(['p', `${W.period}: ${W.from} ${date(a.startDate)} ${W.to} ${date(a.endDate)}`]);
  out.push(['h2', W.conditions]);
  out.push(['small', `1. ${W.c1}`]);
  out.push(['small', `2. ${fill(W.c2, { pct: pct(a.nextInstalmentSpentBp) })}`]);
  out.push(['small', `3. ${W.c3}`]);
  out.push(['small', `4. ${fill(W.c4, { pct: pct(a.reallocationWithoutAmendmentBp) })}`]);
  out.push(['small', `5. ${W.c5}`]);
  out.push(['small', `6. ${W.c6}`]);
  out.push(['h2', W.budget]);
  for (const l of a.budget.lines) out.push(['small', `${H(l.heading)} — ${l.description}: ${euro(l.totalCents)}`]);
  out.push(['small', `${W.direct}: ${euro(a.budget.directCents)}; ${W.indirect}: ${euro(a.budget.indirectCents)}; ${W.total}: ${euro(a.budget.totalCents)}`]);
  out.push(['small', `${W.coFinancing}: ${euro(a.budget.coFinancingCents)}; ${W.requested}: ${euro(a.budget.requestedCents)}`]);
  out.push(['h2', W.logframe]);
  if (a.logframe.overallObjective) out.push(['small', `${W.objective}: ${a.logframe.overallObjective}`]);
  a.logframe.specificObjectives.forEach((o, i) => {
    out.push(['small', `${W.specific} ${i + 1}: ${o.text}`]);
    o.results.forEach((r, j) => out.push(['small', `  ${W.result} ${i + 1}.${j + 1}: ${r.text}`]));
  });
  out.push(['h2', W.tranches]);
  for (const t of a.tranches) out.push(['small', `${W.tranche} ${t.seq} (${W[t.kind] ?? t.kind}): ${euro(t.amountCents)} — ${W.planned} ${date(t.plannedDate)}`]);
  out.push(['h2', W.reports]);
  for (const r of a.reports) out.push(['small', `${r.kind === 'final' ? W.final : `${W.interim} ${r.seq}`}: ${date(r.periodStart)} – ${date(r.periodEnd)}, ${W.due} ${date(r.dueDate)}`]);
  out.push(['h2', W.signatures]);
  out.push(['small', `${W.bank}: ${a.iban ?? '—'} (${W.atSignature})`]);
  out.push(['small', `${W.forBeneficiary}: ______________________`]);
  out.push(['small', `${W.forAuthority}: ______________________`]);
  return out;
}


/**
 * The agreement PDF: the organisation's language beside the English text (English only for an English reader).
 * The two texts have the same paragraphs, so each pair is written side by side at the same height and a page
 * breaks between pairs, never inside one column only.
 */
export function agreementPdf(a: AgreementDocument, reader: PdfReader): Promise<Buffer> {
  const columns = reader.language === 'en' ? [paragraphs(a, reader)] : [paragraphs(a, reader), paragraphs(a, { language: 'en', script: 'latin' })];
  return bilingualPdf(`${WORDS.en.title} ${a.agreementNumber}`, columns);
}
