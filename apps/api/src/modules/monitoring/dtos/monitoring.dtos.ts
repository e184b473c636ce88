import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  ACTION_POINT_OWNERS, ACTION_POINT_PRIORITIES, ACTION_POINT_STATUSES, ACTION_POINT_WHAT_MAX, VISIT_LABEL_MAX, VISIT_PURPOSE_MAX, VISIT_REPORT_STATUSES,
  VISIT_TEXT_MAX, VISIT_TYPES, type ActionPointOwner, type ActionPointPriority, type ActionPointStatus, type VisitReportStatus, type VisitType,
} from '@grants/domain';
import { IsNotBlank, IsPage, IsPageSize, IsSaneDate } from '../../../common/validators';

// -------------------------------------------------------------------------------------------------------
// Visits

/** A visit planned by the grant's monitor (or the Secretariat): the organisation is told unless it is unannounced. */
export class PlanVisitDto {
  @ApiProperty({ enum: VISIT_TYPES }) @IsIn(VISIT_TYPES) type!: VisitType;
  /** YYYY-MM-DD, today or later, within the grant's period. */
  @IsSaneDate({ kind: 'date' }) date!: string;
  @IsNotBlank() @IsString() @MaxLength(VISIT_PURPOSE_MAX) purpose!: string;
}

/** A planned visit moved or changed, while its report is still a draft. */
export class UpdateVisitDto {
  @IsInt() @Min(1) version!: number;
  @ApiPropertyOptional({ enum: VISIT_TYPES }) @IsOptional() @IsIn(VISIT_TYPES) type?: VisitType;
  @IsOptional() @IsSaneDate({ kind: 'date' }) date?: string;
  @IsOptional() @IsNotBlank() @IsString() @MaxLength(VISIT_PURPOSE_MAX) purpose?: string;
}

export class ListVisitsQuery {
  /** From this day on (YYYY-MM-DD). */
  @IsOptional() @IsSaneDate({ kind: 'date' }) from?: string;
  /** Up to this day (YYYY-MM-DD). */
  @IsOptional() @IsSaneDate({ kind: 'date' }) to?: string;
  @IsOptional() @IsUUID() monitorId?: string;
  @IsOptional() @IsUUID() grantId?: string;
  @ApiPropertyOptional({ enum: VISIT_REPORT_STATUSES }) @IsOptional() @IsIn(VISIT_REPORT_STATUSES) reportStatus?: VisitReportStatus;
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(500) pageSize?: number;
}

// -------------------------------------------------------------------------------------------------------
// The report

export class ActivityAssessmentDto {
  /** The work plan's activity (`activity.A1.1`, as GET /visits/:id lists them). */
  @IsString() @MaxLength(200) activityId!: string;
  /** 1 not started, 2 ongoing, 3 started, 4 completed; null while not assessed yet. */
  @ApiPropertyOptional({ enum: [1, 2, 3, 4], nullable: true, type: 'integer' }) @IsOptional() @IsInt() @Min(1) @Max(4) status!: 1 | 2 | 3 | 4 | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) comment?: string | null;
}

export class PersonMetDto {
  /** Their function (shelter coordinator, case manager), never a name. */
  @IsString() @MaxLength(VISIT_LABEL_MAX) function!: string;
  @IsInt() @Min(1) @Max(10_000) count!: number;
}

export class BeneficiaryCountDto {
  /** A group (adult women, girls under 18), never a name. */
  @IsString() @MaxLength(VISIT_LABEL_MAX) group!: string;
  @IsInt() @Min(0) @Max(100_000) count!: number;
}

export class VisitReportContentDto {
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ActivityAssessmentDto) activities!: ActivityAssessmentDto[];
  /** 1 on track; 2 difficulties that can be handled; 3 difficulties that need a revision. */
  @ApiPropertyOptional({ enum: [1, 2, 3], nullable: true, type: 'integer' }) @IsOptional() @IsInt() @Min(1) @Max(3) rating!: 1 | 2 | 3 | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) ratingReasons?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) correctiveActions?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) findings?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) recommendations?: string | null;
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PersonMetDto) peopleMet!: PersonMetDto[];
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => BeneficiaryCountDto) beneficiariesObserved!: BeneficiaryCountDto[];
}

