import { ApiProperty } from '@nestjs/swagger';
import { STRATEGY_REPORT_KINDS, STRATEGY_REPORT_STATUSES, type StrategyReportKind, type StrategyReportStatus } from '@grants/domain';
import { ShownBeneficiaryTableResponseDto } from '../../reports/dtos/narrative-reports-response.dto';

export class StrategyMoneyResponseDto {
  /** Grant amounts (contracted), cents. */
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  /** Tranches paid in the period, cents. */
  @ApiProperty({ type: 'integer' }) paidCents!: number;
  /** Spent as reported by the period's expenditure reports handed in, cents. */
  @ApiProperty({ type: 'integer' }) reportedCents!: number;
  /** Of which accepted, cents. */
  @ApiProperty({ type: 'integer' }) acceptedCents!: number;
}

export class StrategyGrantRefResponseDto {
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  callReference!: string;
  /** The Strategy codes the grant serves under this section (III.2, III.2.4). */
  @ApiProperty({ type: [String] }) codes!: string[];
}

export class StrategyIndicatorFigureResponseDto {
  grantId!: string;
  agreementNumber!: string;
  indicatorKey!: string;
  name!: string;
  unit!: string;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  /** Plain decimals with '.' as the mark ("22.5"); screens format them for the reader. */
  @ApiProperty({ type: String, nullable: true }) baseline!: string | null;
  @ApiProperty({ type: String, nullable: true }) target!: string | null;
  @ApiProperty({ type: String, nullable: true }) periodValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) cumulativeValue!: string | null;
  /** Basis points of the way from baseline to target (10,000 = reached). */
  @ApiProperty({ type: 'integer', nullable: true }) progressBp!: number | null;
  achieved!: boolean;
  behind!: boolean;
}

export class StrategyIndicatorSummaryResponseDto {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer' }) achieved!: number;
  @ApiProperty({ type: 'integer' }) behind!: number;
}

/** Activities by their latest status in the period (1 not started, 2 ongoing, 3 started, 4 completed). */
export class StrategyActivityCountsResponseDto {
  @ApiProperty({ type: 'integer' }) notStarted!: number;
  @ApiProperty({ type: 'integer' }) ongoing!: number;
  @ApiProperty({ type: 'integer' }) started!: number;
  @ApiProperty({ type: 'integer' }) completed!: number;
  @ApiProperty({ type: 'integer' }) notSaid!: number;
}

export class StrategyDifficultyResponseDto {
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  /** A monitoring visit rated 2 or 3, or a challenge in the organisation's narrative report. */
  @ApiProperty({ enum: ['visit', 'report'] }) source!: 'visit' | 'report';
  date!: string;
  @ApiProperty({ enum: [2, 3], type: 'integer', nullable: true }) rating!: 2 | 3 | null;
  text!: string;
  @ApiProperty({ type: String, nullable: true }) correctiveActions!: string | null;
}

export class StrategyLessonResponseDto {
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  date!: string;
  text!: string;
}

export class StrategySectionResponseDto {
  /** The objective (III, III.2); null for the grants not tied to one. */
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({ enum: ['strategic', 'specific', 'none'] }) level!: 'strategic' | 'specific' | 'none';
  @ApiProperty({ type: [StrategyGrantRefResponseDto] }) grants!: StrategyGrantRefResponseDto[];
  @ApiProperty({ type: StrategyMoneyResponseDto }) money!: StrategyMoneyResponseDto;
  @ApiProperty({ type: StrategyIndicatorSummaryResponseDto }) indicatorSummary!: StrategyIndicatorSummaryResponseDto;
  @ApiProperty({ type: [StrategyIndicatorFigureResponseDto] }) indicators!: StrategyIndicatorFigureResponseDto[];
  /** Suppressed: counts from 1 to 4 are "<5", and "c" hides what would give one away. */
  @ApiProperty({ type: ShownBeneficiaryTableResponseDto, nullable: true }) beneficiaries!: ShownBeneficiaryTableResponseDto | null;
  @ApiProperty({ type: StrategyActivityCountsResponseDto }) activities!: StrategyActivityCountsResponseDto;
  @ApiProperty({ type: [StrategyDifficultyResponseDto] }) difficulties!: StrategyDifficultyResponseDto[];
  @ApiProperty({ type: [StrategyLessonResponseDto] }) lessons!: StrategyLessonResponseDto[];
}

export class StrategyTotalsResponseDto {
  @ApiProperty({ type: 'integer' }) grants!: number;
  @ApiProperty({ type: StrategyMoneyResponseDto }) money!: StrategyMoneyResponseDto;
  @ApiProperty({ type: ShownBeneficiaryTableResponseDto, nullable: true }) beneficiaries!: ShownBeneficiaryTableResponseDto | null;
  @ApiProperty({ type: StrategyActivityCountsResponseDto }) activities!: StrategyActivityCountsResponseDto;
  @ApiProperty({ type: 'integer' }) difficulties!: number;
  @ApiProperty({ type: 'integer' }) lessons!: number;
}

export class StrategyReportFiguresResponseDto {
  @ApiProperty({ enum: STRATEGY_REPORT_KINDS }) kind!: StrategyReportKind;
  periodStart!: string;
  periodEnd!: string;
  @ApiProperty({ type: StrategyTotalsResponseDto }) totals!: StrategyTotalsResponseDto;
  @ApiProperty({ type: [StrategySectionResponseDto] }) sections!: StrategySectionResponseDto[];
}

export class StrategyNarrativeResponseDto {
  introduction!: string;
  conclusions!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) objectives!: Record<string, string>;
}

export class StrategyReportSummaryResponseDto {
  id!: string;
  @ApiProperty({ enum: STRATEGY_REPORT_KINDS }) kind!: StrategyReportKind;
  periodStart!: string;
  periodEnd!: string;
  @ApiProperty({ enum: STRATEGY_REPORT_STATUSES }) status!: StrategyReportStatus;
  @ApiProperty({ type: 'integer' }) version!: number;
  /** SHA-256 of the issued content (libs/domain strategyReportCanonical); null for a draft. */
  @ApiProperty({ type: String, nullable: true }) sha256!: string | null;
  /** When the figures were last drafted from the portfolio. */
  draftedAt!: string;
  @ApiProperty({ type: String, nullable: true }) issuedAt!: string | null;
  /** The Secretariat's officer who issued it: named to the Secretariat only (null for observers). */
  @ApiProperty({ type: String, nullable: true }) issuedByName!: string | null;
  /** The officer who drafted it: named to the Secretariat only (null for observers). */
  @ApiProperty({ type: String, nullable: true }) createdByName!: string | null;
  /** Grants in the period. */
  @ApiProperty({ type: 'integer' }) grants!: number;
}

export class StrategyReportListResponseDto {
  @ApiProperty({ type: [StrategyReportSummaryResponseDto] }) items!: StrategyReportSummaryResponseDto[];
  /** The reader may draft, edit and issue (the Secretariat); an observer reads the issued ones only. */
  canManage!: boolean;
}

export class StrategyReportCanResponseDto {
  edit!: boolean;
  redraft!: boolean;
  issue!: boolean;
}

export class StrategyReportResponseDto extends StrategyReportSummaryResponseDto {
  @ApiProperty({ type: StrategyReportFiguresResponseDto }) figures!: StrategyReportFiguresResponseDto;
  @ApiProperty({ type: StrategyNarrativeResponseDto }) narrative!: StrategyNarrativeResponseDto;
  @ApiProperty({ type: StrategyReportCanResponseDto }) can!: StrategyReportCanResponseDto;
}
