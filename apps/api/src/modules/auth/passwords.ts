import * as argon2 from 'argon2';
import { passwordProblems } from '@grants/domain';
import { AppError } from '../../common/errors';

const MESSAGES: Record<string, string> = {
  min_length: 'The password must have at least 10 characters',
  max_length: 'The password may have at most 128 characters',
  too_common: 'This password is too common; choose another',
  contains_email: 'The password may not contain your e-mail address',
};

export function assertPasswordOk(field: string, password: string, context: { email?: string; fullName?: string }) {
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
