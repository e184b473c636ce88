import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * Password rules for every account (NIST SP 800-63B style: a length rule and a check against guessable
 * passwords, no composition rules). The guessability check is zxcvbn-ts's strength estimator with the common
 * and English dictionaries (breached passwords, names, words, keyboard patterns), fed with the person's own
 * e-mail, name and organisation so that those count as guessable too. Pure: the dictionaries are only imported.
 * The API enforces the rules; the web app shows the same problems as the person types.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's scale 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario" (≥ 10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordProblem = 'min_length' | 'max_length' | 'too_weak' | 'contains_email';
export type PasswordContext = { email?: string; fullName?: string; organizationName?: string };

/** Words that guessers try here and that the English dictionaries miss ("password" in Albanian and Serbian, places). */
export const LOCAL_GUESSES: readonly string[] = [
  'fjalekalimi', 'fjalekalim', 'lozinka', 'sifra', 'šifra', 'prishtina', 'pristina', 'priština', 'kosova', 'kosovo',
  'shqiperia', 'shqipe', 'srbija', 'beograd', 'prizren', 'peja', 'gjakova', 'mitrovica', 'ferizaj', 'gjilan',
];

let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary, local: [...LOCAL_GUESSES] },
    graphs: adjacencyGraphs,
    translations,
  }));

function length(s: string): number {
  return [...s.normalize('NFC')].length; // code points after composing, so č or an emoji counts once
}

/** Lower case, diacritics dropped: "Artë Krasniqi" → "arte krasniqi". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * What the estimator treats as known words for this person: the e-mail, its local part and domain and their
 * pieces, the full name and each name, the organisation's name and each of its words (pieces under 3 letters
 * are left out: they would match nearly anything).
 */
export function passwordUserInputs(context: PasswordContext = {}): string[] {
  const inputs = new Set<string>();
  const add = (s: string | undefined) => {
    if (!s) return;
    const whole = fold(s);
    if (whole.length >= 3) inputs.add(whole);
    const joined = whole.replace(/[^\p{L}\p{N}]/gu, '');
    if (joined.length >= 3) inputs.add(joined);
    for (const part of whole.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) inputs.add(part);
  };
  if (context.email) {
    const [local, domain] = context.email.split('@');
    add(context.email);
    add(local);
    add(domain);
  }
  add(context.fullName);
  add(context.organizationName);
  return [...inputs];
}

/**
 * zxcvbn's score (0–4) of a password for this person: the lower of the password's own score and the score of
 * what is left once the person's own words are taken out, so "Arta-Krasniqi-1" is as weak as "--1".
 */
export function passwordScore(password: string, context: PasswordContext = {}): number {
  // zxcvbn's cost grows with length; what it sees is capped just above the longest password allowed.
  const pw = password.slice(0, MAX_PASSWORD_LENGTH * 2);
  const inputs = passwordUserInputs(context);
  const score = zxcvbn().check(pw, inputs).score;
  let rest = fold(pw);
  for (const word of [...inputs].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  if (rest === fold(pw)) return score;
  return rest ? Math.min(score, zxcvbn().check(rest, inputs).score) : 0;
}

/** Problems with a new password, empty when it is acceptable; the most useful one first. */
export function passwordProblems(password: string, context: PasswordContext = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const n = length(password);
  if (n < MIN_PASSWORD_LENGTH) problems.push('min_length');
  if (n > MAX_PASSWORD_LENGTH) problems.push('max_length');
  if (n > 0 && passwordScore(password, context) < MIN_PASSWORD_SCORE) problems.push('too_weak');
  const local = context.email?.split('@')[0]?.trim().toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) problems.push('contains_email');
  return problems;
}
