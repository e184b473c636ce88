import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { auditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { erasureRepository } from './erasure.repository';

/**
 * Erasing a person's personal data on request (issue 14), without breaking the audit chain: their account's
 * fields are blanked (the e-mail becomes erased-<id>@erased.invalid), sessions end, second factors go, and the
 * link of their audit pseudonym to them is removed, so the chain still verifies and nobody can tell who acted.
 * The records they made stay, with their id, shown as "erased person".
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async erase(actor: AuthUser, userId: string, reason: string) {
    await this.access.requireAccess(actor, 'user.erase', [userId]);
    return this.ds.transaction(async (m) => {
      const t = await erasureRepository.target(m, userId);
      if (!t) throw AppError.notFound('user');
      if (t.id === actor.id) throw AppError.badRequest('id', 'self', 'You cannot erase your own account: another admin must');
      if (t.erasedAt) throw AppError.badRequest('id', 'already_erased', 'This person was already erased');
      if (t.role === 'secretariat_admin' && (await erasureRepository.otherActiveAdmins(m, t.id)) === 0) {
        throw AppError.badRequest('id', 'last_admin', 'This is the last active administrator');
      }
      if (t.organizationId && t.orgRole === 'owner' && (await erasureRepository.otherActiveOwners(m, t.organizationId, t.id)) === 0) {
        const open = await erasureRepository.openWorkOfOrganization(m, t.organizationId);
        if (open.grants || open.applications) {
          throw AppError.badRequest('id', 'sole_owner_open_work',
            `This person is the only owner of an organisation with ${open.grants} open grant(s) and ${open.applications} application(s) in progress: make another member owner first`);
        }
      }
      const monitored = await erasureRepository.openGrantsMonitored(m, t.id);
      if (monitored) throw AppError.badRequest('id', 'monitor_of_open_grants', `This person monitors ${monitored} open grant(s): assign another monitor first`);
      const evaluations = await erasureRepository.openEvaluations(m, t.id);
      if (evaluations) throw AppError.badRequest('id', 'open_evaluations', `This person has ${evaluations} evaluation(s) not submitted: remove the assignments first`);

      const legacy = await auditRepository.legacyEntriesNaming(m, t.id, t.email);
      const erasureId = await erasureRepository.erase(m, t, actor.id, reason.trim());
      // the entry is written while the link still exists (it names the person by pseudonym), then the link goes
      await this.audit.record(m, actor, {
        action: 'user.erased', entity: 'user', entityId: t.id,
        summary: `Personal data erased on request (erasure ${erasureId}); the records this person made keep the id and show "erased person"${legacy ? `; ${legacy} audit entries written before hash version 3 still carry the address` : ''}`,
      });
      await auditRepository.erasePseudonym(m, t.id);
      return { userId: t.id, erasureId, erasedAt: new Date().toISOString(), legacyAuditEntries: legacy };
    });
  }
}
