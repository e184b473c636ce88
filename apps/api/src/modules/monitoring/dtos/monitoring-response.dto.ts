import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_POINT_OWNERS, ACTION_POINT_PRIORITIES, ACTION_POINT_STATUSES, VISIT_REPORT_STATUSES, VISIT_TYPES, type ActionPointOwner, type ActionPointPriority,
  type ActionPointStatus, type VisitReportStatus, type VisitType,
} from '@grants/domain';
import { ActivityAssessmentDto, BeneficiaryCountDto, PersonMetDto } from './monitoring.dtos';

const PARAMS = { type: 'object' as const, additionalProperties: { oneOf: [{ type: 'string' as const }, { type: 'number' as const }] } };

export class MonitoringProblemResponseDto {
  /** The field at fault: `activities`, `activities.<i>.status`, `rating`, `ratingReasons`, `findings`, `actionPoints.<i>.dueDate`, … */
  field!: string;
  code!: string;
  @ApiPropertyOptional(PARAMS) params?: Record<string, string | number>;
}

export class WorkPlanActivityResponseDto {
  activityId!: string;
  text!: string;
  /** The expected result the activity serves. */
  result!: string;
}

export class VisitSummaryResponseDto {
  id!: string;
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  municipality!: string;
  monitorId!: string;
  monitorName!: string;
  @ApiProperty({ enum: VISIT_TYPES }) type!: VisitType;
  /** YYYY-MM-DD. */
  date!: string;
  purpose!: string;
  /** The report's status; for the organisation and observers only `shared` is ever told (otherwise null). */
  @ApiProperty({ enum: VISIT_REPORT_STATUSES, nullable: true }) reportStatus!: VisitReportStatus | null;
  @ApiProperty({ type: 'integer', nullable: true }) rating!: number | null;
  /** Live action points of its report not closed yet. */
  openActionPoints!: number;
}

export class VisitListResponseDto {
  @ApiProperty({ type: [VisitSummaryResponseDto] }) items!: VisitSummaryResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class VisitReportContentResponseDto {
  @ApiProperty({ type: [ActivityAssessmentDto] }) activities!: ActivityAssessmentDto[];
  @ApiProperty({ type: 'integer', nullable: true }) rating!: number | null;
  @ApiProperty({ nullable: true, type: String }) ratingReasons!: string | null;
  @ApiProperty({ nullable: true, type: String }) correctiveActions!: string | null;
  @ApiProperty({ nullable: true, type: String }) findings!: string | null;
  @ApiProperty({ nullable: true, type: String }) recommendations!: string | null;
  @ApiProperty({ type: [PersonMetDto] }) peopleMet!: PersonMetDto[];
  @ApiProperty({ type: [BeneficiaryCountDto] }) beneficiariesObserved!: BeneficiaryCountDto[];
}

export class VisitPhotoResponseDto {
  id!: string;
  clientKey!: string;
  @ApiProperty({ nullable: true, type: String }) caption!: string | null;
  width!: number;
  height!: number;
  /** Where the image is read (through the visit's access check). */
  url!: string;
}

export class EvidenceFileResponseDto {
  id!: string;
  fileName!: string;
}

export class ActionPointEventResponseDto {
  @ApiProperty({ enum: ['answer', 'reopen', 'close'] }) kind!: 'answer' | 'reopen' | 'close';
  @ApiProperty({ nullable: true, type: String }) body!: string | null;
  byName!: string;
  createdAt!: string;
  @ApiProperty({ type: [EvidenceFileResponseDto] }) evidence!: EvidenceFileResponseDto[];
}

export class ActionPointCanResponseDto {
  answer!: boolean;
  close!: boolean;
  reopen!: boolean;
}

export class ActionPointResponseDto {
  id!: string;
  seq!: number;
  visitId!: string;
  visitDate!: string;
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  municipality!: string;
  what!: string;
  @ApiProperty({ enum: ACTION_POINT_OWNERS }) owner!: ActionPointOwner;
  @ApiProperty({ enum: ACTION_POINT_PRIORITIES }) priority!: ActionPointPriority;
  dueDate!: string;
  @ApiProperty({ enum: ACTION_POINT_STATUSES }) status!: ActionPointStatus;
  /** Past its due date and still waiting on its owner. */
  overdue!: boolean;
  /** High priority and overdue: the Secretariat is told. */
  escalated!: boolean;
  /** Whom it waits on now. */
  @ApiProperty({ enum: ['organisation', 'secretariat', 'monitor'], nullable: true }) waitsOn!: 'organisation' | 'secretariat' | 'monitor' | null;
  @ApiProperty({ nullable: true, type: String }) answer!: string | null;
  @ApiProperty({ type: [EvidenceFileResponseDto] }) evidence!: EvidenceFileResponseDto[];
  @ApiProperty({ nullable: true, type: String }) reopenReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  version!: number;
  @ApiProperty({ type: [ActionPointEventResponseDto] }) events!: ActionPointEventResponseDto[];
  can!: ActionPointCanResponseDto;
}

export class ActionPointListResponseDto {
  @ApiProperty({ type: [ActionPointResponseDto] }) items!: ActionPointResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class VisitReportCommentResponseDto {
  id!: string;
  authorName!: string;
  @ApiProperty({ enum: ['monitor', 'secretariat', 'organisation'] }) authorKind!: 'monitor' | 'secretariat' | 'organisation';
  body!: string;
  createdAt!: string;
}

export class VisitReportResponseDto {
  id!: string;
  @ApiProperty({ enum: VISIT_REPORT_STATUSES }) status!: VisitReportStatus;
  version!: number;
  content!: VisitReportContentResponseDto;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewComment!: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) sharedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
  @ApiProperty({ type: [VisitPhotoResponseDto] }) photos!: VisitPhotoResponseDto[];
  @ApiProperty({ type: [ActionPointResponseDto] }) actionPoints!: ActionPointResponseDto[];
  @ApiProperty({ type: [VisitReportCommentResponseDto] }) comments!: VisitReportCommentResponseDto[];
  /** What stops the report from being submitted (empty once it may be). */
  @ApiProperty({ type: [MonitoringProblemResponseDto] }) problems!: MonitoringProblemResponseDto[];
}

export class VisitCanResponseDto {
  edit!: boolean;
  submit!: boolean;
  review!: boolean;
  share!: boolean;
  comment!: boolean;
  reschedule!: boolean;
}

export class VisitResponseDto extends VisitSummaryResponseDto {
  version!: number;
  @ApiProperty({ nullable: true, type: String }) grantStartDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) grantEndDate!: string | null;
  @ApiProperty({ type: [WorkPlanActivityResponseDto] }) workPlan!: WorkPlanActivityResponseDto[];
  /** Null for the organisation and observers until the report is shared. */
  @ApiProperty({ type: VisitReportResponseDto, nullable: true }) report!: VisitReportResponseDto | null;
  can!: VisitCanResponseDto;
}

