import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  EXTENSION_REASON_MAX, NARRATIVE_REPORT_SECTIONS, NARRATIVE_REPORT_STATUSES, NARRATIVE_REVIEW_COMMENT_MAX, NARRATIVE_TEXT_MAX,
  type NarrativeReportSection, type NarrativeReportStatus, type PersonalDataKind,
} from '@grants/domain';
import { IsNotBlank, IsPage, IsPageSize, IsSaneDate } from '../../../common/validators';

const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = ['personal_number', 'date_of_birth', 'phone', 'email', 'name'];

// -------------------------------------------------------------------------------------------------------
// The content's shape (documented here; checked by libs/domain narrativeReportContentProblems, field by field)

export class NarrativeSummaryDto {
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) summary!: string;
}

export class NarrativeActivityDto {
  /** What was done in the period. */
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) done!: string;
  /** 1 not started, 2 ongoing, 3 started, 4 completed; null while not said. */
  @ApiProperty({ enum: [1, 2, 3, 4], nullable: true, type: 'integer' }) status!: 1 | 2 | 3 | 4 | null;
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) deviations!: string;
}

export class NarrativeIndicatorValueDto {
  /** As typed (`12`, `12,5`, `35%`); read by libs/domain parseIndicatorValue. */
  @ApiProperty({ nullable: true, type: String, maxLength: 40 }) periodValue!: string | null;
  /** Since the start of the grant: what counts towards the target. */
  @ApiProperty({ nullable: true, type: String, maxLength: 40 }) cumulativeValue!: string | null;
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) comment!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) evidenceFileIds!: string[];
}

const COUNTS = { type: 'object' as const, additionalProperties: { type: 'integer' as const, minimum: 0 } };

/** Beneficiaries as counts only: a total and each breakdown adding up to it (cells left out count 0). */
export class BeneficiaryTableDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  /** female, male, other */
  @ApiProperty(COUNTS) bySex!: Record<string, number>;
  /** 0-17, 18-24, 25-59, 60+ */
  @ApiProperty(COUNTS) byAge!: Record<string, number>;
  /** new, continuing */
  @ApiProperty(COUNTS) byIntake!: Record<string, number>;
  /** psychological_support, shelter, legal_aid, … */
  @ApiProperty(COUNTS) byService!: Record<string, number>;
  /** The municipality codes (prishtina, prizren, …). */
  @ApiProperty(COUNTS) byMunicipality!: Record<string, number>;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a DTO class, as getSchemaPath takes it
const keyed = (model: Function) => ({ type: 'object' as const, additionalProperties: { $ref: getSchemaPath(model) } });

/** What the organisation writes (libs/domain NarrativeReportContent); keys of results, activities and indicators are the logframe's. */
export class NarrativeReportContentDto {
  @ApiProperty({ type: NarrativeSummaryDto }) general!: NarrativeSummaryDto;
  /** By result key (`so.1.result.1`). */
  @ApiProperty(keyed(NarrativeSummaryDto)) results!: Record<string, NarrativeSummaryDto>;
  /** By activity key (`activity.A1.1`). */
  @ApiProperty(keyed(NarrativeActivityDto)) activities!: Record<string, NarrativeActivityDto>;
  /** By indicator key (`so.1.result.1.indicator.1`). */
  @ApiProperty(keyed(NarrativeIndicatorValueDto)) indicators!: Record<string, NarrativeIndicatorValueDto>;
  @ApiProperty({ type: BeneficiaryTableDto }) beneficiaries!: BeneficiaryTableDto;
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) challenges!: string;
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) lessons!: string;
  @ApiProperty({ maxLength: NARRATIVE_TEXT_MAX }) nextPlan!: string;
}

// -------------------------------------------------------------------------------------------------------
// Inputs

