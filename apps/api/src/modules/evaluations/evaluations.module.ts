import { Module } from '@nestjs/common';
import { AwardsRepository } from '../awards/awards.repository';
import { AssignmentsService } from './assignments.service';
import { EvaluationPoolService } from './evaluation-pool.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { RankingService } from './ranking.service';
import { ScoringService } from './scoring.service';

const SERVICES = [EvaluationPoolService, AssignmentsService, ScoringService, RankingService];

/**
 * Evaluation, split along its jobs: pool and declarations, assignments, scoring sheets, ranking and exports.
 * The ranking shows the decision and the awards, so it reads them through the (stateless) awards repository.
 */
@Module({ controllers: [EvaluationsController], providers: [...SERVICES, EvaluationsRepository, AwardsRepository], exports: [...SERVICES, EvaluationsRepository] })
export class EvaluationsModule {}
