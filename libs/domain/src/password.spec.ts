import fc from 'fast-check';
import { COMMON_PASSWORDS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblems } from './password';

describe('passwordProblems', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
    expect(passwordProblems('Mali-Zeza-7-Lumi', { email: 'arben@pvpt.org', fullName: 'Arben Krasniqi' })).toEqual([]);
  });

  it('requires at least 10 characters, counting letters with diacritics once', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblems('Xk7#pq2Lz')).toEqual(['min_length']);
    expect(passwordProblems('Xk7#pq2Lz!')).toEqual([]);
    expect(passwordProblems('čćđšžČĆĐŠ')).toEqual(['min_length']);
    expect(passwordProblems('čćđšžČĆĐŠŽ')).toEqual([]);
    expect(passwordProblems('čćđšžČĆĐŠ'.normalize('NFD'))).toEqual(['min_length']);
  });

  it('allows at most 128 characters', () => {
    expect(passwordProblems('ab'.repeat(64))).toEqual([]);
    expect(passwordProblems(`${'ab'.repeat(64)}c`)).toEqual(['max_length']);
    expect(MAX_PASSWORD_LENGTH).toBe(128);
  });

  it('refuses the most common passwords, whatever their case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(30);
    expect(passwordProblems('password123')).toEqual(['too_common']);
    expect(passwordProblems('QwertyUIOP')).toEqual(['too_common']);
    expect(passwordProblems('Fjalekalimi')).toEqual(['too_common']);
    expect(passwordProblems('123456')).toEqual(['min_length', 'too_common']);
  });

  it('refuses a single repeated character', () => {
    expect(passwordProblems('zzzzzzzzzzzz')).toEqual(['too_common']);
  });

  it("refuses a password that contains the e-mail's local part", () => {
    expect(passwordProblems('my-Arben.Gashi-2025', { email: 'arben.gashi@example.org' })).toEqual(['contains_email']);
    expect(passwordProblems('totally-unrelated', { email: 'arben.gashi@example.org' })).toEqual([]);
  });

  it('ignores very short local parts, which would match nearly anything', () => {
    expect(passwordProblems('ab-cd-ef-gh-ij', { email: 'ab@example.org' })).toEqual([]);
  });

  it("refuses the person's own name dressed up with digits and symbols", () => {
    expect(passwordProblems('ArbenKrasniqi1!', { fullName: 'Arben Krasniqi' })).toEqual(['too_common']);
    expect(passwordProblems('krasniqi2025!!', { fullName: 'Arben Krasniqi' })).toEqual(['too_common']);
    expect(passwordProblems('Krasniqi rides bikes', { fullName: 'Arben Krasniqi' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(passwordProblems('ana', { email: 'ana@example.org' })).toEqual(['min_length', 'contains_email']);
  });

  it('accepts any long enough random password with no context', () => {
    fc.assert(
      fc.property(fc.string({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, unit: 'grapheme-ascii' }), (pw) => {
        fc.pre(!COMMON_PASSWORDS.has(pw.toLowerCase()) && new Set(pw.toLowerCase()).size > 1);
        expect(passwordProblems(pw)).toEqual([]);
      }),
    );
  });
});
