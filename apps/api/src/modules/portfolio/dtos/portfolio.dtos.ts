import { ApiPropertyOptional } from '@nestjs/swagger';
import { isNsCode, MUNICIPALITY_CODES } from '@grants/domain';
import { IsIn, IsOptional, IsUUID, ValidateBy, type ValidationOptions } from 'class-validator';
import { IsSaneDate } from '../../../common/validators';

const IsNsObjective = (options?: ValidationOptions) =>
  ValidateBy({
    name: 'isNsObjective',
    validator: { validate: (v: unknown) => isNsCode(v), defaultMessage: (a) => `${a?.property} must be a National Strategy code such as III, III.2 or III.2.4` },
  }, options);

const IsNotBeforeFrom = (options?: ValidationOptions) =>
  ValidateBy({
    name: 'isNotBeforeFrom',
    validator: {
      validate: (v: unknown, a) => {
        const from = (a?.object as { from?: unknown }).from;
        return typeof v !== 'string' || typeof from !== 'string' || v >= from;
      },
      defaultMessage: (a) => `${a?.property} must not be before from`,
    },
  }, options);

/** The dashboard's filter, the same on every portfolio route. */
export class PortfolioFilterDto {
  /** Grants of this call only. */
  @IsOptional() @IsUUID() callId?: string;
  /** A National Strategy code (III, III.2, III.2.4): grants tied to it or to an objective below it. */
  @ApiPropertyOptional({ example: 'III.2' }) @IsOptional() @IsNsObjective() objective?: string;
  /** A municipality code (libs/domain municipalities.ts): grants of an organisation there or reporting beneficiaries there. */
  @ApiPropertyOptional({ enum: MUNICIPALITY_CODES as string[] }) @IsOptional() @IsIn(MUNICIPALITY_CODES as string[]) municipality?: string;
  /** First day of the period, YYYY-MM-DD. */
  @IsOptional() @IsSaneDate({ kind: 'date' }) from?: string;
  /** Last day of the period, YYYY-MM-DD, not before `from`. */
  @IsOptional() @IsSaneDate({ kind: 'date' }) @IsNotBeforeFrom() to?: string;
}
