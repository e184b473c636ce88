/** Types of the Secretariat's evaluation API (apps/api/src/modules/evaluations: overview(), ranking(), decisions()). */
import type {
  ApplicationStatus, AssignmentStatus, CallStatus, ConsolidationRule, EvaluationGrid, LocalizedText, RankingChange, RankingRow,
} from '@grants/domain';

export type AssignmentOrigin = 'automatic' | 'manual' | 'replacement' | 'divergence';

export type PoolMember = {
  userId: string;
  fullName: string;
  email: string;
  language: string;
  addedAt: string;
  declarationSignedAt: string | null;
  assigned: number;
  submitted: number;
  conflicts: number;
  overdue: number;
};

export type AvailableEvaluator = { userId: string; fullName: string; email: string };

export type AssignmentView = {
  id: string;
  applicationId: string;
  evaluatorId: string;
  evaluatorName: string;
  status: AssignmentStatus;
  origin: AssignmentOrigin;
  dueAt: string;
  total: number | null;
  submittedAt: string | null;
  conflictReason: string | null;
  hasScores: boolean;
};

export type EvaluatedApplication = {
  id: string;
  reference: string;
  organizationName: string;
  status: ApplicationStatus;
  /** How many submitted sheets it needs (one more when the first ones diverge). */
  required: number;
  assignments: AssignmentView[];
};

export type EvaluationRulesView = {
  evaluatorsPerApplication: number;
  divergenceThresholdPoints: number;
  consolidationRule: ConsolidationRule;
  tieBreakSectionId: string | null;
  reserveListSize: number;
  evaluationDueAt: string | null;
  envelopeCents: number;
};

export type EvaluationOverview = {
  call: { id: string; reference: string; title: LocalizedText; status: CallStatus; version: number };
  rules: EvaluationRulesView;
  pool: PoolMember[];
  available: AvailableEvaluator[];
  applications: EvaluatedApplication[];
};

export type AutoAssignResult = { assigned: number; unfilled: { applicationId: string; missing: number }[] };

export type RankingViewRow = RankingRow & { organizationName: string; sheets: number; required: number };

export type RankingView = {
  envelopeCents: number;
  rows: RankingViewRow[];
  awardedCents: number;
  remainingCents: number;
  pending: number;
  sha256: string;
  callEnvelopeCents: number;
  changes: RankingChange[];
};

/** The row of the ranking as the decision froze it (no sheet counts: nothing is pending once decided). */
export type SnapshotRow = RankingRow & { organizationName: string };

export type DecisionSnapshot = {
  envelopeCents: number;
  rules?: { tieBreakSectionId: string | null; reserveListSize: number; consolidationRule: ConsolidationRule; grid: EvaluationGrid };
  committeeMembers: string[];
  decidedOn: string;
  ranking: SnapshotRow[];
  awardedCents: number;
  remainingCents: number;
};

export type Decision = {
  id: string;
  seq: number;
  kind: 'decision' | 'move_up';
  committeeMembers: string[];
  decidedOn: string;
  envelopeCents: number;
  sha256: string;
  recordedAt: string;
  snapshot: DecisionSnapshot | Record<string, unknown>;
};

export type Award = {
  id: string;
  applicationId: string;
  reference: string;
  organizationName: string;
  amountCents: number;
  adjustmentReason: string | null;
  status: 'awarded' | 'declined';
  declinedAt: string | null;
  declineReason: string | null;
};

export type RankingData = {
  call: {
    id: string;
    reference: string;
    title: LocalizedText;
    status: CallStatus;
    grid: EvaluationGrid;
    rules: { evaluatorsPerApplication: number; divergenceThresholdPoints: number; consolidationRule: ConsolidationRule; tieBreakSectionId: string | null; reserveListSize: number };
  };
  ranking: RankingView;
  decision: Decision | null;
  awards: Award[];
};

export type Adjustment = { applicationId: string; amountCents: number; reason: string };

export type DecisionBody = { committeeMembers: string[]; decidedOn: string; adjustments?: Adjustment[]; rankingSha256: string };
