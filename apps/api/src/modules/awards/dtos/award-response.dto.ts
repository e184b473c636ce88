import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@grants/domain';
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
  /** Integer euro cents. */
  amountCents!: number;
  @ApiProperty({ enum: ['awarded', 'declined'] }) status!: string;
  adjustmentReason!: string | null;
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
  @ApiProperty({ enum: ['awarded', 'reserve', 'rejected', 'declined'] }) outcome!: string;
  @ApiProperty({ enum: ['below_threshold', 'not_within_envelope'], nullable: true }) reason!: string | null;
  rank!: number | null;
  /** Place on the reserve list now (counted among those still on it). */
  reservePlace!: number | null;
  @ApiProperty({ type: [ThresholdFailureResponseDto] }) failures!: ThresholdFailureResponseDto[];
  @ApiProperty({ type: PointsResponseDto, nullable: true }) points!: PointsResponseDto | null;
  @ApiProperty({ type: OutcomeAwardResponseDto, nullable: true }) award!: OutcomeAwardResponseDto | null;
  @ApiProperty({ type: [OutcomeSectionResponseDto] }) grid!: OutcomeSectionResponseDto[];
  totalThreshold!: number | null;
  @ApiProperty({ type: [OutcomeCommentsResponseDto] }) comments!: OutcomeCommentsResponseDto[];
}
