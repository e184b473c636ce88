/**
 * The Secretariat's answers of the evaluation API (apps/api/src/modules/evaluations: overview(), ranking(),
 * decisions()), named from the generated OpenAPI schema (libs/api-client): the API's response DTOs are the one
 * source of these shapes.
 */
import type { ConsolidationRule, EvaluationGrid } from '@grants/domain';
import type { QueryOf, RequestBodyOf, Schemas } from '../../api/client';

export type EvaluationOverview = Schemas['EvaluationOverviewResponseDto'];
export type PoolMember = Schemas['PoolMemberResponseDto'];
export type AvailableEvaluator = Schemas['AvailableEvaluatorResponseDto'];
export type EvaluatedApplication = Schemas['OverviewApplicationResponseDto'];
export type AssignmentView = Schemas['CallAssignmentResponseDto'];
export type AssignmentOrigin = AssignmentView['origin'];
export type EvaluationRulesView = Schemas['OverviewRulesResponseDto'];
export type AutoAssignResult = Schemas['AutoAssignResponseDto'];

/** GET /api/calls/:id/ranking (and the answer of a decision and of a decline). */
export type RankingData = Schemas['RankingResponseDto'];
export type RankingView = Schemas['RankingViewResponseDto'];
export type RankingViewRow = Schemas['RankingRowResponseDto'];
export type Decision = Schemas['DecisionResponseDto'];
export type Award = Schemas['AwardRowResponseDto'];

/** What POST /api/calls/:id/decision takes. */
export type DecisionBody = RequestBodyOf<'/api/calls/{id}/decision', 'post'>;
export type Adjustment = Schemas['AdjustmentDto'];
export type ExportFormat = QueryOf<'/api/calls/{id}/ranking/export', 'get'>['format'];

/** The row of the ranking as the decision froze it (no sheet counts: nothing is pending once decided). */
export type SnapshotRow = Omit<RankingViewRow, 'sheets' | 'required'> & Partial<Pick<RankingViewRow, 'sheets' | 'required'>>;

/**
 * The ranking as the decision froze it (decision_records.snapshot). The API declares it as a free object (it is
 * stored as written at the time, so older records may lack `rules`): `decisionSnapshot` reads it as this shape
 * only when it has its ranking rows.
 */
export type DecisionSnapshot = {
  envelopeCents: number;
  rules?: { tieBreakSectionId: string | null; reserveListSize: number; consolidationRule: ConsolidationRule; grid: EvaluationGrid };
  committeeMembers: string[];
  decidedOn: string;
  ranking: SnapshotRow[];
  awardedCents: number;
  remainingCents: number;
};

/** The frozen ranking of a decision, or undefined when its snapshot does not carry one. */
export function decisionSnapshot(decision: Pick<Decision, 'snapshot'> | null | undefined): DecisionSnapshot | undefined {
  const snap = decision?.snapshot;
  return snap && Array.isArray(snap.ranking) && typeof snap.envelopeCents === 'number' ? (snap as unknown as DecisionSnapshot) : undefined;
}
