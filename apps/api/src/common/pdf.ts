import { dirname, join } from 'node:path';
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
