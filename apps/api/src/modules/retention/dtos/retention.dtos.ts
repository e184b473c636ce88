import { RETENTION_RECORD_TYPES, RETENTION_UNITS, type RetentionRecordType, type RetentionUnit } from '@grants/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsNotBlank } from '../../../common/validators';

export class RetentionSettingInputDto {
  @IsIn(RETENTION_RECORD_TYPES) type!: RetentionRecordType;
  @IsInt() @Min(1) amount!: number;
  @IsIn(RETENTION_UNITS) unit!: RetentionUnit;
}

export class UpdateRetentionSettingsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(RETENTION_RECORD_TYPES.length) @ValidateNested({ each: true }) @Type(() => RetentionSettingInputDto)
  settings!: RetentionSettingInputDto[];
}

export class EraseUserDto {
  /** Why (the person's request, its date and channel): kept with the erasure, never in the audit chain. */
  @IsString() @IsNotBlank() @MaxLength(1000) reason!: string;
}
