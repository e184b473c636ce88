import { Injectable } from '@nestjs/common';
import { secondFactorSettled } from '@grants/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { secondFactorEnrolmentRequired, secondFactorRequired } from '../../common/access.guard';
import { secondFactorOf } from '../../common/second-factor';
import { AuditService } from '../audit/audit.service';
import { assertPasswordOk, hashPassword, verifyPassword } from '../auth/passwords';
import { sessionsRepository } from '../auth/sessions.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { ChangePasswordDto, InviteStaffDto, ListUsersQuery, UpdateMeDto } from './dtos/users.dtos';
import { InvitationEntity } from './entities/invitation.entity';
import { UserEntity } from './entities/user.entity';
import { InvitationsService } from './invitations.service';
import { toAuthUser, toMe } from './user-view';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
  ) {}

  async updateMe(user: AuthUser, dto: UpdateMeDto) {
    // before the second factor (login's second step, forced enrolment) only the language of the pages it shows
    const { state } = secondFactorOf(user);
    if (!secondFactorSettled(state) && dto.fullName !== undefined) throw state === 'challenge' ? secondFactorRequired() : secondFactorEnrolmentRequired();
    const patch: Partial<UserEntity> = {};
    if (dto.fullName !== undefined) patch.fullName = dto.fullName.trim();
    if (dto.language !== undefined) patch.language = dto.language;
    if (dto.script !== undefined) patch.script = dto.script;
    if (Object.keys(patch).length) await this.ds.getRepository(UserEntity).update({ id: user.id }, patch);
    const fresh = toAuthUser(await this.ds.getRepository(UserEntity).findOneByOrFail({ id: user.id }));
    return toMe({ ...fresh, secondFactorMethods: user.secondFactorMethods, secondFactorVerifiedAt: user.secondFactorVerifiedAt });
  }

  /** Changes the password and ends the user's other sessions (whoever knew the old one is out); this one stays. */
  async changePassword(user: AuthUser, dto: ChangePasswordDto, sessionId?: string) {
    await this.ds.transaction(async (m) => {
      const row = await m.createQueryBuilder(UserEntity, 'u').addSelect('u.passwordHash').where('u.id = :id', { id: user.id }).getOneOrFail();
      if (!row.passwordHash || !(await verifyPassword(row.passwordHash, dto.currentPassword))) {
        throw AppError.badRequest('currentPassword', 'invalid_credentials', 'The current password is wrong');
      }
      const organization = user.organizationId ? await m.findOneBy(OrganizationEntity, { id: user.organizationId }) : null;
      assertPasswordOk('newPassword', dto.newPassword, { email: user.email, fullName: user.fullName, organizationName: organization?.legalName });
      await m.update(UserEntity, { id: user.id }, { passwordHash: await hashPassword(dto.newPassword) });
      await sessionsRepository.endUserSessions(m, user.id, sessionId);
      await this.audit.record(m, user, { action: 'user.password_changed', entity: 'user', entityId: user.id, summary: `${user.email} changed the password` });
    });
  }

  async list(q: ListUsersQuery) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.ds.getRepository(UserEntity).createQueryBuilder('u')
      .leftJoin(OrganizationEntity, 'o', 'o.id = u.organization_id')
      .addSelect('o.legal_name', 'organization_name')
      .orderBy('u.created_at', 'DESC');
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.q) qb.andWhere('(u.email ILIKE :q OR u.full_name ILIKE :q OR o.legal_name ILIKE :q)', { q: `%${q.q.replace(/[%_]/g, '\\$&')}%` });
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset((page - 1) * pageSize).limit(pageSize).getRawAndEntities();
    return {
      items: entities.map((u, i) => ({
        id: u.id, email: u.email, fullName: u.fullName, role: u.role, active: u.active, emailVerified: Boolean(u.emailVerifiedAt),
        organizationName: (raw[i] as { organization_name: string | null }).organization_name, lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
        createdAt: u.createdAt.toISOString(), secondFactor: u.secondFactorAt !== null,
      })),
      total,
    };
  }

  async setActive(actor: AuthUser, userId: string, active: boolean) {
    await this.access.requireAccess(actor, 'user.deactivate', [userId]);
    await this.ds.transaction(async (m) => {
      const user = await m.findOneBy(UserEntity, { id: userId });
      if (!user) throw AppError.notFound('user');
      if (user.id === actor.id) throw AppError.badRequest('id', 'self', 'You cannot deactivate your own account');
      if (user.active === active) return;
      // an account erased on request (issue 14) stays closed: its person is gone
      if (active && (await m.query(`SELECT erased_at FROM users WHERE id = $1`, [user.id]))[0]?.erased_at) {
        throw AppError.badRequest('id', 'erased', 'This person was erased on request: the account cannot be reactivated');
      }
      await m.update(UserEntity, { id: user.id }, { active });
      if (!active) await m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1`, [user.id]);
      await this.audit.record(m, actor, {
        action: active ? 'user.reactivated' : 'user.deactivated', entity: 'user', entityId: user.id,
        summary: `${actor.email} ${active ? 'reactivated' : 'deactivated'} ${user.email}`,
      });
      if (!active) {
        const admins = await m.find(UserEntity, { where: { role: 'secretariat_admin', active: true } });
        await this.notifications.notify(m, {
          recipients: admins.filter((a) => a.id !== actor.id), kind: 'account.deactivated',
          params: { name: user.fullName, email: user.email, actor: actor.fullName }, link: '/admin/users',
          eventKey: `deactivated:${user.id}:${Date.now()}`,
        });
      }
    });
  }

  async inviteStaff(actor: AuthUser, dto: InviteStaffDto) {
    const inv = await this.ds.transaction((m) => this.invitations.invite(m, actor, { ...dto, organization: null }));
    return { id: inv.id, email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString() };
  }

  async listInvitations() {
    const rows = await this.ds.getRepository(InvitationEntity).createQueryBuilder('i')
      .leftJoin(OrganizationEntity, 'o', 'o.id = i.organization_id').addSelect('o.legal_name', 'organization_name')
      .orderBy('i.created_at', 'DESC').limit(500).getRawAndEntities();
    return rows.entities.map((i, idx) => ({
      id: i.id, email: i.email, role: i.role, organizationName: (rows.raw[idx] as { organization_name: string | null }).organization_name,
      createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(),
      acceptedAt: i.acceptedAt?.toISOString() ?? null, revokedAt: i.revokedAt?.toISOString() ?? null,
    }));
  }

  async revokeInvitation(actor: AuthUser, id: string) {
    await this.ds.transaction(async (m) => {
      const inv = await m.findOneBy(InvitationEntity, { id });
      if (!inv) throw AppError.notFound('invitation');
      await this.invitations.revoke(m, actor, inv);
    });
  }
}
