import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  adjustmentProblems, canonicalJson, initialAwardStatus, rerunFundingLine, reserveFromDecision, type DecidedRow,
} from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuditActor, AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { changeApplicationStatus } from '../applications/application-status';
import { AuditService, sha256Hex as sha256 } from '../audit/audit.service';
import { changeCallStatus } from '../calls/call-status';
import type { CallEntity } from '../calls/entities/call.entity';
import { RecordDecisionDto } from '../evaluations/dtos/evaluation.dtos';
import { publicRules, rulesOf } from '../evaluations/evaluation-rules';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { RankingService } from '../evaluations/ranking.service';
import { NotificationsService } from '../notifications/notifications.service';
import { changeAwardStatus } from './award-status';
import { AwardsRepository } from './awards.repository';
import type { AwardEntity } from './entities/award.entity';
import { OutcomeLettersService } from './outcome-letters.service';

/** Why money came back to the envelope: an award declined (recorded by the Secretariat) or an offer refused. */
type Freed = { kind: 'declined' | 'refused'; applicationId: string; reference: string; amountCents: number; reason: string | null };

/**
 * The committee's decision record, the awards and offers it makes, the organisations' answers to offers, declines,
 * and the funding line re-run down the reserve list whenever money comes back.
 */
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
    private readonly letters: OutcomeLettersService,
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
      // the requested amount is awarded; a lowered one is an offer the organisation accepts or refuses
      const statusOf = new Map(awarded.map((r) => [r.applicationId, initialAwardStatus(r.awardedCents, r.requestedCents)]));
      for (const r of awarded) {
        await this.repo.insertAward(m, {
          callId, applicationId: r.applicationId, decisionId: decision.id, amountCents: r.awardedCents, adjustmentReason: r.adjustment?.reason ?? null,
          status: statusOf.get(r.applicationId)!,
        });
      }
      // every application's move to its outcome is checked against the transition table (one audit row each)
      const outcomeOf = (r: (typeof view.rows)[number]) => (r.outcome === 'awarded' ? statusOf.get(r.applicationId)! : r.outcome);
      for (const outcome of ['awarded', 'offered', 'reserve', 'rejected'] as const) {
        await changeApplicationStatus(m, this.audit, actor, view.rows.filter((r) => outcomeOf(r) === outcome).map((r) => r.applicationId), outcome);
      }
      await changeCallStatus(m, this.audit, actor, callId, 'decided', {
        audit: {
          action: 'award.decision_recorded',
          summary: `Decision on ${call.reference} (${dto.decidedOn}; committee: ${dto.committeeMembers.join(', ')}): ${awarded.length} awarded (${[...statusOf.values()].filter((x) => x === 'offered').length} of them offered less than requested), ${view.rows.filter((r) => r.outcome === 'reserve').length} on the reserve list, ${view.rows.filter((r) => r.outcome === 'rejected').length} rejected; SHA-256 ${digest}`,
        },
      });
      const byApp = new Map(candidates.map((c) => [c.applicationId, c]));
      for (const r of view.rows) {
        const offered = outcomeOf(r) === 'offered';
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, byApp.get(r.applicationId)!.organizationId), kind: offered ? 'award.offered' : 'application.outcome',
          params: { reference: r.reference, callReference: call.reference, outcome: outcomeOf(r) },
          link: `/applications/${r.applicationId}/outcome`, eventKey: `outcome:${r.applicationId}:${decision.id}`,
        });
      }
      // the decision anchors the audit chain: a later cut or rewrite of what led to it shows
      await this.audit.anchor(`decision:${decision.id}`, m);
    });
    return this.ranking.ranking(actor, callId);
  }

  /** The Secretariat records that an awarded organisation declined its grant: the money goes down the reserve list again. */
  async decline(actor: AuthUser, awardId: string, reason: string) {
    await this.access.requireAccess(actor, 'award.decide', [(await this.repo.award(this.ds.manager, awardId)).callId]);
    const callId = await this.ds.transaction(async (m) => {
      const award = await this.repo.award(m, awardId, true);
      const call = await this.evaluations.call(m, award.callId, true);
      if (award.status === 'offered') throw AppError.badRequest('awardId', 'offer_open', 'This is an offer: the organisation accepts or refuses it itself');
      if (award.status !== 'awarded') throw AppError.badRequest('awardId', 'already_declined', 'This award has already been declined');
      const declined = await this.repo.application(m, award.applicationId);
      await changeAwardStatus(m, this.audit, actor, award.id, 'declined', {
        set: { declinedAt: new Date(), declineReason: reason },
        audit: { action: 'award.status_declined', summary: `The award to ${declined.reference} is declined: ${reason}` },
      });
      await changeApplicationStatus(m, this.audit, actor, award.applicationId, 'declined');
      await this.rerun(m, actor, call, { kind: 'declined', applicationId: award.applicationId, reference: declined.reference, amountCents: award.amountCents, reason });
      return call.id;
    });
    return this.ranking.ranking(actor, callId);
  }

  /** The organisation accepts an offer (less than it requested): the award is made. The Secretariat is told. */
  async accept(actor: AuthUser, awardId: string) {
    const applicationId = await this.answerable(actor, awardId);
    await this.ds.transaction(async (m) => {
      const { award, app, call } = await this.openOffer(m, awardId);
      await changeAwardStatus(m, this.audit, actor, award.id, 'awarded', {
        set: { answeredAt: new Date(), answeredBy: actor.id },
        audit: { action: 'award.offer_accepted', summary: `${app.organizationName} accepted the offer of ${award.amountCents} cents for ${app.reference} (requested ${app.requestedCents})` },
      });
      await changeApplicationStatus(m, this.audit, actor, app.id, 'awarded');
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'award.offer_accepted',
        params: { reference: app.reference, callReference: call.reference, organization: app.organizationName },
        link: `/calls/${call.id}/evaluation`, eventKey: `award:${award.id}:accepted`,
      });
    });
    return this.letters.outcome(actor, applicationId);
  }

  /** The organisation refuses an offer: its money goes back down the reserve list. The Secretariat is told. */
  async refuse(actor: AuthUser, awardId: string, reason: string | null) {
    const applicationId = await this.answerable(actor, awardId);
    await this.ds.transaction(async (m) => {
      const { award, app, call } = await this.openOffer(m, awardId);
      const now = new Date();
      await changeAwardStatus(m, this.audit, actor, award.id, 'refused', {
        set: { answeredAt: now, answeredBy: actor.id, declinedAt: now, declineReason: reason },
        audit: { action: 'award.offer_refused', summary: `${app.organizationName} refused the offer of ${award.amountCents} cents for ${app.reference}${reason ? `: ${reason}` : ''}` },
      });
      await changeApplicationStatus(m, this.audit, actor, app.id, 'declined');
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'award.offer_refused',
        params: { reference: app.reference, callReference: call.reference, organization: app.organizationName, reason: reason ?? '—' },
        link: `/calls/${call.id}/evaluation`, eventKey: `award:${award.id}:refused`,
      });
      await this.rerun(m, actor, call, { kind: 'refused', applicationId: app.id, reference: app.reference, amountCents: award.amountCents, reason });
    });
    return this.letters.outcome(actor, applicationId);
  }

  /** An offer is answered by the organisation that applied (its members, as they submit); anyone else gets 404. */
  private async answerable(actor: AuthUser, awardId: string): Promise<string> {
    const award = await this.repo.award(this.ds.manager, awardId);
    await this.access.requireAccess(actor, 'application.create', [award.applicationId]);
    return award.applicationId;
  }

  private async openOffer(m: EntityManager, awardId: string) {
    const award = await this.repo.award(m, awardId, true);
    const call = await this.evaluations.call(m, award.callId, true);
    if (award.status !== 'offered') throw AppError.badRequest('awardId', 'not_offered', award.status === 'awarded' ? 'This offer is already accepted' : 'This offer is no longer open');
    const app = await this.repo.application(m, award.applicationId);
    return { award, app, call };
  }

  /**
   * Money came back: the funding line runs again down the reserve list by the decision's rule (libs/domain
   * rerunFundingLine): in order, each that fits is awarded its request, the first that does not is offered what is
   * left. Recorded as a frozen, hashed move-up record that anchors the audit chain; each organisation is told.
   */
  private async rerun(m: EntityManager, actor: AuditActor, call: CallEntity, freed: Freed): Promise<void> {
    const awards = await this.repo.awardEntities(m, call.id);
    const decisions = await this.repo.decisionEntities(m, call.id);
    const first = decisions.find((d) => d.kind === 'decision')!;
    const ranking = (first.snapshot as { ranking: DecidedRow[] }).ranking;
    const fromReserve = new Set(ranking.filter((r) => r.reservePlace !== null).map((r) => r.applicationId));
    const openOffers = new Map(awards.filter((a) => a.status === 'offered' && fromReserve.has(a.applicationId)).map((a) => [a.applicationId, a.amountCents]));
    const reserve = reserveFromDecision(ranking, await this.repo.reserveIds(m, call.id), openOffers);
    const run = rerunFundingLine(first.envelopeCents, awards.map((a) => ({ applicationId: a.applicationId, amountCents: a.amountCents, status: a.status })), reserve);
    const refOf = new Map(ranking.map((r) => [r.applicationId, r.reference]));
    const snapshot = {
      call: { id: call.id, reference: call.reference },
      [freed.kind]: { applicationId: freed.applicationId, reference: freed.reference, amountCents: freed.amountCents, reason: freed.reason },
      movedUp: run.movedUp.map((x) => ({ ...x, reference: refOf.get(x.applicationId) ?? null })),
      reserveAfter: run.reserve, availableCentsBefore: run.availableCentsBefore, availableCentsAfter: run.availableCentsAfter,
      previousSha256: decisions[decisions.length - 1].sha256,
    };
    const digest = sha256(canonicalJson(snapshot));
    const rec = await this.repo.saveDecision(m, {
      callId: call.id, seq: decisions.length + 1, kind: 'move_up', committeeMembers: first.committeeMembers, decidedOn: await this.repo.today(m),
      envelopeCents: first.envelopeCents, snapshot, sha256: digest, recordedBy: actor.id,
    });
    const byApp = new Map<string, AwardEntity>(awards.map((a) => [a.applicationId, a]));
    for (const step of run.movedUp) {
      const reference = refOf.get(step.applicationId)!;
      const held = byApp.get(step.applicationId);
      if (step.previousOfferCents === null || !held) {
        await this.repo.insertAward(m, {
          callId: call.id, applicationId: step.applicationId, decisionId: rec.id, amountCents: step.amountCents, status: step.status,
          // an offer of what was left: the letter says so in the reader's language (movedUp), no reason is typed
          adjustmentReason: null,
        });
        await changeApplicationStatus(m, this.audit, actor, step.applicationId, step.status);
      } else {
        // an open offer grows with the money that came back; reaching the request, it is an award
        await this.repo.setOfferAmount(m, held.id, step.amountCents, rec.id);
        await this.audit.record(m, actor, { action: 'award.offer_raised', entity: 'award', entityId: held.id, summary: `The offer to ${reference} grows from ${step.previousOfferCents} to ${step.amountCents} cents (requested ${step.requestedCents})` });
        if (step.status === 'awarded') {
          await changeAwardStatus(m, this.audit, actor, held.id, 'awarded');
          await changeApplicationStatus(m, this.audit, actor, step.applicationId, 'awarded');
        }
      }
      const moved = await this.repo.application(m, step.applicationId);
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, moved.organization_id), kind: step.status === 'offered' ? 'award.offered' : 'application.outcome',
        params: { reference, callReference: call.reference, outcome: step.status },
        link: `/applications/${step.applicationId}/outcome`, eventKey: `outcome:${step.applicationId}:${rec.id}`,
      });
    }
    const moves = run.movedUp.map((x) => `${refOf.get(x.applicationId)} ${x.status === 'offered' ? `is offered ${x.amountCents} of its ${x.requestedCents} cents` : `is awarded ${x.amountCents} cents`}`);
    await this.audit.record(m, actor, {
      action: freed.kind === 'declined' ? 'award.declined' : 'award.refused', entity: 'call', entityId: call.id,
      summary: `${freed.reference} ${freed.kind === 'declined' ? 'declined its award' : 'refused its offer'}${freed.reason ? ` (${freed.reason})` : ''}; the funding line re-runs down the reserve list: ${moves.length ? moves.join('; ') : 'no one moves up'}; SHA-256 ${digest}`,
    });
    await this.audit.anchor(`decision:${rec.id}`, m);
  }
}
