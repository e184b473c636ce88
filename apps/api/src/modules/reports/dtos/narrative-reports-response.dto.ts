import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  EXTENSION_STATUSES, NARRATIVE_REPORT_SECTIONS, NARRATIVE_REPORT_STATUSES, type ExtensionStatus, type NarrativeReportKind, type NarrativeReportSection,
  type NarrativeReportStatus, type PersonalDataKind,
} from '@grants/domain';
import { NarrativeActivityDto, NarrativeIndicatorValueDto, NarrativeSummaryDto } from './narrative-reports.dtos';

const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = ['personal_number', 'date_of_birth', 'phone', 'email', 'name'];
const PARAMS = { type: 'object' as const, additionalProperties: { oneOf: [{ type: 'string' as const }, { type: 'number' as const }] } };

/** A count hidden from anyone but the reporting organisation: "<5" (1 to 4), or 'c' (hidden so that another cannot be worked out). */
export class SuppressedCountResponseDto {
  @ApiProperty({ enum: ['<5', 'c'] }) shown!: '<5' | 'c';
  @ApiProperty({ enum: ['small_count', 'small_total', 'complementary', 'withheld'] }) reason!: 'small_count' | 'small_total' | 'complementary' | 'withheld';
}

const SHOWN = { oneOf: [{ type: 'integer' as const }, { $ref: getSchemaPath(SuppressedCountResponseDto) }] };
const SHOWN_CELLS = { type: 'object' as const, additionalProperties: SHOWN };
type Shown = number | SuppressedCountResponseDto;

/**
 * A beneficiary table as shown: to the organisation that reported it, its own counts (cells left out are 0); to
 * anyone else every cell, a number or hidden (libs/domain suppressBeneficiaryTable) — never a raw count from 1 to 4.
 */
export class ShownBeneficiaryTableResponseDto {
  @ApiProperty(SHOWN) total!: Shown;
  @ApiProperty(SHOWN_CELLS) bySex!: Record<string, Shown>;
  @ApiProperty(SHOWN_CELLS) byAge!: Record<string, Shown>;
  @ApiProperty(SHOWN_CELLS) byIntake!: Record<string, Shown>;
  @ApiProperty(SHOWN_CELLS) byService!: Record<string, Shown>;
  @ApiProperty(SHOWN_CELLS) byMunicipality!: Record<string, Shown>;
}

const keyed = (model: typeof NarrativeSummaryDto | typeof NarrativeActivityDto | typeof NarrativeIndicatorValueDto) => ({ type: 'object' as const, additionalProperties: { $ref: getSchemaPath(model) } });

/** The report's content as the reader may see it (the beneficiaries suppressed for anyone but the organisation). */
export class NarrativeReportContentResponseDto {
  @ApiProperty({ type: NarrativeSummaryDto }) general!: NarrativeSummaryDto;
  @ApiProperty(keyed(NarrativeSummaryDto)) results!: Record<string, NarrativeSummaryDto>;
  @ApiProperty(keyed(NarrativeActivityDto)) activities!: Record<string, NarrativeActivityDto>;
  @ApiProperty(keyed(NarrativeIndicatorValueDto)) indicators!: Record<string, NarrativeIndicatorValueDto>;
  @ApiProperty({ type: ShownBeneficiaryTableResponseDto }) beneficiaries!: ShownBeneficiaryTableResponseDto;
  challenges!: string;
  lessons!: string;
  nextPlan!: string;
}

export class NarrativeReportSummaryResponseDto {
  id!: string;
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  @ApiProperty({ enum: ['interim', 'final'] }) kind!: NarrativeReportKind;
  seq!: number;
  /** YYYY-MM-DD. */
  periodStart!: string;
  periodEnd!: string;
  /** The due date in force (moved by an extension granted). */
  dueDate!: string;
  /** The due date of the agreement's schedule. */
  scheduledDueDate!: string;
  @ApiProperty({ enum: NARRATIVE_REPORT_STATUSES }) status!: NarrativeReportStatus;
  /** Not handed in after its due date. */
  overdue!: boolean;
  /** Overdue by 7 days or more (escalated to the Secretariat). */
  escalated!: boolean;
  /** The number of the last frozen submission; 0 before the first. */
  submittedVersion!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt!: string | null;
  /** The optimistic-locking version of the draft (send it back with a save or a submission). */
  version!: number;
}

