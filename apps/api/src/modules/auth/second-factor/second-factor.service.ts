import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  normalizeRecoveryCode, normalizeTotpCode, RECOVERY_CODE_COUNT, recoveryCodeFromBytes, SECOND_FACTOR_LOCK_MINUTES,
  SECOND_FACTOR_MAX_FAILURES, secondFactorRequired, type SecondFactorMethod,
} from '@grants/domain';
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type AuthenticatorTransportFuture, type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Request } from 'express';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../../common/access.service';
import type { AuthUser } from '../../../common/auth-user';
import { AppError } from '../../../common/errors';
import { secondFactorOf } from '../../../common/second-factor';
import { ENV, Env } from '../../../config/env.dto';
import { AuditService } from '../../audit/audit.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { open, seal } from '../../safeguarding/safeguarding-crypto';
import { UserEntity } from '../../users/entities/user.entity';
import { toMe } from '../../users/user-view';
import { rotateCsrfToken } from '../session';
import { sessionsRepository } from '../sessions.repository';
import type { FactorEnrolledResponseDto, PasskeyOptionsResponseDto, RecoveryCodesResponseDto, SecondFactorStatusResponseDto } from './second-factor.dto';
import { secondFactorRepository as repo } from './second-factor.repository';

/** The issuer an authenticator app shows beside the account. */
const TOTP_ISSUER = 'Grant portal';
/** A passkey challenge is good for 5 minutes, and once. */
const WEBAUTHN_CHALLENGE_MS = 5 * 60_000;

type SessionBag = {
  secondFactorAt?: number;
  webauthnChallenge?: { kind: 'registration' | 'authentication'; challenge: string; at: number };
};
const sessionOf = (req: Request) => (req as unknown as { session: SessionBag }).session;

const wrongCode = () => AppError.badRequest('code', 'code_invalid', 'The code is wrong or has expired');
const locked = (until: Date) => new AppError(429, 'locked', `Too many wrong codes: try again after ${until.toISOString()}`, [
  { field: 'code', code: 'locked', message: 'Too many wrong codes: wait 15 minutes and try again' },
]);
/** What is stored of a recovery code: the SHA-256 of its canonical form (50 random bits, used once, locked after 5 tries). */
export const recoveryCodeHash = (canonical: string) => createHash('sha256').update(`grants-recovery-code:${canonical}`, 'utf8').digest('hex');
const totpAad = (userId: string) => `mfa:totp:${userId}`;

