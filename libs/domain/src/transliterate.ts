/**
 * Serbian Latin → Cyrillic for the web app's `sr` resources (kept in Latin, shown in Cyrillic to readers
 * who choose it). Text that is not Serbian prose is left untouched: i18next placeholders `{{…}}` and
 * nestings `$t(…)`, HTML/JSX-like tags, HTML entities, URLs, e-mail addresses and all-caps Latin
 * acronyms (CSO, IBAN, KMOP, PDF…). Acronyms of Serbian words (OCD, NVO, EU) are Serbian text and are
 * written in Cyrillic like the words they stand for (ОЦД, НВО, ЕУ).
 */

const SINGLE: Readonly<Record<string, string>> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к',
  l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
  A: 'А', B: 'Б', C: 'Ц', Č: 'Ч', Ć: 'Ћ', D: 'Д', Đ: 'Ђ', E: 'Е', F: 'Ф', G: 'Г', H: 'Х', I: 'И', J: 'Ј', K: 'К',
  L: 'Л', M: 'М', N: 'Н', O: 'О', P: 'П', R: 'Р', S: 'С', Š: 'Ш', T: 'Т', U: 'У', V: 'В', Z: 'З', Ž: 'Ж',
  // Unicode digraph ligatures, rare but valid input.
  ǉ: 'љ', ǈ: 'Љ', Ǉ: 'Љ', ǌ: 'њ', ǋ: 'Њ', Ǌ: 'Њ', ǆ: 'џ', ǅ: 'Џ', Ǆ: 'Џ',
};

const DIGRAPHS: Readonly<Record<string, string>> = {
  lj: 'љ', Lj: 'Љ', LJ: 'Љ', lJ: 'љ',
  nj: 'њ', Nj: 'Њ', NJ: 'Њ', nJ: 'њ',
  dž: 'џ', Dž: 'Џ', DŽ: 'Џ', dŽ: 'џ',
};

/**
 * Word beginnings where n+j or d+ž meet across a prefix or a borrowed root and are two letters, not one
 * (konjunkcija → конјункција, injekcija → инјекција, nadživeti → надживети, podžanr → поджанр).
 */
const NO_DIGRAPH_PREFIXES: readonly string[] = ['konjunk', 'konjug', 'injekc', 'injunkc', 'nadž', 'podž', 'odžal'];

/** Spans that must stay as written, in the order they are tried. */
const PROTECTED = new RegExp(
  [
    String.raw`\{\{[\s\S]*?\}\}`, // i18next interpolation {{name}}, {{count, number}}
    String.raw`\$t\((?:[^()]|\([^()]*\))*\)`, // i18next nesting $t(key) / $t(key, {"a": "b"})
    String.raw`<\/?[A-Za-z0-9][^<>]*>`, // tags: <strong>, </1>, <br/>, <a href="…">
    String.raw`&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);`, // HTML entities
    String.raw`\b(?:https?:\/\/|www\.)[^\s<>"']+`, // URLs
    String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`, // e-mail addresses
    String.raw`\bMoving Forward\b`, // the programme's proper name (PROPER_NAMES)
    // All-caps Latin acronyms (CSO, EU, IBAN; PDF-a keeps PDF), unless they hold LJ or NJ, which only
    // Serbian words do (LJUBLJANA is transliterated). Roman numerals such as III.2 are caught here too.
    String.raw`(?<!\p{L})(?![A-Z]*(?:LJ|NJ))[A-Z]{2,}(?!\p{L})`,
    String.raw`(?<!\p{L})[A-Za-z]*[a-z][A-Z][A-Za-z]*(?!\p{L})`, // mixed-case Latin names: VoT, PVoT, eID
    String.raw`(?<![\p{L}\d.])[IVX](?=\.\d)`, // a one-letter Roman numeral before a number: I.1, V.2
  ].join('|'),
  'gu',
);

/**
 * All-caps acronyms that abbreviate Serbian words, so a Cyrillic text spells them in Cyrillic:
 * organizacije civilnog društva, nevladina organizacija, Evropska unija, Ujedinjene nacije.
 * Foreign names (KMOP, PVPT), codes (IBAN, PDF, SHA) and Roman numerals stay Latin.
 */
export const SERBIAN_ACRONYMS: readonly string[] = ['OCD', 'NVO', 'EU', 'UN'];
const SERBIAN_ACRONYM_SET: ReadonlySet<string> = new Set(SERBIAN_ACRONYMS);

/** Proper names written in Latin in every script (kept by PROTECTED): the EU project the portal serves. */
export const PROPER_NAMES: readonly string[] = ['Moving Forward'];

/** q, w, x and y are not letters of Serbian: a word that holds one is a foreign name (Word, Excel) and stays. */
const FOREIGN = /[qwxyQWXY]/;

function transliterateWord(word: string): string {
  if (FOREIGN.test(word)) return word;
  const lower = word.toLowerCase();
  const noDigraphUntil = NO_DIGRAPH_PREFIXES.find((p) => lower.startsWith(p))?.length ?? 0;
  let out = '';
  for (let i = 0; i < word.length; ) {
    if (i + 1 >= noDigraphUntil) {
      const pair = DIGRAPHS[word.slice(i, i + 2)];
      if (pair !== undefined) {
        out += pair;
        i += 2;
        continue;
      }
    }
    const ch = word[i]!;
    out += SINGLE[ch] ?? ch;
    i += 1;
  }
  return out;
}

function transliterateProse(text: string): string {
  // Words are runs of letters, so prefixes and digraphs are judged within a word.
  return text.replace(/\p{L}+/gu, transliterateWord);
}

/** Serbian Latin → Serbian Cyrillic, leaving placeholders, markup, links and acronyms as they are. */
export function serbianLatinToCyrillic(text: string): string {
  const input = text.normalize('NFC');
  let out = '';
  let last = 0;
  for (const match of input.matchAll(PROTECTED)) {
    const start = match.index ?? 0;
    const kept = SERBIAN_ACRONYM_SET.has(match[0]) ? transliterateWord(match[0]) : match[0];
    out += transliterateProse(input.slice(last, start)) + kept;
    last = start + match[0].length;
  }
  return out + transliterateProse(input.slice(last));
}

/**
 * Deep-maps the string values of an i18next resource object (keys are never touched), returning a new
 * object of the same shape. Non-string leaves are copied as they are.
 */
export function transliterateResources<T>(obj: T, convert: (s: string) => string = serbianLatinToCyrillic): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return convert(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = walk(v);
      return out;
    }
    return value;
  };
  return walk(obj) as T;
}
