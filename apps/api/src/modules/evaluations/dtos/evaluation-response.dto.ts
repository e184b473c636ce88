import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES, ASSIGNMENT_STATUSES, AWARD_STATUSES, CALL_STATUSES, CONSOLIDATION_RULES,
  type ApplicationStatus, type AssignmentStatus, type AwardStatus, type CallStatus, type ConsolidationRule,
} from '@grants/domain';
import { ApplicationContentResponseDto, ComputedBudgetResponseDto } from '../../applications/dtos/application-response.dto';
import { EvaluationGridDto, LocalizedTextDto } from '../../calls/dtos/call.dtos';

const POINTS_BY_ID = { type: 'object', additionalProperties: { type: 'number' } } as const;
const TEXT_BY_ID = { type: 'object', additionalProperties: { type: 'string' } } as const;
const ORIGINS = ['automatic', 'manual', 'replacement', 'divergence'];
const OUTCOMES = ['awarded', 'reserve', 'rejected', 'pending'];
const LANGUAGES = ['en', 'sq', 'sr'];

/** Points per section id and in total (a score, not money: up to two decimals). */
export class PointsResponseDto {
  @ApiProperty(POINTS_BY_ID) sections!: Record<string, number>;
  total!: number;
}

export class EvaluationCallRefResponseDto {
  id!: string;
  reference!: string;
  title!: LocalizedTextDto;
}

export class EvaluationCallResponseDto extends EvaluationCallRefResponseDto {
  @ApiProperty({ enum: CALL_STATUSES }) status!: CallStatus;
}

// ---------------------------------------------------------------------------------------------------------
// The Secretariat's overview: pool, applications, assignments

export class EvaluationOverviewCallResponseDto extends EvaluationCallResponseDto {
  version!: number;
}

export class EvaluationRulesResponseDto {
  evaluatorsPerApplication!: number;
  divergenceThresholdPoints!: number;
  @ApiProperty({ enum: CONSOLIDATION_RULES }) consolidationRule!: ConsolidationRule;
  tieBreakSectionId!: string | null;
  reserveListSize!: number;
}

export class OverviewRulesResponseDto extends EvaluationRulesResponseDto {
  /** ISO instant; null when the call sets none. */
  evaluationDueAt!: string | null;
  /** Integer euro cents. */
  envelopeCents!: number;
}

export class PoolMemberResponseDto {
  userId!: string;
  fullName!: string;
  email!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  /** ISO instant. */
  addedAt!: string;
  /** ISO instant; null until the evaluator signs the declaration for this call. */
  declarationSignedAt!: string | null;
  assigned!: number;
  submitted!: number;
  conflicts!: number;
  overdue!: number;
}

export class AvailableEvaluatorResponseDto {
  userId!: string;
  fullName!: string;
  email!: string;
}

export class CallAssignmentResponseDto {
  id!: string;
  applicationId!: string;
  evaluatorId!: string;
  evaluatorName!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  @ApiProperty({ enum: ORIGINS }) origin!: string;
  /** ISO instant. */
  dueAt!: string;
  /** The sheet's total points once submitted. */
  total!: number | null;
  /** ISO instant. */
  submittedAt!: string | null;
  conflictReason!: string | null;
  hasScores!: boolean;
}

export class OverviewApplicationResponseDto {
  id!: string;
  reference!: string;
  organizationName!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  /** How many submitted sheets the application needs now (more when scores diverge). */
  required!: number;
  @ApiProperty({ type: [CallAssignmentResponseDto] }) assignments!: CallAssignmentResponseDto[];
}

/** The evaluation of a call as the Secretariat runs it. */
export class EvaluationOverviewResponseDto {
  call!: EvaluationOverviewCallResponseDto;
  rules!: OverviewRulesResponseDto;
  @ApiProperty({ type: [PoolMemberResponseDto] }) pool!: PoolMemberResponseDto[];
  @ApiProperty({ type: [AvailableEvaluatorResponseDto] }) available!: AvailableEvaluatorResponseDto[];
  @ApiProperty({ type: [OverviewApplicationResponseDto] }) applications!: OverviewApplicationResponseDto[];
}

export class UnfilledResponseDto {
  applicationId!: string;
  missing!: number;
}

export class AutoAssignResponseDto {
  assigned!: number;
  @ApiProperty({ type: [UnfilledResponseDto] }) unfilled!: UnfilledResponseDto[];
}