/**
 * Second factors (issue 14): an authenticator app (otplib, RFC 6238), passkeys (@simplewebauthn/server) and recovery
 * codes; the challenge after a password login, step-up for sensitive actions, and an admin's reset.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  // ------------------------------------------------------------------------------------------------- status

  async status(user: AuthUser, m: EntityManager = this.ds.manager): Promise<SecondFactorStatusResponseDto> {
    const [totp, passkeys, left, row] = await Promise.all([
      repo.totp(m, user.id), repo.passkeys(m, user.id), repo.recoveryCodesLeft(m, user.id),
      m.findOne(UserEntity, { where: { id: user.id } }),
    ]);
    const methods = await repo.methods(m, user.id);
    const now = { ...user, secondFactorAt: row?.secondFactorAt ?? null, secondFactorMethods: methods };
    const sf = secondFactorOf(now);
    return {
      required: secondFactorRequired(user.role), state: sf.state, totp: Boolean(totp?.confirmed_at),
      passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.created_at.toISOString(), lastUsedAt: p.last_used_at?.toISOString() ?? null })),
      recoveryCodesLeft: left, verifiedAt: sf.verifiedAt,
    };
  }

  // ------------------------------------------------------------------------------------------------- TOTP enrolment

  async totpSetup(user: AuthUser) {
    const secret = generateSecret();
    const sealed = seal(this.env.mfaKey, totpAad(user.id), secret).toString('base64');
    const stored = await this.ds.transaction(async (m) => {
      await repo.lockUser(m, user.id);
      return repo.savePendingTotp(m, user.id, sealed);
    });
    if (!stored) throw AppError.badRequest('totp', 'totp_exists', 'An authenticator app is already set up: remove it first to set up another');
    const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: user.email, secret });
    const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrSvg };
  }

  async totpConfirm(user: AuthUser, code: string, req: Request): Promise<FactorEnrolledResponseDto> {
    const outcome = await this.ds.transaction(async (m) => {
      const u = await this.lockAndCheck(m, user);
      if (u instanceof AppError) return u;
      const row = await repo.totp(m, user.id);
      if (!row || row.confirmed_at) return AppError.badRequest('totp', 'totp_not_started', 'Start the set-up of an authenticator app first');
      const step = await this.totpStep(user.id, row, code);
      if (step === null || !(await repo.acceptTotpStep(m, user.id, step, true))) return this.failure(m, user);
      await repo.clearFailures(m, user.id);
      const recoveryCodes = await this.enrolled(m, user, u.second_factor_at === null, 'totp', 'an authenticator app');
      return { recoveryCodes };
    });
    if (outcome instanceof AppError) throw outcome;
    return { recoveryCodes: outcome.recoveryCodes, status: await this.status(this.markVerified(req, user)) };
  }

  async removeTotp(user: AuthUser): Promise<void> {
    await this.ds.transaction(async (m) => {
      await repo.lockUser(m, user.id);
      const row = await repo.totp(m, user.id);
      if (!row) throw AppError.notFound('authenticator app');
      if (row.confirmed_at) await this.refuseLastFactor(m, user, 'totp');
      await repo.deleteTotp(m, user.id);
      if (row.confirmed_at) await this.removed(m, user, 'an authenticator app');
    });
  }

  // ------------------------------------------------------------------------------------------------- passkey enrolment

  async passkeyRegistrationOptions(user: AuthUser, req: Request): Promise<PasskeyOptionsResponseDto> {
    const existing = await repo.passkeys(this.ds.manager, user.id);
    const options = await generateRegistrationOptions({
      rpName: TOTP_ISSUER, rpID: this.env.webauthnRpId, userName: user.email, userDisplayName: user.fullName,
      userID: new TextEncoder().encode(user.id), attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports as AuthenticatorTransportFuture[] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    sessionOf(req).webauthnChallenge = { kind: 'registration', challenge: options.challenge, at: Date.now() };
    return { options: options as unknown as Record<string, unknown> };
  }

  async registerPasskey(user: AuthUser, response: Record<string, unknown>, name: string, req: Request): Promise<FactorEnrolledResponseDto> {
    const challenge = this.takeChallenge(req, 'registration');
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response: response as unknown as RegistrationResponseJSON, expectedChallenge: challenge ?? '', expectedOrigin: this.env.webauthnOrigin,
        expectedRPID: this.env.webauthnRpId, requireUserVerification: false,
      });
    } catch {
      verified = { verified: false };
    }
    if (!challenge || !verified.verified) throw AppError.badRequest('response', 'passkey_invalid', 'The passkey could not be registered: try again');
    const cred = verified.registrationInfo.credential;
    const recoveryCodes = await this.ds.transaction(async (m) => {
      const u = await repo.lockUser(m, user.id);
      if (await repo.credentialTaken(m, cred.id)) throw AppError.badRequest('response', 'passkey_exists', 'This passkey is already registered');
      await repo.insertPasskey(m, { userId: user.id, credentialId: cred.id, publicKey: cred.publicKey, counter: cred.counter, transports: cred.transports ?? [], name: name.trim() });
      return this.enrolled(m, user, !u?.second_factor_at, 'passkey', `a passkey (${name.trim()})`);
    });
    return { recoveryCodes, status: await this.status(this.markVerified(req, user)) };
  }

  async removePasskey(user: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await repo.lockUser(m, user.id);
      const mine = (await repo.passkeys(m, user.id)).find((p) => p.id === id);
      if (!mine) throw AppError.notFound('passkey');
      await this.refuseLastFactor(m, user, 'passkey');
      await repo.deletePasskey(m, user.id, id);
      await this.removed(m, user, `a passkey (${mine.name})`);
    });
  }

  // ------------------------------------------------------------------------------------------------- challenges

  async challengeTotp(user: AuthUser, code: string, req: Request) {
    const outcome = await this.ds.transaction(async (m) => {
      const u = await this.lockAndCheck(m, user);
      if (u instanceof AppError) return u;
      const row = await repo.totp(m, user.id);
      if (!row?.confirmed_at) return this.failure(m, user);
      const step = await this.totpStep(user.id, row, code);
      if (step === null || !(await repo.acceptTotpStep(m, user.id, step, false))) return this.failure(m, user);
      await repo.clearFailures(m, user.id);
      return null;
    });
    if (outcome instanceof AppError) throw outcome;
    return this.passed(user, req);
  }

  async challengeRecovery(user: AuthUser, code: string, req: Request) {
    const outcome = await this.ds.transaction(async (m) => {
      const u = await this.lockAndCheck(m, user);
      if (u instanceof AppError) return u;
      const canonical = normalizeRecoveryCode(code);
      if (!canonical || !(await repo.useRecoveryCode(m, user.id, recoveryCodeHash(canonical)))) return this.failure(m, user);
      await repo.clearFailures(m, user.id);
      const left = await repo.recoveryCodesLeft(m, user.id);
      await this.audit.record(m, user, {
        action: 'second_factor.recovery_used', entity: 'user', entityId: user.id, summary: `${user.email} used a recovery code (${left} left)`,
      });
      return null;
    });
    if (outcome instanceof AppError) throw outcome;
    return this.passed(user, req);
  }

  async passkeyChallengeOptions(user: AuthUser, req: Request): Promise<PasskeyOptionsResponseDto> {
    const passkeys = await repo.passkeys(this.ds.manager, user.id);
    if (!passkeys.length) throw AppError.badRequest('passkey', 'no_passkey', 'This account has no passkey');
    const options = await generateAuthenticationOptions({
      rpID: this.env.webauthnRpId, userVerification: 'preferred',
      allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: p.transports as AuthenticatorTransportFuture[] })),
    });
    sessionOf(req).webauthnChallenge = { kind: 'authentication', challenge: options.challenge, at: Date.now() };
    return { options: options as unknown as Record<string, unknown> };
  }

  async challengePasskey(user: AuthUser, response: Record<string, unknown>, req: Request) {
    const challenge = this.takeChallenge(req, 'authentication');
    const outcome = await this.ds.transaction(async (m) => {
      const u = await this.lockAndCheck(m, user);
      if (u instanceof AppError) return u;
      const id = typeof response.id === 'string' ? response.id : '';
      const passkey = (await repo.passkeys(m, user.id)).find((p) => p.credential_id === id);
      if (!challenge || !passkey) return this.failure(m, user, 'response');
      let ok = false;
      let newCounter = Number(passkey.counter);
      try {
        const v = await verifyAuthenticationResponse({
          response: response as unknown as AuthenticationResponseJSON, expectedChallenge: challenge, expectedOrigin: this.env.webauthnOrigin,
          expectedRPID: this.env.webauthnRpId, requireUserVerification: false,
          credential: { id: passkey.credential_id, publicKey: new Uint8Array(passkey.public_key), counter: Number(passkey.counter), transports: passkey.transports as AuthenticatorTransportFuture[] },
        });
        ok = v.verified;
        newCounter = v.authenticationInfo.newCounter;
      } catch {
        ok = false;
      }
      if (!ok) return this.failure(m, user, 'response');
      await repo.passkeyUsed(m, passkey.id, newCounter);
      await repo.clearFailures(m, user.id);
      return null;
    });
    if (outcome instanceof AppError) throw outcome;
    return this.passed(user, req);
  }

  // ------------------------------------------------------------------------------------------------- recovery codes, reset

  async newRecoveryCodes(user: AuthUser): Promise<RecoveryCodesResponseDto> {
    const recoveryCodes = await this.ds.transaction(async (m) => {
      const u = await repo.lockUser(m, user.id);
      if (!u?.second_factor_at) throw AppError.badRequest('recoveryCodes', 'no_factor', 'Set up an authenticator app or a passkey first');
      const codes = await this.issueRecoveryCodes(m, user.id);
      await this.audit.record(m, user, {
        action: 'second_factor.recovery_codes_renewed', entity: 'user', entityId: user.id, summary: `${user.email} made new recovery codes (the old ones are void)`,
      });
      return codes;
    });
    return { recoveryCodes };
  }

  /** An admin resets a user's factors: all go, the user's sessions end, they hear of it and enrol again at the next login. */
  async adminReset(actor: AuthUser, userId: string, reason: string): Promise<void> {
    await this.access.requireAccess(actor, 'user.deactivate', [userId]);
    await this.ds.transaction(async (m) => {
      const user = await m.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw AppError.notFound('user');
      if (user.id === actor.id) throw AppError.badRequest('id', 'self', 'Another administrator must reset your own second factors');
      const gone = await repo.resetAll(m, user.id);
      await sessionsRepository.endUserSessions(m, user.id);
      const what = [gone.totp ? 'an authenticator app' : null, gone.passkeys ? `${gone.passkeys} passkey(s)` : null, `${gone.recoveryCodes} unused recovery code(s)`]
        .filter(Boolean).join(', ');
      await this.audit.record(m, actor, {
        action: 'user.second_factors_reset', entity: 'user', entityId: user.id,
        summary: `${actor.email} reset the second factors of ${user.email} (${what}): ${reason.trim()}`,
      });
      if (user.active) {
        await this.notifications.notify(m, {
          recipients: [user], kind: 'account.second_factors_reset', params: { name: user.fullName, actor: actor.fullName },
          link: '/account/security', eventKey: `second-factors-reset:${user.id}:${Date.now()}`,
        });
      }
    });
  }

  // ------------------------------------------------------------------------------------------------- helpers

  /** The user row locked, or the 429 of a user whose checks are locked. */
  private async lockAndCheck(m: EntityManager, user: AuthUser) {
    const u = await repo.lockUser(m, user.id);
    if (!u) return AppError.unauthorized();
    if (u.locked_now && u.second_factor_locked_until) return locked(u.second_factor_locked_until);
    return u;
  }

  /** A wrong code: counted (the 5th locks the checks for 15 minutes); the answer names the field. */
  private async failure(m: EntityManager, user: AuthUser, field = 'code'): Promise<AppError> {
    const lockedNow = await repo.recordFailure(m, user.id, SECOND_FACTOR_MAX_FAILURES, SECOND_FACTOR_LOCK_MINUTES);
    if (lockedNow) {
      await this.audit.record(m, user, {
        action: 'second_factor.locked', entity: 'user', entityId: user.id,
        summary: `${SECOND_FACTOR_MAX_FAILURES} wrong second-factor codes: checks locked for ${SECOND_FACTOR_LOCK_MINUTES} minutes`,
      });
    }
    return field === 'code' ? wrongCode() : AppError.badRequest(field, 'passkey_invalid', 'The passkey was not accepted: try again');
  }

  /** The 30-second step a code matches (±1 step), or null when it matches none. */
  private async totpStep(userId: string, row: { secret_enc: string }, code: string): Promise<number | null> {
    const token = normalizeTotpCode(code);
    if (!token) return null;
    const secret = open(this.env.mfaKey, totpAad(userId), Buffer.from(row.secret_enc, 'base64'));
    const r = await verify({ secret, token, epochTolerance: 30 });
    return r.valid && 'timeStep' in r ? r.timeStep : null;
  }

  /** A factor was added: audited; the first one makes the user enrolled and brings the recovery codes (shown once). */
  private async enrolled(m: EntityManager, user: AuthUser, first: boolean, method: SecondFactorMethod, what: string): Promise<string[] | null> {
    await repo.markEnrolled(m, user.id);
    await this.audit.record(m, user, {
      action: 'second_factor.enrolled', entity: 'user', entityId: user.id, summary: `${user.email} set up ${what} as a second factor (${method})`,
    });
    return first ? this.issueRecoveryCodes(m, user.id) : null;
  }

  private async removed(m: EntityManager, user: AuthUser, what: string) {
    const left = await repo.factorCount(m, user.id);
    if (left === 0) await repo.markNoFactor(m, user.id);
    await this.audit.record(m, user, {
      action: 'second_factor.removed', entity: 'user', entityId: user.id, summary: `${user.email} removed ${what}${left === 0 ? ' (no second factor left)' : ''}`,
    });
  }

  /** A role that requires a second factor keeps at least one. */
  private async refuseLastFactor(m: EntityManager, user: AuthUser, field: 'totp' | 'passkey') {
    if (!secondFactorRequired(user.role)) return;
    if ((await repo.factorCount(m, user.id)) <= 1) {
      throw AppError.badRequest(field, 'last_factor', 'Your role requires a second factor: add another one before you remove this one');
    }
  }

  private async issueRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    const codes = new Set<string>();
    while (codes.size < RECOVERY_CODE_COUNT) codes.add(recoveryCodeFromBytes(randomBytes(16)));
    const list = [...codes];
    await repo.replaceRecoveryCodes(m, userId, list.map((c) => recoveryCodeHash(normalizeRecoveryCode(c)!)));
    return list;
  }

  /** The session's WebAuthn challenge of this kind, taken (used once), while fresh. */
  private takeChallenge(req: Request, kind: 'registration' | 'authentication'): string | null {
    const s = sessionOf(req);
    const c = s.webauthnChallenge;
    delete s.webauthnChallenge;
    if (!c || c.kind !== kind || Date.now() - c.at > WEBAUTHN_CHALLENGE_MS) return null;
    return c.challenge;
  }

  /** This session passed a factor now: the request's user sees it at once. */
  private markVerified(req: Request, user: AuthUser): AuthUser {
    const now = Date.now();
    sessionOf(req).secondFactorAt = now;
    const updated = { ...user, secondFactorVerifiedAt: now };
    const r = req as Request & { user?: AuthUser };
    if (r.user && r.user.id === user.id) r.user = updated;
    return updated;
  }

  /** A challenge passed: the session is verified, its CSRF token rotated; the user as /auth/me answers now. */
  private async passed(user: AuthUser, req: Request) {
    const verified = this.markVerified(req, user);
    const row = await this.ds.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    const methods = await repo.methods(this.ds.manager, user.id);
    const me = toMe({ ...verified, secondFactorAt: row.secondFactorAt, secondFactorMethods: methods });
    return { user: me, csrfToken: rotateCsrfToken(req) };
  }
}
