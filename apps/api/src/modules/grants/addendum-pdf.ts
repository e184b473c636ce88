import { formatEuroCents, type GrantAmendmentKind, type GrantVersionDiff, type Language } from '@grants/domain';
import { formatDateFor, inScript, type PdfReader } from '../../common/pdf';
import { bilingualPdf, type Paragraph } from './bilingual-pdf';

/**
 * The addendum to a grant agreement that an approved amendment (or a reallocation by notice) makes: which
 * version of the grant it brings into force, the change (budget lines, end date, logframe items, bank account)
 * from the version before, the justification and the decision, and the SHA-256 of the new version. Written in
 * the organisation's language beside the English text (Cyrillic for a Serbian reader who chose it), as the
 * agreement is; names and what people typed stay as written. Its own SHA-256 is recorded on the amendment.
 */
const WORDS: Record<Language, Record<string, string>> = {
  en: {
    title: 'Addendum {{n}} to the grant agreement', number: 'Agreement number', beneficiary: 'Beneficiary', version: 'Version in force',
    replaces: 'replacing version', kind: 'Change', budget_reallocation: 'Budget reallocation', no_cost_extension: 'No-cost extension of the end date',
    logframe_change: 'Change of the logframe', bank_account_change: 'Change of the bank account', justification: 'Justification',
    decision: 'Decision', approved: 'Approved by the Secretariat on {{date}}', notice: 'Reallocation within the limit of a notice, in force on {{date}}; no decision needed',
    reason: 'Note', changes: 'What changes', line: 'Budget line', added: 'added', removed: 'removed', endDate: 'End date', indirect: 'Indirect costs',
    amount: 'Maximum grant amount', startDate: 'Start date', bank: 'Bank account (IBAN)', objective: 'Logframe', nothing: 'No other change.',
    hash: 'SHA-256 of the version', unchanged: 'All other terms of the agreement stay as they are.',
  },
  sq: {
    title: 'Shtojca {{n}} e marrëveshjes së grantit', number: 'Numri i marrëveshjes', beneficiary: 'Përfituesi', version: 'Versioni në fuqi',
    replaces: 'në vend të versionit', kind: 'Ndryshimi', budget_reallocation: 'Rishpërndarje e buxhetit', no_cost_extension: 'Zgjatje pa kosto e datës së përfundimit',
    logframe_change: 'Ndryshim i kornizës logjike', bank_account_change: 'Ndryshim i llogarisë bankare', justification: 'Arsyetimi',
    decision: 'Vendimi', approved: 'Miratuar nga Sekretariati më {{date}}', notice: 'Rishpërndarje brenda kufirit të një njoftimi, në fuqi më {{date}}; nuk nevojitet vendim',
    reason: 'Shënim', changes: 'Çfarë ndryshon', line: 'Linja buxhetore', added: 'shtuar', removed: 'hequr', endDate: 'Data e përfundimit', indirect: 'Kostot indirekte',
    amount: 'Shuma maksimale e grantit', startDate: 'Data e fillimit', bank: 'Llogaria bankare (IBAN)', objective: 'Korniza logjike', nothing: 'Asnjë ndryshim tjetër.',
    hash: 'SHA-256 i versionit', unchanged: 'Të gjitha kushtet e tjera të marrëveshjes mbeten siç janë.',
  },
  sr: {
    title: 'Aneks {{n}} ugovora o grantu', number: 'Broj ugovora', beneficiary: 'Korisnik', version: 'Verzija na snazi',
    replaces: 'umesto verzije', kind: 'Izmena', budget_reallocation: 'Preraspodela budžeta', no_cost_extension: 'Produženje krajnjeg datuma bez troškova',
    logframe_change: 'Izmena logičkog okvira', bank_account_change: 'Promena bankovnog računa', justification: 'Obrazloženje',
    decision: 'Odluka', approved: 'Odobrio Sekretarijat {{date}}', notice: 'Preraspodela u granicama obaveštenja, na snazi od {{date}}; odluka nije potrebna',
    reason: 'Napomena', changes: 'Šta se menja', line: 'Budžetska linija', added: 'dodato', removed: 'uklonjeno', endDate: 'Krajnji datum', indirect: 'Indirektni troškovi',
    amount: 'Najveći iznos granta', startDate: 'Datum početka', bank: 'Bankovni račun (IBAN)', objective: 'Logički okvir', nothing: 'Nema drugih izmena.',
    hash: 'SHA-256 verzije', unchanged: 'Svi ostali uslovi ugovora ostaju nepromenjeni.',
  },
};

