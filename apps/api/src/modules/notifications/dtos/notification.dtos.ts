import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsPage, IsPageSize } from '../../../common/validators';

export class ListNotificationsQuery {
  @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(100) pageSize?: number;
}

export class PreferenceItemDto {
  @IsString() kind!: string;
  @IsIn(['immediate', 'digest', 'in_app']) delivery!: 'immediate' | 'digest' | 'in_app';
}

export class SetPreferencesDto {
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => PreferenceItemDto)
  items!: PreferenceItemDto[];
}
