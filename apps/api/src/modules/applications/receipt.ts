import type { Language } from '@grants/domain';
import { FONTS, formatDateTimeFor, inScript, newPdf, readerOf, type PdfReader } from '../../common/pdf';

const LABELS: Record<Language, Record<string, string>> = {
  en: { title: 'Receipt of submission', reference: 'Reference', call: 'Call', organization: 'Organisation', submitted: 'Submitted (Kosovo time)', by: 'Submitted by', hash: 'SHA-256 of the submission', attachments: 'Attachments', note: 'Keep this receipt. The SHA-256 proves which version of your application was submitted: the Secretariat evaluates exactly this content.' },
  sq: { title: 'Dëshmi e dorëzimit', reference: 'Referenca', call: 'Thirrja', organization: 'Organizata', submitted: 'Dorëzuar (ora e Kosovës)', by: 'Dorëzuar nga', hash: 'SHA-256 i dorëzimit', attachments: 'Shtojcat', note: 'Ruajeni këtë dëshmi. SHA-256 dëshmon cili version i aplikimit tuaj u dorëzua: Sekretariati vlerëson pikërisht këtë përmbajtje.' },
  sr: { title: 'Potvrda o podnošenju', reference: 'Referenca', call: 'Poziv', organization: 'Organizacija', submitted: 'Podneto (vreme na Kosovu)', by: 'Podneo/la', hash: 'SHA-256 podneska', attachments: 'Prilozi', note: 'Sačuvajte ovu potvrdu. SHA-256 dokazuje koja verzija vaše prijave je podneta: Sekretarijat ocenjuje upravo ovaj sadržaj.' },
};

export type ReceiptInput = {
  reference: string; call: string; organization: string; submittedAt: string; submittedBy: string; sha256: string;
  attachments: { fileName: string; sha256: string }[];
};

/**
 * The receipt of a submission as a PDF, in the reader's language and script (a Cyrillic reader gets the labels and
 * the date in Cyrillic; names, the call's title as submitted and file names stay as written), the submission time
 * spelled out in Kosovo time.
 */
export function receiptPdf(r: ReceiptInput, who: Language | PdfReader): Promise<Buffer> {
  const reader = readerOf(who);
  const L = Object.fromEntries(Object.entries(LABELS[reader.language]).map(([k, v]) => [k, inScript(reader, v)]));
  const { doc, done } = newPdf(`${L.title} ${r.reference}`, { margin: 56 });
  doc.fontSize(18).text(L.title).moveDown();
  const row = (k: string, v: string) => doc.fontSize(10).fillColor('#555').text(k).fillColor('#000').fontSize(12).text(v).moveDown(0.5);
  row(L.reference, r.reference);
  row(L.call, r.call);
  row(L.organization, r.organization);
  row(L.submitted, formatDateTimeFor(reader, r.submittedAt));
  row(L.by, r.submittedBy);
  doc.fontSize(10).fillColor('#555').text(L.hash).fillColor('#000').font(FONTS.mono).fontSize(10).text(r.sha256).font(FONTS.body).moveDown();
  if (r.attachments.length) {
    doc.fontSize(10).fillColor('#555').text(L.attachments).fillColor('#000');
    for (const a of r.attachments) doc.fontSize(9).text(`${a.fileName} — ${a.sha256}`);
    doc.moveDown();
  }
  doc.fontSize(9).fillColor('#333').text(L.note);
  doc.end();
  return done;
}
