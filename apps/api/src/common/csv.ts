/**
 * CSV for spreadsheets: UTF-8 with a BOM (Excel then reads ë, ç, č, š right), CRLF lines, quoted where needed,
 * and a leading ' on values that a spreadsheet would run as a formula (=, +, -, @).
 */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n;\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\ufeff' + [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n');
}
