import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GRANT_AMENDMENT_KINDS, GRANT_AMENDMENT_STATUSES, GRANT_RECORD_ACTIONS, GRANT_STATUSES, TRANCHE_CONDITION_KINDS, TRANCHE_KINDS, TRANCHE_STATUSES,
  type GrantAmendmentKind, type GrantAmendmentStatus, type GrantRecordAction, type GrantStatus, type TrancheConditionKind, type TrancheKind, type TrancheStatus,
} from '@grants/domain';
import { BudgetInputResponseDto, ComputedBudgetResponseDto, LogframeResponseDto } from '../../applications/dtos/application-response.dto';

export class BudgetRevisionResponseDto {
  budget!: BudgetInputResponseDto;
  computed!: ComputedBudgetResponseDto;
  /** ISO instant. */
  submittedAt!: string;
  /** ISO instant the Secretariat accepted it; null until then. */
  acceptedAt!: string | null;
  version!: number;
}

export class BudgetRevisionStateResponseDto {
  awardId!: string;
  /** Integer euro cents. */
  awardedCents!: number;
  requestedCents!: number;
  /** The committee lowered the amount: the budget is revised to it (and accepted) before the agreement is drawn up. */
  needed!: boolean;
  revision!: BudgetRevisionResponseDto | null;
  applicationId!: string;
  applicationReference!: string;
  organizationName!: string;
  callId!: string;
  callReference!: string;
  /** The call's eligible cost headings (codes), for the form's heading list. */
  @ApiProperty({ type: [String] }) costHeadings!: string[];
  /** The budget as submitted with the application, to compare the revision with. */
  original!: BudgetInputResponseDto | null;
  originalComputed!: ComputedBudgetResponseDto | null;
  /** The grant drawn up from the award, once it is. */
  grantId!: string | null;
}

export class TrancheConditionResponseDto {
  @ApiProperty({ enum: TRANCHE_CONDITION_KINDS }) kind!: TrancheConditionKind;
  met!: boolean;
  /** The figure behind it in plain English, e.g. "spent €6,900.00 of €8,000.00 = 86.25 % ≥ 70 %"; screens use params. */
  figure!: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) params!: Record<string, string | number>;
}

export class TrancheResponseDto {
  id!: string;
  grantId!: string;
  seq!: number;
  @ApiProperty({ enum: TRANCHE_KINDS }) kind!: TrancheKind;
  /** Integer euro cents. */
  amountCents!: number;
  /** YYYY-MM-DD. */
  plannedDate!: string;
  periodStart!: string | null;
  periodEnd!: string | null;
  @ApiProperty({ enum: TRANCHE_STATUSES }) status!: TrancheStatus;
  version!: number;
  requestedAt!: string | null;
  expenditureReportId!: string | null;
  documentFileIds!: string[];
  requestNote!: string | null;
  approvedAt!: string | null;
  /** The day (Kosovo time) it was approved: the day of its payment order. */
  approvedOn!: string | null;
  paidAt!: string | null;
  paidOn!: string | null;
  bankReference!: string | null;
  paymentOrderId!: string | null;
  /** Why it was returned (requested → planned) or rejected (approved → planned). */
  returnReason!: string | null;
  @ApiProperty({ type: [TrancheConditionResponseDto] }) conditions!: TrancheConditionResponseDto[];
  allConditionsMet!: boolean;
}

export class ScheduledReportResponseDto {
  @ApiProperty({ enum: ['interim', 'final'] }) kind!: 'interim' | 'final';
  seq!: number;
  periodStart!: string;
  periodEnd!: string;
  dueDate!: string;
}

export class GrantSettingsResponseDto {
  preFinancingBp!: number;
  shortGrantMaxMonths!: number;
  instalmentPeriodMonths!: number;
  nextInstalmentSpentBp!: number;
  reallocationWithoutAmendmentBp!: number;
  indirectCostCapBp!: number;
  interimReportEveryMonths!: number;
  interimReportDueDays!: number;
  finalReportDueDays!: number;
}

export class AgreementFileResponseDto {
  fileId!: string;
  /** SHA-256 of the agreement PDF sent for signature. */
  sha256!: string;
  /** The organisation's language, beside English. */
  @ApiProperty({ enum: ['en', 'sq', 'sr'] }) language!: 'en' | 'sq' | 'sr';
  sentAt!: string;
}

export class SignatureResponseDto {
  signatoryName!: string | null;
  signatoryFunction!: string | null;
  signedAt!: string | null;
  countersignedAt!: string | null;
}

export class GrantVersionResponseDto {
  version!: number;
  sha256!: string;
  amendmentId!: string | null;
  createdAt!: string;
}

