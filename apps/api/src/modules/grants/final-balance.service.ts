import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays, can, canonicalJson, centsToDecimal, grantFinalBalance, RECOVERY_ORDER_DUE_DAYS, recoveryOrderNumber, resolveGrantSettings,
  type FinalBalance, type FinalBalanceInput, type GrantVersion,
} from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError, type ErrorDetail } from '../../common/errors';
import { AuditService, sha256Hex } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { refuseClosedGrant } from './closed-grant';
import { ClosureRepository, type RecoveryOrderRow } from './closure.repository';
import type { GrantEntity, TrancheEntity } from './entities/grant.entity';
import { ExpenditureRepository } from './expenditure.repository';
import { GrantsRepository } from './grants.repository';
import { versionOf } from './grants.service';

export type FinalBalanceProblem = { field: string; code: string; params?: Record<string, string | number> };

const PROBLEM_TEXT: Record<string, string> = {
  no_budget: 'The grant has no approved budget',
  grant_closed: 'The grant is closed',
  grant_not_running: 'Only a grant in force (or suspended) has its final balance drawn up',
  final_report_not_accepted: 'The final narrative report is not accepted yet',
  expenditure_under_review: 'An expenditure report is still waiting for the Secretariat\'s review',
  earlier_tranches_unpaid: 'A tranche before the balance is not paid: what was paid would not be final',
  already_drawn_up: 'The final balance is already drawn up',
  no_balance_tranche: 'The grant has no balance tranche (its schedule has none), so a final payment cannot go through the tranche flow',
  balance_tranche_in_payment: 'The balance tranche is already approved or paid: its amount can no longer change',
};

export const detailsOf = (problems: readonly FinalBalanceProblem[]): ErrorDetail[] => problems.map((p) => ({ field: p.field, code: p.code, message: PROBLEM_TEXT[p.code] ?? p.code }));

export function recoveryOrderView(r: RecoveryOrderRow) {
  return {
    id: r.id, grantId: r.grantId, agreementNumber: r.agreementNumber, organizationName: r.organizationName, number: r.number,
    amountCents: r.amountCents, repaidCents: r.repaidCents, owedCents: r.amountCents - r.repaidCents, dueDate: r.dueDate, status: r.status,
    createdAt: r.createdAt, version: r.version,
  };
}

/**
 * The final balance of a grant (libs/domain grantFinalBalance): fed from the grant's approved budget as its latest
 * version stands, every accepted expenditure report, the agreed indirect rate, the call's reallocation limit, the
 * co-financing and what was paid, with each cap that lowered it. Drawn up (frozen on the grant with its SHA-256) by
 * the Secretariat once the final narrative report is accepted and no expenditure report waits for review: a payment
 * becomes the amount of the balance tranche, requested, approved and paid through the tranche flow; a recovery
 * becomes a recovery order due in 30 days; nil closes the books.
 */
