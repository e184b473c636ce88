import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { COST_HEADINGS, type CostHeadingCode } from '@grants/domain';
import { IsCents, IsLineTotalWithinLimit, IsNotBlank, IsPage, IsPageSize } from '../../../common/validators';

// Drafts save as the applicant types, so every field is optional here; completeness is judged by the domain rules.
const TEXT = 10000;

export class BeneficiaryGroupDto {
  @IsString() @MaxLength(200) group!: string;
  /** A count, never a person. */
  @IsInt() @Min(0) @Max(1_000_000) count!: number;
}

export class ProjectDto {
  @IsOptional() @IsString() @MaxLength(300) title?: string;
  @IsOptional() @IsString() @MaxLength(TEXT) summary?: string;
  @IsOptional() @IsInt() @Min(0) @Max(120) durationMonths?: number;
  @IsOptional() @IsString() @MaxLength(10) startDate?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(38) @IsString({ each: true }) municipalities?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(200, { each: true }) targetGroups?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => BeneficiaryGroupDto) beneficiariesByGroup?: BeneficiaryGroupDto[];
}

export class IndicatorDto {
  @IsString() @MaxLength(500) name!: string;
  @IsIn(['output', 'outcome']) level!: 'output' | 'outcome';
  @IsString() @MaxLength(100) unit!: string;
  @IsString() @MaxLength(200) baseline!: string;
  @IsString() @MaxLength(200) target!: string;
  @IsString() @MaxLength(1000) meansOfVerification!: string;
  @IsString() @MaxLength(200) frequency!: string;
}

export class ActivityDto {
  @IsString() @MaxLength(20) code!: string;
  @IsString() @MaxLength(2000) text!: string;
}

export class ResultDto {
  @IsString() @MaxLength(2000) text!: string;
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => IndicatorDto) indicators!: IndicatorDto[];
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ActivityDto) activities!: ActivityDto[];
}

export class SpecificObjectiveDto {
  @IsString() @MaxLength(2000) text!: string;
  /**
   * The National Strategy code this specific objective serves (III.2, or an action-plan activity such as III.2.4),
   * within one of the call's priorities; judged by the completeness rules like the rest of a draft. Null: not tagged.
   */
  @IsOptional() @IsString() @MaxLength(12) nsObjective?: string | null;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ResultDto) results!: ResultDto[];
}

export class LogframeDto {
  @IsOptional() @IsString() @MaxLength(2000) overallObjective?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => SpecificObjectiveDto) specificObjectives?: SpecificObjectiveDto[];
}

export class WorkplanRowDto {
  @IsString() @MaxLength(20) activityCode!: string;
  @IsArray() @ArrayMaxSize(120) @IsInt({ each: true }) @Min(1, { each: true }) @Max(120, { each: true }) months!: number[];
}

export class BudgetLineDto {
  @IsIn(COST_HEADINGS) heading!: CostHeadingCode;
  @IsString() @MaxLength(500) description!: string;
  @IsString() @MaxLength(50) unit!: string;
  /** Up to two decimals */
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000_000) quantity!: number;
  /** Euro cents; quantity × unit cost at most €100 billion */
  @IsCents() @IsLineTotalWithinLimit() unitCostCents!: number;
}

export class BudgetDto {
  @IsOptional() @IsArray() @ArrayMaxSize(300) @ValidateNested({ each: true }) @Type(() => BudgetLineDto) lines?: BudgetLineDto[];
  @IsOptional() @IsCents() coFinancingCents?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10000) indirectCostBp?: number;
}

export class CapacityDto {
  @IsOptional() @IsString() @MaxLength(TEXT) experienceWithVoT?: string;
  @IsOptional() @IsString() @MaxLength(TEXT) staff?: string;
  /**
   * Not the applicant's to type: the licence number is the organisation profile's (GET answers it from there and a
   * submission freezes it). Still accepted, and replaced, so a form that sends the section back whole keeps working.
   * @deprecated
   */
  @ApiPropertyOptional({ deprecated: true, description: "Ignored: the organisation profile's licence number is used" })
  @IsOptional() @IsString() @MaxLength(50) licenceNumber?: string;
}

export class DeclarationsDto {
  @IsOptional() @IsBoolean() truthful?: boolean;
  @IsOptional() @IsBoolean() noDoubleFunding?: boolean;
  @IsOptional() @IsBoolean() dataProtection?: boolean;
}

/** Sections of the application; a save sends the sections that changed. */
export class ApplicationContentDto {
  @IsOptional() @ValidateNested() @Type(() => ProjectDto) project?: ProjectDto;
  @IsOptional() @ValidateNested() @Type(() => LogframeDto) logframe?: LogframeDto;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => WorkplanRowDto) workplan?: WorkplanRowDto[];
  @IsOptional() @ValidateNested() @Type(() => BudgetDto) budget?: BudgetDto;
  @IsOptional() @ValidateNested() @Type(() => CapacityDto) capacity?: CapacityDto;
  @IsOptional() @ValidateNested() @Type(() => DeclarationsDto) declarations?: DeclarationsDto;
}

export class SaveApplicationDto {
  @IsInt() @Min(1) version!: number;
  @ValidateNested() @Type(() => ApplicationContentDto) content!: ApplicationContentDto;
}

export class VersionBodyDto {
  @IsInt() @Min(1) version!: number;
}

export class UploadAttachmentDto {
  @IsString() @IsNotBlank() @MaxLength(40) requirementId!: string;
}

export class ListApplicationsQuery {
  @IsOptional() @IsUUID() callId?: string;
  @IsOptional() @IsString() @MaxLength(40) status?: string;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(500) pageSize?: number;
}

export class AdmissibilityAnswerDto {
  @IsString() @IsNotBlank() @MaxLength(60) itemId!: string;
  @IsBoolean() passed!: boolean;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class AdmissibilityDto {
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AdmissibilityAnswerDto) answers!: AdmissibilityAnswerDto[];
  @IsBoolean() decide!: boolean;
}

export class ExportQuery {
  @IsIn(['csv', 'xlsx']) format!: 'csv' | 'xlsx';
}
