import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { EXPENDITURE_REPORT_STATUSES, type ExpenditureReportStatus } from '@grants/domain';
import { IsCents, IsNotBlank, IsSaneDate } from '../../../common/validators';

// -------------------------------------------------------------------------------------------------------
// Input

/** A draft for the next period: it starts the day after the last report; its end is the reporting period's unless given. */
export class CreateExpenditureReportDto {
  /** YYYY-MM-DD, within the grant; the end of the reporting period when left out. */
  @IsOptional() @IsSaneDate({ kind: 'date' }) periodEnd?: string;
}

export class ExpenditureLineDto {
  /** The approved budget line (L1, L2, … as the grant's version lists them). */
  @IsString() @MaxLength(40) lineId!: string;
  /** Spent on the line in the report's period, integer euro cents. */
  @IsCents() spentCents!: number;
}

/** The organisation saves its report: what it spent per line in the period, and its supporting documents. */
export class SaveExpenditureReportDto {
  @IsInt() @Min(1) version!: number;
  @IsArray() @ArrayMaxSize(300) @ValidateNested({ each: true }) @Type(() => ExpenditureLineDto) lines!: ExpenditureLineDto[];
  /** Files uploaded through POST /api/grants/:id/documents (invoices, payroll, bank statements). */
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) documentFileIds?: string[];
}

export class ExpenditureVersionDto {
  @IsInt() @Min(1) version!: number;
}

export class ExpenditureLineCommentDto {
  @IsString() @MaxLength(40) lineId!: string;
  @IsNotBlank() @IsString() @MaxLength(2000) comment!: string;
}

/** The Secretariat accepts the report or returns it, saying why (on the report, on its lines, or both). */
export class ReviewExpenditureReportDto {
  @IsInt() @Min(1) version!: number;
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) decision!: 'accept' | 'return';
  @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(300) @ValidateNested({ each: true }) @Type(() => ExpenditureLineCommentDto) lineComments?: ExpenditureLineCommentDto[];
}

// -------------------------------------------------------------------------------------------------------
// Responses

export class ExpenditureProblemResponseDto {
  /** The field at fault: `lines.<i>.spentCents`, `documentFileIds`, `periodEnd`, … */
  field!: string;
  code!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) params?: Record<string, string | number>;
}

export class ExpenditureStatementLineResponseDto {
  lineId!: string;
  heading!: string;
  description!: string | null;
  /** Integer euro cents, as every amount here. */
  approvedCents!: number;
  /** Accepted reports of earlier periods. */
  spentBeforeCents!: number;
  spentInPeriodCents!: number;
  cumulativeCents!: number;
  /** Approved less cumulative; negative when overspent. */
  remainingCents!: number;
  /** (cumulative − approved) / approved in basis points; null when nothing was approved. */
  varianceBp!: number | null;
  /** Cumulative / approved in basis points. */
  usedBp!: number | null;
  overspent!: boolean;
  /** The Secretariat's comment on the line, when it left one. */
  comment!: string | null;
}

export class ExpenditureTotalsResponseDto {
  approvedCents!: number;
  spentBeforeCents!: number;
  spentInPeriodCents!: number;
  cumulativeCents!: number;
  remainingCents!: number;
  varianceBp!: number | null;
}

export class ExpenditureUnbudgetedResponseDto {
  lineId!: string;
  spentInPeriodCents!: number;
  cumulativeCents!: number;
}

export class ExpenditureDocumentResponseDto {
  id!: string;
  fileName!: string;
  sha256!: string;
  size!: number;
}

export class ExpenditureReportSummaryResponseDto {
  id!: string;
  seq!: number;
  /** YYYY-MM-DD. */
  periodStart!: string;
  periodEnd!: string;
  @ApiProperty({ enum: EXPENDITURE_REPORT_STATUSES }) status!: ExpenditureReportStatus;
  spentCents!: number;
  submittedAt!: string | null;
  reviewedAt!: string | null;
}

export class ExpenditureReportResponseDto extends ExpenditureReportSummaryResponseDto {
  grantId!: string;
  agreementNumber!: string | null;
  version!: number;
  @ApiProperty({ type: [ExpenditureStatementLineResponseDto] }) lines!: ExpenditureStatementLineResponseDto[];
  totals!: ExpenditureTotalsResponseDto;
  @ApiProperty({ type: [ExpenditureUnbudgetedResponseDto] }) unbudgeted!: ExpenditureUnbudgetedResponseDto[];
  @ApiProperty({ type: [ExpenditureDocumentResponseDto] }) documents!: ExpenditureDocumentResponseDto[];
  returnComment!: string | null;
  createdAt!: string;
  /** What would stop the submission as the report stands (draft or returned); empty otherwise. */
  @ApiProperty({ type: [ExpenditureProblemResponseDto] }) problems!: ExpenditureProblemResponseDto[];
  /** The reader may change and submit it (its organisation, while draft or returned). */
  canEdit!: boolean;
  /** The reader may accept or return it (the Secretariat, while submitted). */
  canReview!: boolean;
}

export class ExpenditurePeriodResponseDto {
  periodStart!: string;
  periodEnd!: string;
}

export class BurnRateResponseDto {
  spentCents!: number;
  approvedCents!: number;
  daysElapsed!: number;
  totalDays!: number;
  spentBp!: number | null;
  elapsedBp!: number;
  /** Spent share minus elapsed share, in basis points (negative: spending lags behind time). */
  gapBp!: number | null;
  /** Spent share per elapsed share (10,000 = as fast as time goes). */
  burnRatioBp!: number | null;
}

/** The grant's budget against what it spent: every accepted report cumulatively, the latest as the period, the burn rate. */
export class GrantExpenditureResponseDto {
  grantId!: string;
  /** The day (Kosovo time) the burn rate is taken on. */
  asOf!: string;
  /** The latest accepted report's period; null before any is accepted. */
  period!: ExpenditurePeriodResponseDto | null;
  @ApiProperty({ type: [ExpenditureStatementLineResponseDto] }) lines!: ExpenditureStatementLineResponseDto[];
  totals!: ExpenditureTotalsResponseDto;
  @ApiProperty({ type: [ExpenditureUnbudgetedResponseDto] }) unbudgeted!: ExpenditureUnbudgetedResponseDto[];
  burnRate!: BurnRateResponseDto;
  @ApiProperty({ type: [ExpenditureReportSummaryResponseDto] }) reports!: ExpenditureReportSummaryResponseDto[];
  /** The period a new report would cover, when the reader may start one now (its organisation, grant in force, no report open). */
  next!: ExpenditurePeriodResponseDto | null;
}
