import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

export class ListNotificationsQuery {
  @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class PreferenceItemDto {
  @IsString() kind!: string;
  @IsIn(['immediate', 'digest', 'in_app']) delivery!: 'immediate' | 'digest' | 'in_app';
}

export class SetPreferencesDto {
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PreferenceItemDto)
  items!: PreferenceItemDto[];
}
