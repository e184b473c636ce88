import * as argon2 from 'argon2';
import { passwordProblems, type PasswordContext } from '@grants/domain';
import { AppError } from '../../common/errors';

const MESSAGES: Record<string, string> = {
  min_length: 'The password must have at least 10 characters',
  max_length: 'The password may have at most 128 characters',
  too_weak: 'This password is too easy to guess: choose a longer one, e.g. a few unrelated words',
  contains_email: 'The password may not contain your e-mail address',
};

/** A 400 naming the field when the password breaks a rule (the person's e-mail, name and organisation count as guessable). */
export function assertPasswordOk(field: string, password: string, context: PasswordContext) {
  const problems = passwordProblems(password, context);
  if (problems.length) {
    throw new AppError(400, 'validation', MESSAGES[problems[0]] ?? 'The password is not strong enough',
      problems.map((code) => ({ field, code: `password_${code}`, message: MESSAGES[code] ?? code })));
  }
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });
export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password).catch(() => false);

/** Verified against when the user does not exist, so timing does not tell whether an account exists. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-for-timing'));
