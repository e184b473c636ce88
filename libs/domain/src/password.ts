/**
 * Password rules for every account (NIST SP 800-63B style: length and a deny-list, no composition
 * rules). The API enforces them; the web app shows the same problems as the person types.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'min_length' | 'max_length' | 'too_common' | 'contains_email';

/**
 * The most used passwords (lower case), plus local ones in Albanian and Serbian. Short ones are also
 * refused by length; they stay listed so the rule holds if the minimum ever changes.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456',
  '123456789',
  '12345678',
  'password',
  'qwerty',
  '111111',
  '1234567890',
  '0123456789',
  '12345678910',
  '1111111111',
  '0000000000',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'qwertyuiop',
  'qwerty12345',
  'qwerty123456',
  'asdfghjkl1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'administrator',
  'admin12345',
  'abcdefghij',
  'abcd123456',
  'aaaaaaaaaa',
  'zaq12wsxcde',
  'fjalekalimi',
  'fjalekalimi123',
  'lozinka123',
  'sifra12345',
  'prishtina123',
  'kosova12345',
  'kosovo12345',
]);

function length(s: string): number {
  return [...s.normalize('NFC')].length; // code points after composing, so č or an emoji counts once
}

/** Letters only, lower case, diacritics dropped: "Arben Krasniqi" → "arbenkrasniqi". */
function lettersOf(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

function isTooCommon(password: string, fullName: string | undefined): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  // Only one character repeated ("aaaaaaaaaaaa", "............").
  if (new Set(lower).size === 1) return true;
  // Just the person's own name, or a part of it, with digits or symbols around it ("ArbenKrasniqi1!").
  if (fullName) {
    const letters = lettersOf(password);
    const name = lettersOf(fullName);
    const parts = fullName.split(/\s+/).map(lettersOf).filter((p) => p.length >= 3);
    if (letters.length > 0 && (letters === name || parts.includes(letters))) return true;
  }
  return false;
}

/** Problems with a new password, empty when it is acceptable. */
export function passwordProblems(password: string, context: { email?: string; fullName?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const n = length(password);
  if (n < MIN_PASSWORD_LENGTH) problems.push('min_length');
  if (n > MAX_PASSWORD_LENGTH) problems.push('max_length');
  if (isTooCommon(password, context.fullName)) problems.push('too_common');
  const local = context.email?.split('@')[0]?.trim().toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) problems.push('contains_email');
  return problems;
}
