import { ApiProperty } from '@nestjs/swagger';
import { GRANT_STATUSES, type GrantStatus } from '@grants/domain';
import { ShownBeneficiaryTableResponseDto } from '../../reports/dtos/narrative-reports-response.dto';

const PACES = ['ahead', 'behind', 'on_track', 'not_started', 'none'] as const;
type Pace = (typeof PACES)[number];

/** Every answer of the dashboard says when its pre-aggregated figures were refreshed. */
export class PortfolioAnswerDto {
  /** When the figures were refreshed (ISO instant); the worker refreshes them every minute. */
  asOf!: string;
}

export class PortfolioCallOptionDto {
  id!: string;
  reference!: string;
}

export class PortfolioFiltersResponseDto extends PortfolioAnswerDto {
  calls!: PortfolioCallOptionDto[];
  /** Strategy codes the grants in view are tied to (with the objectives above them), in Strategy order. */
  objectives!: string[];
  /** Municipality codes present (organisations' seats and beneficiaries reported). */
  municipalities!: string[];
  /** The earliest grant start and the latest grant end among the grants in view (YYYY-MM-DD). */
  @ApiProperty({ nullable: true, type: String }) firstDay!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastDay!: string | null;
}

/** Money in integer euro cents (see libs/domain portfolio.ts for what each figure holds). */
export class MoneyFiguresDto {
  awardedCents!: number;
  contractedCents!: number;
  paidCents!: number;
  spentCents!: number;
  acceptedCents!: number;
  remainingCents!: number;
  recoveredCents!: number;
}

export class MoneyGroupDto {
  /** The call's or organisation's id. */
  id!: string;
  /** The call's reference or the organisation's name. */
  name!: string;
  money!: MoneyFiguresDto;
  grantCount!: number;
  /** The grants behind the figures (at most 200). */
  grantIds!: string[];
}

export class MoneyHeadingDto {
  /** Budget heading (human_resources, travel, …; `other` for a line without one). */
  heading!: string;
  approvedCents!: number;
  spentCents!: number;
  acceptedCents!: number;
  grantCount!: number;
}

export class GrantBurnDto {
  grantId!: string;
  @ApiProperty({ nullable: true, type: String }) agreementNumber!: string | null;
  organizationName!: string;
  contractedCents!: number;
  acceptedCents!: number;
  /** Accepted share of the contracted amount, basis points; null when nothing is contracted. */
  @ApiProperty({ nullable: true, type: 'integer' }) spentBp!: number | null;
  elapsedBp!: number;
  @ApiProperty({ nullable: true, type: 'integer' }) gapBp!: number | null;
  @ApiProperty({ enum: PACES }) pace!: Pace;
}

export class PortfolioBurnDto {
  @ApiProperty({ nullable: true, type: 'integer' }) spentBp!: number | null;
  /** Time elapsed, weighted by the contracted amounts. */
  elapsedBp!: number;
  @ApiProperty({ nullable: true, type: 'integer' }) gapBp!: number | null;
  @ApiProperty({ enum: PACES }) pace!: Pace;
  ahead!: number;
  behind!: number;
  onTrack!: number;
  /** The grants ahead and behind, the furthest from their time first (at most 50). */
  grants!: GrantBurnDto[];
}

export class MoneyMonthDto {
  /** YYYY-MM */
  month!: string;
  paidCents!: number;
  acceptedCents!: number;
  /** Narrative reports handed in. */
  reports!: number;
}

export class PortfolioMoneyResponseDto extends PortfolioAnswerDto {
  totals!: MoneyFiguresDto;
  grantCount!: number;
  byCall!: MoneyGroupDto[];
  /** The 50 organisations with the most contracted; `organizationCount` says how many there are in all. */
  byOrganization!: MoneyGroupDto[];
  organizationCount!: number;
  byHeading!: MoneyHeadingDto[];
  burnRate!: PortfolioBurnDto;
  timeline!: MoneyMonthDto[];
}

export class RatingGroupDto {
  /** The latest monitoring rating (1 good, 2 some problems, 3 serious problems); null: no rated visit yet. */
  @ApiProperty({ nullable: true, type: 'integer', enum: [1, 2, 3] }) rating!: 1 | 2 | 3 | null;
  count!: number;
  /** At most 200 (the count says how many). */
  grantIds!: string[];
  /** The visit reports that gave the ratings (at most 200). */
  visitReportIds!: string[];
}

export class StatusGroupDto {
  @ApiProperty({ enum: GRANT_STATUSES }) status!: GrantStatus;
  count!: number;
  /** At most 200 (the count says how many); the grants list filtered by status has them all. */
  grantIds!: string[];
}

export class PortfolioGrantsResponseDto extends PortfolioAnswerDto {
  total!: number;
  byRating!: RatingGroupDto[];
  byStatus!: StatusGroupDto[];
}

const OVERDUE_KINDS = ['signature', 'countersignature', 'report', 'tranche', 'action_point'] as const;
type OverdueKind = (typeof OVERDUE_KINDS)[number];

export class OverdueItemDto {
  /** signature: the organisation has not signed; countersignature: the Secretariat has not; report: a narrative report; tranche; action_point. */
  @ApiProperty({ enum: OVERDUE_KINDS }) kind!: OverdueKind;
  /** The record overdue: the grant (signatures), the narrative report, the tranche, the action point. */
  recordId!: string;
  /** YYYY-MM-DD */
  dueDate!: string;
  daysOverdue!: number;
  grantId!: string;
  @ApiProperty({ nullable: true, type: String }) agreementNumber!: string | null;
  organizationName!: string;
}

export class OverdueCountsDto {
  signature!: number;
  countersignature!: number;
  report!: number;
  tranche!: number;
  actionPoint!: number;
}

export class PortfolioOverdueResponseDto extends PortfolioAnswerDto {
  /** Today in Kosovo, YYYY-MM-DD. */
  today!: string;
  total!: number;
  counts!: OverdueCountsDto;
  /** Oldest first, at most 200. */
  items!: OverdueItemDto[];
}

export class ObjectiveResultDto {
  /** Strategy code; null for indicators tied to no objective. */
  @ApiProperty({ nullable: true, type: String }) code!: string | null;
  @ApiProperty({ nullable: true, enum: ['strategic', 'specific', 'activity'] }) level!: 'strategic' | 'specific' | 'activity' | null;
  indicators!: number;
  /** Indicators with numeric baseline and target, whose progress is averaged; the others are counted only. */
  averaged!: number;
  achieved!: number;
  /** Mean progress towards the targets, basis points (each indicator capped at 10,000); null when none is averaged. */
  @ApiProperty({ nullable: true, type: 'integer' }) averageProgressBp!: number | null;
  grantCount!: number;
  reportCount!: number;
  /** At most 200. */
  grantIds!: string[];
  /** The narrative reports whose values count (at most 200). */
  reportIds!: string[];
}

export class PortfolioResultsResponseDto extends PortfolioAnswerDto {
  objectives!: ObjectiveResultDto[];
}

export class PortfolioBeneficiariesResponseDto extends PortfolioAnswerDto {
  /** The reports' tables added up and suppressed: every count from 1 to 4 "<5", and what would give one away 'c', totals included. */
  @ApiProperty({ type: ShownBeneficiaryTableResponseDto }) table!: ShownBeneficiaryTableResponseDto;
  /** Narrative reports counted. */
  reports!: number;
  grantCount!: number;
  /** At most 200. */
  grantIds!: string[];
}