export type AddendumDocument = {
  agreementNumber: string;
  organizationName: string;
  /** The addendum's number: the version it brings into force less one. */
  number: number;
  kind: GrantAmendmentKind;
  notice: boolean;
  justification: string;
  decisionReason: string | null;
  /** ISO instant of the decision (or of the notice). */
  decidedAt: string;
  diff: GrantVersionDiff;
  versionSha256: string;
};

const fill = (t: string, p: Record<string, string>) => t.replace(/\{\{(\w+)\}\}/g, (_, k: string) => p[k] ?? '');

function paragraphs(a: AddendumDocument, reader: PdfReader): Paragraph[] {
  const lang = reader.language;
  const W = Object.fromEntries(Object.entries(WORDS[lang]).map(([k, v]) => [k, inScript(reader, v)]));
  const euro = (c: number) => formatEuroCents(c, lang);
  const date = (d: string) => formatDateFor(reader, d);
  const d = a.diff;
  const out: Paragraph[] = [];
  out.push(['h1', fill(W.title, { n: String(a.number) })]);
  out.push(['p', `${W.number}: ${a.agreementNumber}`]);
  out.push(['p', `${W.beneficiary}: ${a.organizationName}`]);
  out.push(['p', `${W.version}: v${d.toVersion} (${W.replaces} v${d.fromVersion})`]);
  out.push(['p', `${W.kind}: ${W[a.kind]}`]);
  out.push(['h2', W.changes]);
  const changes: string[] = [];
  if (d.amountCents) changes.push(`${W.amount}: ${euro(d.amountCents.from)} → ${euro(d.amountCents.to)}`);
  if (d.startDate) changes.push(`${W.startDate}: ${date(d.startDate.from)} → ${date(d.startDate.to)}`);
  if (d.endDate) changes.push(`${W.endDate}: ${date(d.endDate.from)} → ${date(d.endDate.to)}`);
  for (const c of d.budgetLines.changed) changes.push(`${W.line} ${c.lineId} (${c.to.description}): ${euro(c.from.approvedCents)} → ${euro(c.to.approvedCents)}`);
  for (const l of d.budgetLines.added) changes.push(`${W.line} ${l.lineId} (${l.description}): ${euro(l.approvedCents)} — ${W.added}`);
  for (const l of d.budgetLines.removed) changes.push(`${W.line} ${l.lineId} (${l.description}) — ${W.removed}`);
  if (d.indirectCents) changes.push(`${W.indirect}: ${euro(d.indirectCents.from)} → ${euro(d.indirectCents.to)}`);
  for (const c of d.logframe.changed) changes.push(`${W.objective} ${c.key}: “${c.from.text}” → “${c.to.text}”`);
  for (const i of d.logframe.added) changes.push(`${W.objective} ${i.key}: “${i.text}” — ${W.added}`);
  for (const i of d.logframe.removed) changes.push(`${W.objective} ${i.key}: “${i.text}” — ${W.removed}`);
  if (d.bankAccount) changes.push(`${W.bank}: ${d.bankAccount.from.iban || '—'} → ${d.bankAccount.to.iban}${d.bankAccount.to.holder ? ` (${d.bankAccount.to.holder})` : ''}`);
  for (const c of changes) out.push(['small', c]);
  out.push(['small', changes.length ? W.unchanged : W.nothing]);
  out.push(['h2', W.justification]);
  out.push(['small', a.justification]);
  out.push(['h2', W.decision]);
  out.push(['small', fill(a.notice ? W.notice : W.approved, { date: date(a.decidedAt) })]);
  if (a.decisionReason) out.push(['small', `${W.reason}: ${a.decisionReason}`]);
  out.push(['small', `${W.hash}: ${a.versionSha256}`]);
  return out;
}


/** The addendum PDF: the organisation's language beside English (English alone for an English reader), paragraph by paragraph. */
export function addendumPdf(a: AddendumDocument, reader: PdfReader): Promise<Buffer> {
  const columns = reader.language === 'en' ? [paragraphs(a, reader)] : [paragraphs(a, reader), paragraphs(a, { language: 'en', script: 'latin' })];
  return bilingualPdf(`${fill(WORDS.en.title, { n: String(a.number) })} ${a.agreementNumber}`, columns);
}