export class ListNarrativeReportsQuery {
  @ApiPropertyOptional({ enum: NARRATIVE_REPORT_STATUSES }) @IsOptional() @IsIn(NARRATIVE_REPORT_STATUSES) status?: NarrativeReportStatus;
  @IsOptional() @IsUUID() grantId?: string;
  /** "true": only reports not handed in after their due date; "false": the others. */
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(500) pageSize?: number;
}

/** The organisation saves its draft at the version it was edited from (409 version_conflict if it changed since). */
export class SaveNarrativeReportDto {
  @IsInt() @Min(1) version!: number;
  @ApiProperty({ type: NarrativeReportContentDto }) @IsObject() content!: Record<string, unknown>;
}

export class NarrativeReportVersionInputDto {
  @IsInt() @Min(1) version!: number;
}

/** The writer's word that a passage the scan found is not about a beneficiary (the passage itself is never kept). */
export class PrivacyConfirmationDto {
  /** The field path the finding is in (`challenges`, `indicators.so.1.result.1.indicator.1.comment`). */
  @IsString() @MaxLength(300) field!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) @IsIn(PERSONAL_DATA_KINDS) kind!: PersonalDataKind;
  /** As the privacy scan gave it. */
  @IsString() @MaxLength(128) excerptHash!: string;
}

export class SubmitNarrativeReportDto {
  @IsInt() @Min(1) version!: number;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PrivacyConfirmationDto) confirmations!: PrivacyConfirmationDto[];
}

export class ReviewCommentInputDto {
  @ApiProperty({ enum: NARRATIVE_REPORT_SECTIONS }) @IsIn(NARRATIVE_REPORT_SECTIONS) section!: NarrativeReportSection;
  /** On the `indicators` section only: the indicator's key. */
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(200) indicatorId?: string | null;
  @IsNotBlank() @IsString() @MaxLength(NARRATIVE_REVIEW_COMMENT_MAX) text!: string;
}

/** The writer's word on a finding of the scan in a comment (kind and hash, as a 422 `personal_data_unconfirmed` gave them). */
export class CommentPrivacyConfirmationDto {
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) @IsIn(PERSONAL_DATA_KINDS) kind!: PersonalDataKind;
  @IsString() @MaxLength(128) excerptHash!: string;
}

export class ReturnNarrativeReportDto {
  @IsInt() @Min(1) version!: number;
  /** At least one: what the organisation is to revise, per section and per indicator. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ReviewCommentInputDto) comments!: ReviewCommentInputDto[];
  /** Findings of the personal-data scan in the comments, confirmed as not about a beneficiary. */
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CommentPrivacyConfirmationDto) confirmations?: CommentPrivacyConfirmationDto[];
}

export class NarrativeReportCommentInputDto {
  @IsNotBlank() @IsString() @MaxLength(NARRATIVE_REVIEW_COMMENT_MAX) text!: string;
  @ApiPropertyOptional({ enum: NARRATIVE_REPORT_SECTIONS }) @IsOptional() @IsIn(NARRATIVE_REPORT_SECTIONS) section?: NarrativeReportSection;
  /** Findings of the personal-data scan in the text, confirmed as not about a beneficiary. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => CommentPrivacyConfirmationDto) confirmations?: CommentPrivacyConfirmationDto[];
}

export class ExtensionRequestInputDto {
  /** YYYY-MM-DD, after the due date in force. */
  @IsSaneDate({ kind: 'date' }) requestedDueDate!: string;
  @IsNotBlank() @IsString() @MaxLength(EXTENSION_REASON_MAX) reason!: string;
}

export class ExtensionDecisionInputDto {
  @ApiProperty({ enum: ['granted', 'refused'] }) @IsIn(['granted', 'refused']) decision!: 'granted' | 'refused';
  /** Why (required to refuse). */
  @IsOptional() @IsString() @MaxLength(EXTENSION_REASON_MAX) note?: string;
}

export class CompareNarrativeReportQuery {
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) from!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) to!: number;
}
