import { Injectable } from '@nestjs/common';
import { trancheConditions, type GrantForTranche, type TrancheCondition, type TrancheRef } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { GrantEntity, TrancheEntity } from './entities/grant.entity';
import { GrantsRepository } from './grants.repository';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The documents a tranche's request carries: a further instalment and the balance rest on an expenditure report
 * (its reference is the document); the pre-financing needs none.
 */
export function requiredDocuments(t: Pick<TrancheEntity, 'kind'>): string[] {
  return t.kind === 'pre_financing' ? [] : ['expenditure_report'];
}

export function attachedDocuments(t: Pick<TrancheEntity, 'expenditureReportId' | 'documentFileIds'>, handedIn?: ReadonlySet<string>): string[] {
  // the expenditure report counts once handed in (submitted or accepted): not a draft, nor one returned for correction
  const report = !!t.expenditureReportId && (!handedIn || handedIn.has(t.expenditureReportId));
  return [...(report ? ['expenditure_report'] : []), ...(t.documentFileIds.length ? ['supporting_documents'] : [])];
}

export type TrancheView = ReturnType<typeof trancheView>;

export function trancheView(t: TrancheEntity, conditions: TrancheCondition[]) {
  return {
    id: t.id, grantId: t.grantId, seq: t.seq, kind: t.kind, amountCents: t.amountCents, plannedDate: t.plannedDate, periodStart: t.periodStart, periodEnd: t.periodEnd,
    status: t.status, version: t.version, requestedAt: iso(t.requestedAt), expenditureReportId: t.expenditureReportId, documentFileIds: t.documentFileIds, requestNote: t.requestNote,
    approvedAt: iso(t.approvedAt), approvedOn: t.approvedOn, paidAt: iso(t.paidAt), paidOn: t.paidOn, bankReference: t.bankReference, paymentOrderId: t.paymentOrderId,
    returnReason: t.returnReason, conditions, allConditionsMet: conditions.every((c) => c.met),
  };
}

/** Every condition of every tranche of a grant, met or not with the figure behind it (libs/domain trancheConditions). */
@Injectable()
export class TrancheConditionsService {
  constructor(private readonly repo: GrantsRepository) {}

  async context(m: EntityManager, g: GrantEntity) {
    const tranches = await this.repo.tranches(m, g.id);
    const expenditure = await this.repo.expenditure(m, g.id);
    const pending = (await this.repo.amendments(m, g.id)).some((a) => a.kind === 'bank_account_change' && a.status === 'requested');
    const handedIn = new Set(expenditure.filter((r) => r.status === 'submitted' || r.status === 'accepted').map((r) => r.id));
    const refs: TrancheRef[] = tranches.map((t) => ({
      seq: t.seq, kind: t.kind, amountCents: t.amountCents, status: t.status, requiredDocuments: requiredDocuments(t), attachedDocuments: attachedDocuments(t, handedIn),
    }));
    const grant: GrantForTranche = { status: g.status, tranches: refs, settings: g.settings, iban: g.iban, bankAccountChangePending: pending };
    const reports = await this.repo.narrativeReports(m, g.id);
    const conditionsOf = (t: TrancheEntity) => trancheConditions(refs.find((r) => r.seq === t.seq)!, grant, expenditure, reports);
    return { tranches, refs, grant, conditionsOf };
  }

  async tranchesWithConditions(m: EntityManager, g: GrantEntity) {
    const { tranches, conditionsOf } = await this.context(m, g);
    return tranches.map((t) => trancheView(t, conditionsOf(t)));
  }
}
