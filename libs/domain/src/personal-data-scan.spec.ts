import fc from 'fast-check';
import {
  normalisedExcerpt,
  personalDataConfirmation,
  scanFields,
  scanPersonalData,
  unconfirmedFindings,
  type PersonalDataKind,
} from './personal-data-scan';

// a stand-in for SHA-256 (the domain has no crypto): FNV-1a over the UTF-16 units, as hex; it shows the digest, not the text, is stored
const sha256Hex = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
};
const found = (text: string) => scanPersonalData(text).map((f) => [f.kind, f.excerpt]);

describe('scanPersonalData: what must be found', () => {
  it.each<[string, PersonalDataKind, string]>([
    // personal numbers
    ['Numri personal i saj është 1234567890.', 'personal_number', '1234567890'],
    ['Lična karta br. 1003456789, izdata u Prištini', 'personal_number', '1003456789'],
    ['Лични број: 1198765432', 'personal_number', '1198765432'],
    ['ID 1234567890; referred on Monday', 'personal_number', '1234567890'],
    // e-mail
    ['She can be reached at arta.krasniqi88@gmail.com for follow-up', 'email', 'arta.krasniqi88@gmail.com'],
    ['Kontakt: marija_j@yahoo.co.uk.', 'email', 'marija_j@yahoo.co.uk'],
    ['e-mail: ана@пример.срб', 'email', 'ана@пример.срб'],
    // Kosovo phones
    ['Telefoni i viktimës: +383 44 123 456', 'phone', '+383 44 123 456'],
    ['Broj telefona 00383-49-123-456 (majka)', 'phone', '00383-49-123-456'],
    ['call +383 (0)45 987 654 after 5pm', 'phone', '+383 (0)45 987 654'],
    ['+38344123456', 'phone', '+38344123456'],
    ['Nr. kontaktues 044 123 456', 'phone', '044 123 456'],
    ['тел. 049-555-777', 'phone', '049-555-777'],
    ['mobile (045) 111 222', 'phone', '(045) 111 222'],
    ['045/111-222', 'phone', '045/111-222'],
    ['043123456 je njen broj', 'phone', '043123456'],
    // other international
    ['Her brother in Germany: +49 171 1234567', 'phone', '+49 171 1234567'],
    ['Telefon u Srbiji +381 63 123 4567', 'phone', '+381 63 123 4567'],
    ['+1 (202) 555-0143', 'phone', '+1 (202) 555-0143'],
    // dates of birth, numeric
    ['The survivor, born 12.03.2008, was placed in the shelter.', 'date_of_birth', '12.03.2008'],
    ['E lindur më 05/11/2007 në Prizren', 'date_of_birth', '05/11/2007'],
    ['i lindur më 5.1.2009', 'date_of_birth', '5.1.2009'],
    ['DOB: 2007-11-05', 'date_of_birth', '2007-11-05'],
    ['Datëlindja: 03.04.2006', 'date_of_birth', '03.04.2006'],
    ['datelindja 03.04.2006', 'date_of_birth', '03.04.2006'],
    ['Korisnica je rođena 12. 3. 2008. u Peći', 'date_of_birth', '12. 3. 2008.'],
    ['datum rođenja: 14.02.2005', 'date_of_birth', '14.02.2005'],
    ['рођена 14.02.2005. године', 'date_of_birth', '14.02.2005.'],
    ['Датум рођења 01.01.2004', 'date_of_birth', '01.01.2004'],
    ['rodjena 7.7.2007', 'date_of_birth', '7.7.2007'],
    // dates of birth, spelled out
    ['born on 12 March 2008 in Gjakova', 'date_of_birth', '12 March 2008'],
    ['She was born March 12th, 2008.', 'date_of_birth', 'March 12th, 2008'],
    ['e lindur më 12 mars 2008', 'date_of_birth', '12 mars 2008'],
    ['e lindur më 3 nëntor 2006', 'date_of_birth', '3 nëntor 2006'],
    ['rođena 12. marta 2008. godine', 'date_of_birth', '12. marta 2008. godine'],
    ['рођена 5. новембра 2007.', 'date_of_birth', '5. новембра 2007.'],
    // the date comes first, the birth word after it
    ['12.03.2008 (date of birth)', 'date_of_birth', '12.03.2008'],
    // age context
    ['a girl aged 16 (03.04.2009)', 'date_of_birth', '03.04.2009'],
    ['vajzë 16 vjeçe, 03.04.2009', 'date_of_birth', '03.04.2009'],
    ['devojčica stara 15 godina, 2.2.2010', 'date_of_birth', '2.2.2010'],
    // a year alone after a birth word
    ['born in 2009', 'date_of_birth', '2009'],
    ['e lindur në vitin 2009', 'date_of_birth', '2009'],
    ['rođena 2009. godine', 'date_of_birth', '2009. godine'],
    ['рођен 2001', 'date_of_birth', '2001'],
  ])('%p → %s %p', (text, kind, excerpt) => {
    const f = scanPersonalData(text).filter((x) => x.kind === kind);
    expect(f.map((x) => x.excerpt)).toContain(excerpt);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.excerpt);
  });

  it.each<[string, string]>([
    // en
    ['The victim, Arta Krasniqi, was referred by the police.', 'Arta Krasniqi'],
    ['Jane Doe, a survivor of trafficking, joined the course.', 'Jane Doe'],
    ['our client Mary Ann Smith asked for legal aid', 'Mary Ann Smith'],
    ["the girl's name is Ana Marić", 'Ana Marić'],
    ['beneficiary Elira Berisha-Gashi completed the training', 'Elira Berisha-Gashi'],
    ['Today Drita Hoxha, one of the women in the shelter, left.', 'Drita Hoxha'],
    ['The child Luan Morina was enrolled at school.', 'Luan Morina'],
    ['Resident Fatmire Rexhepi moved out', 'Fatmire Rexhepi'],
    // sq
    ['Viktima Arta Krasniqi u vendos në strehimore.', 'Arta Krasniqi'],
    ['Përfituesja Blerta Shala mori ndihmë juridike.', 'Blerta Shala'],
    ['Arbenita Gashi, e mbijetuar e trafikimit, filloi punën.', 'Arbenita Gashi'],
    ['klientja jonë Vjosa Berisha', 'Vjosa Berisha'],
    ['Vajza Donika Kelmendi është 15 vjeç.', 'Donika Kelmendi'],
    ['gruaja Shpresa Ahmeti u takua me avokatin', 'Shpresa Ahmeti'],
    ['fëmija Ardit Hoti', 'Ardit Hoti'],
    ['banorja Merita Zeqiri', 'Merita Zeqiri'],
    ['Viktimës Lirie Bytyqi iu dha strehim', 'Lirie Bytyqi'],
    // sr Latin
    ['Žrtva Marija Jovanović je smeštena u sklonište.', 'Marija Jovanović'],
    ['Korisnica Jelena Petrović je dobila pravnu pomoć.', 'Jelena Petrović'],
    ['Štićenica Milica Đorđević', 'Milica Đorđević'],
    ['devojčica Ana Stojanović je upisana u školu', 'Ana Stojanović'],
    ['Dragana Nikolić je žrtva trgovine ljudima', 'Dragana Nikolić'],
    ['zrtva Ivana Lazic', 'Ivana Lazic'],
    ['žrtva Mila Trgovčević', 'Mila Trgovčević'],
    ['Viktima Qendresa Berisha', 'Qendresa Berisha'],
    ['Viktima Kosovare Gashi', 'Kosovare Gashi'],
    ['the survivor Dayana Campbell', 'Dayana Campbell'],
    ['Beneficiaries: Arta Krasniqi, Besa Gashi.', 'Besa Gashi'],
    ['Mrs Arta Krasniqi, the survivor', 'Arta Krasniqi'],
    // sr Cyrillic
    ['Жртва Марија Јовановић је смештена у склониште.', 'Марија Јовановић'],
    ['Корисница Јелена Петровић је добила помоћ.', 'Јелена Петровић'],
    ['девојчица Ана Стојановић', 'Ана Стојановић'],
    ['Драгана Николић је жртва трговине људима', 'Драгана Николић'],
  ])('a name next to a victim word: %p', (text, name) => {
    expect(found(text)).toContainEqual(['name', name]);
  });

  it('finds several passages in one text, in order, with offsets into it', () => {
    const text = 'Viktima Arta Krasniqi (e lindur më 12.03.2008, nr. personal 1234567890) mund të kontaktohet në 044 123 456 ose arta@example.com.';
    const f = scanPersonalData(text);
    expect(f.map((x) => [x.kind, x.excerpt])).toEqual([
      ['name', 'Arta Krasniqi'],
      ['date_of_birth', '12.03.2008'],
      ['personal_number', '1234567890'],
      ['phone', '044 123 456'],
      ['email', 'arta@example.com'],
    ]);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.excerpt);
    for (let i = 1; i < f.length; i++) expect(f[i]!.start).toBeGreaterThanOrEqual(f[i - 1]!.end);
  });

  it('limits the scan to the kinds asked for', () => {
    const text = 'Viktima Arta Krasniqi, 044 123 456';
    expect(scanPersonalData(text, { kinds: ['phone'] }).map((f) => f.kind)).toEqual(['phone']);
  });
});