@Injectable()
export class FinalBalanceService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly grants: GrantsRepository,
    private readonly expenditure: ExpenditureRepository,
    private readonly repo: ClosureRepository,
  ) {}

  /** What grantFinalBalance is given, from the grant's records. Null when the grant has no approved budget. */
  async input(m: EntityManager, g: GrantEntity, tranches: readonly TrancheEntity[]): Promise<FinalBalanceInput | null> {
    if (!g.budget || !g.agreementNumber || !g.startDate || !g.endDate) return null;
    const versions = await this.grants.versions(m, g.id);
    const last = versions[versions.length - 1];
    const v: GrantVersion = last ? (last.snapshot as unknown as GrantVersion) : versionOf(g, 1, null);
    const reports = await this.expenditure.reports(m, g.id);
    return {
      grantCents: v.amountCents,
      approved: v.budgetLines.map((l) => ({ lineId: l.lineId, heading: l.heading, approvedCents: l.approvedCents })),
      reports: reports.map((r) => ({ status: r.status, lines: r.lines })),
      indirectRateBp: g.budget.indirectCostBp ?? 0,
      indirectClaimedCents: null,
      reallocationWithoutAmendmentBp: resolveGrantSettings(g.settings).reallocationWithoutAmendmentBp,
      coFinancingCents: g.budget.coFinancingCents ?? 0,
      paidCents: tranches.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountCents, 0),
    };
  }

  /** Everything the panel and the drawing-up rest on, read in the caller's transaction. */
  async state(m: EntityManager, g: GrantEntity) {
    const tranches = await this.grants.tranches(m, g.id);
    const input = await this.input(m, g, tranches);
    const computed = input ? grantFinalBalance(input) : null;
    const closure = await this.repo.closure(m, g.id);
    const finalReportStatus = await this.repo.finalReportStatus(m, g.id);
    const underReview = await this.repo.expenditureUnderReview(m, g.id);
    const balance = [...tranches].reverse().find((t) => t.kind === 'balance') ?? null;
    const unpaidEarlier = tranches.filter((t) => t.kind !== 'balance' && t.status !== 'paid' && t.amountCents > 0).length;
    const problems: FinalBalanceProblem[] = [];
    if (!computed) problems.push({ field: 'budget', code: 'no_budget' });
    if (g.status !== 'in_force' && g.status !== 'suspended') problems.push({ field: 'grant', code: g.status === 'closed' ? 'grant_closed' : 'grant_not_running', params: { status: g.status } });
    if (closure.finalBalance) problems.push({ field: 'finalBalance', code: 'already_drawn_up' });
    if (finalReportStatus !== 'accepted') problems.push({ field: 'finalReport', code: 'final_report_not_accepted', params: { status: finalReportStatus ?? 'none' } });
    if (underReview > 0) problems.push({ field: 'expenditureReports', code: 'expenditure_under_review', params: { count: underReview } });
    if (unpaidEarlier > 0) problems.push({ field: 'tranches', code: 'earlier_tranches_unpaid', params: { count: unpaidEarlier } });
    if (computed?.kind === 'payment' && !closure.finalBalance) {
      if (!balance) problems.push({ field: 'balanceTranche', code: 'no_balance_tranche' });
      else if (balance.status === 'approved' || balance.status === 'paid') problems.push({ field: 'balanceTranche', code: 'balance_tranche_in_payment', params: { status: balance.status } });
    }
    const recovery = await this.repo.recoveryOrderOfGrant(m, g.id);
    return { tranches, input, computed, closure, finalReportStatus, underReview, balance, problems, recovery };
  }

  async view(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    return this.viewOf(this.ds.manager, actor, grantId);
  }

  private async viewOf(m: EntityManager, actor: AuthUser, grantId: string) {
    const g = await this.grants.grant(m, grantId);
    const s = await this.state(m, g);
    const manage = can(actor, 'grant.manage');
    const frozen = s.closure.finalBalance;
    return {
      grantId, agreementNumber: g.agreementNumber, grantStatus: g.status, version: g.version,
      inputs: s.input ? {
        grantCents: s.input.grantCents, approvedDirectCents: s.input.approved.reduce((t, l) => t + l.approvedCents, 0),
        indirectRateBp: s.input.indirectRateBp, reallocationWithoutAmendmentBp: s.input.reallocationWithoutAmendmentBp,
        coFinancingCents: s.input.coFinancingCents ?? 0, paidCents: s.input.paidCents,
        acceptedExpenditureReports: s.input.reports.filter((r) => r.status === 'accepted').length,
      } : null,
      computed: s.computed,
      drawnUp: frozen ? { balance: frozen, sha256: s.closure.finalBalanceSha256!, drawnUpAt: s.closure.finalBalanceAt! } : null,
      finalReportStatus: s.finalReportStatus,
      balanceTranche: s.balance ? { id: s.balance.id, seq: s.balance.seq, status: s.balance.status, amountCents: s.balance.amountCents } : null,
      recoveryOrder: s.recovery ? recoveryOrderView(s.recovery) : null,
      problems: s.problems.map((p) => ({ field: p.field, code: p.code, params: p.params ?? {} })),
      can: { drawUp: manage && s.problems.length === 0 },
    };
  }

  /** The Secretariat draws the final balance up from the version of the grant it read: frozen, then paid or recovered. */
  async drawUp(actor: AuthUser, grantId: string, version: number) {
    await this.access.requireAccess(actor, 'grant.manage', [grantId]);
    await this.ds.transaction(async (m) => {
      const g = await this.grants.grant(m, grantId, true);
      refuseClosedGrant(g);
      if (g.version !== version) {
        throw AppError.conflict('version_conflict', 'The grant has changed since you opened it. Reload to see the final balance as it stands.', [{ field: 'version', code: 'version_conflict', message: 'The grant has changed' }]);
      }
      const s = await this.state(m, g);
      if (s.problems.length || !s.computed) throw AppError.conflict('final_balance_not_ready', 'The final balance cannot be drawn up yet', detailsOf(s.problems));
      const fb: FinalBalance = s.computed;
      const sha256 = sha256Hex(canonicalJson(fb));
      await this.repo.saveFinalBalance(m, grantId, fb, sha256);
      const members = await this.notifications.membersOf(m, g.organizationId);
      let tail = '';
      if (s.balance && (s.balance.status === 'planned' || s.balance.status === 'requested')) {
        const amount = fb.kind === 'payment' ? fb.paymentCents : 0;
        await this.repo.setTrancheAmount(m, s.balance.id, amount);
        tail = `; balance tranche ${s.balance.seq} set to ${amount} cents (was ${s.balance.amountCents})`;
      }
      if (fb.kind === 'recovery') {
        const today = await this.grants.today(m);
        const number = recoveryOrderNumber(g.agreementNumber!);
        const dueDate = addDays(today, RECOVERY_ORDER_DUE_DAYS);
        const orderId = await this.repo.insertRecoveryOrder(m, { grantId, number, amountCents: fb.recoveryCents, dueDate, finalBalance: fb, createdBy: actor.id });
        await this.audit.record(m, actor, { action: 'recovery_order.issued', entity: 'recovery_order', entityId: orderId, summary: `${number}: ${fb.recoveryCents} cents to recover on ${g.agreementNumber}, due ${dueDate}` });
        await this.notifications.notify(m, {
          recipients: members, kind: 'recovery_order.issued',
          params: { agreementNumber: g.agreementNumber, number, amount: centsToDecimal(fb.recoveryCents), due: dueDate }, link: `/recovery-orders/${orderId}`, eventKey: `recovery_order:${orderId}:issued`,
        });
        tail += `; recovery order ${number}`;
      }
      await this.audit.record(m, actor, {
        action: 'grant.final_balance', entity: 'grant', entityId: grantId,
        summary: `${g.agreementNumber}: final balance ${fb.kind}, eligible ${fb.eligibleCents} cents, paid ${fb.paidCents}, balance ${fb.balanceCents}, SHA-256 ${sha256}${tail}`,
      });
      await this.notifications.notify(m, {
        recipients: members, kind: 'grant.final_balance',
        params: { agreementNumber: g.agreementNumber, kind: fb.kind, eligible: centsToDecimal(fb.eligibleCents), paid: centsToDecimal(fb.paidCents), balance: `${fb.balanceCents < 0 ? '-' : ''}${centsToDecimal(Math.abs(fb.balanceCents))}` },
        link: `/grants/${grantId}/closure`, eventKey: `grant:${grantId}:final_balance`,
      });
    });
    return this.viewOf(this.ds.manager, actor, grantId);
  }
}
