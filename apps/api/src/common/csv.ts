/**
 * CSV for spreadsheets: UTF-8 with a BOM (Excel then reads ë, ç, č, š right), CRLF lines, quoted where needed,
 * and a leading ' on values that a spreadsheet would run as a formula (=, +, -, @).
 * `headers` are the first line as people read it (in their language); the columns' codes when left out.
 */
export function toCsv(columns: string[], rows: Record<string, unknown>[], headers: string[] = columns): string {
  const cell = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n;\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\ufeff' + [headers.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n');
}
