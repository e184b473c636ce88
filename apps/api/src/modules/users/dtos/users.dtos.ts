import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, ROLES, STAFF_ROLES, type Language, type Role, type Script } from '@grants/domain';
import { IsNotBlank, IsPage, IsPageSize } from '../../../common/validators';

export class UpdateMeDto {
  @IsOptional() @IsString() @IsNotBlank() @MaxLength(120) fullName?: string;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @IsOptional() @IsIn(['latin', 'cyrillic']) script?: Script;
}

export class ChangePasswordDto {
  @IsString() @IsNotBlank() @MaxLength(128) currentPassword!: string;
  @IsString() @IsNotBlank() @MaxLength(128) newPassword!: string;
}

export class ListUsersQuery {
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsIn(ROLES) role?: Role;
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(200) pageSize?: number;
}

export class InviteStaffDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
  @IsIn(STAFF_ROLES) role!: (typeof STAFF_ROLES)[number];
  @IsIn(LANGUAGES) language!: Language;
  @IsOptional() @IsString() @MaxLength(120) fullName?: string;
}
