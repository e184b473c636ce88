import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as pdfkit writes it (fonts embedded as CID fonts with a ToUnicode map, content streams
 * deflated), without a PDF library: enough for tests to read what a letter says, in which script and format.
 * Each text object (BT … ET) becomes one line.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; data: Buffer | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, data: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index! + m[0].indexOf(body) + at + body.slice(at).match(/stream\r?\n/)![0].length;
    const length = Number(dict.match(/\/Length (\d+)(?! \d+ R)/)?.[1] ?? NaN);
    let data = Buffer.from(raw.slice(start, Number.isFinite(length) ? start + length : start + body.slice(at).indexOf('endstream')), 'latin1');
    if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(m[1]), { dict, data });
  }
  const ref = (dict: string, key: string) => Number(dict.match(new RegExp(`/${key} (\\d+) 0 R`))?.[1] ?? NaN);

  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (fontObj: number): Map<number, string> => {
    if (cmaps.has(fontObj)) return cmaps.get(fontObj)!;
    const map = new Map<number, string>();
    const cmap = objects.get(ref(objects.get(fontObj)?.dict ?? '', 'ToUnicode'))?.data?.toString('latin1') ?? '';
    const unicode = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, code, u] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code, 16), unicode(u));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const from = parseInt(lo, 16);
        const to = parseInt(hi, 16);
        // an entry may hold several code points (a ligature: <0066 0069> is "fi")
        if (rest.startsWith('[')) [...rest.matchAll(/<([0-9a-fA-F ]*)>/g)].forEach((u, i) => map.set(from + i, unicode(u[1].replace(/ /g, ''))));
        else for (let c = from, base = parseInt(rest.slice(1, -1), 16); c <= to; c++) map.set(c, String.fromCodePoint(base + c - from));
      }
    }
    cmaps.set(fontObj, map);
    return map;
  };

  const lines: string[] = [];
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  for (const page of pages) {
    const resources = Number.isFinite(ref(page.dict, 'Resources')) ? objects.get(ref(page.dict, 'Resources'))!.dict : page.dict;
    const fonts = new Map([...(resources.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1] ?? '').matchAll(/\/([\w.+-]+) (\d+) 0 R/g)].map((f) => [f[1], Number(f[2])]));
    const contents = objects.get(ref(page.dict, 'Contents'))?.data?.toString('latin1') ?? '';
    let font: Map<number, string> = new Map();
    let current = '';
    for (const t of contents.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]]|\\\])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
      if (t[1] !== undefined) font = fonts.has(t[1]) ? cmapOf(fonts.get(t[1])!) : new Map();
      else if (t[0] === 'ET') {
        lines.push(current);
        current = '';
      } else {
        const hexes = t[2] !== undefined ? [...t[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [t[3]];
        for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) current += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      }
    }
  }
  return lines.join('\n');
}
