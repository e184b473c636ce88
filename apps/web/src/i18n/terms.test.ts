import { describe, expect, it } from 'vitest';
import en from './en.json';
import sq from './sq.json';
import sr from './sr.json';

/** Every string of a locale file with its dotted key. */
function strings(o: unknown, prefix = ''): Array<[string, string]> {
  if (typeof o === 'string') return [[prefix, o]];
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

// Issue 11: Serbian used three terms for "action point" (tačka za postupanje, tačka akcije, akciona tačka).
describe('one term for "action point" per language', () => {
  const english = new Map(strings(en));
  const aboutActionPoints = (all: Array<[string, string]>) => all.filter(([k]) => /action point/i.test(english.get(k) ?? ''));

  it('Serbian says "akciona tačka", inflected, and never the other two terms', () => {
    const all = strings(sr);
    expect(all.filter(([, v]) => /za postupanje|tač\w* akcij/i.test(v))).toEqual([]);
    const texts = aboutActionPoints(all);
    expect(texts.length).toBeGreaterThan(20);
    for (const [key, value] of texts) expect([key, /akcion\w* tač/i.test(value)]).toEqual([key, true]);
  });

  it('Albanian says "pikë veprimi" (pika e veprimit), inflected', () => {
    const texts = aboutActionPoints(strings(sq));
    expect(texts.length).toBeGreaterThan(20);
    for (const [key, value] of texts) expect([key, /pik[ëa].{0,25}veprimi/i.test(value)]).toEqual([key, true]);
  });
});
