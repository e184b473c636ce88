import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  COST_HEADINGS, GRANT_AMENDMENT_KINDS, GRANT_STATUSES, type CostHeadingCode, type GrantAmendmentKind, type GrantStatus,
} from '@grants/domain';
import { LogframeResponseDto } from '../../applications/dtos/application-response.dto';

// ---------------------------------------------------------------------------------------------------------
// Input

/** One budget line as the reallocation proposes it (a line left out keeps its amount; a new lineId adds a line). */
export class ReallocationLineDto {
  @IsString() @MaxLength(20) lineId!: string;
  @ApiProperty({ enum: COST_HEADINGS }) @IsIn(COST_HEADINGS) heading!: CostHeadingCode;
  @IsString() @MaxLength(500) description!: string;
  /** Integer euro cents (the domain names anything else). */
  @IsNumber() approvedCents!: number;
}

/**
 * An amendment of a grant in force, of one kind, with its justification: a budget reallocation (the lines' new
 * amounts and the indirect costs), a no-cost extension (the new end date), a logframe change (the whole new
 * logframe) or a bank-account change (IBAN, holder and the bank's letter uploaded first).
 */
export class RequestAmendmentDto {
  @ApiProperty({ enum: GRANT_AMENDMENT_KINDS }) @IsIn(GRANT_AMENDMENT_KINDS) kind!: GrantAmendmentKind;
  /** Why the change is needed (required; checked with the request's other fields, 422 when blank). */
  @IsOptional() @IsString() @MaxLength(4000) justification?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(300) @ValidateNested({ each: true }) @Type(() => ReallocationLineDto) budgetLines?: ReallocationLineDto[];
  /** Integer euro cents; the latest version's when left out. */
  @IsOptional() @IsNumber() indirectCents?: number;
  /** YYYY-MM-DD, later than the current end date. */
  @IsOptional() @IsString() @MaxLength(10) endDate?: string;
  @ApiPropertyOptional({ type: LogframeResponseDto }) @IsOptional() @IsObject() logframe?: LogframeResponseDto;
  @IsOptional() @IsString() @MaxLength(50) iban?: string;
  @IsOptional() @IsString() @MaxLength(200) holder?: string;
  @IsOptional() @IsUUID() bankLetterFileId?: string;
}

export class CompareVersionsQuery {
  @Type(() => Number) @IsInt() @Min(1) from!: number;
  @Type(() => Number) @IsInt() @Min(1) to!: number;
}

// ---------------------------------------------------------------------------------------------------------
// Answers

export class GrantBudgetLineResponseDto {
  lineId!: string;
  @ApiProperty({ enum: COST_HEADINGS }) heading!: CostHeadingCode;
  description!: string;
  /** Integer euro cents. */
  approvedCents!: number;
}

export class GrantBankAccountResponseDto {
  iban!: string;
  holder!: string | null;
}

/** A grant as one version froze it. */
export class GrantVersionSnapshotResponseDto {
  version!: number;
  agreementNumber!: string;
  amountCents!: number;
  startDate!: string;
  endDate!: string;
  budgetLines!: GrantBudgetLineResponseDto[];
  indirectCents!: number;
  logframe!: LogframeResponseDto;
  bankAccount!: GrantBankAccountResponseDto;
  amendmentId!: string | null;
}

export class GrantVersionSummaryResponseDto {
  version!: number;
  /** SHA-256 of the version's canonical text. */
  sha256!: string;
  amendmentId!: string | null;
  @ApiProperty({ enum: GRANT_AMENDMENT_KINDS, nullable: true }) amendmentKind!: GrantAmendmentKind | null;
  /** A reallocation within the limit, applied without a decision. */
  notice!: boolean;
  /** The addendum PDF of the amendment that made the version (none for v1, the agreement). */
  addendumFileId!: string | null;
  addendumSha256!: string | null;
  createdAt!: string;
}

export class GrantVersionListResponseDto {
  items!: GrantVersionSummaryResponseDto[];
}

export class GrantVersionDetailResponseDto extends GrantVersionSummaryResponseDto {
  snapshot!: GrantVersionSnapshotResponseDto;
  /** Whether the snapshot still hashes to the SHA-256 recorded when it was frozen. */
  hashVerified!: boolean;
}

