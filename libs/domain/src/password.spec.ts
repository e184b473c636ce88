import fc from 'fast-check';
import {
  LOCAL_GUESSES, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, MIN_PASSWORD_SCORE, passwordProblems, passwordScore, passwordUserInputs,
} from './password';

describe('passwordProblems', () => {
  it('accepts a long, hard-to-guess password', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
    expect(passwordProblems('a-long-enough-passphrase')).toEqual([]);
    expect(passwordProblems('Mali-Zeza-7-Lumi', { email: 'arben@pvpt.org', fullName: 'Arben Krasniqi' })).toEqual([]);
  });

  it('requires at least 10 characters, counting letters with diacritics once', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblems('Xk7#pq2Lz')).toContain('min_length');
    expect(passwordProblems('Xk7#pq2Lz!')).toEqual([]);
    expect(passwordProblems('čćđšžČĆĐŠ')).toContain('min_length');
    expect(passwordProblems('čćđšžČĆĐŠŽ')).toEqual([]);
    expect(passwordProblems('čćđšžČĆĐŠ'.normalize('NFD'))).toContain('min_length');
  });

  it('allows at most 128 characters', () => {
    expect(MAX_PASSWORD_LENGTH).toBe(128);
    const long = 'Vjosa rides 7 slow bikes past Gërmia at dawn; '.repeat(3).slice(0, 128);
    expect(passwordProblems(long)).toEqual([]);
    expect(passwordProblems(`${long}x`)).toEqual(['max_length']);
  });

  it('refuses guessable passwords that a deny-list let through, whatever their case', () => {
    expect(MIN_PASSWORD_SCORE).toBe(3);
    for (const pw of ['qwerty1234', 'Password1!', 'password123', 'QwertyUIOP', 'iloveyou2025', '1q2w3e4r5t', 'zzzzzzzzzzzz', 'abcabcabcabc']) {
      expect({ pw, problems: passwordProblems(pw) }).toEqual({ pw, problems: ['too_weak'] });
    }
    expect(passwordProblems('123456')).toEqual(['min_length', 'too_weak']);
  });

  it('refuses local words the English dictionaries miss', () => {
    expect(LOCAL_GUESSES).toContain('fjalekalimi');
    expect(passwordProblems('Fjalekalimi')).toEqual(['too_weak']);
    expect(passwordProblems('Lozinka2025!')).toEqual(['too_weak']);
    expect(passwordProblems('Prishtina123')).toEqual(['too_weak']);
  });

  it("refuses the person's own name, e-mail or organisation dressed up with digits and symbols", () => {
    expect(passwordProblems('arta-krasniqi-1', { fullName: 'Arta Krasniqi' })).toEqual(['too_weak']);
    expect(passwordProblems('ArbenKrasniqi1!', { fullName: 'Arben Krasniqi' })).toEqual(['too_weak']);
    expect(passwordProblems('krasniqi2025!!', { fullName: 'Arben Krasniqi' })).toEqual(['too_weak']);
    expect(passwordProblems('ShelterHope2025', { organizationName: 'Shelter Hope' })).toEqual(['too_weak']);
    expect(passwordProblems('Krasniqi rides bikes', { fullName: 'Arben Krasniqi' })).toEqual([]);
    // the same passwords without the context are not about anyone
    expect(passwordProblems('arta-krasniqi-1')).toEqual([]);
  });

  it("reports a password that contains the e-mail's local part, after its weakness", () => {
    expect(passwordProblems('my-Arben.Gashi-2025', { email: 'arben.gashi@example.org' })).toEqual(['too_weak', 'contains_email']);
    expect(passwordProblems('totally-unrelated', { email: 'arben.gashi@example.org' })).toEqual([]);
    expect(passwordProblems('ab-cd-ef-gh-ij', { email: 'ab@example.org' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(passwordProblems('ana', { email: 'ana@example.org' })).toEqual(['min_length', 'too_weak', 'contains_email']);
  });
});

describe('passwordUserInputs', () => {
  it('gives the estimator the e-mail, the names and their pieces, folded, without pieces under 3 letters', () => {
    expect(passwordUserInputs({ email: 'Arben.Gashi@pvpt.org', fullName: 'Artë Krasniqi', organizationName: 'Shpresa e Re' })).toEqual(
      expect.arrayContaining(['arben.gashi@pvpt.org', 'arben.gashi', 'arbengashi', 'arben', 'gashi', 'pvpt.org', 'pvpt', 'arte krasniqi', 'artekrasniqi', 'arte', 'krasniqi', 'shpresa', 'shpresa e re']),
    );
    expect(passwordUserInputs({ organizationName: 'Shpresa e Re' })).not.toContain('e');
    expect(passwordUserInputs({})).toEqual([]);
  });
});

describe('passwordScore', () => {
  it('is a zxcvbn score from 0 to 4, never higher for a password made of the person\'s own words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), (pw, name) => {
        const score = passwordScore(pw, { fullName: name });
        expect(Number.isInteger(score) && score >= 0 && score <= 4).toBe(true);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.constantFrom('Arta', 'Krasniqi', 'Drita', 'Berisha'), fc.constantFrom('', '1', '!', '2025', '-'), (a, sep) => {
        expect(passwordScore(`${a}${sep}${a}${sep}`, { fullName: `${a} Hoxha` })).toBeLessThan(MIN_PASSWORD_SCORE);
      }),
    );
  });

  it('only counts length rules by length: any string shorter than the minimum is refused for its length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: MIN_PASSWORD_LENGTH - 1, unit: 'grapheme-ascii' }), (pw) => {
        expect(passwordProblems(pw)).toContain('min_length');
      }),
    );
  });
});
