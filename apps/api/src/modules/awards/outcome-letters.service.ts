import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentReservePlace, letterPoints, sectionsAddUp, type ConsolidationRule, type EvaluationGrid } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { rulesOf } from '../evaluations/evaluation-rules';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { AwardsRepository } from './awards.repository';

type DecidedRankingRow = {
  applicationId: string; rank: number | null; points: { sections: Record<string, number>; total: number } | null; outcome: string; reason: string | null;
  failures: unknown[]; reservePlace: number | null; awardedCents: number; adjustment: { amountCents: number; reason: string } | null;
};

/** What the applicant reads: the outcome of its application, as a page and as a letter. */
@Injectable()
export class OutcomeLettersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly evaluations: EvaluationsRepository,
    private readonly repo: AwardsRepository,
  ) {}

  /**
   * The outcome letter of one application: its outcome as it stands now (an offer, an award after a move-up, a
   * decline), its scores per section and the evaluators' comments, without names. Section points are apportioned
   * so that they add up to the total shown (largest remainder, libs/domain letterPoints).
   */
  async outcome(actor: AuthUser, applicationId: string) {
    await this.access.requireAccess(actor, 'application.read.own', [applicationId]);
    const m = this.ds.manager;
    const app = await this.repo.application(m, applicationId);
    const call = await this.evaluations.call(m, app.call_id);
    const decision = await this.repo.firstDecision(m, call.id);
    if (!decision) throw AppError.notFound('outcome');
    const snap = decision.snapshot as { ranking: DecidedRankingRow[]; rules?: { consolidationRule?: ConsolidationRule; grid?: EvaluationGrid } };
    const row = snap.ranking.find((r) => r.applicationId === applicationId);
    if (!row) throw AppError.notFound('outcome');
    const sheets = await this.evaluations.submittedSheets(m, applicationId);
    const award = await this.repo.awardOfApplication(m, applicationId);
    const rules = rulesOf(call);
    const grid = snap.rules?.grid ?? rules.grid;
    // the outcome as it stands now: an award or an offer (also after moving up), a decline or refusal, or the decision's
    const outcome = app.status === 'awarded' || app.status === 'offered' || app.status === 'declined' ? app.status : row.outcome;
    // only an application still on the reserve list has a place on it, counted among those still there
    const reservePlace = outcome === 'reserve' && row.reservePlace !== null
      ? currentReservePlace(snap.ranking, applicationId, await this.repo.reserveIds(m, call.id))
      : null;
    // the same sheets give the same total as the ranking; if they do not (a sheet changed since), the decision's figures stand
    const shown = row.points ? letterPoints(grid, sheets.map((x) => ({ id: x.id, scores: x.scores, submittedAt: (x.submittedAt ?? new Date(0)).toISOString() })), snap.rules?.consolidationRule ?? rules.consolidationRule) : null;
    const apportioned = shown !== null && row.points !== null && shown.total === row.points.total;
    const points = apportioned ? shown : row.points;
    return {
      application: { id: app.id, reference: app.reference, status: app.status, organizationName: app.organizationName, requestedCents: app.requestedCents },
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
      decision: { decidedOn: decision.decidedOn, sha256: decision.sha256 },
      outcome,
      reason: outcome === 'rejected' ? row.reason : null, rank: row.rank, reservePlace, failures: row.failures, points,
      // awarded or offered after moving up from the reserve list (an offer then is what was left of the envelope)
      movedUp: row.reservePlace !== null && award !== null,
      pointsRounding: (points && (apportioned || sectionsAddUp(points)) ? 'sections_add_up' : 'each_rounded') as 'sections_add_up' | 'each_rounded',
      award: award ?? null,
      grid: grid.sections.map((s) => ({ id: s.id, title: s.title, maxPoints: s.criteria.reduce((x, c) => x + c.maxPoints, 0), thresholdPoints: s.thresholdPoints })),
      totalThreshold: grid.totalThreshold,
      comments: sheets.map((s, i) => ({ evaluator: i + 1, comments: s.comments })),
    };
  }
}
