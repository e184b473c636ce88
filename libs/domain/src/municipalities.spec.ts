import { isMunicipalityCode, KOSOVO_MUNICIPALITIES, MUNICIPALITY_CODES, municipalityName } from './municipalities';

describe('municipalities', () => {
  it('lists exactly 38 municipalities with unique codes', () => {
    expect(KOSOVO_MUNICIPALITIES).toHaveLength(38);
    expect(new Set(KOSOVO_MUNICIPALITIES.map((m) => m.code)).size).toBe(38);
    expect(MUNICIPALITY_CODES).toHaveLength(38);
  });

  it('uses lowercase ASCII slugs as codes', () => {
    for (const m of KOSOVO_MUNICIPALITIES) {
      expect(m.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('has a non-empty name in every language, unique within each language', () => {
    for (const lang of ['en', 'sq', 'sr'] as const) {
      const names = KOSOVO_MUNICIPALITIES.map((m) => m[lang]);
      expect(names.every((n) => n.trim().length > 0)).toBe(true);
      expect(new Set(names).size).toBe(38);
    }
  });

  it('keeps Albanian diacritics and Serbian Latin letters', () => {
    expect(municipalityName('prishtina', 'sq')).toBe('Prishtinë');
    expect(municipalityName('prishtina', 'sr')).toBe('Priština');
    expect(municipalityName('prishtina', 'en')).toBe('Pristina');
    expect(municipalityName('gjakova', 'sr')).toBe('Đakovica');
    expect(municipalityName('ferizaj', 'sr')).toBe('Uroševac');
    expect(municipalityName('peja', 'sr')).toBe('Peć');
    expect(municipalityName('zvecan', 'sq')).toBe('Zveçan');
    expect(municipalityName('gracanica', 'sq')).toBe('Graçanicë');
    expect(municipalityName('shterpca', 'sq')).toBe('Shtërpcë');
  });

  it('distinguishes North and South Mitrovica', () => {
    expect(municipalityName('mitrovica-south', 'sq')).toBe('Mitrovicë e Jugut');
    expect(municipalityName('mitrovica-north', 'sq')).toBe('Mitrovicë e Veriut');
    expect(municipalityName('mitrovica-south', 'sr')).toBe('Južna Mitrovica');
    expect(municipalityName('mitrovica-north', 'sr')).toBe('Severna Mitrovica');
  });

  it('includes the municipalities created after 2008', () => {
    const sq = KOSOVO_MUNICIPALITIES.map((m) => m.sq);
    for (const name of ['Junik', 'Mamushë', 'Hani i Elezit', 'Graçanicë', 'Ranillug', 'Kllokot', 'Partesh', 'Mitrovicë e Veriut']) {
      expect(sq).toContain(name);
    }
  });

  it('recognises codes and rejects names or unknown values', () => {
    expect(isMunicipalityCode('prishtina')).toBe(true);
    expect(isMunicipalityCode('Prishtinë')).toBe(false);
    expect(isMunicipalityCode('belgrade')).toBe(false);
    expect(isMunicipalityCode(42)).toBe(false);
    expect(municipalityName('belgrade', 'en')).toBeNull();
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(KOSOVO_MUNICIPALITIES)).toBe(true);
    expect(Object.isFrozen(KOSOVO_MUNICIPALITIES[0])).toBe(true);
  });
});
