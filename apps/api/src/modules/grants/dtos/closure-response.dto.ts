import { ApiProperty } from '@nestjs/swagger';
import {
  CLOSURE_ITEMS, COST_HEADINGS, GRANT_STATUSES, RECOVERY_ORDER_STATUSES, TRANCHE_STATUSES,
  type ClosureItemCode, type CostHeadingCode, type FinalBalanceKind, type GrantStatus, type RecoveryOrderStatus, type TrancheStatus,
} from '@grants/domain';

const PARAMS = { type: 'object' as const, additionalProperties: { oneOf: [{ type: 'string' as const }, { type: 'number' as const }] } };
const KINDS = ['payment', 'recovery', 'nil'];
const CAPS = ['unbudgeted_lines', 'heading_over_reallocation_limit', 'approved_direct_total', 'indirect_rate', 'co_financing', 'grant_amount'];

export class FinalBalanceHeadingResponseDto {
  @ApiProperty({ enum: COST_HEADINGS }) heading!: CostHeadingCode;
  approvedCents!: number;
  /** How far it may run over without an amendment: approved × the reallocation share, rounded down. */
  limitCents!: number;
  ceilingCents!: number;
  spentCents!: number;
  eligibleCents!: number;
  excessCents!: number;
}

export class FinalBalanceCapResponseDto {
  /** Which rule lowered the figure; `params` carries its figures (heading, approvedCents, limitCents, excessCents, rateBp, …). */
  @ApiProperty({ enum: CAPS }) code!: string;
  @ApiProperty(PARAMS) params!: Record<string, string | number>;
}

/** libs/domain grantFinalBalance: every figure in euro cents. */
export class FinalBalanceFiguresResponseDto {
  @ApiProperty({ type: [FinalBalanceHeadingResponseDto] }) headings!: FinalBalanceHeadingResponseDto[];
  spentDirectCents!: number;
  unbudgetedCents!: number;
  eligibleDirectCents!: number;
  eligibleIndirectCents!: number;
  eligibleCostsCents!: number;
  eligibleCents!: number;
  @ApiProperty({ type: [FinalBalanceCapResponseDto] }) cappedBy!: FinalBalanceCapResponseDto[];
  paidCents!: number;
  /** eligible − paid: positive is still to pay, negative to recover. */
  balanceCents!: number;
  @ApiProperty({ enum: KINDS }) kind!: FinalBalanceKind;
  paymentCents!: number;
  recoveryCents!: number;
}

export class FinalBalanceInputsResponseDto {
  grantCents!: number;
  approvedDirectCents!: number;
  indirectRateBp!: number;
  reallocationWithoutAmendmentBp!: number;
  coFinancingCents!: number;
  paidCents!: number;
  acceptedExpenditureReports!: number;
}

export class DrawnUpFinalBalanceResponseDto {
  @ApiProperty({ type: FinalBalanceFiguresResponseDto }) balance!: FinalBalanceFiguresResponseDto;
  sha256!: string;
  drawnUpAt!: string;
}

export class BalanceTrancheResponseDto {
  id!: string;
  seq!: number;
  @ApiProperty({ enum: TRANCHE_STATUSES }) status!: TrancheStatus;
  amountCents!: number;
}

export class ClosureProblemResponseDto {
  field!: string;
  code!: string;
  @ApiProperty(PARAMS) params!: Record<string, string | number>;
}

export class RecoveryOrderSummaryResponseDto {
  id!: string;
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  number!: string;
  amountCents!: number;
  repaidCents!: number;
  owedCents!: number;
  /** YYYY-MM-DD. */
  dueDate!: string;
  @ApiProperty({ enum: RECOVERY_ORDER_STATUSES }) status!: RecoveryOrderStatus;
  createdAt!: string;
  version!: number;
}

export class FinalBalanceCanResponseDto {
  drawUp!: boolean;
}

