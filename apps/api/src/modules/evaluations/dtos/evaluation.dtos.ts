import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID,
  MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsStringRecord } from '../../../common/validators';

export class AddEvaluatorDto {
  @IsUUID() userId!: string;
}

export class ManualAssignmentDto {
  @IsUUID() applicationId!: string;
  @IsUUID() evaluatorId!: string;
}

export class SignDeclarationDto {
  /** The language the evaluator read the declaration in. */
  @IsIn(['en', 'sq', 'sr']) language!: 'en' | 'sq' | 'sr';
  /** Must be true: the evaluator ticks that they read and accept it. */
  @IsBoolean() accept!: boolean;
}

export class ConflictDto {
  /** true: the evaluator has a conflict of interest with the organisation and is taken off the application. */
  @IsBoolean() conflict!: boolean;
  @ValidateIf((o: ConflictDto) => o.conflict === true) @IsString() @IsNotEmpty() @MaxLength(2000) reason?: string;
}

export class SaveSheetDto {
  /** Points per criterion id (checked against the call's grid). */
  @IsObject() scores!: Record<string, number>;
  /** A comment per section id: each a text (a number or an object is refused with 400, never stored). */
  @IsStringRecord({ maxKeys: 100 }) comments!: Record<string, string>;
  @IsInt() @Min(1) version!: number;
}

export class SubmitSheetDto {
  @IsInt() @Min(1) version!: number;
}

export class ReasonDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class RankingQuery {
  /** What-if: the ranking with this envelope instead of the call's. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) envelopeCents?: number;
}

export class AdjustmentDto {
  @IsUUID() applicationId!: string;
  @IsInt() @Min(1) amountCents!: number;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

export class RecordDecisionDto {
  /** The members of the evaluation committee, by name and function. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true }) committeeMembers!: string[];
  /** The date of the committee's meeting (YYYY-MM-DD). */
  @IsISO8601({ strict: true }) decidedOn!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AdjustmentDto) adjustments?: AdjustmentDto[];
  /** The ranking the Secretariat looked at; the decision is refused if the sheets changed since. */
  @IsString() @IsNotEmpty() rankingSha256!: string;
}
