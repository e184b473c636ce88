import fc from 'fast-check';
import { serbianLatinToCyrillic as cyr, transliterateResources } from './transliterate';

describe('serbianLatinToCyrillic', () => {
  it('transliterates the digraphs lj, nj and dž as one letter each', () => {
    expect(cyr('Ljubljana')).toBe('Љубљана');
    expect(cyr('njegov')).toBe('његов');
    expect(cyr('džep')).toBe('џеп');
    expect(cyr('Njegoš')).toBe('Његош');
    expect(cyr('Džakarta')).toBe('Џакарта');
  });

  it('transliterates all-caps digraphs', () => {
    expect(cyr('LJUBLJANA')).toBe('ЉУБЉАНА');
    expect(cyr('NJEGOV')).toBe('ЊЕГОВ');
    expect(cyr('DŽEP')).toBe('ЏЕП');
  });

  it('transliterates the letters with diacritics', () => {
    expect(cyr('Đakovica')).toBe('Ђаковица');
    expect(cyr('čađ ćuk šuma žaba')).toBe('чађ ћук шума жаба');
    expect(cyr('Čačak Ćuprija Šabac Žabalj')).toBe('Чачак Ћуприја Шабац Жабаљ');
    expect(cyr('Priština, Uroševac, Peć')).toBe('Приштина, Урошевац, Пећ');
  });

  it('handles decomposed diacritics (NFD input)', () => {
    expect(cyr('Đakovica'.normalize('NFD'))).toBe('Ђаковица');
    expect(cyr('džep'.normalize('NFD'))).toBe('џеп');
  });

  it('keeps n+j and d+ž apart where they meet across a prefix', () => {
    expect(cyr('konjunkcija')).toBe('конјункција');
    expect(cyr('injekcija')).toBe('инјекција');
    expect(cyr('nadživeti')).toBe('надживети');
    expect(cyr('podžanr')).toBe('поджанр');
    expect(cyr('konj')).toBe('коњ');
  });

  it('keeps i18next placeholders and nestings', () => {
    expect(cyr('Prijavite se {{name}}')).toBe('Пријавите се {{name}}');
    expect(cyr('Još {{count, number}} dana')).toBe('Још {{count, number}} дана');
    expect(cyr('$t(common.save) i nastavi')).toBe('$t(common.save) и настави');
    expect(cyr('Vidi $t(key, {"ime": "Ana"}) ovde')).toBe('Види $t(key, {"ime": "Ana"}) овде');
  });

  it('keeps tags but transliterates the text between them', () => {
    expect(cyr('<strong>Rok</strong> je <1>sutra</1>')).toBe('<strong>Рок</strong> је <1>сутра</1>');
    expect(cyr('Prvi red<br/>drugi red')).toBe('Први ред<br/>други ред');
    expect(cyr('<a href="https://portal.example.org/login">Prijava</a>')).toBe('<a href="https://portal.example.org/login">Пријава</a>');
    expect(cyr('a&nbsp;b')).toBe('а&nbsp;б');
  });

  it('keeps URLs and e-mail addresses', () => {
    expect(cyr('Pišite na info@pvpt-kosova.org ili posetite https://www.kmop.gr/sr/grants')).toBe(
      'Пишите на info@pvpt-kosova.org или посетите https://www.kmop.gr/sr/grants',
    );
    expect(cyr('Vidi www.example.org')).toBe('Види www.example.org');
  });

  it('keeps all-caps Latin acronyms, also with a Serbian case ending', () => {
    expect(cyr('CSO prijava za KMOP grant')).toBe('CSO пријава за KMOP грант');
    expect(cyr('IBAN, KMOP i PVPT')).toBe('IBAN, KMOP и PVPT');
    expect(cyr('Pošaljite PDF-a')).toBe('Пошаљите PDF-а');
    expect(cyr('žrtve (VoT i PVoT)')).toBe('жртве (VoT и PVoT)');
  });

  it('writes acronyms of Serbian words in Cyrillic, also with a case ending', () => {
    expect(cyr('Portal za grantove OCD')).toBe('Портал за грантове ОЦД');
    expect(cyr('Registrovana OCD, broj u registru NVO')).toBe('Регистрована ОЦД, број у регистру НВО');
    expect(cyr('granica EU od 60.000 €; OCD-a')).toBe('граница ЕУ од 60.000 €; ОЦД-а');
    // Only whole acronyms: a longer all-caps word that merely starts with one stays as it is.
    expect(cyr('OCDX i NVOS')).toBe('OCDX и NVOS');
  });

  it('keeps the programme\'s proper name', () => {
    expect(cyr('šema grantova Moving Forward, klaster 3')).toBe('шема грантова Moving Forward, кластер 3');
  });

  it('keeps Roman numerals of strategy objectives', () => {
    expect(cyr('Cilj III.2 i I.1')).toBe('Циљ III.2 и I.1');
  });

  it('leaves digits, punctuation and other scripts alone', () => {
    expect(cyr('Rok: 31.12.2025. (20 %)')).toBe('Рок: 31.12.2025. (20 %)');
    expect(cyr('Већ ћирилица')).toBe('Већ ћирилица');
    // Letters outside the Serbian alphabet have no Cyrillic counterpart and stay as they are.
    expect(cyr('qwxy ë')).toBe('qwxy ë');
  });

  it('never changes placeholders, whatever surrounds them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.stringMatching(/^[a-zA-Z_.]{1,12}$/), fc.string({ maxLength: 20 }), (before, name, after) => {
        const safeBefore = before.replace(/[{}<>$]/g, '');
        const safeAfter = after.replace(/[{}<>$]/g, '');
        expect(cyr(`${safeBefore} {{${name}}} ${safeAfter}`)).toContain(`{{${name}}}`);
      }),
    );
  });

  it('leaves no Serbian Latin letter behind in lower-case prose', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'abcčćdđefghijklmnoprsštuvzž '.split('')), { maxLength: 40 }), (letters) => {
        expect(cyr(letters.join(''))).not.toMatch(/[a-zčćđšž]/);
      }),
    );
  });
});

describe('transliterateResources', () => {
  it('deep-maps string values and keeps keys, shape and other values', () => {
    const sr = {
      common: { save: 'Sačuvaj', cancel: 'Otkaži' },
      auth: { welcome: 'Dobro došli, {{name}}', steps: ['Prijava', 'Potvrda'] },
      count: 3,
      enabled: true,
      empty: null,
    };
    expect(transliterateResources(sr)).toEqual({
      common: { save: 'Сачувај', cancel: 'Откажи' },
      auth: { welcome: 'Добро дошли, {{name}}', steps: ['Пријава', 'Потврда'] },
      count: 3,
      enabled: true,
      empty: null,
    });
  });

  it('does not modify the input', () => {
    const input = { a: { b: 'njiva' } };
    transliterateResources(input);
    expect(input).toEqual({ a: { b: 'njiva' } });
  });
  it('leaves foreign words with q, w, x or y whole instead of half-converting them', () => {
    expect(cyr('Word obrasci i Excel tabele')).toBe('Word обрасци и Excel табеле');
  });
});
