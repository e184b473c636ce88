import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID,
  IsUrl, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CONSOLIDATION_RULES, COST_HEADINGS, INFO_SESSION_STATUSES, type ConsolidationRule, type CostHeadingCode, type InfoSessionStatus } from '@grants/domain';
import { IsCents, IsNotBlank, IsSaneDate } from '../../../common/validators';

/** A text in the three languages of the portal (empty strings allowed while drafting; publication needs all three). */
export class LocalizedTextDto {
  @IsString() @MaxLength(20000) en!: string;
  @IsString() @MaxLength(20000) sq!: string;
  @IsString() @MaxLength(20000) sr!: string;
}

export class CallTextsDto {
  @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;
  @ValidateNested() @Type(() => LocalizedTextDto) objectives!: LocalizedTextDto;
  @ValidateNested() @Type(() => LocalizedTextDto) whoMayApply!: LocalizedTextDto;
  @ValidateNested() @Type(() => LocalizedTextDto) whatIsFunded!: LocalizedTextDto;
}

export class CallPriorityDto {
  @IsString() @IsNotEmpty() @MaxLength(20) code!: string;
  /** National Strategy objective code, e.g. III.2 */
  @Matches(/^[IVX]+(\.\d+){0,2}$/, { message: 'nsObjective must be a National Strategy objective code such as III.2' }) nsObjective!: string;
  @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;
}

export class CostHeadingDto {
  @IsIn(COST_HEADINGS) code!: CostHeadingCode;
  /** Percent of direct costs, up to two decimals (12.5). */
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) capPct!: number | null;
}

export class EligibilityQuestionDto {
  @IsString() @IsNotEmpty() @MaxLength(40) id!: string;
  @ValidateNested() @Type(() => LocalizedTextDto) text!: LocalizedTextDto;
  @IsBoolean() requiredAnswer!: boolean;
}

export class GridCriterionDto {
  @IsString() @IsNotEmpty() @MaxLength(40) id!: string;
  @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;
  @IsInt() @Min(0) @Max(1000) maxPoints!: number;
  @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) guidance?: LocalizedTextDto;
}

export class GridSectionDto {
  @IsString() @IsNotEmpty() @MaxLength(40) id!: string;
  @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;
  @IsOptional() @IsInt() @Min(0) @Max(100_000) thresholdPoints!: number | null;
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => GridCriterionDto) criteria!: GridCriterionDto[];
}

export class EvaluationGridDto {
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => GridSectionDto) sections!: GridSectionDto[];
  @IsOptional() @IsInt() @Min(0) @Max(100_000) totalThreshold!: number | null;
  @IsBoolean() halfPoints!: boolean;
}

/** ISO instants between 2000 and 2100; an empty string while the draft has no date yet (publication needs them all). */
export class CallDatesDto {
  @ValidateIf((_, v) => v !== '') @IsISO8601() @IsSaneDate() publicationAt!: string;
  @ValidateIf((_, v) => v !== '') @IsISO8601() @IsSaneDate() questionsDeadlineAt!: string;
  @ValidateIf((_, v) => v !== '') @IsISO8601() @IsSaneDate() submissionDeadlineAt!: string;
  @ValidateIf((_, v) => v !== '') @IsISO8601() @IsSaneDate() evaluationDueAt!: string;
  @ValidateIf((_, v) => v !== '') @IsISO8601() @IsSaneDate() decisionExpectedAt!: string;
}

export class MaxGrantOverrideDto {
  @IsString() @IsNotBlank() @MaxLength(1000) reason!: string;
}

export class RequiredAttachmentDto {
  @IsString() @IsNotEmpty() @MaxLength(40) id!: string;
  @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;
}

