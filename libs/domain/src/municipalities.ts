/**
 * Kosovo's 38 municipalities (reference data for organisation profiles, target areas and the portfolio).
 * `sq` is the Albanian name, `sr` the Serbian name in Latin script (transliterated for Cyrillic readers),
 * `en` the form most used in English-language documents. Codes are stable lowercase ASCII slugs: store
 * the code, never a name.
 */
import type { Language } from './roles';

export type Municipality = { code: string; en: string; sq: string; sr: string };

export const KOSOVO_MUNICIPALITIES: readonly Municipality[] = Object.freeze([
  { code: 'decan', en: 'Deçan', sq: 'Deçan', sr: 'Dečani' },
  { code: 'dragash', en: 'Dragash', sq: 'Dragash', sr: 'Dragaš' },
  { code: 'drenas', en: 'Drenas', sq: 'Drenas', sr: 'Glogovac' },
  { code: 'ferizaj', en: 'Ferizaj', sq: 'Ferizaj', sr: 'Uroševac' },
  { code: 'fushe-kosova', en: 'Fushë Kosova', sq: 'Fushë Kosovë', sr: 'Kosovo Polje' },
  { code: 'gjakova', en: 'Gjakova', sq: 'Gjakovë', sr: 'Đakovica' },
  { code: 'gjilan', en: 'Gjilan', sq: 'Gjilan', sr: 'Gnjilane' },
  { code: 'gracanica', en: 'Gračanica', sq: 'Graçanicë', sr: 'Gračanica' },
  { code: 'hani-i-elezit', en: 'Hani i Elezit', sq: 'Hani i Elezit', sr: 'Elez Han' },
  { code: 'istog', en: 'Istog', sq: 'Istog', sr: 'Istok' },
  { code: 'junik', en: 'Junik', sq: 'Junik', sr: 'Junik' },
  { code: 'kacanik', en: 'Kaçanik', sq: 'Kaçanik', sr: 'Kačanik' },
  { code: 'kamenica', en: 'Kamenica', sq: 'Kamenicë', sr: 'Kamenica' },
  { code: 'klina', en: 'Klina', sq: 'Klinë', sr: 'Klina' },
  { code: 'kllokot', en: 'Klokot', sq: 'Kllokot', sr: 'Klokot' },
  { code: 'leposaviq', en: 'Leposavić', sq: 'Leposaviq', sr: 'Leposavić' },
  { code: 'lipjan', en: 'Lipjan', sq: 'Lipjan', sr: 'Lipljan' },
  { code: 'malisheva', en: 'Malisheva', sq: 'Malishevë', sr: 'Mališevo' },
  { code: 'mamusha', en: 'Mamusha', sq: 'Mamushë', sr: 'Mamuša' },
  { code: 'mitrovica-south', en: 'South Mitrovica', sq: 'Mitrovicë e Jugut', sr: 'Južna Mitrovica' },
  { code: 'mitrovica-north', en: 'North Mitrovica', sq: 'Mitrovicë e Veriut', sr: 'Severna Mitrovica' },
  { code: 'novoberda', en: 'Novo Brdo', sq: 'Novobërdë', sr: 'Novo Brdo' },
  { code: 'obiliq', en: 'Obiliq', sq: 'Obiliq', sr: 'Obilić' },
  { code: 'partesh', en: 'Partesh', sq: 'Partesh', sr: 'Parteš' },
  { code: 'peja', en: 'Peja', sq: 'Pejë', sr: 'Peć' },
  { code: 'podujeva', en: 'Podujeva', sq: 'Podujevë', sr: 'Podujevo' },
  { code: 'prishtina', en: 'Pristina', sq: 'Prishtinë', sr: 'Priština' },
  { code: 'prizren', en: 'Prizren', sq: 'Prizren', sr: 'Prizren' },
  { code: 'rahovec', en: 'Rahovec', sq: 'Rahovec', sr: 'Orahovac' },
  { code: 'ranillug', en: 'Ranilug', sq: 'Ranillug', sr: 'Ranilug' },
  { code: 'shterpca', en: 'Štrpce', sq: 'Shtërpcë', sr: 'Štrpce' },
  { code: 'shtime', en: 'Shtime', sq: 'Shtime', sr: 'Štimlje' },
  { code: 'skenderaj', en: 'Skenderaj', sq: 'Skënderaj', sr: 'Srbica' },
  { code: 'suhareka', en: 'Suva Reka', sq: 'Suharekë', sr: 'Suva Reka' },
  { code: 'viti', en: 'Viti', sq: 'Viti', sr: 'Vitina' },
  { code: 'vushtrri', en: 'Vushtrri', sq: 'Vushtrri', sr: 'Vučitrn' },
  { code: 'zubin-potok', en: 'Zubin Potok', sq: 'Zubin Potok', sr: 'Zubin Potok' },
  { code: 'zvecan', en: 'Zvečan', sq: 'Zveçan', sr: 'Zvečan' },
].map((m) => Object.freeze(m)));

const BY_CODE: ReadonlyMap<string, Municipality> = new Map(KOSOVO_MUNICIPALITIES.map((m) => [m.code, m]));

export const MUNICIPALITY_CODES: readonly string[] = Object.freeze(KOSOVO_MUNICIPALITIES.map((m) => m.code));

export function isMunicipalityCode(code: unknown): code is string {
  return typeof code === 'string' && BY_CODE.has(code);
}

/** The municipality's name in the given language, or null for an unknown code. */
export function municipalityName(code: string, lang: Language): string | null {
  const m = BY_CODE.get(code);
  return m ? m[lang] : null;
}
