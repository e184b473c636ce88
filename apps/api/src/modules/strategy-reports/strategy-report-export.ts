import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { FONTS, renderPaged, type Pdf, type PdfReader } from '../../common/pdf';
import { strategyReportBlocks, strategyReportTitle, type ReportBlock, type StrategyReportForExport } from './strategy-report-document';

/** The report as an editable Word document (DOCX): the same blocks as the PDF, headings as Word headings, figures as Word tables. */
export async function strategyReportDocx(r: StrategyReportForExport, reader: PdfReader): Promise<Buffer> {
  const blocks = strategyReportBlocks(r, reader);
  const children: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.t === 'title') children.push(new Paragraph({ text: b.text, heading: HeadingLevel.TITLE }));
    else if (b.t === 'h1') children.push(new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_1 }));
    else if (b.t === 'h2') children.push(new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 }));
    else if (b.t === 'h3') children.push(new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_3 }));
    else if (b.t === 'p') {
      const run = b.style === 'draft' ? new TextRun({ text: b.text, bold: true, color: 'B00020' })
        : b.style === 'note' ? new TextRun({ text: b.text, italics: true, color: '555555', size: 18 })
        : b.style === 'label' ? new TextRun({ text: b.text, color: '333333', size: 20 })
        : b.style === 'mono' ? new TextRun({ text: b.text, font: 'Courier New', size: 16 })
        : new TextRun({ text: b.text });
      children.push(new Paragraph({ children: [run], spacing: { after: 80 } }));
    } else if (b.t === 'table') children.push(docxTable(b));
  }
  const doc = new Document({
    creator: 'Grant portal', title: strategyReportTitle(r.kind, reader), description: `${r.periodStart} – ${r.periodEnd}`,
    // Arial: on every Office and LibreOffice install, with Albanian, Serbian Latin and Cyrillic letters
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

function docxTable(b: Extract<ReportBlock, { t: 'table' }>): Table {
  const widths = b.widths ?? b.head.map(() => 1);
  const sum = widths.reduce((s, w) => s + w, 0);
  const pct = widths.map((w) => Math.floor((w / sum) * 100));
  const cell = (text: string, i: number, head: boolean) => new TableCell({
    width: { size: pct[i], type: WidthType.PERCENTAGE },
    shading: head ? { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } : undefined,
    children: [new Paragraph({ alignment: !head && i > 0 && /^[\d<c€−-]/.test(text) ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: head, size: 18 })] })],
  });
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((row) => new TableRow({ children: row.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** The report as a PDF (pdfkit with the DejaVu fonts of common/pdf.ts), a footer with the title and page on every page. */
export function strategyReportPdf(r: StrategyReportForExport, reader: PdfReader): Promise<Buffer> {
  const blocks = strategyReportBlocks(r, reader);
  return renderPaged(strategyReportTitle(r.kind, reader), (doc) => {
    for (const b of blocks) {
      if (b.t === 'title') doc.font(FONTS.bold).fontSize(16).fillColor('#000').text(b.text).font(FONTS.body).moveDown(0.4);
      else if (b.t === 'h1') heading(doc, b.text, 13, 0.8);
      else if (b.t === 'h2') heading(doc, b.text, 11.5, 0.6);
      else if (b.t === 'h3') heading(doc, b.text, 10, 0.4);
      else if (b.t === 'p') {
        const left = doc.page.margins.left;
        if (b.style === 'draft') doc.font(FONTS.bold).fontSize(10).fillColor('#b00020').text(b.text, left).font(FONTS.body);
        else if (b.style === 'note') doc.fontSize(8).fillColor('#555').text(b.text, left);
        else if (b.style === 'label') doc.fontSize(9).fillColor('#333').text(b.text, left);
        else if (b.style === 'mono') doc.moveDown(0.6).font(FONTS.mono).fontSize(8).fillColor('#555').text(b.text, left).font(FONTS.body);
        else doc.fontSize(10).fillColor('#000').text(b.text, left);
        doc.fillColor('#000').moveDown(0.2);
      } else if (b.t === 'table') pdfTable(doc, b);
    }
  });
}

function heading(doc: Pdf, text: string, size: number, before: number) {
  const left = doc.page.margins.left;
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(before).font(FONTS.bold).fontSize(size).fillColor('#000').text(text, left).font(FONTS.body).moveDown(0.2);
}

function pdfTable(doc: Pdf, b: Extract<ReportBlock, { t: 'table' }>) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const widths = b.widths ?? b.head.map(() => 1);
  const sum = widths.reduce((s, w) => s + w, 0);
  const cols = widths.map((w) => (w / sum) * width);
  const pad = 3;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;
  const row = (cells: string[], head: boolean) => {
    doc.font(head ? FONTS.bold : FONTS.body).fontSize(8);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: cols[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + h > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    if (head) doc.rect(left, y, width, h).fill('#e8eef4').fillColor('#000');
    cells.forEach((c, i) => {
      doc.fillColor('#000').text(c, x + pad, y + pad, { width: cols[i] - 2 * pad, lineBreak: true });
      x += cols[i];
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
    doc.x = left;
    doc.y = y + h;
  };
  if (b.head.some((h) => h)) row(b.head, true);
  for (const r of b.rows) row(r, false);
  doc.font(FONTS.body).moveDown(0.5);
}
