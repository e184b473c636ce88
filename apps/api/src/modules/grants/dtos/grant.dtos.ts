import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { GRANT_STATUSES, type GrantStatus } from '@grants/domain';
import { IsCents, IsNotBlank, IsPage, IsPageSize, IsSaneDate } from '../../../common/validators';
import { BudgetLineDto } from '../../applications/dtos/application.dtos';

/** The organisation's budget revised to a lowered award (same rules as the application's: the server computes totals). */
export class ReviseBudgetDto {
  @IsArray() @ArrayMaxSize(300) @ValidateNested({ each: true }) @Type(() => BudgetLineDto) lines!: BudgetLineDto[];
  @IsCents() coFinancingCents!: number;
  @IsInt() @Min(0) @Max(10000) indirectCostBp!: number;
}

/** The Secretariat draws up the agreement from an award in force: dates (the submission's when left out) and the monitor. */
export class DrawUpGrantDto {
  /** YYYY-MM-DD; the application's planned start when left out. */
  @IsOptional() @IsSaneDate({ kind: 'date' }) startDate?: string;
  /** YYYY-MM-DD; the start plus the application's duration when left out. */
  @IsOptional() @IsSaneDate({ kind: 'date' }) endDate?: string;
  /** The monitor who follows the grant (a user with the monitor role). */
  @IsOptional() @IsUUID() monitorId?: string;
}

export class AssignMonitorDto {
  @IsUUID() monitorId!: string;
}

/** The organisation's owner signs online: re-enters the password and types who signs, in which function. */
export class SignGrantDto {
  @IsString() @MaxLength(200) password!: string;
  @IsNotBlank() @IsString() @MaxLength(200) signatoryName!: string;
  @IsNotBlank() @IsString() @MaxLength(200) signatoryFunction!: string;
  /** The SHA-256 of the agreement PDF the signatory read; refused when the agreement changed since. */
  @IsOptional() @IsString() @MaxLength(64) agreementSha256?: string;
}

/** Another move of a grant by the Secretariat (recall to draft, suspend, resume, close, terminate), with its reason. */
export class GrantTransitionDto {
  @IsIn(GRANT_STATUSES) to!: GrantStatus;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export const GRANT_LIST_SORTS = ['newest', 'agreementNumber', 'organization', 'amount', 'paid', 'startDate', 'endDate', 'nextTranche', 'overdue', 'monitoringPriority'] as const;
export type GrantListSort = (typeof GRANT_LIST_SORTS)[number];

export class ListGrantsQuery {
  @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: GRANT_STATUSES }) @IsOptional() @IsIn(GRANT_STATUSES) status?: GrantStatus;
  /** The Secretariat's and observers' filter; an organisation or a monitor sees only its own anyway. */
  @IsOptional() @IsUUID() monitorId?: string;
  /** "true": only grants with a report, expenditure report or tranche request past due; "false": only the others. */
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  /** Newest first unless said. */
  @ApiPropertyOptional({ enum: GRANT_LIST_SORTS }) @IsOptional() @IsIn(GRANT_LIST_SORTS) sort?: GrantListSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  /** A page of the sorted list (1, 2, …; 50 a page unless pageSize says): the counts stay those of the whole list. Without page or pageSize, every grant. */
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(200) pageSize?: number;
}

/** The organisation requests a tranche: the expenditure report it rests on and the documents the call requires. */
export class RequestTrancheDto {
  @IsOptional() @IsUUID() expenditureReportId?: string;
  /** Files already uploaded to the organisation (e.g. through POST /api/grants/:id/documents). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) documentFileIds?: string[];
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ReasonRequiredDto {
  @IsNotBlank() @IsString() @MaxLength(2000) reason!: string;
}

/** The tranche is paid: the value date and the bank's reference. */
export class PayTrancheDto {
  @IsSaneDate({ kind: 'date' }) paidOn!: string;
  @IsNotBlank() @IsString() @MaxLength(100) bankReference!: string;
}

export class PaymentOrderDayDto {
  /** The day the tranches were approved (Kosovo time), YYYY-MM-DD. */
  @IsSaneDate({ kind: 'date' }) day!: string;
}

export class PaymentOrderFileQuery {
  @IsIn(['csv', 'xlsx', 'xml']) format!: 'csv' | 'xlsx' | 'xml';
}

/** A bank-account change of a grant in force: the new IBAN and holder, the bank's letter (a file uploaded first), why. */
export class BankAccountChangeDto {
  @IsString() @MaxLength(50) iban!: string;
  @IsOptional() @IsString() @MaxLength(200) holder?: string;
  @IsUUID() bankLetterFileId!: string;
  @IsNotBlank() @IsString() @MaxLength(2000) justification!: string;
}

export class DecideAmendmentDto {
  @IsIn(['approved', 'rejected']) decision!: 'approved' | 'rejected';
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