export class GrantAmendmentResponseDto {
  id!: string;
  @ApiProperty({ enum: GRANT_AMENDMENT_KINDS }) kind!: GrantAmendmentKind;
  @ApiProperty({ enum: GRANT_AMENDMENT_STATUSES }) status!: GrantAmendmentStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) change!: Record<string, unknown>;
  justification!: string;
  bankLetterFileId!: string | null;
  requestedAt!: string;
  decidedAt!: string | null;
  decisionReason!: string | null;
  versionId!: string | null;
  /** A budget reallocation within the call's limit, applied at once without a decision. */
  notice!: boolean;
  /** A reallocation's classification per heading as computed when requested (libs/domain classifyReallocation). */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) reallocation!: Record<string, unknown> | null;
  /** The addendum PDF of an approved (or noticed) amendment, and its SHA-256. */
  addendumFileId!: string | null;
  addendumSha256!: string | null;
}

export class TimelineEntryResponseDto {
  at!: string;
  action!: string;
  actorEmail!: string | null;
  summary!: string;
}

export class GrantResponseDto {
  id!: string;
  agreementNumber!: string | null;
  @ApiProperty({ enum: GRANT_STATUSES }) status!: GrantStatus;
  version!: number;
  /** Integer euro cents: the awarded amount. */
  amountCents!: number;
  callId!: string;
  callReference!: string;
  awardId!: string;
  applicationId!: string | null;
  organizationId!: string;
  organizationName!: string;
  monitorId!: string | null;
  monitorName!: string | null;
  startDate!: string | null;
  endDate!: string | null;
  durationMonths!: number | null;
  submissionSha256!: string | null;
  @ApiProperty({ type: ComputedBudgetResponseDto, nullable: true }) budget!: ComputedBudgetResponseDto | null;
  @ApiProperty({ type: LogframeResponseDto, nullable: true }) logframe!: LogframeResponseDto | null;
  @ApiProperty({ type: [ScheduledReportResponseDto] }) reportingSchedule!: ScheduledReportResponseDto[];
  settings!: GrantSettingsResponseDto;
  /** Frozen at signature; changed only by an approved bank-account change. */
  iban!: string | null;
  accountHolder!: string | null;
  agreement!: AgreementFileResponseDto | null;
  signature!: SignatureResponseDto;
  signedCopyFileId!: string | null;
  paidCents!: number;
  @ApiProperty({ type: [TrancheResponseDto] }) tranches!: TrancheResponseDto[];
  @ApiProperty({ type: [GrantVersionResponseDto] }) versions!: GrantVersionResponseDto[];
  @ApiProperty({ type: [GrantAmendmentResponseDto] }) amendments!: GrantAmendmentResponseDto[];
  /** The states the grant may move to next (empty for a reader who acts on nothing). */
  @ApiProperty({ enum: GRANT_STATUSES, isArray: true }) nextStatuses!: GrantStatus[];
  /** What may be done on the grant's records in its state (who may is checked per route). */
  @ApiProperty({ enum: GRANT_RECORD_ACTIONS, isArray: true }) recordActions!: GrantRecordAction[];
  /** The Secretariat's view: everything that happened to the grant, its tranches and amendments, oldest first. */
  @ApiProperty({ type: [TimelineEntryResponseDto] }) timeline!: TimelineEntryResponseDto[];
}

export class GrantMonitoringPriorityResponseDto {
  score!: number;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) band!: 'high' | 'medium' | 'low';
}

export class GrantListItemResponseDto {
  id!: string;
  agreementNumber!: string | null;
  @ApiProperty({ enum: GRANT_STATUSES }) status!: GrantStatus;
  amountCents!: number;
  callId!: string;
  callReference!: string;
  organizationId!: string;
  organizationName!: string;
  monitorId!: string | null;
  monitorName!: string | null;
  startDate!: string | null;
  endDate!: string | null;
  paidCents!: number;
  /** The planned date of the first tranche not yet paid. */
  nextTrancheDate!: string | null;
  /** A report, expenditure report or tranche request is past due (libs/domain grantOverdue). */
  overdue!: boolean;
  /** The earliest due date passed; null when nothing is overdue. */
  overdueSince!: string | null;
  /**
   * The grant's monitoring priority (GET /api/monitoring/priority explains it), given to the Secretariat, observers
   * and monitors when the list is sorted by it; null otherwise, and for grants not in force.
   */
  @ApiProperty({ type: GrantMonitoringPriorityResponseDto, nullable: true }) monitoringPriority!: GrantMonitoringPriorityResponseDto | null;
}

export class GrantStatusCountResponseDto {
  @ApiProperty({ enum: GRANT_STATUSES }) status!: GrantStatus;
  count!: number;
}

