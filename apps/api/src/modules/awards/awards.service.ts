import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { adjustmentProblems, canonicalJson, moveUpFromReserve, reserveFromDecision, type DecidedRow } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { changeApplicationStatus } from '../applications/application-status';
import { AuditService, sha256Hex as sha256 } from '../audit/audit.service';
import { changeCallStatus } from '../calls/call-status';
import { RecordDecisionDto } from '../evaluations/dtos/evaluation.dtos';
import { publicRules, rulesOf } from '../evaluations/evaluation-rules';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { RankingService } from '../evaluations/ranking.service';
import { NotificationsService } from '../notifications/notifications.service';
import { changeAwardStatus } from './award-status';
import { AwardsRepository } from './awards.repository';

/** The committee's decision record, the awards it makes, declines and the reserve list's move-ups. */
@Injectable()
export class AwardsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly evaluations: EvaluationsRepository,
    private readonly ranking: RankingService,
    private readonly repo: AwardsRepository,
  ) {}

  async decisions(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    await this.evaluations.call(this.ds.manager, callId);
    return { items: await this.repo.decisions(this.ds.manager, callId) };
  }

  /** The committee's decision: frozen, hashed into the audit trail; each applicant is told its outcome in its language. */
  async decide(actor: AuthUser, callId: string, dto: RecordDecisionDto) {
    await this.access.requireAccess(actor, 'award.decide', [callId]);
    await this.ds.transaction(async (m) => {
      const call = await this.evaluations.call(m, callId, true);
      if (call.status !== 'in_evaluation') throw AppError.badRequest('callId', call.status === 'decided' ? 'already_decided' : 'not_in_evaluation', call.status === 'decided' ? 'The decision on this call is already recorded' : 'The call is not in evaluation');
      const candidates = await this.ranking.candidates(m, call);
      if (!candidates.length) throw AppError.badRequest('callId', 'nothing_to_decide', 'No application of this call has been evaluated');
      const adjustments = (dto.adjustments ?? []).map((a) => ({ ...a }));
      const problems = adjustmentProblems(adjustments, candidates);
      if (problems.length) throw new AppError(400, 'invalid_adjustments', 'Some adjusted amounts break the rules', problems.map((p) => ({ ...p, message: p.code })));
      const view = this.ranking.rankingOf(call, candidates, call.definition.budgetEnvelopeCents, adjustments);
      if (view.pending > 0) throw AppError.badRequest('callId', 'evaluation_incomplete', `${view.pending} application(s) still lack submitted sheets`);
      const plain = this.ranking.rankingOf(call, candidates, call.definition.budgetEnvelopeCents);
      if (plain.sha256 !== dto.rankingSha256) throw AppError.conflict('ranking_changed', 'The ranking changed since you opened it (a sheet was submitted or reopened). Reload it and decide again.', [{ field: 'rankingSha256', code: 'ranking_changed', message: 'The ranking has changed' }]);
      const snapshot = {
        call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
        envelopeCents: call.definition.budgetEnvelopeCents,
        rules: { ...publicRules(call), grid: rulesOf(call).grid },
        committeeMembers: dto.committeeMembers,
        decidedOn: dto.decidedOn,
        ranking: view.rows.map((r) => ({
          applicationId: r.applicationId, reference: r.reference, organizationName: r.organizationName, rank: r.rank, points: r.points,
          requestedCents: r.requestedCents, awardedCents: r.awardedCents, adjustment: r.adjustment, outcome: r.outcome, reason: r.reason,
          failures: r.failures, reservePlace: r.reservePlace, tieBrokenBy: r.tieBrokenBy,
        })),
        awardedCents: view.awardedCents,
        remainingCents: view.remainingCents,
      };
      const digest = sha256(canonicalJson(snapshot));
      const decision = await this.repo.saveDecision(m, {
        callId, seq: 1, kind: 'decision', committeeMembers: dto.committeeMembers, decidedOn: dto.decidedOn,
        envelopeCents: call.definition.budgetEnvelopeCents, snapshot, sha256: digest, recordedBy: actor.id,
      });
      const awarded = view.rows.filter((r) => r.outcome === 'awarded');
      for (const r of awarded) {
        await this.repo.insertAward(m, { callId, applicationId: r.applicationId, decisionId: decision.id, amountCents: r.awardedCents, adjustmentReason: r.adjustment?.reason ?? null });
      }
      // every application's move to its outcome is checked against the transition table (one audit row each)
      for (const outcome of ['awarded', 'reserve', 'rejected'] as const) {
        await changeApplicationStatus(m, this.audit, actor, view.rows.filter((r) => r.outcome === outcome).map((r) => r.applicationId), outcome);
      }
      await changeCallStatus(m, this.audit, actor, callId, 'decided', {
        audit: {
          action: 'award.decision_recorded',
          summary: `Decision on ${call.reference} (${dto.decidedOn}; committee: ${dto.committeeMembers.join(', ')}): ${awarded.length} awarded, ${view.rows.filter((r) => r.outcome === 'reserve').length} on the reserve list, ${view.rows.filter((r) => r.outcome === 'rejected').length} rejected; SHA-256 ${digest}`,
        },
      });
      const byApp = new Map(candidates.map((c) => [c.applicationId, c]));
      for (const r of view.rows) {
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, byApp.get(r.applicationId)!.organizationId), kind: 'application.outcome',
          params: { reference: r.reference, callReference: call.reference, outcome: r.outcome },
          link: `/applications/${r.applicationId}/outcome`, eventKey: `outcome:${r.applicationId}:${decision.id}`,
        });
      }
    });
    return this.ranking.ranking(actor, callId);
  }

  /** An awarded applicant declines: its money returns to the envelope and the first on the reserve list moves up. */
  async decline(actor: AuthUser, awardId: string, reason: string) {
    await this.access.requireAccess(actor, 'award.decide', [(await this.repo.award(this.ds.manager, awardId)).callId]);
    const callId = await this.ds.transaction(async (m) => {
      const award = await this.repo.award(m, awardId, true);
      const call = await this.evaluations.call(m, award.callId, true);
      if (award.status !== 'awarded') throw AppError.badRequest('awardId', 'already_declined', 'This award has already been declined');
      const declined = await this.repo.application(m, award.applicationId);
      await changeAwardStatus(m, this.audit, actor, award.id, 'declined', {
        set: { declinedAt: new Date(), declineReason: reason },
        audit: { action: 'award.status_declined', summary: `The award to ${declined.reference} is declined: ${reason}` },
      });
      await changeApplicationStatus(m, this.audit, actor, award.applicationId, 'declined');
      const awards = await this.repo.awardEntities(m, call.id);
      const decisions = await this.repo.decisionEntities(m, call.id);
      const first = decisions.find((d) => d.kind === 'decision')!;
      const ranking = (first.snapshot as { ranking: DecidedRow[] }).ranking;
      const reserve = reserveFromDecision(ranking, await this.repo.reserveIds(m, call.id));
      const move = moveUpFromReserve(first.envelopeCents, awards.map((a) => ({ applicationId: a.applicationId, amountCents: a.amountCents, declined: a.status === 'declined' })), reserve);
      const movedRef = move.movedUp ? ranking.find((r) => r.applicationId === move.movedUp!.applicationId)!.reference : null;
      const snapshot = {
        call: { id: call.id, reference: call.reference }, declined: { applicationId: award.applicationId, reference: declined.reference, amountCents: award.amountCents, reason },
        movedUp: move.movedUp ? { ...move.movedUp, reference: movedRef } : null, reserveAfter: move.reserve, availableCentsAfter: move.availableCents,
        previousSha256: decisions[decisions.length - 1].sha256,
      };
      const digest = sha256(canonicalJson(snapshot));
      const rec = await this.repo.saveDecision(m, {
        callId: call.id, seq: decisions.length + 1, kind: 'move_up', committeeMembers: first.committeeMembers, decidedOn: await this.repo.today(m),
        envelopeCents: first.envelopeCents, snapshot, sha256: digest, recordedBy: actor.id,
      });
      if (move.movedUp) {
        await this.repo.insertAward(m, {
          callId: call.id, applicationId: move.movedUp.applicationId, decisionId: rec.id, amountCents: move.movedUp.amountCents,
          adjustmentReason: move.movedUp.reduced ? 'Reduced to what remained of the envelope when it moved up from the reserve list' : null,
        });
        await changeApplicationStatus(m, this.audit, actor, move.movedUp.applicationId, 'awarded');
        const moved = await this.repo.application(m, move.movedUp.applicationId);
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, moved.organization_id), kind: 'application.outcome',
          params: { reference: movedRef, callReference: call.reference, outcome: 'awarded' },
          link: `/applications/${move.movedUp.applicationId}/outcome`, eventKey: `outcome:${move.movedUp.applicationId}:${rec.id}`,
        });
      }
      await this.audit.record(m, actor, {
        action: 'award.declined', entity: 'call', entityId: call.id,
        summary: `${declined.reference} declined its award (${reason}); ${movedRef ? `${movedRef} moves up from the reserve list` : 'no one moves up'}; SHA-256 ${digest}`,
      });
      return call.id;
    });
    return this.ranking.ranking(actor, callId);
  }
}
