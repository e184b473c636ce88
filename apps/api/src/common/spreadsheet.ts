import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { serbianLatinToCyrillic, type Language, type LocalizedText, type Script } from '@grants/domain';
import { toCsv } from './csv';

/** Who reads an export: its header line and sheet name are in their language and script. */
export type Reader = { language: Language; script?: Script };
/** The titles of a grid's sections and criteria by column (`section_A` -> its title), for the headers. */
export type ColumnTitles = Readonly<Record<string, LocalizedText>>;
const ENGLISH: Reader = { language: 'en' };

/**
 * The header of every export column, in en / sq / sr (Serbian in Latin; Cyrillic readers get it
 * transliterated). A column of an export must be named here or match a pattern of COLUMN_PATTERNS:
 * test/export-headers.spec.ts checks both.
 */
export const EXPORT_COLUMN_LABELS: Readonly<Record<string, Record<Language, string>>> = {
  reference: { en: 'Reference', sq: 'Referenca', sr: 'Referentni broj' },
  organization: { en: 'Organisation', sq: 'Organizata', sr: 'Organizacija' },
  registration_number: { en: 'Registration number', sq: 'Numri i regjistrimit', sr: 'Registarski broj' },
  municipality: { en: 'Municipality', sq: 'Komuna', sr: 'Opština' },
  status: { en: 'Status', sq: 'Statusi', sr: 'Status' },
  admissibility: { en: 'Administrative and eligibility check', sq: 'Kontrolli administrativ dhe i pranueshmërisë', sr: 'Administrativna provera i provera prihvatljivosti' },
  requested_eur: { en: 'Requested (EUR)', sq: 'E kërkuar (€)', sr: 'Traženo (€)' },
  awarded_eur: { en: 'Awarded (EUR)', sq: 'E dhënë (€)', sr: 'Dodeljeno (€)' },
  submitted_at: { en: 'Submitted at', sq: 'Dorëzuar më', sr: 'Podneto' },
  sha256: { en: 'SHA-256', sq: 'SHA-256', sr: 'SHA-256' },
  registered_by: { en: 'Registered by', sq: 'Regjistruar nga', sr: 'Prijavio/la' },
  email: { en: 'E-mail', sq: 'E-mail', sr: 'E-pošta' },
  attendees: { en: 'Attendees', sq: 'Pjesëmarrës', sr: 'Broj učesnika' },
  registered_at: { en: 'Registered at', sq: 'Regjistruar më', sr: 'Prijavljeno' },
  evaluator: { en: 'Evaluator', sq: 'Vlerësuesi', sr: 'Ocenjivač' },
  origin: { en: 'Assigned by', sq: 'Caktuar nga', sr: 'Način dodele' },
  total: { en: 'Total points', sq: 'Pikët gjithsej', sr: 'Ukupno bodova' },
  conflict_reason: { en: 'Conflict of interest', sq: 'Konflikti i interesit', sr: 'Sukob interesa' },
  rank: { en: 'Rank', sq: 'Renditja', sr: 'Mesto' },
  outcome: { en: 'Outcome', sq: 'Rezultati', sr: 'Ishod' },
  reason: { en: 'Reason', sq: 'Arsyeja', sr: 'Razlog' },
  reserve_place: { en: 'Reserve place', sq: 'Vendi në listën rezervë', sr: 'Mesto na rezervnoj listi' },
  tie_broken_by: { en: 'Tie broken by', sq: 'Barazimi u zgjidh me', sr: 'Nerešeno razrešeno po' },
  adjustment_reason: { en: 'Reason for the adjusted amount', sq: 'Arsyeja e shumës së ndryshuar', sr: 'Razlog izmene iznosa' },
  sheets: { en: 'Sheets submitted', sq: 'Fletë të dorëzuara', sr: 'Podneti listovi' },
  award_now: { en: 'Award now', sq: 'Granti tani', sr: 'Grant sada' },
  agreement_number: { en: 'Agreement number', sq: 'Numri i marrëveshjes', sr: 'Broj ugovora' },
  tranche: { en: 'Tranche', sq: 'Kësti', sr: 'Tranša' },
  beneficiary: { en: 'Beneficiary', sq: 'Përfituesi', sr: 'Korisnik' },
  iban: { en: 'IBAN', sq: 'IBAN', sr: 'IBAN' },
  amount_eur: { en: 'Amount (EUR)', sq: 'Shuma (€)', sr: 'Iznos (€)' },
  remittance: { en: 'Remittance information', sq: 'Përshkrimi i pagesës', sr: 'Svrha plaćanja' },
  end_to_end_id: { en: 'End-to-end reference', sq: 'Referenca nga fillimi në fund', sr: 'Referenca od kraja do kraja' },
};

