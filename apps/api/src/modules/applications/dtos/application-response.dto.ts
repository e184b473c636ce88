import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_SECTIONS, APPLICATION_STATUSES, COST_HEADINGS, type ApplicationSection, type ApplicationStatus, type CostHeadingCode } from '@grants/domain';
import { RequiredAttachmentDto } from '../../calls/dtos/call.dtos';

const STRING_OR_NUMBER = { oneOf: [{ type: 'string' }, { type: 'number' }] };
/** Message parameters, e.g. { max: 6000000 } for a ceiling in cents. */
const PARAMS = { type: 'object', additionalProperties: STRING_OR_NUMBER } as const;

export class BeneficiaryGroupResponseDto {
  group!: string;
  /** A count, never a person. */
  count!: number;
}

export class ProjectResponseDto {
  title!: string;
  summary!: string;
  durationMonths!: number;
  /** YYYY-MM-DD, or an empty string while drafting. */
  startDate!: string;
  /** Municipality codes (GET /api/reference/municipalities). */
  municipalities!: string[];
  targetGroups!: string[];
  beneficiariesByGroup!: BeneficiaryGroupResponseDto[];
}

export class IndicatorResponseDto {
  name!: string;
  level!: 'output' | 'outcome';
  unit!: string;
  @ApiProperty(STRING_OR_NUMBER) baseline!: string | number;
  @ApiProperty(STRING_OR_NUMBER) target!: string | number;
  meansOfVerification!: string;
  frequency!: string;
}

export class ActivityResponseDto {
  code!: string;
  text!: string;
}

export class ResultResponseDto {
  text!: string;
  indicators!: IndicatorResponseDto[];
  activities!: ActivityResponseDto[];
}

export class SpecificObjectiveResponseDto {
  text!: string;
  /** The National Strategy code it serves (III.2.4), or null / absent when not tagged. */
  nsObjective?: string | null;
  results!: ResultResponseDto[];
}

export class LogframeResponseDto {
  overallObjective!: string;
  specificObjectives!: SpecificObjectiveResponseDto[];
}

export class WorkplanRowResponseDto {
  activityCode!: string;
  /** Project months (1-based) in which the activity runs. */
  months!: number[];
}

export class BudgetLineResponseDto {
  @ApiProperty({ enum: COST_HEADINGS }) heading!: CostHeadingCode;
  description!: string;
  unit!: string;
  /** Up to two decimals (e.g. 2.5 months). */
  quantity!: number;
  /** Integer euro cents. */
  unitCostCents!: number;
}

export class BudgetInputResponseDto {
  lines!: BudgetLineResponseDto[];
  /** Integer euro cents. */
  coFinancingCents!: number;
  /** Indirect costs as basis points of direct costs (700 = 7 %). */
  indirectCostBp!: number;
}

export class CapacityResponseDto {
  experienceWithVoT!: string;
  staff!: string;
  licenceNumber!: string;
}

export class AttachmentRefResponseDto {
  requirementId!: string;
  fileId!: string;
}

export class DeclarationsResponseDto {
  truthful!: boolean;
  noDoubleFunding!: boolean;
  dataProtection!: boolean;
}

/** Every section of the application, as stored. */
export class ApplicationContentResponseDto {
  project!: ProjectResponseDto;
  logframe!: LogframeResponseDto;
  workplan!: WorkplanRowResponseDto[];
  budget!: BudgetInputResponseDto;
  capacity!: CapacityResponseDto;
  attachments!: AttachmentRefResponseDto[];
  declarations!: DeclarationsResponseDto;
}

export class ComputedBudgetLineResponseDto extends BudgetLineResponseDto {
  /** Integer euro cents: quantity × unit cost, rounded to the cent. */
  totalCents!: number;
}

export class HeadingTotalResponseDto {
  @ApiProperty({ enum: COST_HEADINGS }) heading!: CostHeadingCode;
  /** Integer euro cents. */
  totalCents!: number;
}

/** The budget as the server computes it; all amounts in integer euro cents. */
export class ComputedBudgetResponseDto {
  lines!: ComputedBudgetLineResponseDto[];
  /** One entry per heading used, in the order of the cost headings. */
  headings!: HeadingTotalResponseDto[];
  /** Integer euro cents. */
  directCents!: number;
  indirectCostBp!: number;
  /** Integer euro cents. */
  indirectCents!: number;
  /** Integer euro cents. */
  totalCents!: number;
  /** Integer euro cents. */
  coFinancingCents!: number;
  /** Integer euro cents: total minus co-financing. */
  requestedCents!: number;
  /** Co-financing as a share of the total, in basis points, rounded down. */
  coFinancingBp!: number;
}