describe('scanPersonalData: what must not be found', () => {
  it.each([
    // amounts and figures
    'Total spent: 1.234.567,00 EUR',
    'Iznos 1234567,50 €',
    'Shuma prej 12.345.678,90 euro u transferua',
    'Budget 1234567890 € for the whole scheme',
    'Amount 1 234 567,00',
    'Account XK05 1212 0123 4567 8906',
    'IBAN XK051212012345678906',
    'In 2026 we reached 1500 people; in 2027 we plan 2000.',
    'Reference 12345678901234 of the bank transfer',
    '3.5 million inhabitants, 38 municipalities',
    'Invoice no. 2026-03-0012',
    // dates of activities, without a birth word
    'On 12.03.2026 we held a workshop in Prizren.',
    'Më 12.03.2026 mbajtëm një punëtori me 20 gra.',
    'Dana 12.03.2026. održana je radionica za 15 žena.',
    'Дана 12.03.2026. одржана је радионица.',
    'The training took place on 5 March 2026 and 12 April 2026.',
    'Trajnimi u mbajt më 5 mars 2026.',
    'Period: 2026-01-01 to 2026-06-30',
    // a birth word in another sentence
    'The shelter was born out of a need. On 12.03.2026 we opened it.',
    // counts of people
    '12 women and 5 girls were supported by the Centre for Social Work Prizren.',
    '35 viktima u identifikuan nga Policia e Kosovës.',
    'Podržano je 40 žena i 12 devojčica u Opštini Gračanica.',
    'Подржано је 40 жена у Општини Грачаница.',
    'many survivors, Kosovo Police and Victim Advocates',
    // organisations, places and people who are not beneficiaries, with no victim word nearby
    'The Ministry of Internal Affairs and the Kosovo Police signed the protocol.',
    'Our coordinator Besa Morina presented the report to the Secretariat.',
    'Ministria e Punëve të Brendshme dhe Qendra për Punë Sociale Ferizaj.',
    'Ministarstvo unutrašnjih poslova i Centar za socijalni rad Gračanica',
    'Министарство унутрашњих послова и Центар за социјални рад.',
    // institutions next to victim words
    'victims referred by the Kosovo Police',
    'viktimat e referuara nga Policia e Kosovës',
    'women from North Mitrovica',
    'the shelter of the Qendra Mirëqenies Sociale for victims',
    'children in Fushë Kosovë',
    'žrtve koje je uputila Kosovska Policija',
    // titles, events and places with a victim word
    'The women attended the Victim Advocacy Training organised by Terre des Hommes.',
    'Victim Support Kosovo held a meeting with Besa Morina.',
    'The girls visited Rugova Camp with staff.',
    'Klientët u takuan me Zyrën e Avokatit të Viktimave.',
    'Të mbijetuarat morën pjesë në Javën Kundër Trafikimit.',
    'Žrtve su prisustvovale Svetskom Danu borbe protiv trgovine ljudima.',
    'Children from Ferizaj and Lipjan attended Summer School.',
    'On 18 October, European Anti-Trafficking Day, 30 women joined.',
    'Women Empowerment Network and Kosovo Women’s Network',
    'Resident Coordinator Office',
    'Child Protection Unit of the Municipality',
    'Fëmijët e Shkollës Fillore Naim Frashëri morën pjesë.',
    'deca iz Osnovne škole Vuk Karadžić',
    'viktima u strehua në rrugën Nëna Terezë',
    'Children visited Mother Teresa Cathedral',
    'Korisnice su posetile Narodno Pozorište.',
    'Жене су посетиле Народно Позориште у Београду.',
    'Survivors met Prime Minister Albin Kurti.',
    // staff beside beneficiaries
    'Workshop for women in Pristina, facilitated by Ana Petrović (psychologist).',
    'The women met Besa Morina, our coordinator.',
    'Gratë u takuan me psikologen Drita Hoxha.',
    'Sa ženama je radila psihološkinja Ana Marić.',
    'the victim was born in Albania',
    'Grant no. 2026/KS/0001234567',
    'The date of birth field was left empty; the workshop was on 12.03.2026.',
    // phones that are not phones
    'Version +1 of the plan',
    'Room 044, building 12',
    // e-mail-like text that is not an address
    'see @arta on social media',
    'the file report@2026',
  ])('%p', (text) => {
    expect(scanPersonalData(text)).toEqual([]);
  });
});