export class OkResponseDto {
  ok!: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// The evaluator

export class EvaluatorCallResponseDto extends EvaluationCallResponseDto {
  /** ISO instant; null until signed. */
  declarationSignedAt!: string | null;
  assigned!: number;
  submitted!: number;
  /** ISO instant of the earliest open sheet's due date. */
  nextDueAt!: string | null;
}

export class EvaluatorCallsResponseDto {
  @ApiProperty({ type: [EvaluatorCallResponseDto] }) items!: EvaluatorCallResponseDto[];
}

export class DeclarationResponseDto {
  call!: EvaluationCallRefResponseDto;
  /** The declaration of impartiality and confidentiality, in the three languages. */
  text!: LocalizedTextDto;
  /** ISO instant; null until signed. */
  signedAt!: string | null;
  @ApiProperty({ enum: LANGUAGES, nullable: true }) signedLanguage!: string | null;
}

export class MyAssignmentResponseDto {
  id!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  /** ISO instant. */
  dueAt!: string;
  total!: number | null;
  /** ISO instant. */
  submittedAt!: string | null;
  reference!: string;
  organizationName!: string;
  /** Shown once the evaluator has confirmed no conflict of interest. */
  projectTitle!: string | null;
}

export class MyAssignmentsResponseDto {
  call!: EvaluationCallResponseDto;
  @ApiProperty({ type: [MyAssignmentResponseDto] }) items!: MyAssignmentResponseDto[];
}

export class AssignmentCallResponseDto extends EvaluationCallResponseDto {
  grid!: EvaluationGridDto;
}

export class AssignmentApplicationResponseDto {
  id!: string;
  reference!: string;
  organizationName!: string;
  /** ISO instant. */
  submittedAt!: string;
  /** Integer euro cents. */
  requestedCents!: number;
}

export class EvaluatorAttachmentResponseDto {
  requirementId!: string;
  fileName!: string;
  size!: number;
  sha256!: string;
  /** The file to open; null if it is no longer stored. */
  fileId!: string | null;
}

/** The organisation's standing as the evaluator reads it: no contacts, no bank account. */
export class EvaluatorOrganizationResponseDto {
  legalName!: string;
  acronym!: string | null;
  registrationNumber!: string;
  licenceNumber!: string | null;
  licenceExpiry!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The licence status at submission' }) licence!: Record<string, unknown> | null;
  municipality!: string | null;
  website!: string | null;
  description!: string | null;
}

export class EvaluatorSnapshotResponseDto {
  reference!: string;
  /** The call's reference. */
  call!: string;
  /** ISO instant. */
  submittedAt!: string;
  content!: ApplicationContentResponseDto;
  contentSha256!: string;
  budget!: ComputedBudgetResponseDto;
  @ApiProperty({ type: [EvaluatorAttachmentResponseDto] }) attachments!: EvaluatorAttachmentResponseDto[];
  organization!: EvaluatorOrganizationResponseDto;
}

export class EvaluatorSubmissionResponseDto {
  reference!: string;
  sha256!: string;
  /** ISO instant. */
  submittedAt!: string;
  snapshot!: EvaluatorSnapshotResponseDto;
}

export class SheetResponseDto {
  /** Points per criterion id. */
  @ApiProperty(POINTS_BY_ID) scores!: Record<string, number>;
  /** A comment per section id. */
  @ApiProperty(TEXT_BY_ID) comments!: Record<string, string>;
  totals!: PointsResponseDto;
}

/** Another evaluator's submitted sheet, without the name (A, B, …). */
export class OtherSheetResponseDto {
  label!: string;
  @ApiProperty(POINTS_BY_ID) scores!: Record<string, number>;
  @ApiProperty(TEXT_BY_ID) comments!: Record<string, string>;
  total!: number | null;
}

/** One assignment as its evaluator sees it. */
export class AssignmentResponseDto {
  id!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status!: AssignmentStatus;
  /** ISO instant. */
  dueAt!: string;
  version!: number;
  conflictReason!: string | null;
  /** ISO instant. */
  submittedAt!: string | null;
  call!: AssignmentCallResponseDto;
  application!: AssignmentApplicationResponseDto;
  /** The frozen submission, once the evaluator has confirmed no conflict. */
  @ApiProperty({ type: EvaluatorSubmissionResponseDto, nullable: true }) submission!: EvaluatorSubmissionResponseDto | null;
  @ApiProperty({ type: SheetResponseDto, nullable: true }) sheet!: SheetResponseDto | null;
  @ApiProperty({ type: [OtherSheetResponseDto] }) others!: OtherSheetResponseDto[];
}

/** The answer to a conflict declaration: the assignment, or only its id and status once a conflict is declared (it no longer exists for the evaluator). */
export class ConflictAnswerResponseDto extends PartialType(AssignmentResponseDto) {
  override id!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) override status!: AssignmentStatus;
}

export class SavedSheetResponseDto {
  version!: number;
  totals!: PointsResponseDto;
}

