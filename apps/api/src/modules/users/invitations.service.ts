import { Injectable } from '@nestjs/common';
import type { Language, OrgRole, Role } from '@grants/domain';
import { EntityManager, IsNull } from 'typeorm';
import type { AuditActor } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { Env, ENV } from '../../config/env.dto';
import { Inject } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { newToken } from '../auth/tokens';
import { MailService } from '../mail/mail.service';
import { InvitationEntity } from './entities/invitation.entity';
import { UserEntity } from './entities/user.entity';

export const INVITATION_DAYS = 7;

export type InviteInput = {
  email: string;
  role: Role;
  language: Language;
  fullName?: string | null;
  organization?: { id: string; name: string; orgRole: OrgRole } | null;
};

/** Invitations of staff (by an admin) and of organisation members (by the owner) share this one path. */
@Injectable()
export class InvitationsService {
  constructor(private readonly audit: AuditService, private readonly mail: MailService, @Inject(ENV) private readonly env: Env) {}

  async invite(manager: EntityManager, inviter: AuditActor & { fullName: string }, input: InviteInput): Promise<InvitationEntity> {
    const email = input.email.trim().toLowerCase();
    const existing = await manager.createQueryBuilder(UserEntity, 'u').where('lower(u.email) = :email', { email }).getOne();
    if (existing) throw AppError.badRequest('email', 'email_taken', 'A user with this e-mail address already exists');
    const open = await manager.findOne(InvitationEntity, {
      where: { email, acceptedAt: IsNull(), revokedAt: IsNull(), organizationId: input.organization?.id ?? IsNull() },
    });
    if (open && open.expiresAt > new Date()) throw AppError.badRequest('email', 'already_invited', 'This address already has an open invitation');
    const { token, hash } = newToken();
    const inv = manager.create(InvitationEntity, {
      email, role: input.role, language: input.language, fullName: input.fullName ?? null,
      organizationId: input.organization?.id ?? null, orgRole: input.organization?.orgRole ?? null,
      invitedBy: inviter.id, tokenHash: hash, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
    });
    await manager.save(inv);
    await this.audit.record(manager, inviter, {
      action: 'invitation.created', entity: input.organization ? 'organization' : 'user', entityId: input.organization?.id ?? inv.id,
      summary: `Invited ${email} as ${input.organization ? `${input.organization.orgRole} of ${input.organization.name}` : input.role}`,
    });
    await this.mail.compose(manager, {
      to: email, userId: null, language: input.language,
      template: input.organization ? 'invitation_member' : 'invitation_staff',
      params: {
        inviter: inviter.fullName, role: input.role, organization: input.organization?.name ?? '',
        link: `${this.env.appUrl}/accept-invitation?token=${token}`,
      },
      dedupeKey: `invitation:${inv.id}`,
    });
    return inv;
  }

  async revoke(manager: EntityManager, actor: AuditActor, inv: InvitationEntity) {
    if (inv.acceptedAt) throw AppError.badRequest('id', 'already_accepted', 'This invitation has already been accepted');
    if (inv.revokedAt) return;
    await manager.update(InvitationEntity, { id: inv.id }, { revokedAt: new Date() });
    await this.audit.record(manager, actor, {
      action: 'invitation.revoked', entity: inv.organizationId ? 'organization' : 'user', entityId: inv.organizationId ?? inv.id,
      summary: `Revoked the invitation of ${inv.email}`,
    });
  }
}