export class GrantListCountsResponseDto {
  /** Grants in the list as filtered. */
  total!: number;
  /** Of those, overdue. */
  overdue!: number;
  /** Grants per status under the other filters (call, monitor, overdue), for the status filter's labels. */
  @ApiProperty({ type: [GrantStatusCountResponseDto] }) byStatus!: GrantStatusCountResponseDto[];
}

/** A value the list may be filtered by, with the words to show for it. */
export class GrantListOptionResponseDto {
  id!: string;
  label!: string;
}

/** What the list can be filtered by among every grant the reader sees (whatever the filters): calls and monitors. */
export class GrantListFacetsResponseDto {
  @ApiProperty({ type: [GrantListOptionResponseDto] }) calls!: GrantListOptionResponseDto[];
  @ApiProperty({ type: [GrantListOptionResponseDto] }) monitors!: GrantListOptionResponseDto[];
}

export class GrantListResponseDto {
  @ApiProperty({ type: [GrantListItemResponseDto] }) items!: GrantListItemResponseDto[];
  counts!: GrantListCountsResponseDto;
  facets!: GrantListFacetsResponseDto;
}

/** An award in force with no grant yet: its budget revision to wait for or accept, or ready to draw up. */
export class PendingAwardResponseDto {
  awardId!: string;
  callId!: string;
  callReference!: string;
  applicationId!: string;
  applicationReference!: string;
  organizationId!: string;
  organizationName!: string;
  /** Integer euro cents. */
  awardedCents!: number;
  requestedCents!: number;
  /** waiting_revision: lowered, the organisation has not revised its budget; revision_to_accept; ready: may be drawn up. */
  @ApiProperty({ enum: ['waiting_revision', 'revision_to_accept', 'ready'] }) stage!: 'waiting_revision' | 'revision_to_accept' | 'ready';
  /** ISO instant since when it waits at this stage. */
  since!: string;
  /** The application's planned start (YYYY-MM-DD) and duration, the draw-up form's defaults. */
  plannedStartDate!: string | null;
  durationMonths!: number | null;
  /** The call's longest duration in months. */
  maxDurationMonths!: number | null;
}

export class PendingAwardListResponseDto {
  @ApiProperty({ type: [PendingAwardResponseDto] }) items!: PendingAwardResponseDto[];
}

export class BudgetRevisionProblemResponseDto {
  /** The field as the application's budget names it, e.g. "budget.lines.2.unitCostCents", "budget.requestedCents". */
  field!: string;
  code!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) params?: Record<string, string | number>;
}

/** The server's totals and the call's rules for a budget being revised, before it is submitted. */
export class BudgetRevisionCheckResponseDto {
  computed!: ComputedBudgetResponseDto;
  @ApiProperty({ type: [BudgetRevisionProblemResponseDto] }) problems!: BudgetRevisionProblemResponseDto[];
}

export class GrantDocumentResponseDto {
  id!: string;
  fileName!: string;
  sha256!: string;
  size!: number;
}

export class PaymentLineResponseDto {
  trancheId!: string;
  endToEndId!: string;
  agreementNumber!: string;
  seq!: number;
  /** The name as the bank's file carries it (SEPA's character set). */
  beneficiaryName!: string;
  /** The name as it is written, for the screen. */
  beneficiaryDisplayName!: string;
  iban!: string;
  amountCents!: number;
  /** Decimal euros as the bank's file has them ("1234.56"). */
  amount!: string;
  remittanceInformation!: string;
}

export class PaymentOrderProblemResponseDto {
  trancheId!: string;
  field!: string;
  code!: string;
}

export class PaymentOrderSummaryResponseDto {
  id!: string;
  day!: string;
  messageId!: string;
  count!: number;
  controlSumCents!: number;
  xmlSha256!: string;
  createdAt!: string;
}

export class PaymentOrderPreviewResponseDto {
  day!: string;
  @ApiProperty({ type: [PaymentLineResponseDto] }) lines!: PaymentLineResponseDto[];
  count!: number;
  controlSumCents!: number;
  controlSum!: string;
  /** Tranches of the day left out (a bad IBAN, a zero amount) and why. */
  @ApiProperty({ type: [PaymentOrderProblemResponseDto] }) problems!: PaymentOrderProblemResponseDto[];
  /** Orders already recorded for the day. */
  @ApiProperty({ type: [PaymentOrderSummaryResponseDto] }) orders!: PaymentOrderSummaryResponseDto[];
}

export class PaymentOrderResponseDto extends PaymentOrderSummaryResponseDto {
  @ApiProperty({ type: [PaymentLineResponseDto] }) lines!: PaymentLineResponseDto[];
  controlSum!: string;
}

export class PaymentOrderListResponseDto {
  @ApiProperty({ type: [PaymentOrderSummaryResponseDto] }) items!: PaymentOrderSummaryResponseDto[];
}