// ---------------------------------------------------------------------------------------------------------
// Ranking

export class ThresholdFailureResponseDto {
  @ApiProperty({ enum: ['section', 'total'] }) scope!: 'section' | 'total';
  sectionId!: string | null;
  thresholdPoints!: number;
  points!: number;
}

export class AdjustmentResponseDto {
  /** Integer euro cents. */
  amountCents!: number;
  reason!: string;
}

export class RankingRowResponseDto {
  applicationId!: string;
  reference!: string;
  organizationName!: string;
  /** Place among the fundable applications (1 = best); null below a threshold or not yet scored. */
  rank!: number | null;
  @ApiProperty({ type: PointsResponseDto, nullable: true }) points!: PointsResponseDto | null;
  /** Integer euro cents. */
  requestedCents!: number;
  /** Integer euro cents (awarded only, otherwise 0). */
  awardedCents!: number;
  @ApiProperty({ type: AdjustmentResponseDto, nullable: true }) adjustment!: AdjustmentResponseDto | null;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiProperty({ enum: ['below_threshold', 'not_within_envelope'], nullable: true }) reason!: string | null;
  @ApiProperty({ type: [ThresholdFailureResponseDto] }) failures!: ThresholdFailureResponseDto[];
  reservePlace!: number | null;
  @ApiProperty({ enum: ['total', 'section', 'submission', 'reference'], nullable: true }) tieBrokenBy!: string | null;
  sheets!: number;
  required!: number;
}

export class RankingChangeResponseDto {
  applicationId!: string;
  reference!: string;
  @ApiProperty({ enum: OUTCOMES }) from!: string;
  @ApiProperty({ enum: OUTCOMES }) to!: string;
}

export class RankingViewResponseDto {
  /** Integer euro cents: the envelope this ranking is funded within (the call's, or a what-if). */
  envelopeCents!: number;
  @ApiProperty({ type: [RankingRowResponseDto] }) rows!: RankingRowResponseDto[];
  /** Integer euro cents. */
  awardedCents!: number;
  /** Integer euro cents. */
  remainingCents!: number;
  /** Applications still waiting for sheets. */
  pending!: number;
  /** What the decision must quote: the ranking it was taken on. */
  sha256!: string;
  /** Integer euro cents. */
  callEnvelopeCents!: number;
  /** Outcomes that differ from the call's own envelope (what-if). */
  @ApiProperty({ type: [RankingChangeResponseDto] }) changes!: RankingChangeResponseDto[];
}

export class RankingCallResponseDto extends EvaluationCallResponseDto {
  grid!: EvaluationGridDto;
  rules!: EvaluationRulesResponseDto;
}

/** The head of the audit chain recorded when a decision record was written (audit_anchors). */
export class DecisionAnchorResponseDto {
  seq!: number;
  hash!: string;
}

export class DecisionResponseDto {
  id!: string;
  seq!: number;
  @ApiProperty({ enum: ['decision', 'move_up'] }) kind!: 'decision' | 'move_up';
  committeeMembers!: string[];
  /** YYYY-MM-DD. */
  decidedOn!: string;
  /** Integer euro cents. */
  envelopeCents!: number;
  sha256!: string;
  /** ISO instant. */
  recordedAt!: string;
  /** The frozen record as hashed (canonical JSON): the ranking, or the move-up. */
  @ApiProperty({ type: 'object', additionalProperties: true }) snapshot!: Record<string, unknown>;
  /** The audit chain's head anchored with this record (reason decision:<id>); null for records older than anchoring. */
  @ApiProperty({ type: DecisionAnchorResponseDto, nullable: true }) anchor!: DecisionAnchorResponseDto | null;
}

export class AwardRowResponseDto {
  id!: string;
  applicationId!: string;
  reference!: string;
  organizationName!: string;
  /** Integer euro cents. */
  amountCents!: number;
  /** Integer euro cents the organisation requested (an amount below it is an offer). */
  requestedCents!: number;
  adjustmentReason!: string | null;
  /** offered (less than requested: the organisation accepts or refuses), awarded, refused (the offer) or declined. */
  @ApiProperty({ enum: AWARD_STATUSES }) status!: AwardStatus;
  /** ISO instant. */
  declinedAt!: string | null;
  declineReason!: string | null;
  /** ISO instant the organisation answered its offer. */
  answeredAt!: string | null;
}

export class RankingResponseDto {
  call!: RankingCallResponseDto;
  ranking!: RankingViewResponseDto;
  @ApiProperty({ type: DecisionResponseDto, nullable: true }) decision!: DecisionResponseDto | null;
  @ApiProperty({ type: [AwardRowResponseDto] }) awards!: AwardRowResponseDto[];
}