export class NarrativeReportListResponseDto {
  @ApiProperty({ type: [NarrativeReportSummaryResponseDto] }) items!: NarrativeReportSummaryResponseDto[];
  total!: number;
}

export class NarrativeLogframeResultResponseDto {
  /** `so.1.result.1` */
  key!: string;
  text!: string;
}

export class NarrativeLogframeIndicatorResponseDto {
  /** `so.1.result.1.indicator.1` */
  key!: string;
  resultKey!: string;
  name!: string;
  level!: string;
  unit!: string;
  baseline!: string;
  target!: string;
  meansOfVerification!: string;
  frequency!: string;
}

export class NarrativeLogframeActivityResponseDto {
  /** `activity.A1.1` */
  key!: string;
  resultKey!: string;
  text!: string;
}

export class NarrativeLogframeResponseDto {
  @ApiProperty({ type: [NarrativeLogframeResultResponseDto] }) results!: NarrativeLogframeResultResponseDto[];
  @ApiProperty({ type: [NarrativeLogframeIndicatorResponseDto] }) indicators!: NarrativeLogframeIndicatorResponseDto[];
  @ApiProperty({ type: [NarrativeLogframeActivityResponseDto] }) activities!: NarrativeLogframeActivityResponseDto[];
}

/** An indicator's progress on the report (libs/domain indicatorProgress); values scaled by 1,000, shares in basis points. */
export class IndicatorProgressResponseDto {
  indicatorKey!: string;
  @ApiProperty({ type: 'integer', nullable: true }) baseline!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) target!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) periodValue!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) cumulativeValue!: number | null;
  @ApiProperty({ enum: ['increase', 'decrease', 'none'], nullable: true }) direction!: 'increase' | 'decrease' | 'none' | null;
  @ApiProperty({ type: 'integer', nullable: true }) progressBp!: number | null;
  achieved!: boolean;
  /** The share of the grant's time gone at the end of the period. */
  elapsedBp!: number;
  @ApiProperty({ type: 'integer', nullable: true }) gapBp!: number | null;
  /** Progress lags the time gone by more than 20 points. */
  behind!: boolean;
}

export class NarrativeReportProblemResponseDto {
  @ApiProperty({ enum: NARRATIVE_REPORT_SECTIONS }) section!: NarrativeReportSection;
  /** `general.summary`, `results.<key>.summary`, `activities.<key>.status`, `indicators.<key>.cumulativeValue`, `beneficiaries.bySex`, `nextPlan`, … */
  field!: string;
  code!: string;
  @ApiPropertyOptional(PARAMS) params?: Record<string, string | number>;
}

export class NarrativeReportCompletenessResponseDto {
  complete!: boolean;
  @ApiProperty({ type: [NarrativeReportProblemResponseDto] }) problems!: NarrativeReportProblemResponseDto[];
}

export class LinkedExpenditureReportResponseDto {
  id!: string;
  seq!: number;
  status!: string;
  spentCents!: number;
  @ApiProperty({ type: 'integer', nullable: true }) acceptedCents!: number | null;
}

