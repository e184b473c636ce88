import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  applyRecoveryRepayment, can, isSaneDate, recoveryRepaymentProblems,
} from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { ClosureRepository } from './closure.repository';
import { changeRecoveryOrderStatus } from './grant-status';
import { RecordRepaymentDto, RecoveryOrderListQuery } from './dtos/closure.dtos';
import { recoveryOrderView } from './final-balance.service';

const REPAYMENT_TEXT: Record<string, string> = {
  not_cents: 'Whole euro cents only',
  not_positive: 'A repayment is more than nothing',
  above_owed: 'More than is still owed on the recovery order',
  settled: 'The recovery order is settled: nothing more is owed',
};

/**
 * Recovery orders: the Secretariat and observers read every one, an organisation its own; the Secretariat records
 * each repayment received (never above what is still owed) until the order is settled. The status moves only
 * through changeRecoveryOrderStatus (the domain's table, the audit row, in the repayment's transaction).
 */
@Injectable()
export class RecoveryOrdersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: ClosureRepository,
  ) {}

  async list(actor: AuthUser, q: RecoveryOrderListQuery) {
    if (!actor.active) throw AppError.forbidden();
    const all = can(actor, 'grant.manage') || can(actor, 'grant.read.any');
    if (!all && !(actor.organizationId && can(actor, 'grant.read.own'))) return { items: [], total: 0 };
    const items = await this.repo.recoveryOrders(this.ds.manager, { organizationId: all ? undefined : actor.organizationId!, status: q.status });
    return { items: items.map(recoveryOrderView), total: items.length };
  }

  async view(actor: AuthUser, id: string) {
    const grantId = await this.repo.recoveryOrderGrantId(this.ds.manager, id);
    // a monitor follows the grant's work, not its money
    if (actor.role === 'monitor') throw AppError.notFound('recovery order');
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    return this.viewOf(this.ds.manager, actor, id);
  }

  private async viewOf(m: EntityManager, actor: AuthUser, id: string) {
    const r = await this.repo.recoveryOrder(m, id);
    const repayments = await this.repo.repayments(m, id);
    return {
      ...recoveryOrderView(r), finalBalance: r.finalBalance,
      repayments: repayments.map((p) => ({ id: p.id, amountCents: p.amountCents, receivedOn: p.receivedOn, bankReference: p.bankReference, recordedByName: p.recordedByName, recordedAt: p.recordedAt })),
      can: { recordRepayment: can(actor, 'grant.manage') && r.status !== 'settled' },
    };
  }

  async recordRepayment(actor: AuthUser, id: string, dto: RecordRepaymentDto) {
    const grantId = await this.repo.recoveryOrderGrantId(this.ds.manager, id);
    await this.access.requireAccess(actor, 'grant.manage', [grantId]);
    await this.ds.transaction(async (m) => {
      const r = await this.repo.recoveryOrder(m, id, true);
      const problems = recoveryRepaymentProblems(r, dto.amountCents);
      if (problems.some((p) => p.code === 'settled')) throw AppError.conflict('settled', REPAYMENT_TEXT.settled, [{ field: 'status', code: 'settled', message: REPAYMENT_TEXT.settled }]);
      if (problems.length) {
        throw new AppError(422, 'invalid_repayment', 'The repayment cannot be recorded', problems.map((p) => ({
          field: p.field, code: p.code, message: p.code === 'above_owed' ? `${REPAYMENT_TEXT.above_owed} (${p.params?.owedCents} cents)` : REPAYMENT_TEXT[p.code] ?? p.code,
        })));
      }
      if (!isSaneDate(dto.receivedOn)) throw AppError.badRequest('receivedOn', 'date', 'Not a calendar date');
      const next = applyRecoveryRepayment(r, dto.amountCents);
      const repaymentId = await this.repo.insertRepayment(m, { orderId: id, amountCents: dto.amountCents, receivedOn: dto.receivedOn, bankReference: dto.bankReference.trim(), recordedBy: actor.id });
      await changeRecoveryOrderStatus(m, this.audit, actor, id, next.status, {
        set: { repaidCents: next.repaidCents },
        audit: {
          action: next.status === 'settled' ? 'recovery_order.settled' : 'recovery_order.repayment',
          summary: `${r.number}: ${dto.amountCents} cents received on ${dto.receivedOn} (bank reference ${dto.bankReference.trim()}, repayment ${repaymentId}); ${next.repaidCents} of ${r.amountCents} repaid, ${next.owedCents} still owed`,
        },
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }
}
