import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canApproveTranche, canDoOnGrant, centsToDecimal, canPayTranche, canRequestTranche, checkTrancheTransition, type TrancheStatus } from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PayTrancheDto, RequestTrancheDto } from './dtos/grant.dtos';
import { changeTrancheStatus } from './grant-status';
import { GrantsRepository } from './grants.repository';
import { TrancheConditionsService, trancheView } from './tranche-conditions.service';

const REQUEST_REFUSALS: Record<string, string> = {
  not_planned: 'This tranche is not planned: it was requested already',
  grant_not_in_force: 'Tranches are requested once the grant is in force (the first one as soon as the organisation has signed)',
  earlier_tranche_not_paid: 'An earlier tranche is not paid yet',
};

/**
 * A tranche's life: the organisation requests it (with its expenditure report and documents), the Secretariat
 * approves it when every condition is met (each shown with its figure; an unmet one refuses with 409 naming it),
 * returns it with a reason, and pays it once (date, bank reference). Status through grant-status.ts.
 */
@Injectable()
export class TranchesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: GrantsRepository,
    private readonly conditions: TrancheConditionsService,
  ) {}

  private async grantOf(actor: AuthUser, trancheId: string, permission: 'grant.act.own' | 'grant.manage' | 'grant.read.own') {
    const grantId = await this.repo.trancheGrantId(this.ds.manager, trancheId);
    await this.access.requireAccess(actor, permission, [grantId]);
    return grantId;
  }

  private checkActor(actor: AuthUser, from: TrancheStatus, to: TrancheStatus, reason?: string | null) {
    const check = checkTrancheTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, from, to, reason);
    if (check.ok) return check.action;
    if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden();
    if (check.reason === 'reason_required') throw AppError.badRequest('reason', 'required', 'Say why');
    throw AppError.conflict('invalid_transition', `The tranche is ${from} and cannot become ${to}`, [{ field: 'status', code: 'invalid_transition', message: `${from} → ${to}` }]);
  }

  async view(actor: AuthUser, trancheId: string) {
    const grantId = await this.grantOf(actor, trancheId, 'grant.read.own');
    return this.viewOf(this.ds.manager, grantId, trancheId);
  }

  private async viewOf(m: EntityManager, grantId: string, trancheId: string) {
    const g = await this.repo.grant(m, grantId);
    const { tranches, conditionsOf } = await this.conditions.context(m, g);
    const t = tranches.find((x) => x.id === trancheId)!;
    return trancheView(t, conditionsOf(t));
  }

  async request(actor: AuthUser, trancheId: string, dto: RequestTrancheDto) {
    const grantId = await this.grantOf(actor, trancheId, 'grant.act.own');
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, grantId, true);
      const t = await this.repo.tranche(m, trancheId, true);
      this.checkActor(actor, t.status, 'requested');
      if (!canDoOnGrant(g.status, 'request_tranche')) throw AppError.conflict('grant_not_in_force', REQUEST_REFUSALS.grant_not_in_force, [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
      const tranches = await this.repo.tranches(m, grantId);
      const check = canRequestTranche(t, { status: g.status, tranches: tranches.map((x) => ({ seq: x.seq, kind: x.kind, amountCents: x.amountCents, status: x.status })) });
      if (!check.ok) throw AppError.conflict(check.reason, REQUEST_REFUSALS[check.reason], [{ field: 'status', code: check.reason, message: REQUEST_REFUSALS[check.reason] }]);
      if (dto.expenditureReportId && !(await this.repo.expenditureReportOfGrant(m, grantId, dto.expenditureReportId))) {
        throw AppError.badRequest('expenditureReportId', 'unknown_report', 'This expenditure report is not one of this grant');
      }
      const files = await this.repo.filesOfOrganization(m, g.organizationId, dto.documentFileIds ?? []);
      const unknown = (dto.documentFileIds ?? []).filter((id) => !files.some((f) => f.id === id));
      if (unknown.length) throw AppError.badRequest('documentFileIds', 'unknown_file', 'Upload the documents first (POST /api/grants/:id/documents)');
      await changeTrancheStatus(m, this.audit, actor, trancheId, 'requested', {
        set: { requestedAt: new Date(), requestedBy: actor.id, expenditureReportId: dto.expenditureReportId ?? null, documentFileIds: [...new Set(dto.documentFileIds ?? [])], requestNote: dto.note?.trim() || null, returnReason: null },
        audit: { action: 'tranche.requested', summary: `${g.agreementNumber} tranche ${t.seq} (${t.kind}, ${t.amountCents} cents) requested by ${actor.email}${dto.expenditureReportId ? ` on expenditure report ${dto.expenditureReportId}` : ''}${files.length ? ` with ${files.map((f) => f.fileName).join(', ')}` : ''}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'tranche.requested',
        params: { agreementNumber: g.agreementNumber, seq: t.seq }, link: `/grants/${grantId}`, eventKey: `tranche:${trancheId}:requested:${t.version}`,
      });
    });
    return this.viewOf(this.ds.manager, grantId, trancheId);
  }

  /** Approved only when every condition is met; otherwise 409 `conditions_not_met` naming each unmet condition with its figure. */
  async approve(actor: AuthUser, trancheId: string) {
    const grantId = await this.grantOf(actor, trancheId, 'grant.manage');
    return this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, grantId, true);
      const t = await this.repo.tranche(m, trancheId, true);
      const { conditionsOf } = await this.conditions.context(m, g);
      const conditions = conditionsOf(t);
      const check = canApproveTranche(t.status, conditions);
      if (!check.ok) {
        if (check.reason === 'conditions_not_met') {
          throw AppError.conflict('conditions_not_met', `Not every condition of tranche ${t.seq} is met: ${check.unmet.map((c) => `${c.kind} (${c.figure})`).join('; ')}`,
            check.unmet.map((c) => ({ field: `conditions.${c.kind}`, code: c.kind, message: c.figure })));
        }
        throw AppError.conflict(check.reason, `The tranche cannot be approved: it is ${t.status}`, [{ field: 'status', code: check.reason, message: t.status }]);
      }
      this.checkActor(actor, t.status, 'approved');
      const approved = await changeTrancheStatus(m, this.audit, actor, trancheId, 'approved', {
        set: { approvedAt: new Date(), approvedBy: actor.id, approvedOn: await this.repo.today(m) },
        audit: { action: 'tranche.approved', summary: `${g.agreementNumber} tranche ${t.seq} (${t.amountCents} cents) approved by ${actor.email}: ${conditions.map((c) => `${c.kind}: ${c.figure}`).join('; ')}` },
      });
      // answered from what this transaction read with the grant locked (a tranche's conditions rest on the grant and the
      // tranches before it, not on its own status): no second read of the grant after the commit
      return trancheView(approved, conditions);
    });
  }

  /** A requested tranche back to the organisation, or an approved one the bank refused back to planned, with the reason. */
  async return(actor: AuthUser, trancheId: string, reason: string) {
    const grantId = await this.grantOf(actor, trancheId, 'grant.manage');
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, grantId, true);
      const t = await this.repo.tranche(m, trancheId, true);
      if (t.paymentOrderId && t.status === 'approved') throw AppError.conflict('in_payment_order', 'This tranche is in a payment order sent to the bank');
      const action = this.checkActor(actor, t.status, 'planned', reason);
      await changeTrancheStatus(m, this.audit, actor, trancheId, 'planned', {
        set: { returnReason: reason.trim(), approvedAt: null, approvedBy: null, approvedOn: null },
        audit: { action: `tranche.${action}`, summary: `${g.agreementNumber} tranche ${t.seq}: ${t.status} → planned: ${reason.trim()}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'tranche.returned',
        params: { agreementNumber: g.agreementNumber, seq: t.seq, reason: reason.trim() }, link: `/grants/${grantId}`, eventKey: `tranche:${trancheId}:returned:${t.version}`,
      });
    });
    return this.viewOf(this.ds.manager, grantId, trancheId);
  }

  /** Paid once: the value date and the bank's reference; paying again is refused (409 already_paid). */
  async pay(actor: AuthUser, trancheId: string, dto: PayTrancheDto) {
    const grantId = await this.grantOf(actor, trancheId, 'grant.manage');
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, grantId, true);
      const t = await this.repo.tranche(m, trancheId, true);
      const check = canPayTranche(t.status, dto);
      if (!check.ok) {
        if (check.reason === 'already_paid') throw AppError.conflict('already_paid', `Tranche ${t.seq} was paid on ${t.paidOn} (${t.bankReference}): it is paid once`, [{ field: 'status', code: 'already_paid', message: `paid on ${t.paidOn}` }]);
        if (check.reason === 'not_approved') throw AppError.conflict('not_approved', 'Only an approved tranche is paid', [{ field: 'status', code: 'not_approved', message: t.status }]);
        throw AppError.badRequest(check.reason === 'paid_on_invalid' ? 'paidOn' : 'bankReference', check.reason, check.reason);
      }
      if (!canDoOnGrant(g.status, 'pay_tranche')) throw AppError.conflict('grant_not_in_force', `No money moves while the grant is ${g.status}`, [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
      this.checkActor(actor, t.status, 'paid');
      await changeTrancheStatus(m, this.audit, actor, trancheId, 'paid', {
        set: { paidAt: new Date(), paidOn: dto.paidOn, paidBy: actor.id, bankReference: dto.bankReference.trim() },
        audit: { action: 'tranche.paid', summary: `${g.agreementNumber} tranche ${t.seq}: ${t.amountCents} cents paid on ${dto.paidOn} to ${g.iban}, bank reference ${dto.bankReference.trim()}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'tranche.paid',
        params: { agreementNumber: g.agreementNumber, seq: t.seq, amount: centsToDecimal(t.amountCents), date: dto.paidOn }, link: `/grants/${grantId}`, eventKey: `tranche:${trancheId}:paid`,
      });
    });
    return this.viewOf(this.ds.manager, grantId, trancheId);
  }
}
