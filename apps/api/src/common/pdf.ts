import { dirname, join } from 'node:path';
import { serbianLatinToCyrillic, type Language, type Script } from '@grants/domain';
import PDFDocument from 'pdfkit';

/**
 * PDFs in the readers' languages need more than the 14 standard PDF fonts (WinAnsi has no č, ć, đ and no
 * Cyrillic): DejaVu covers Albanian, Serbian Latin and Cyrillic, and English. Fonts are embedded (subset).
 */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = { body: 'DejaVuSans', bold: 'DejaVuSans-Bold', mono: 'DejaVuSansMono' } as const;

export type Pdf = InstanceType<typeof PDFDocument>;

/** A new A4 document with the portal's fonts registered, and the promise of its bytes once `end()` is called. */
export function newPdf(title: string, opts: { margin?: number; bufferPages?: boolean } = {}): { doc: Pdf; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: opts.margin ?? 50, info: { Title: title }, bufferPages: opts.bufferPages ?? false });
  for (const f of Object.values(FONTS)) doc.registerFont(f, join(FONT_DIR, `${f}.ttf`));
  doc.font(FONTS.body);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

// ---------------------------------------------------------------------------------------------------------
// The reader's language and script, and numbers and dates formatted for it (as the web app does)

/** Who reads the PDF: a Serbian reader who chose Cyrillic gets every portal word in Cyrillic. */
export type PdfReader = { language: Language; script?: Script };

/** A bare language (older callers) or a reader with a script. */
export function readerOf(r: Language | PdfReader): PdfReader {
  return typeof r === 'string' ? { language: r, script: 'latin' } : { language: r.language, script: r.script ?? 'latin' };
}

export function isCyrillic(r: PdfReader): boolean {
  return r.language === 'sr' && r.script === 'cyrillic';
}

/**
 * The portal's own words in the reader's script. Serbian acronyms are words too (OCD, NVO: civil-society and
 * non-governmental organisation), so they turn Cyrillic; foreign ones (EU, IBAN, PDF, SHA-256) stay as written.
 */
export function inScript(r: PdfReader, text: string): string {
  if (!isCyrillic(r)) return text;
  return serbianLatinToCyrillic(text).replace(/(?<!\p{L})OCD(?!\p{L})/gu, 'ОЦД').replace(/(?<!\p{L})NVO(?!\p{L})/gu, 'НВО');
}

/** The Intl locale of a reader, as the web app's (ui/format.ts intlLocale). */
export function intlLocaleOf(r: PdfReader): string {
  if (r.language === 'sq') return 'sq-AL';
  if (r.language === 'sr') return isCyrillic(r) ? 'sr-Cyrl-RS' : 'sr-Latn-RS';
  return 'en-GB';
}

/** Points and other decimals in the reader's language: "22.5" (en), "22,5" (sq, sr); at most `digits` decimals. */
export function formatNumberFor(r: PdfReader, value: number, digits = 2): string {
  return new Intl.NumberFormat(intlLocaleOf(r), { maximumFractionDigits: digits }).format(value);
}

/** Points with exactly two decimals ("72.67", "72,67"), where a column of them must line up and add up. */
export function formatPointsFor(r: PdfReader, value: number): string {
  return new Intl.NumberFormat(intlLocaleOf(r), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date spelled out in the reader's language: "2 December 2026", "2 dhjetor 2026", "2. decembar 2026.",
 * "2. децембар 2026.". A YYYY-MM-DD is that day; an instant is read in Kosovo's time zone.
 */
export function formatDateFor(r: PdfReader, value: string | Date): string {
  const day = typeof value === 'string' && DATE_ONLY.test(value);
  const d = day ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(intlLocaleOf(r), { day: 'numeric', month: 'long', year: 'numeric', timeZone: day ? 'UTC' : 'Europe/Belgrade' }).format(d);
}

/** An instant in Kosovo time, date spelled out and 24-hour time: "2. децембар 2026. 17:05". */
export function formatDateTimeFor(r: PdfReader, value: string | Date): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Belgrade' }).format(d);
  return r.language === 'en' || r.language === 'sq' ? `${formatDateFor(r, d)}, ${time}` : `${formatDateFor(r, d)} ${time}`;
}

/**
 * A buffered document with a footer on every page ("title — page/pages"), drawn by `draw`: the layout the outcome
 * letter and the evaluation report share.
 */
export function renderPaged(title: string, draw: (doc: Pdf) => void): Promise<Buffer> {
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

/** A section heading in bold, then back to the body font. */
export const pdfHeading = (doc: Pdf, text: string) =>
  doc.moveDown(0.6).font(FONTS.bold).fontSize(12).fillColor('#000').text(text).font(FONTS.body).moveDown(0.3);

/** "Label: value" on one line, the label in grey. */
export const pdfLine = (doc: Pdf, label: string, value: string) =>
  doc.fontSize(9).fillColor('#555').text(`${label}: `, { continued: true }).fillColor('#000').text(value);