export class NarrativeReportCommentResponseDto {
  id!: string;
  /** The submitted version it is about (0: before the first submission). */
  version!: number;
  @ApiProperty({ enum: ['review', 'comment'] }) kind!: 'review' | 'comment';
  authorName!: string;
  @ApiProperty({ enum: ['secretariat', 'monitor', 'organisation'] }) authorRole!: 'secretariat' | 'monitor' | 'organisation';
  @ApiProperty({ enum: NARRATIVE_REPORT_SECTIONS, nullable: true }) section!: NarrativeReportSection | null;
  @ApiProperty({ nullable: true, type: String }) indicatorId!: string | null;
  text!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NarrativeReportVersionRefResponseDto {
  version!: number;
  sha256!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  /** Who submitted it. */
  submittedBy!: string;
}

export class ExtensionRequestResponseDto {
  id!: string;
  requestedDueDate!: string;
  reason!: string;
  @ApiProperty({ enum: EXTENSION_STATUSES }) status!: ExtensionStatus;
  requestedByName!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
}

export class NarrativeEvidenceFileResponseDto {
  id!: string;
  fileName!: string;
}

export class NarrativeReportCanResponseDto {
  edit!: boolean;
  submit!: boolean;
  review!: boolean;
  comment!: boolean;
  requestExtension!: boolean;
  decideExtension!: boolean;
}

export class NarrativeReportResponseDto extends NarrativeReportSummaryResponseDto {
  grantStartDate!: string;
  grantEndDate!: string;
  /**
   * What the reader sees: the organisation its draft as saved; anyone else the last submitted version (null before the
   * first submission), beneficiary counts suppressed.
   */
  @ApiProperty({ type: NarrativeReportContentResponseDto, nullable: true }) content!: NarrativeReportContentResponseDto | null;
  /** Which frozen version `content` is (null: the organisation's current draft). */
  @ApiProperty({ type: 'integer', nullable: true }) contentVersion!: number | null;
  /** The beneficiary table as anyone but the organisation sees it (null while its breakdowns do not add up). */
  @ApiProperty({ type: ShownBeneficiaryTableResponseDto, nullable: true }) beneficiaries!: ShownBeneficiaryTableResponseDto | null;
  @ApiProperty({ type: NarrativeLogframeResponseDto }) logframe!: NarrativeLogframeResponseDto;
  @ApiProperty({ type: [IndicatorProgressResponseDto] }) indicatorProgress!: IndicatorProgressResponseDto[];
  /** What still blocks submission (the organisation, on a report it may edit); null otherwise. */
  @ApiProperty({ type: NarrativeReportCompletenessResponseDto, nullable: true }) completeness!: NarrativeReportCompletenessResponseDto | null;
  /** The expenditure report of the same period (the financial part). */
  @ApiProperty({ type: LinkedExpenditureReportResponseDto, nullable: true }) expenditureReport!: LinkedExpenditureReportResponseDto | null;
  /** The files named as evidence in `content.indicators.*.evidenceFileIds`, with their names. */
  @ApiProperty({ type: [NarrativeEvidenceFileResponseDto] }) evidenceFiles!: NarrativeEvidenceFileResponseDto[];
  @ApiProperty({ type: [NarrativeReportCommentResponseDto] }) comments!: NarrativeReportCommentResponseDto[];
  @ApiProperty({ type: [NarrativeReportVersionRefResponseDto] }) versions!: NarrativeReportVersionRefResponseDto[];
  @ApiProperty({ type: [ExtensionRequestResponseDto] }) extensionRequests!: ExtensionRequestResponseDto[];
  @ApiProperty({ type: NarrativeReportCanResponseDto }) can!: NarrativeReportCanResponseDto;
}

export class PersonalDataFindingResponseDto {
  /** The field path (`challenges`, `indicators.<key>.comment`). */
  field!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: PersonalDataKind;
  /** The passage found, to show the writer (never stored). */
  excerpt!: string;
  /** What a confirmation sends back. */
  excerptHash!: string;
  start!: number;
  end!: number;
}

export class PrivacyScanResponseDto {
  @ApiProperty({ type: [PersonalDataFindingResponseDto] }) findings!: PersonalDataFindingResponseDto[];
}

export class PrivacyConfirmationResponseDto {
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: PersonalDataKind;
  excerptHash!: string;
}

export class NarrativeReportFrozenVersionResponseDto {
  version!: number;
  sha256!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  submittedBy!: string;
  @ApiProperty({ type: NarrativeReportContentResponseDto }) content!: NarrativeReportContentResponseDto;
  @ApiProperty({ type: ShownBeneficiaryTableResponseDto }) beneficiaries!: ShownBeneficiaryTableResponseDto;
  /** The writer's confirmations of the privacy scan's findings: kind and hash only, never the passage. */
  @ApiProperty({ type: [PrivacyConfirmationResponseDto] }) privacyConfirmations!: PrivacyConfirmationResponseDto[];
}

const CHANGE_VALUE = {
  nullable: true,
  oneOf: [{ type: 'string' as const }, { type: 'number' as const }, { type: 'array' as const, items: { type: 'string' as const } }, { $ref: getSchemaPath(SuppressedCountResponseDto) }],
};

export class NarrativeReportChangeResponseDto {
  /** The field path that changed. */
  field!: string;
  @ApiProperty({ enum: NARRATIVE_REPORT_SECTIONS }) section!: NarrativeReportSection;
  @ApiProperty(CHANGE_VALUE) before!: string | number | string[] | SuppressedCountResponseDto | null;
  @ApiProperty(CHANGE_VALUE) after!: string | number | string[] | SuppressedCountResponseDto | null;
}

export class NarrativeReportCompareResponseDto {
  from!: number;
  to!: number;
  @ApiProperty({ type: [NarrativeReportChangeResponseDto] }) changes!: NarrativeReportChangeResponseDto[];
}