/** Columns made per section or criterion of a call's grid: `section_A`, `criterion_A1`, `comment_A`. */
const COLUMN_PATTERNS: readonly { re: RegExp; label: Record<Language, string> }[] = [
  { re: /^section_(.+)$/, label: { en: 'Section {{id}}', sq: 'Seksioni {{id}}', sr: 'Odeljak {{id}}' } },
  { re: /^criterion_(.+)$/, label: { en: 'Criterion {{id}}', sq: 'Kriteri {{id}}', sr: 'Kriterijum {{id}}' } },
  { re: /^comment_(.+)$/, label: { en: 'Comments, section {{id}}', sq: 'Komentet, seksioni {{id}}', sr: 'Komentari, odeljak {{id}}' } },
];

export const SHEET_NAMES: Readonly<Record<string, Record<Language, string>>> = {
  Applications: { en: 'Applications', sq: 'Aplikimet', sr: 'Prijave' },
  Ranking: { en: 'Ranking', sq: 'Renditja', sr: 'Rang-lista' },
  Sheets: { en: 'Sheets', sq: 'Fletët', sr: 'Listovi' },
  Registrations: { en: 'Registrations', sq: 'Regjistrimet', sr: 'Prijave za sesiju' },
  PaymentOrder: { en: 'Payment order', sq: 'Urdhërpagesa', sr: 'Nalog za plaćanje' },
};

const inScript = (text: string, reader: Reader) =>
  reader.language === 'sr' && reader.script === 'cyrillic' ? serbianLatinToCyrillic(text) : text;

/**
 * The header of one column for the reader; the code itself for a column nobody named (never thrown away). A
 * grid column is named by its section's or criterion's title when `titles` has it, else by its id (a code).
 */
export function columnHeader(column: string, reader: Reader, titles?: ColumnTitles): string {
  const named = EXPORT_COLUMN_LABELS[column]?.[reader.language];
  if (named !== undefined) return inScript(named, reader);
  for (const p of COLUMN_PATTERNS) {
    const m = p.re.exec(column);
    if (!m) continue;
    const title = titles?.[column];
    const text = title ? title[reader.language] || title.en : '';
    if (text) return inScript(p.label[reader.language].replace('{{id}}', text), reader);
    return inScript(p.label[reader.language], reader).replace('{{id}}', m[1]!);
  }
  return column;
}

/** Whether a column has a header in the three languages (a test guards that every export's columns do). */
export function hasColumnHeader(column: string): boolean {
  return column in EXPORT_COLUMN_LABELS || COLUMN_PATTERNS.some((p) => p.re.test(column));
}

export function headerRow(columns: string[], reader: Reader, titles?: ColumnTitles): string[] {
  return columns.map((c) => columnHeader(c, reader, titles));
}

/** A CSV body with the header line in the reader's language and script. */
export function csvFor(columns: string[], rows: Record<string, unknown>[], reader: Reader, titles?: ColumnTitles): string {
  return toCsv(columns, rows, headerRow(columns, reader, titles));
}

/**
 * Sends rows as a CSV (UTF-8 with BOM) or an XLSX download; one place for the headers of every export. The
 * header line and the sheet's name are in the reader's language and script; the file name stays a code.
 */
export async function sendSpreadsheet(
  res: Response,
  opts: SheetInput & { format: 'csv' | 'xlsx'; fileName: string },
): Promise<void> {
  if (opts.format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${opts.fileName}.csv"`);
    res.send(csvFor(opts.columns, opts.rows, opts.reader ?? ENGLISH, opts.titles));
    return;
  }
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${opts.fileName}.xlsx"`);
  res.send(await xlsxFor(opts));
}

type SheetInput = {
  sheetName: string; columns: string[]; rows: Record<string, unknown>[]; wide?: string[];
  /** Who downloads it (the request's user); English when left out. */
  reader?: Reader;
  titles?: ColumnTitles;
};

/** The XLSX workbook of an export, as bytes. */
export async function xlsxFor(opts: SheetInput): Promise<Buffer> {
  const reader = opts.reader ?? ENGLISH;
  const wb = new ExcelJS.Workbook();
  const sheetName = SHEET_NAMES[opts.sheetName]?.[reader.language];
  const ws = wb.addWorksheet(sheetName ? inScript(sheetName, reader) : opts.sheetName);
  ws.columns = opts.columns.map((c) => ({ header: columnHeader(c, reader, opts.titles), key: c, width: opts.wide?.includes(c) ? 66 : 22 }));
  opts.rows.forEach((r) => ws.addRow(r));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