/** What keeps the application from being submitted. */
export class CompletenessProblemResponseDto {
  @ApiProperty({ enum: APPLICATION_SECTIONS }) section!: ApplicationSection;
  field!: string;
  code!: string;
  @ApiPropertyOptional(PARAMS) params?: Record<string, string | number>;
}

/** One frozen submission (a resubmission supersedes the previous one). */
export class SubmissionResponseDto {
  seq!: number;
  reference!: string;
  sha256!: string;
  /** ISO instant. */
  submittedAt!: string;
  /** ISO instant. */
  supersededAt!: string | null;
}

export class ApplicationAttachmentResponseDto {
  id!: string;
  requirementId!: string;
  fileId!: string;
  fileName!: string;
  /** Bytes. */
  size!: number;
  sha256!: string;
}

export class AdmissibilityAnswerResponseDto {
  itemId!: string;
  passed!: boolean;
  reason?: string;
}

export class AdmissibilityCheckResponseDto {
  answers!: AdmissibilityAnswerResponseDto[];
  /** null until the Secretariat decides. */
  outcome!: 'admissible' | 'rejected' | 'incomplete' | null;
  /** For a person to judge: shared_registration_number, shared_iban, active_grant, applied_twice. */
  flags!: string[];
  /** ISO instant. */
  decidedAt!: string | null;
}

/** An application with its computed budget, completeness, submissions and admissibility check. */
export class ApplicationResponseDto {
  id!: string;
  callId!: string;
  callReference!: string;
  organizationId!: string;
  organizationName!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  /** Optimistic lock: send it back with PATCH and submit. */
  version!: number;
  reference!: string | null;
  content!: ApplicationContentResponseDto;
  budget!: ComputedBudgetResponseDto;
  completeness!: CompletenessProblemResponseDto[];
  /** ISO instant. */
  submittedAt!: string | null;
  /** SHA-256 of the latest submitted snapshot. */
  sha256!: string | null;
  /** A submitted application edited since its last submission (resubmit before the deadline). */
  changedSinceSubmission!: boolean;
  /** ISO instant: the call's submission deadline. */
  deadlineAt!: string | null;
  /** The server's clock (ISO instant), which judges the deadline. */
  serverNow!: string;
  submissionOpen!: boolean;
  submissions!: SubmissionResponseDto[];
  attachments!: ApplicationAttachmentResponseDto[];
  requiredAttachments!: RequiredAttachmentDto[];
  @ApiProperty({ type: AdmissibilityCheckResponseDto, nullable: true }) admissibility!: AdmissibilityCheckResponseDto | null;
}

/**
 * What an autosave answers (PATCH /api/applications/:id/autosave): only what a save changes and the form shows next,
 * the new version, the budget and completeness as the server computes them, whether a submitted application now
 * differs from its submission, and the server's clock. The sections saved are the ones the form sent (merged field by
 * field over the stored ones); GET /api/applications/:id answers the whole application.
 */
export class ApplicationAutosaveResponseDto {
  id!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  /** Optimistic lock: send it back with the next save and with submit. */
  version!: number;
  budget!: ComputedBudgetResponseDto;
  completeness!: CompletenessProblemResponseDto[];
  /** A submitted application edited since its last submission (resubmit before the deadline). */
  changedSinceSubmission!: boolean;
  /** The server's clock (ISO instant), which judges the deadline. */
  serverNow!: string;
  submissionOpen!: boolean;
}

/** An application as lists show it. */
export class ApplicationListItemResponseDto {
  id!: string;
  callId!: string;
  callReference!: string;
  organizationName!: string;
  organizationId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  reference!: string | null;
  /** Integer euro cents. */
  requestedCents!: number;
  /** ISO instant. */
  submittedAt!: string | null;
  admissibilityOutcome!: 'admissible' | 'rejected' | 'incomplete' | null;
}

export class ApplicationPageResponseDto {
  items!: ApplicationListItemResponseDto[];
  total!: number;
}