describe('scanFields', () => {
  it('scans every free-text field and keys findings by field path', () => {
    const res = scanFields({
      narrative: 'Viktima Arta Krasniqi u vendos në strehimore.',
      'indicators.0.comment': 'Më 12.03.2026 mbajtëm punëtorinë.',
      'files.2.description': 'Contact sheet, call +383 44 123 456',
      empty: null,
      missing: undefined,
    });
    expect(Object.keys(res)).toEqual(['narrative', 'files.2.description']);
    expect(res.narrative!.map((f) => f.excerpt)).toEqual(['Arta Krasniqi']);
    expect(res['files.2.description']!.map((f) => f.kind)).toEqual(['phone']);
  });
});

describe('confirmations', () => {
  const text = 'Contact our trainer at +383 44 123 456.';
  it('are kept as kind and excerpt hash, and silence the same passage after an edit', () => {
    const [phone] = scanPersonalData(text);
    const c = personalDataConfirmation(phone!, sha256Hex);
    expect(c).toEqual({ kind: 'phone', excerptHash: sha256Hex('phone\n+383 44 123 456') });
    expect(JSON.stringify(c)).not.toContain('123 456');
    const edited = scanPersonalData(`Updated. Contact our trainer at +383  44 123 456, or Besa Morina.`);
    expect(unconfirmedFindings(edited, [c], sha256Hex)).toEqual([]);
    const other = scanPersonalData('or +383 44 999 888');
    expect(unconfirmedFindings(other, [c], sha256Hex)).toEqual(other);
  });
  it('are per kind', () => {
    const email = personalDataConfirmation({ kind: 'email', excerpt: 'A@B.com' }, sha256Hex);
    expect(email.excerptHash).toBe(personalDataConfirmation({ kind: 'email', excerpt: 'a@b.com' }, sha256Hex).excerptHash);
    expect(email.excerptHash).not.toBe(personalDataConfirmation({ kind: 'name', excerpt: 'a@b.com' }, sha256Hex).excerptHash);
    const f = { kind: 'name' as const, start: 0, end: 7, excerpt: 'a@b.com' };
    expect(unconfirmedFindings([f], [email], sha256Hex)).toEqual([f]);
    expect(normalisedExcerpt('  Arta\u00a0 KRASNIQI ')).toBe('arta krasniqi');
  });
});