export class NumberChangeResponseDto {
  from!: number;
  to!: number;
}

export class TextChangeResponseDto {
  from!: string;
  to!: string;
}

export class BankAccountChangeResponseDto {
  from!: GrantBankAccountResponseDto;
  to!: GrantBankAccountResponseDto;
}

export class BudgetLineChangeResponseDto {
  lineId!: string;
  from!: GrantBudgetLineResponseDto;
  to!: GrantBudgetLineResponseDto;
  deltaCents!: number;
}

export class BudgetLinesDiffResponseDto {
  added!: GrantBudgetLineResponseDto[];
  removed!: GrantBudgetLineResponseDto[];
  changed!: BudgetLineChangeResponseDto[];
}

export class LogframeItemResponseDto {
  key!: string;
  @ApiProperty({ enum: ['overall_objective', 'specific_objective', 'result', 'indicator', 'activity'] }) kind!: 'overall_objective' | 'specific_objective' | 'result' | 'indicator' | 'activity';
  text!: string;
}

export class LogframeItemChangeResponseDto {
  key!: string;
  from!: LogframeItemResponseDto;
  to!: LogframeItemResponseDto;
}

export class LogframeDiffResponseDto {
  added!: LogframeItemResponseDto[];
  removed!: LogframeItemResponseDto[];
  changed!: LogframeItemChangeResponseDto[];
}

/** What changed from one version to another. */
export class GrantVersionDiffResponseDto {
  fromVersion!: number;
  toVersion!: number;
  @ApiProperty({ type: NumberChangeResponseDto, nullable: true }) amountCents!: NumberChangeResponseDto | null;
  @ApiProperty({ type: TextChangeResponseDto, nullable: true }) startDate!: TextChangeResponseDto | null;
  @ApiProperty({ type: TextChangeResponseDto, nullable: true }) endDate!: TextChangeResponseDto | null;
  @ApiProperty({ type: NumberChangeResponseDto, nullable: true }) indirectCents!: NumberChangeResponseDto | null;
  budgetLines!: BudgetLinesDiffResponseDto;
  logframe!: LogframeDiffResponseDto;
  @ApiProperty({ type: BankAccountChangeResponseDto, nullable: true }) bankAccount!: BankAccountChangeResponseDto | null;
  changed!: boolean;
}

export class CostHeadingRuleResponseDto {
  @ApiProperty({ enum: COST_HEADINGS }) code!: CostHeadingCode;
  /** The call's cap in percent of direct costs; null when uncapped. */
  capPct!: number | null;
}

export class ReallocationRulesResponseDto {
  /** The share of a heading movable with a notice (2500 = 25 %). */
  reallocationWithoutAmendmentBp!: number;
  indirectCostCapBp!: number;
  costHeadings!: CostHeadingRuleResponseDto[];
}

const headingBudget = { type: 'object', additionalProperties: { type: 'integer' }, description: 'Cents by heading (the six cost headings and "indirect"); absent is 0' } as const;

/** What the amendment form needs to check a request as the API will: the latest version, the rules and budgets the reallocation is counted against. */
export class AmendmentContextResponseDto {
  grantId!: string;
  @ApiProperty({ enum: GRANT_STATUSES }) grantStatus!: GrantStatus;
  /** The amount awarded: the grant total never exceeds it. */
  awardedCents!: number;
  latest!: GrantVersionSnapshotResponseDto;
  rules!: ReallocationRulesResponseDto;
  /** What a reallocation is counted against: the originally approved budget (or as last set by an approved budget amendment). */
  @ApiProperty(headingBudget) originalBudget!: Record<string, number>;
  @ApiProperty(headingBudget) currentBudget!: Record<string, number>;
  /** Accepted spending per heading: no heading is cut below it. */
  @ApiProperty(headingBudget) spentByHeading!: Record<string, number>;
  @ApiProperty({ enum: GRANT_AMENDMENT_KINDS, isArray: true }) pendingKinds!: GrantAmendmentKind[];
  maxDurationMonths!: number | null;
  /** The National Strategy codes of the call's priorities: a logframe change keeps each specific objective within them. */
  priorityObjectives!: string[];
}
