import { FONTS, newPdf } from '../../common/pdf';

/** A paragraph of a grant document: its style and its text. */
export type Paragraph = ['h1' | 'h2' | 'p' | 'small', string];

const SIZE = { h1: 15, h2: 11, p: 9.5, small: 8.5 } as const;
const fontOf = (style: Paragraph[0]) => (style === 'h1' || style === 'h2' ? FONTS.bold : FONTS.body);

/**
 * A grant document (the agreement, an addendum) in the organisation's language beside the English text, or one
 * column for an English reader. The columns have the same paragraphs, so each pair is written side by side at the
 * same height and a page breaks between pairs, never inside one column only.
 */
export function bilingualPdf(title: string, columns: Paragraph[][]): Promise<Buffer> {
  const { doc, done } = newPdf(title, { margin: 40 });
  const left = 40;
  const full = doc.page.width - 80;
  const bottom = doc.page.height - 50;
  const gap = 20;
  const width = columns.length === 1 ? full : (full - gap) / 2;
  let y = doc.y;
  for (let i = 0; i < columns[0]!.length; i++) {
    const style = columns[0]![i]![0];
    const before = style === 'h2' ? 8 : 0;
    const heights = columns.map((c) => doc.font(fontOf(c[i]![0])).fontSize(SIZE[c[i]![0]]).heightOfString(c[i]![1], { width }));
    const h = Math.max(...heights) + (style === 'small' ? 2 : 4);
    if (y + before + h > bottom) {
      doc.addPage();
      y = doc.y;
    } else y += before;
    columns.forEach((c, k) => doc.font(fontOf(c[i]![0])).fontSize(SIZE[c[i]![0]]).fillColor('#000').text(c[i]![1], left + k * (width + gap), y, { width }));
    y += h;
  }
  doc.end();
  return done;
}