describe('properties', () => {
  const inserted = fc.oneof(
    fc.record({ kind: fc.constant<PersonalDataKind>('email'), value: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('com', 'org', 'net', 'eu')).filter(([u]) => !u.includes('..')).map(([u, d, t]) => `${u}@${d}.${t}`) }),
    fc.record({
      kind: fc.constant<PersonalDataKind>('phone'),
      value: fc.tuple(fc.constantFrom('+383 ', '00383 ', '+383-', '+383', '0'), fc.constantFrom('43', '44', '45', '46', '48', '49'), fc.stringMatching(/^\d{3}$/), fc.stringMatching(/^\d{3}$/), fc.constantFrom(' ', '-', '')).map(([p, op, a, b, s]) => `${p}${op}${s}${a}${s}${b}`),
    }),
    fc.record({ kind: fc.constant<PersonalDataKind>('personal_number'), value: fc.stringMatching(/^[1-9]\d{9}$/) }),
  );

  it('finds an inserted e-mail, phone or personal number at its offsets, whatever the text around it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), inserted, fc.string({ maxLength: 80 }), (before, { kind, value }, after) => {
        const prefix = `${before} ; `;
        const text = `${prefix}${value} ; ${after}`;
        const f = scanPersonalData(text);
        expect(f).toContainEqual({ kind, start: prefix.length, end: prefix.length + value.length, excerpt: value });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, and every finding lies within the text, in order, without overlap', () => {
    const alphabet = fc.constantFrom(...'aAzZ09 .,;:-+@/()\n\tëçžšćđЖжАаVviktimaŽrtva born lindur 12.03.2008 044 +383 '.split(''));
    const word = fc.constantFrom('Viktima ', 'Arta ', 'Krasniqi ', 'born ', '12.03.2008 ', 'рођена ', 'Марија ', 'Јовановић ', '1234567890 ', '+383 44 ', '123 456 ', 'x@y.com ', '12 women ', 'Kosovo Police ');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: alphabet }), word), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const f = scanPersonalData(text);
        let last = 0;
        for (const x of f) {
          expect(x.start).toBeGreaterThanOrEqual(last);
          expect(x.end).toBeGreaterThan(x.start);
          expect(x.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(x.start, x.end)).toBe(x.excerpt);
          last = x.end;
        }
      }),
      { numRuns: 500 },
    );
    expect(scanPersonalData(undefined as unknown as string)).toEqual([]);
    expect(scanPersonalData('')).toEqual([]);
  });

  it('takes linear-ish time on a long report', () => {
    const para = 'On 12.03.2026 we held a workshop with 25 women and the Kosovo Police in Prizren; the coordinator Besa Morina reported to the Secretariat. ';
    const text = para.repeat(400);
    const t0 = Date.now();
    expect(scanPersonalData(text)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});
