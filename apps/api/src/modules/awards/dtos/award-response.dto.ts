import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, AWARD_STATUSES, type ApplicationStatus, type AwardStatus } from '@grants/domain';
import { LocalizedTextDto } from '../../calls/dtos/call.dtos';
import {
  DecisionResponseDto, EvaluationCallRefResponseDto, PointsResponseDto, ThresholdFailureResponseDto,
} from '../../evaluations/dtos/evaluation-response.dto';

export class DecisionsResponseDto {
  @ApiProperty({ type: [DecisionResponseDto] }) items!: DecisionResponseDto[];
}

export class OutcomeApplicationResponseDto {
  id!: string;
  reference!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  organizationName!: string;
  /** Integer euro cents. */
  requestedCents!: number;
}

export class OutcomeDecisionResponseDto {
  /** YYYY-MM-DD. */
  decidedOn!: string;
  sha256!: string;
}

export class OutcomeAwardResponseDto {
  id!: string;
  /** Integer euro cents: awarded, or offered (less than requested) until the organisation answers. */
  amountCents!: number;
  /** offered: the organisation accepts or refuses (POST /api/awards/:id/accept, /refuse); refused: it did. */
  @ApiProperty({ enum: AWARD_STATUSES }) status!: AwardStatus;
  /** Why the amount is less than requested (the committee's reason, or what was left of the envelope). */
  adjustmentReason!: string | null;
  /** ISO instant the organisation answered the offer. */
  answeredAt!: string | null;
  /** The reason given with a decline or a refusal. */
  declineReason!: string | null;
}

export class OutcomeSectionResponseDto {
  id!: string;
  title!: LocalizedTextDto;
  maxPoints!: number;
  thresholdPoints!: number | null;
}

export class OutcomeCommentsResponseDto {
  /** 1, 2, …: evaluators are not named. */
  evaluator!: number;
  /** A comment per section id. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) comments!: Record<string, string>;
}

/** The outcome of one application, as its letter tells it. */
export class OutcomeResponseDto {
  application!: OutcomeApplicationResponseDto;
  call!: EvaluationCallRefResponseDto;
  decision!: OutcomeDecisionResponseDto;
  /** As it stands now: offered (less than requested, to accept or refuse), awarded, reserve, rejected or declined. */
  @ApiProperty({ enum: ['awarded', 'offered', 'reserve', 'rejected', 'declined'] }) outcome!: 'awarded' | 'offered' | 'reserve' | 'rejected' | 'declined';
  /** Why it was rejected (null unless rejected). */
  @ApiProperty({ enum: ['below_threshold', 'not_within_envelope'], nullable: true }) reason!: 'below_threshold' | 'not_within_envelope' | null;
  rank!: number | null;
  /** Place on the reserve list now (counted among those still on it); null unless the outcome is reserve. */
  reservePlace!: number | null;
  /** It moved up from the reserve list after the decision (an offer then is what was left of the envelope). */
  movedUp!: boolean;
  @ApiProperty({ type: [ThresholdFailureResponseDto] }) failures!: ThresholdFailureResponseDto[];
  /** Means of the sheets to hundredths; sections apportioned so that they add up to the total (see pointsRounding). */
  @ApiProperty({ type: PointsResponseDto, nullable: true }) points!: PointsResponseDto | null;
  /** sections_add_up: section points rounded by largest remainder to add up to the total; each_rounded: each on its own. */
  @ApiProperty({ enum: ['sections_add_up', 'each_rounded'] }) pointsRounding!: 'sections_add_up' | 'each_rounded';
  @ApiProperty({ type: OutcomeAwardResponseDto, nullable: true }) award!: OutcomeAwardResponseDto | null;
  @ApiProperty({ type: [OutcomeSectionResponseDto] }) grid!: OutcomeSectionResponseDto[];
  totalThreshold!: number | null;
  @ApiProperty({ type: [OutcomeCommentsResponseDto] }) comments!: OutcomeCommentsResponseDto[];
}