export class FinalBalanceResponseDto {
  grantId!: string;
  @ApiProperty({ type: String, nullable: true }) agreementNumber!: string | null;
  @ApiProperty({ enum: GRANT_STATUSES }) grantStatus!: GrantStatus;
  /** The grant's version: send it back to draw the balance up. */
  version!: number;
  @ApiProperty({ type: FinalBalanceInputsResponseDto, nullable: true }) inputs!: FinalBalanceInputsResponseDto | null;
  /** The balance as the records stand now (null when the grant has no approved budget). */
  @ApiProperty({ type: FinalBalanceFiguresResponseDto, nullable: true }) computed!: FinalBalanceFiguresResponseDto | null;
  /** The balance as drawn up and frozen (null until then). */
  @ApiProperty({ type: DrawnUpFinalBalanceResponseDto, nullable: true }) drawnUp!: DrawnUpFinalBalanceResponseDto | null;
  /** The final narrative report's status (null: none yet). */
  @ApiProperty({ type: String, nullable: true }) finalReportStatus!: string | null;
  @ApiProperty({ type: BalanceTrancheResponseDto, nullable: true }) balanceTranche!: BalanceTrancheResponseDto | null;
  @ApiProperty({ type: RecoveryOrderSummaryResponseDto, nullable: true }) recoveryOrder!: RecoveryOrderSummaryResponseDto | null;
  /** What stops the balance from being drawn up now (empty when it can be). */
  @ApiProperty({ type: [ClosureProblemResponseDto] }) problems!: ClosureProblemResponseDto[];
  @ApiProperty({ type: FinalBalanceCanResponseDto }) can!: FinalBalanceCanResponseDto;
}

export class RecoveryOrderListResponseDto {
  @ApiProperty({ type: [RecoveryOrderSummaryResponseDto] }) items!: RecoveryOrderSummaryResponseDto[];
  total!: number;
}

export class RepaymentResponseDto {
  id!: string;
  amountCents!: number;
  receivedOn!: string;
  bankReference!: string;
  @ApiProperty({ type: String, nullable: true }) recordedByName!: string | null;
  recordedAt!: string;
}

export class RecoveryOrderCanResponseDto {
  recordRepayment!: boolean;
}

export class RecoveryOrderResponseDto extends RecoveryOrderSummaryResponseDto {
  /** The final balance the order was drawn from. */
  @ApiProperty({ type: FinalBalanceFiguresResponseDto }) finalBalance!: FinalBalanceFiguresResponseDto;
  @ApiProperty({ type: [RepaymentResponseDto] }) repayments!: RepaymentResponseDto[];
  @ApiProperty({ type: RecoveryOrderCanResponseDto }) can!: RecoveryOrderCanResponseDto;
}

export class ClosureItemResponseDto {
  @ApiProperty({ enum: CLOSURE_ITEMS }) code!: ClosureItemCode;
  met!: boolean;
  @ApiProperty(PARAMS) params!: Record<string, string | number>;
}

export class GrantClosedResponseDto {
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closingNote!: string | null;
}

export class ClosureCanResponseDto {
  close!: boolean;
}

export class ClosureResponseDto {
  grantId!: string;
  @ApiProperty({ type: String, nullable: true }) agreementNumber!: string | null;
  @ApiProperty({ enum: GRANT_STATUSES }) grantStatus!: GrantStatus;
  version!: number;
  @ApiProperty({ type: [ClosureItemResponseDto] }) items!: ClosureItemResponseDto[];
  /** What is missing from the file: `agreement`, `expenditure_report:<seq>`, `addendum:<amendment id>`. */
  @ApiProperty({ type: [String] }) missingDocuments!: string[];
  @ApiProperty({ enum: KINDS, nullable: true }) finalBalanceKind!: FinalBalanceKind | null;
  @ApiProperty({ enum: TRANCHE_STATUSES, nullable: true }) balanceTrancheStatus!: TrancheStatus | null;
  @ApiProperty({ enum: RECOVERY_ORDER_STATUSES, nullable: true }) recoveryOrderStatus!: RecoveryOrderStatus | null;
  @ApiProperty({ type: GrantClosedResponseDto, nullable: true }) closed!: GrantClosedResponseDto | null;
  @ApiProperty({ type: ClosureCanResponseDto }) can!: ClosureCanResponseDto;
}
