import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, checkGrantTransition, closeGrantProblems, closureChecklist, finalBalanceSettled, type ClosureItem } from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { refuseClosedGrant } from './closed-grant';
import { ClosureRepository } from './closure.repository';
import { CloseGrantDto } from './dtos/closure.dtos';
import type { GrantEntity } from './entities/grant.entity';
import { changeGrantStatus } from './grant-status';
import { GrantsRepository } from './grants.repository';

const ITEM_TEXT: Record<string, string> = {
  final_report_accepted: 'The final narrative report is not accepted',
  final_balance_settled: 'The final balance is not settled (drawn up, and the final payment made or the recovery order repaid)',
  action_points_closed: 'Action points of the grant are still open',
  documents_in_place: 'Documents are missing from the grant\'s file',
};

/**
 * Closing a grant: the checklist (libs/domain closureChecklist: the final report accepted, the final balance settled,
 * every action point closed, every document in place), the closing note, and the move to `closed` through the
 * grant's state function with its audit row; the organisation and the monitor are told. "Documents in place" is the
 * grant's file as the portal holds it: the agreement as sent for signature, the supporting documents of every
 * accepted expenditure report, and the addendum of every approved amendment.
 */
@Injectable()
export class ClosureService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly grants: GrantsRepository,
    private readonly repo: ClosureRepository,
  ) {}

  private async checklist(m: EntityManager, g: GrantEntity) {
    const closure = await this.repo.closure(m, g.id);
    const tranches = await this.grants.tranches(m, g.id);
    const balance = [...tranches].reverse().find((t) => t.kind === 'balance') ?? null;
    const recovery = await this.repo.recoveryOrderOfGrant(m, g.id);
    const finalReportAccepted = await this.repo.finalReportAccepted(m, g.id);
    const openActionPoints = await this.repo.openActionPoints(m, g.id);
    const missingDocuments = await this.repo.missingDocuments(m, g.id);
    const kind = closure.finalBalance?.kind ?? null;
    const settled = finalBalanceSettled({ kind, balanceTranchePaid: balance?.status === 'paid', recoveryStatus: recovery?.status ?? null });
    const items: ClosureItem[] = closureChecklist({ finalReportAccepted, finalPaymentMadeOrRecoverySettled: settled, openActionPoints, missingDocuments });
    return { closure, items, missingDocuments, kind, balance, recovery };
  }

  async view(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    return this.viewOf(this.ds.manager, actor, grantId);
  }

  private async viewOf(m: EntityManager, actor: AuthUser, grantId: string) {
    const g = await this.grants.grant(m, grantId);
    const c = await this.checklist(m, g);
    const closed = g.status === 'closed';
    const ready = c.items.every((i) => i.met);
    return {
      grantId, agreementNumber: g.agreementNumber, grantStatus: g.status, version: g.version,
      items: c.items.map((i) => ({ code: i.code, met: closed || i.met, params: i.params })),
      missingDocuments: c.missingDocuments,
      finalBalanceKind: c.kind,
      balanceTrancheStatus: c.balance?.status ?? null,
      recoveryOrderStatus: c.recovery?.status ?? null,
      closed: closed ? { closedAt: c.closure.closedAt, closingNote: c.closure.closingNote } : null,
      can: { close: !closed && ready && can(actor, 'grant.manage') && (g.status === 'in_force' || g.status === 'suspended') },
    };
  }

  async close(actor: AuthUser, grantId: string, dto: CloseGrantDto) {
    await this.access.requireAccess(actor, 'grant.manage', [grantId]);
    await this.ds.transaction(async (m) => {
      const g = await this.grants.grant(m, grantId, true);
      refuseClosedGrant(g);
      if (g.version !== dto.version) {
        throw AppError.conflict('version_conflict', 'The grant has changed since you opened it. Reload to see the checklist as it stands.', [{ field: 'version', code: 'version_conflict', message: 'The grant has changed' }]);
      }
      const c = await this.checklist(m, g);
      const problems = closeGrantProblems(c.items, dto.closingNote);
      if (problems.length) {
        throw new AppError(422, 'grant_not_closable', 'The grant cannot be closed yet', problems.map((p) => ({
          field: p.field, code: p.code, message: p.field === 'closingNote' ? (p.code === 'required' ? 'Say how the grant ended' : 'Too long') : ITEM_TEXT[p.field.replace('checklist.', '')] ?? p.code,
        })));
      }
      const note = dto.closingNote.trim();
      const check = checkGrantTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, g.status, 'closed', note);
      if (!check.ok) {
        if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden('Only the Secretariat closes a grant');
        throw AppError.conflict('invalid_transition', `The grant is ${g.status} and cannot be closed`, [{ field: 'status', code: 'invalid_transition', message: `${g.status} → closed` }]);
      }
      // the closure first: once the status is closed, the database refuses any change to the grant's row
      await this.repo.saveClosure(m, grantId, actor.id, note);
      await changeGrantStatus(m, this.audit, actor, grantId, 'closed', {
        audit: { action: 'grant.close', summary: `${g.agreementNumber}: ${g.status} → closed (final balance ${c.kind}): ${note}` },
      });
      const recipients = [...(await this.notifications.membersOf(m, g.organizationId)), ...(g.monitorId ? await this.grants.recipient(m, g.monitorId) : [])];
      await this.notifications.notify(m, {
        recipients, kind: 'grant.closed', params: { agreementNumber: g.agreementNumber }, link: `/grants/${grantId}`, eventKey: `grant:${grantId}:closed`,
      });
    });
    return this.viewOf(this.ds.manager, actor, grantId);
  }
}
