import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isMunicipalityCode } from '@grants/domain';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { SYSTEM_ACTOR, type AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { ENV, Env } from '../../config/env.dto';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { InvitationEntity } from '../users/entities/invitation.entity';
import { UserEntity } from '../users/entities/user.entity';
import { toAuthUser } from '../users/user-view';
import { AcceptInvitationDto, RegisterDto } from './dtos/auth.dtos';
import { AuthTokenEntity, AuthTokenKind } from './entities/auth-token.entity';
import { loginFailuresRepository } from './login-failures.repository';
import { assertPasswordOk, dummyHash, hashPassword, verifyPassword } from './passwords';
import { secondFactorRepository } from './second-factor/second-factor.repository';
import { sessionsRepository } from './sessions.repository';
import { hashToken, newToken } from './tokens';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const VERIFY_HOURS = 48;
const RESET_HOURS = 1;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly notifications: NotificationsService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  private findByEmail(m: EntityManager, email: string, withHash = false) {
    const qb = m.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = lower(:email)', { email: email.trim() });
    if (withHash) qb.addSelect('u.passwordHash');
    return qb.getOne();
  }

  /**
   * A CSO registers itself: the account, its organisation (the user is its owner) and a verification e-mail.
   * A taken address gets the very same answer and creates nothing; its owner is told by e-mail instead, so the
   * form does not tell a stranger which addresses have an account.
   */
  async register(dto: RegisterDto) {
    const email = dto.email.trim().toLowerCase();
    assertPasswordOk('password', dto.password, { email, fullName: dto.fullName, organizationName: dto.organization.legalName });
    if (!isMunicipalityCode(dto.organization.municipality)) {
      throw AppError.badRequest('organization.municipality', 'enum', 'Choose one of the municipalities of Kosovo');
    }
    const passwordHash = await hashPassword(dto.password);
    await this.ds.transaction(async (m) => {
      const existing = await this.findByEmail(m, email);
      if (existing) return this.tellOwnerOfAttempt(m, existing);
      const org = await m.save(m.create(OrganizationEntity, {
        legalName: dto.organization.legalName.trim(), acronym: dto.organization.acronym?.trim() || null,
        registrationNumber: dto.organization.registrationNumber.trim(), municipality: dto.organization.municipality,
      }));
      const user = await m.save(m.create(UserEntity, {
        email, passwordHash, fullName: dto.fullName.trim(), role: 'applicant', language: dto.language, script: 'latin',
        organizationId: org.id, orgRole: 'owner',
      }));
      await this.audit.record(m, { id: user.id, email }, {
        action: 'organization.registered', entity: 'organization', entityId: org.id,
        summary: `${org.legalName} (${org.registrationNumber}) registered by ${email}`,
      });
      await this.sendVerification(m, user);
    });
    return { message: 'Registered. Check your e-mail for the link that confirms your address.' };
  }

  /** Someone registered with an address that has an account: its owner hears of it, at most once an hour. */
  private async tellOwnerOfAttempt(m: EntityManager, user: UserEntity) {
    if (!user.active) return;
    const hour = new Date().toISOString().slice(0, 13);
    await this.mail.compose(m, {
      to: user.email, userId: user.id, language: user.language, template: 'account_exists',
      params: { name: user.fullName, login: `${this.env.appUrl}/login`, link: `${this.env.appUrl}/forgot-password` },
      dedupeKey: `account-exists:${user.id}:${hour}`,
    });
  }

  private async issueToken(m: EntityManager, user: UserEntity, kind: AuthTokenKind, hours: number) {
    const { token, hash } = newToken();
    await m.insert(AuthTokenEntity, { kind, userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + hours * 3600_000) });
    return token;
  }

  private async sendVerification(m: EntityManager, user: UserEntity) {
    const token = await this.issueToken(m, user, 'email_verification', VERIFY_HOURS);
    await this.mail.compose(m, {
      to: user.email, userId: user.id, language: user.language, template: 'verify_email',
      params: { name: user.fullName, link: `${this.env.appUrl}/verify-email?token=${token}` },
      dedupeKey: `verify:${hashToken(token)}`,
    });
  }

  private async useToken(m: EntityManager, token: string, kind: AuthTokenKind): Promise<UserEntity> {
    const row = await m.findOne(AuthTokenEntity, { where: { tokenHash: hashToken(token), kind }, lock: { mode: 'pessimistic_write' } });
    if (!row || row.usedAt) throw AppError.badRequest('token', 'token_invalid', 'This link is not valid or has already been used');
    if (row.expiresAt < new Date()) throw AppError.badRequest('token', 'token_expired', 'This link has expired: ask for a new one');
    await m.update(AuthTokenEntity, { id: row.id }, { usedAt: new Date() });
    const user = await m.findOneByOrFail(UserEntity, { id: row.userId });
    return user;
  }

  async verifyEmail(token: string) {
    await this.ds.transaction(async (m) => {
      const user = await this.useToken(m, token, 'email_verification');
      if (!user.emailVerifiedAt) {
        await m.update(UserEntity, { id: user.id }, { emailVerifiedAt: new Date() });
        await this.audit.record(m, { id: user.id, email: user.email }, {
          action: 'user.email_verified', entity: 'user', entityId: user.id, summary: `${user.email} confirmed the e-mail address`,
        });
      }
    });
    return { message: 'Your e-mail address is confirmed. You can log in now.' };
  }

  async resendVerification(email: string) {
    await this.ds.transaction(async (m) => {
      const user = await this.findByEmail(m, email);
      if (!user || user.emailVerifiedAt || !user.active) return;
      const recent = await m.count(AuthTokenEntity, { where: { userId: user.id, kind: 'email_verification', usedAt: IsNull() } });
      if (recent >= 5) return; // do not let anyone flood an inbox
      await this.sendVerification(m, user);
    });
  }

  /**
   * Password check with lockout after repeated failures; the same answers, in the same order, whether or not the
   * account exists: an unknown address counts its failures in `login_failures` and "locks" like a real one.
   */
  async validateLogin(email: string, password: string) {
    const address = email.trim().toLowerCase();
    // The failure counter must commit even though the login fails, so the outcome is decided inside the
    // transaction and thrown after it.
    const outcome = await this.ds.transaction(async (m): Promise<AuthUser | AppError> => {
      const user = await m.createQueryBuilder(UserEntity, 'u').addSelect('u.passwordHash')
        .where('lower(u.email) = :email', { email: address }).setLock('pessimistic_write').getOne();
      const wrong = AppError.unauthorized('invalid_credentials', 'The e-mail address or the password is wrong');
      const locked = (until: Date) => new AppError(429, 'locked', `Too many failed attempts: try again after ${until.toISOString()} or reset your password`);
      if (!user || !user.passwordHash) {
        const until = await loginFailuresRepository.lockedUntil(m, address);
        if (until) return locked(until);
        await verifyPassword(await dummyHash(), password);
        if (await loginFailuresRepository.recordFailure(m, address, MAX_FAILED_LOGINS, LOCK_MINUTES)) {
          await loginFailuresRepository.purgeOlderThanADay(m);
        }
        return wrong;
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) return locked(user.lockedUntil);
      if (!(await verifyPassword(user.passwordHash, password))) {
        const failed = user.failedLogins + 1;
        const lock = failed >= MAX_FAILED_LOGINS;
        await m.update(UserEntity, { id: user.id }, {
          failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : user.lockedUntil,
        });
        if (lock) {
          await this.audit.record(m, { id: user.id, email: user.email }, {
            action: 'user.locked', entity: 'user', entityId: user.id, summary: `${MAX_FAILED_LOGINS} failed logins: locked for ${LOCK_MINUTES} minutes`,
          });
        }
        return wrong;
      }
      if (!user.active) return AppError.unauthorized('deactivated', 'This account has been deactivated');
      if (!user.emailVerifiedAt) return new AppError(403, 'not_verified', 'Confirm your e-mail address first: we sent you a link');
      await m.update(UserEntity, { id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
      await this.audit.record(m, { id: user.id, email: user.email }, { action: 'user.login', entity: 'user', entityId: user.id, summary: `${user.email} logged in` });
      // the session is not past its second factor yet: the answer tells the web app which ones to offer
      return { ...toAuthUser(user), secondFactorMethods: user.secondFactorAt ? await secondFactorRepository.methods(m, user.id) : [] };
    });
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  }

  async forgotPassword(email: string) {
    await this.ds.transaction(async (m) => {
      const user = await this.findByEmail(m, email);
      if (!user || !user.active) return;
      const token = await this.issueToken(m, user, 'password_reset', RESET_HOURS);
      await this.mail.compose(m, {
        to: user.email, userId: user.id, language: user.language, template: 'password_reset',
        params: { name: user.fullName, link: `${this.env.appUrl}/reset-password?token=${token}` },
        dedupeKey: `reset:${hashToken(token)}`,
      });
    });
  }

  async resetPassword(token: string, password: string) {
    await this.ds.transaction(async (m) => {
      const user = await this.useToken(m, token, 'password_reset');
      assertPasswordOk('password', password, {
        email: user.email, fullName: user.fullName, organizationName: await this.organizationName(m, user.organizationId),
      });
      await m.update(UserEntity, { id: user.id }, { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null });
      await m.update(AuthTokenEntity, { userId: user.id, kind: 'password_reset', usedAt: IsNull() }, { usedAt: new Date() });
      // every session of the user ends: whoever knew the old password is out
      await sessionsRepository.endUserSessions(m, user.id);
      await this.audit.record(m, { id: user.id, email: user.email }, { action: 'user.password_reset', entity: 'user', entityId: user.id, summary: `${user.email} reset the password` });
    });
    return { message: 'Your password has been changed. You can log in now.' };
  }

  async invitation(token: string) {
    const inv = await this.openInvitation(this.ds.manager, token);
    const org = inv.organizationId ? await this.ds.getRepository(OrganizationEntity).findOneBy({ id: inv.organizationId }) : null;
    return { email: inv.email, role: inv.role, organizationName: org?.legalName ?? null, expiresAt: inv.expiresAt.toISOString(), fullName: inv.fullName };
  }

  private async openInvitation(m: EntityManager, token: string) {
    const inv = await m.findOne(InvitationEntity, { where: { tokenHash: hashToken(token) } });
    if (!inv || inv.acceptedAt || inv.revokedAt) throw AppError.badRequest('token', 'token_invalid', 'This invitation is not valid or has already been used');
    if (inv.expiresAt < new Date()) throw AppError.badRequest('token', 'token_expired', 'This invitation has expired: ask for a new one');
    return inv;
  }

  async acceptInvitation(dto: AcceptInvitationDto) {
    return this.ds.transaction(async (m) => {
      const inv = await this.openInvitation(m, dto.token);
      await m.findOne(InvitationEntity, { where: { id: inv.id }, lock: { mode: 'pessimistic_write' } });
      assertPasswordOk('password', dto.password, {
        email: inv.email, fullName: dto.fullName, organizationName: await this.organizationName(m, inv.organizationId),
      });
      if (await this.findByEmail(m, inv.email)) throw AppError.badRequest('token', 'email_taken', 'An account with this e-mail address already exists');
      const user = await m.save(m.create(UserEntity, {
        email: inv.email, passwordHash: await hashPassword(dto.password), fullName: dto.fullName.trim(), role: inv.role,
        language: dto.language, script: 'latin', organizationId: inv.organizationId, orgRole: inv.orgRole,
        emailVerifiedAt: new Date(), lastLoginAt: new Date(),
      }));
      await m.update(InvitationEntity, { id: inv.id }, { acceptedAt: new Date() });
      await this.audit.record(m, { id: user.id, email: user.email }, {
        action: 'invitation.accepted', entity: 'user', entityId: user.id, summary: `${user.email} accepted the invitation as ${inv.orgRole ?? inv.role}`,
      });
      const inviter = inv.invitedBy ? await m.findOneBy(UserEntity, { id: inv.invitedBy }) : null;
      const org = inv.organizationId ? await m.findOneBy(OrganizationEntity, { id: inv.organizationId }) : null;
      if (inviter?.active) {
        await this.notifications.notify(m, {
          recipients: [inviter], kind: org ? 'organization.member_joined' : 'account.invitation_accepted',
          params: { name: user.fullName, email: user.email, organization: org?.legalName ?? '' },
          link: org ? '/organization/members' : '/admin/users', eventKey: `invitation-accepted:${inv.id}`,
        });
      }
      return toAuthUser(user);
    });
  }

  /** The organisation's legal name, which the password may not be built from. */
  async organizationName(m: EntityManager, organizationId: string | null): Promise<string | undefined> {
    if (!organizationId) return undefined;
    return (await m.findOneBy(OrganizationEntity, { id: organizationId }))?.legalName;
  }

  async loadUser(id: string) {
    const user = await this.ds.getRepository(UserEntity).findOneBy({ id });
    return user && user.active ? toAuthUser(user) : null;
  }

  systemActor() {
    return SYSTEM_ACTOR;
  }
}