/** The whole definition of a call (libs/domain CallDraft). */
export class CallDefinitionDto {
  @ValidateNested() @Type(() => CallTextsDto) texts!: CallTextsDto;
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => CallPriorityDto) priorities!: CallPriorityDto[];
  @IsCents() budgetEnvelopeCents!: number;
  @IsCents() minGrantCents!: number;
  @IsCents() maxGrantCents!: number;
  @IsOptional() @ValidateNested() @Type(() => MaxGrantOverrideDto) maxGrantOverride?: MaxGrantOverrideDto | null;
  @IsInt() @Min(1) @Max(120) maxDurationMonths!: number;
  @IsInt() @Min(0) @Max(10000) minCoFinancingBp!: number;
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => CostHeadingDto) costHeadings!: CostHeadingDto[];
  @IsInt() @Min(0) @Max(10000) indirectCostCapBp!: number;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => EligibilityQuestionDto) eligibilityQuestions!: EligibilityQuestionDto[];
  @ValidateNested() @Type(() => EvaluationGridDto) grid!: EvaluationGridDto;
  @IsInt() @Min(1) @Max(10) evaluatorsPerApplication!: number;
  @IsInt() @Min(0) @Max(100_000) divergenceThresholdPoints!: number;
  @ValidateNested() @Type(() => CallDatesDto) dates!: CallDatesDto;
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => RequiredAttachmentDto) requiredAttachments?: RequiredAttachmentDto[];
  @IsOptional() @IsBoolean() allowMultipleApplications?: boolean;
  /** How sheets make the score: the mean of all (default) or of the two closest. */
  @IsOptional() @IsIn(CONSOLIDATION_RULES) consolidationRule?: ConsolidationRule;
  /** The grid section that breaks a tie in the total (null: straight to the earlier submission). */
  @IsOptional() @IsString() @MaxLength(40) tieBreakSectionId?: string | null;
  @IsOptional() @IsInt() @Min(0) @Max(1000) reserveListSize?: number;
  /** The declaration evaluators sign for this call; the portal's standard text when absent. */
  @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto) declarationText?: LocalizedTextDto | null;
}

export class CreateCallDto {
  @Matches(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { message: 'The reference may hold capital letters, digits and dashes, e.g. MF-C3-2026-01' }) reference!: string;
  @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;
  @IsOptional() @IsUUID() copyFromCallId?: string;
}

export class UpdateCallDto {
  @ValidateNested() @Type(() => CallDefinitionDto) definition!: CallDefinitionDto;
  @IsInt() @Min(1) version!: number;
  /** Required once the call is published: every change is a logged amendment shown to applicants. */
  @IsOptional() @IsString() @IsNotBlank() @MaxLength(2000) amendmentReason?: string;
}

export class VersionDto {
  @IsInt() @Min(1) version!: number;
}

export class TransitionCallDto {
  @IsIn(['closed', 'in_evaluation', 'decided', 'archived']) to!: 'closed' | 'in_evaluation' | 'decided' | 'archived';
  @IsInt() @Min(1) version!: number;
}

export class ListCallsQuery {
  @IsOptional() @IsIn(['draft', 'published', 'closed', 'in_evaluation', 'decided', 'archived']) status?: string;
}

export class AskQuestionDto {
  @IsString() @IsNotBlank() @MaxLength(4000) question!: string;
}

export class AnswerQuestionDto {
  @IsString() @IsNotBlank() @MaxLength(8000) answer!: string;
}

export class UploadCallDocumentDto {
  @IsIn(['guidelines', 'template', 'other']) kind!: 'guidelines' | 'template' | 'other';
  @IsOptional() @IsIn(['en', 'sq', 'sr']) language?: 'en' | 'sq' | 'sr';
}


export class CreateInfoSessionDto {
  @IsISO8601() @IsSaneDate() startsAt!: string;
  @IsOptional() @IsString() @MaxLength(300) place?: string;
  @IsOptional() @IsUrl({ require_protocol: true }, { message: 'Enter the full link, e.g. https://meet.example.org/abc' }) @MaxLength(500) onlineLink?: string;
  @IsInt() @Min(1) @Max(1000) capacity!: number;
}

export class CancelInfoSessionDto {
  /** Told to every registered organisation. */
  @IsString() @IsNotBlank() @MaxLength(1000) reason!: string;
}

export class RegisterInfoSessionDto {
  @IsInt() @Min(1) @Max(10) attendees!: number;
}

/** An info session as a call lists it; `registeredByMe` and `myAttendees` are about the caller's organisation. */
export class InfoSessionViewDto {
  id!: string;
  /** ISO instant. */
  startsAt!: string;
  place!: string | null;
  onlineLink!: string | null;
  capacity!: number;
  /** Attendees registered by all organisations together. */
  registered!: number;
  registeredByMe!: boolean;
  /** How many attendees the caller's organisation registered; null when it has not registered. */
  myAttendees!: number | null;
  /** planned, or cancelled by the Secretariat (then cancelledAt and cancelReason are set). */
  @ApiProperty({ enum: INFO_SESSION_STATUSES }) status!: InfoSessionStatus;
  /** ISO instant. */
  cancelledAt!: string | null;
  cancelReason!: string | null;
}