export class MonitoringPriorityReasonResponseDto {
  @ApiProperty({ enum: ['rating', 'unrated', 'overdue_reports', 'overdue_action_points', 'spending_gap', 'days_since_visit', 'never_visited'] }) code!: string;
  points!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) params!: Record<string, number>;
}

export class MonitoringPriorityItemResponseDto {
  grantId!: string;
  agreementNumber!: string;
  organizationName!: string;
  municipality!: string;
  @ApiProperty({ nullable: true, type: String }) monitorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) monitorName!: string | null;
  score!: number;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) band!: 'high' | 'medium' | 'low';
  @ApiProperty({ type: [MonitoringPriorityReasonResponseDto] }) reasons!: MonitoringPriorityReasonResponseDto[];
  @ApiProperty({ type: 'integer', nullable: true }) latestRating!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastVisitDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextVisitDate!: string | null;
  overdueActionPoints!: number;
  overdueReports!: number;
  daysSinceLastVisit!: number;
}

export class MonitoringPriorityRuleResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) ratingPoints!: Record<string, number>;
  overdueReportPoints!: number;
  overdueReportCap!: number;
  overdueActionPointPoints!: number;
  overdueHighActionPointPoints!: number;
  overdueActionPointCap!: number;
  gapToleranceBp!: number;
  gapStepBp!: number;
  gapStepPoints!: number;
  gapCap!: number;
  visitGraceDays!: number;
  visitStepDays!: number;
  visitStepPoints!: number;
  visitCap!: number;
  highFrom!: number;
  mediumFrom!: number;
}

export class MonitoringPriorityListResponseDto {
  @ApiProperty({ type: [MonitoringPriorityItemResponseDto] }) items!: MonitoringPriorityItemResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
  /** The counts per band of the whole list (before the band filter). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) bands!: Record<string, number>;
  rule!: MonitoringPriorityRuleResponseDto;
}
