import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { toCsv } from './csv';

/** Sends rows as a CSV (UTF-8 with BOM) or an XLSX download; one place for the headers of every export. */
export async function sendSpreadsheet(
  res: Response,
  opts: { format: 'csv' | 'xlsx'; fileName: string; sheetName: string; columns: string[]; rows: Record<string, unknown>[]; wide?: string[] },
): Promise<void> {
  if (opts.format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${opts.fileName}.csv"`);
    res.send(toCsv(opts.columns, opts.rows));
    return;
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName);
  ws.columns = opts.columns.map((c) => ({ header: c, key: c, width: opts.wide?.includes(c) ? 66 : 22 }));
  opts.rows.forEach((r) => ws.addRow(r));
  ws.getRow(1).font = { bold: true };
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Content-Disposition', `attachment; filename="${opts.fileName}.xlsx"`);
  res.send(Buffer.from(await wb.xlsx.writeBuffer()));
}
