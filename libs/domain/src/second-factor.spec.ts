import fc from 'fast-check';
import { ROLES } from './roles';
import {
  normalizeRecoveryCode, normalizeTotpCode, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_LENGTH, recoveryCodeFromBytes, secondFactorRequired,
  secondFactorSettled, secondFactorState, STEP_UP_MAX_AGE_MS, stepUpFresh,
} from './second-factor';

describe('second factors: who must', () => {
  it('staff, evaluators and monitors must; organisations and observers may', () => {
    expect(ROLES.filter(secondFactorRequired)).toEqual(['evaluator', 'monitor', 'secretariat', 'secretariat_admin']);
  });

  it('a session is challenged when the user has a factor it has not passed, sent to enrol when the role needs one and there is none', () => {
    expect(secondFactorState({ role: 'secretariat', enrolled: true, sessionVerified: false })).toBe('challenge');
    expect(secondFactorState({ role: 'applicant', enrolled: true, sessionVerified: false })).toBe('challenge');
    expect(secondFactorState({ role: 'evaluator', enrolled: false, sessionVerified: false })).toBe('enrol');
    expect(secondFactorState({ role: 'applicant', enrolled: false, sessionVerified: false })).toBe('not_enrolled_optional');
    expect(secondFactorState({ role: 'monitor', enrolled: true, sessionVerified: true })).toBe('verified');
  });

  it('property: a user with a factor is settled exactly when the session passed it; without one, exactly when the role is optional', () => {
    fc.assert(fc.property(fc.constantFrom(...ROLES), fc.boolean(), fc.boolean(), (role, enrolled, sessionVerified) => {
      const settled = secondFactorSettled(secondFactorState({ role, enrolled, sessionVerified }));
      expect(settled).toBe(enrolled ? sessionVerified : !secondFactorRequired(role));
    }));
  });
});

describe('second factors: step-up', () => {
  it('is fresh for less than 15 minutes after the check, and never without one', () => {
    const t = Date.UTC(2026, 11, 7, 10, 0, 0);
    expect(stepUpFresh(t, t)).toBe(true);
    expect(stepUpFresh(t, t + STEP_UP_MAX_AGE_MS - 1)).toBe(true);
    expect(stepUpFresh(t, t + 15 * 60_000)).toBe(false);
    expect(stepUpFresh(null, t)).toBe(false);
    expect(stepUpFresh(undefined, t)).toBe(false);
    expect(stepUpFresh(Number.NaN, t)).toBe(false);
    expect(stepUpFresh(t + 1000, t)).toBe(false); // a check "from the future" is no check
  });

  it('property: fresh is now - verifiedAt in [0, 15 min)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 41 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), (at, delta) => {
      expect(stepUpFresh(at, at + delta)).toBe(delta >= 0 && delta < STEP_UP_MAX_AGE_MS);
    }));
  });
});

describe('second factors: codes', () => {
  it('writes a recovery code as xxxx-xxxx-xx in lower-case base32', () => {
    expect(recoveryCodeFromBytes(new Uint8Array(10))).toBe('0000-0000-00');
    expect(recoveryCodeFromBytes(new Uint8Array(16).fill(255))).toBe('zzzz-zzzz-zz');
    expect(() => recoveryCodeFromBytes(new Uint8Array(9))).toThrow();
  });

  it('reads back what a person copied: any case, spaces, O for 0, I or L for 1; refuses anything else', () => {
    expect(normalizeRecoveryCode(' AB1O-ilxy-Z9 ')).toBe('ab10-11xy-z9'.replace(/-/g, ''));
    expect(normalizeRecoveryCode('abcd-efgh-j')).toBeNull();
    expect(normalizeRecoveryCode('abcd-efgh-ju')).toBeNull(); // u is not in the alphabet
    expect(normalizeRecoveryCode('')).toBeNull();
  });

  it('property: every code from random bytes normalises to its 10 characters, however it is written', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 10, maxLength: 32 }), fc.boolean(), (bytes, upper) => {
      const code = recoveryCodeFromBytes(bytes);
      expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
      const canonical = code.replace(/-/g, '');
      expect(canonical).toHaveLength(RECOVERY_CODE_LENGTH);
      for (const ch of canonical) expect(RECOVERY_CODE_ALPHABET).toContain(ch);
      expect(normalizeRecoveryCode(upper ? code.toUpperCase() : code.replace(/-/g, ' '))).toBe(canonical);
    }));
  });

  it('takes a six-digit TOTP code with spaces, nothing else', () => {
    expect(normalizeTotpCode('123 456')).toBe('123456');
    expect(normalizeTotpCode('12345')).toBeNull();
    expect(normalizeTotpCode('12345a')).toBeNull();
    expect(normalizeTotpCode('1234567')).toBeNull();
  });
});
