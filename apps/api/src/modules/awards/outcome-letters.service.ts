import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentReservePlace } from '@grants/domain';
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

  /** The outcome letter of one application: its scores per section and the evaluators' comments, without names. */
  async outcome(actor: AuthUser, applicationId: string) {
    await this.access.requireAccess(actor, 'application.read.own', [applicationId]);
    const m = this.ds.manager;
    const app = await this.repo.application(m, applicationId);
    const call = await this.evaluations.call(m, app.call_id);
    const decision = await this.repo.firstDecision(m, call.id);
    if (!decision) throw AppError.notFound('outcome');
    const snap = decision.snapshot as { ranking: DecidedRankingRow[] };
    const row = snap.ranking.find((r) => r.applicationId === applicationId);
    if (!row) throw AppError.notFound('outcome');
    const sheets = await this.evaluations.submittedSheets(m, applicationId);
    const award = await this.repo.awardOfApplication(m, applicationId);
    const grid = rulesOf(call).grid;
    // after a move-up the reserve list is shorter: the place is counted among those still on it
    const reservePlace = app.status === 'reserve' && row.reservePlace !== null
      ? currentReservePlace(snap.ranking, applicationId, await this.repo.reserveIds(m, call.id))
      : row.reservePlace;
    return {
      application: { id: app.id, reference: app.reference, status: app.status, organizationName: app.organizationName, requestedCents: app.requestedCents },
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
      decision: { decidedOn: decision.decidedOn, sha256: decision.sha256 },
      outcome: app.status === 'awarded' || app.status === 'declined' ? app.status : row.outcome,
      reason: row.reason, rank: row.rank, reservePlace, failures: row.failures, points: row.points,
      award: award ?? null,
      grid: grid.sections.map((s) => ({ id: s.id, title: s.title, maxPoints: s.criteria.reduce((x, c) => x + c.maxPoints, 0), thresholdPoints: s.thresholdPoints })),
      totalThreshold: grid.totalThreshold,
      comments: sheets.map((s, i) => ({ evaluator: i + 1, comments: s.comments })),
    };
  }
}