export class ActionPointInputDto {
  /** An action point already saved with the report (to change it); left out for a new one. */
  @IsOptional() @IsUUID() id?: string;
  @IsNotBlank() @IsString() @MaxLength(ACTION_POINT_WHAT_MAX) what!: string;
  @ApiProperty({ enum: ACTION_POINT_OWNERS }) @IsIn(ACTION_POINT_OWNERS) owner!: ActionPointOwner;
  @ApiProperty({ enum: ACTION_POINT_PRIORITIES }) @IsIn(ACTION_POINT_PRIORITIES) priority!: ActionPointPriority;
  @IsSaneDate({ kind: 'date' }) dueDate!: string;
}

/** The monitor saves the report (online, or synced from the phone): the version it was edited from, the content, the action points. */
export class SaveVisitReportDto {
  @IsInt() @Min(1) version!: number;
  @ValidateNested() @Type(() => VisitReportContentDto) content!: VisitReportContentDto;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ActionPointInputDto) actionPoints!: ActionPointInputDto[];
}

export class VisitReportVersionDto {
  @IsInt() @Min(1) version!: number;
}

/** The Secretariat accepts the report, or returns it saying what to correct. */
export class ReviewVisitReportDto {
  @IsInt() @Min(1) version!: number;
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) decision!: 'accept' | 'return';
  @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) comment?: string;
}

export class VisitReportCommentDto {
  @IsNotBlank() @IsString() @MaxLength(VISIT_TEXT_MAX) body!: string;
}

/** The multipart fields sent with a photo. */
export class VisitPhotoUploadDto {
  /** The phone's own id of the photo: the same key again returns the photo already stored. */
  @IsNotBlank() @IsString() @MaxLength(100) clientKey!: string;
  @IsOptional() @IsString() @MaxLength(500) caption?: string;
}

// -------------------------------------------------------------------------------------------------------
// Action points

export class ListActionPointsQuery {
  @ApiPropertyOptional({ enum: ACTION_POINT_STATUSES }) @IsOptional() @IsIn(ACTION_POINT_STATUSES) status?: ActionPointStatus;
  @ApiPropertyOptional({ enum: ACTION_POINT_OWNERS }) @IsOptional() @IsIn(ACTION_POINT_OWNERS) owner?: ActionPointOwner;
  @ApiPropertyOptional({ enum: ACTION_POINT_PRIORITIES }) @IsOptional() @IsIn(ACTION_POINT_PRIORITIES) priority?: ActionPointPriority;
  /** "true": only those past their due date still waiting on their owner. */
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  /** "true": only high-priority ones overdue (escalated to the Secretariat). */
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) escalated?: 'true' | 'false';
  /** The organisation's municipality, as written in its profile. */
  @IsOptional() @IsString() @MaxLength(100) municipality?: string;
  @IsOptional() @IsUUID() grantId?: string;
  @IsOptional() @IsUUID() monitorId?: string;
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(200) pageSize?: number;
}

/** The owner answers: what was done, and/or the evidence (files uploaded through POST /api/grants/:id/documents). */
export class AnswerActionPointDto {
  @IsInt() @Min(1) version!: number;
  @IsOptional() @IsString() @MaxLength(VISIT_TEXT_MAX) answer?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) evidenceFileIds?: string[];
}

export class ActionPointVersionDto {
  @IsInt() @Min(1) version!: number;
}

export class ReopenActionPointDto {
  @IsInt() @Min(1) version!: number;
  @IsNotBlank() @IsString() @MaxLength(VISIT_TEXT_MAX) reason!: string;
}

export class MonitoringPriorityQuery {
  @IsOptional() @IsUUID() monitorId?: string;
  @ApiPropertyOptional({ enum: ['high', 'medium', 'low'] }) @IsOptional() @IsIn(['high', 'medium', 'low']) band?: 'high' | 'medium' | 'low';
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(200) pageSize?: number;
}
