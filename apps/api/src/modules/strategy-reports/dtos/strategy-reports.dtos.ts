import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { STRATEGY_NARRATIVE_MAX, STRATEGY_REPORT_KINDS, STRATEGY_REPORT_YEARS, type StrategyReportKind } from '@grants/domain';

/** Draft a report: its kind and period (a 6-month report needs its half: 1 = January–June, 2 = July–December). */
export class CreateStrategyReportDto {
  @ApiProperty({ enum: STRATEGY_REPORT_KINDS }) @IsIn(STRATEGY_REPORT_KINDS) kind!: StrategyReportKind;
  @ApiProperty({ type: 'integer', minimum: STRATEGY_REPORT_YEARS.from, maximum: STRATEGY_REPORT_YEARS.to })
  @IsInt() @Min(STRATEGY_REPORT_YEARS.from) @Max(STRATEGY_REPORT_YEARS.to) year!: number;
  @ApiPropertyOptional({ enum: [1, 2], type: 'integer', nullable: true }) @IsOptional() @IsIn([1, 2]) half?: 1 | 2 | null;
}

/** The Secretariat's text; per objective by its code (III, III.2) or `none` for the grants not tied to one. */
export class StrategyNarrativeDto {
  @ApiPropertyOptional({ maxLength: STRATEGY_NARRATIVE_MAX }) @IsOptional() @IsString() @MaxLength(STRATEGY_NARRATIVE_MAX) introduction?: string;
  @ApiPropertyOptional({ maxLength: STRATEGY_NARRATIVE_MAX }) @IsOptional() @IsString() @MaxLength(STRATEGY_NARRATIVE_MAX) conclusions?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', maxLength: STRATEGY_NARRATIVE_MAX } }) @IsOptional() @IsObject() objectives?: Record<string, string>;
}

/** Edit the narrative of a draft at the version it was read at (409 version_conflict when it moved on). */
export class UpdateStrategyReportDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) @IsInt() @Min(1) version!: number;
  @ApiProperty({ type: StrategyNarrativeDto }) @ValidateNested() @Type(() => StrategyNarrativeDto) narrative!: StrategyNarrativeDto;
}

/** Redraft or issue the report at the version it was read at. */
export class StrategyReportVersionDto {
  @ApiProperty({ type: 'integer', minimum: 1 }) @IsInt() @Min(1) version!: number;
}

export const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export const EXPORT_LANGUAGES = ['en', 'sq', 'sr'] as const;
export const EXPORT_SCRIPTS = ['latin', 'cyrillic'] as const;

export class StrategyReportExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS }) @IsIn(EXPORT_FORMATS) format!: (typeof EXPORT_FORMATS)[number];
  @ApiProperty({ enum: EXPORT_LANGUAGES }) @IsIn(EXPORT_LANGUAGES) language!: (typeof EXPORT_LANGUAGES)[number];
  /** Serbian only: Latin (the default) or Cyrillic. */
  @ApiPropertyOptional({ enum: EXPORT_SCRIPTS }) @IsOptional() @IsIn(EXPORT_SCRIPTS) script?: (typeof EXPORT_SCRIPTS)[number];
}
