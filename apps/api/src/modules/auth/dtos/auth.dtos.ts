import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, type Language } from '@grants/domain';
import { IsNotBlank } from '../../../common/validators';

export class RegisterOrganizationDto {
  /** Registered legal name of the CSO */
  @IsString() @IsNotBlank() @MaxLength(200) legalName!: string;
  @IsOptional() @IsString() @MaxLength(30) acronym?: string;
  /** Business registration number from the NGO register */
  @IsString() @IsNotBlank() @MaxLength(50) registrationNumber!: string;
  /** Municipality code, see GET /api/reference/municipalities */
  @IsString() @IsNotBlank() municipality!: string;
}

export class RegisterDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
  @IsString() @IsNotBlank() @MaxLength(128) password!: string;
  @IsString() @IsNotBlank() @MaxLength(120) fullName!: string;
  @IsIn(LANGUAGES) language!: Language;
  @ValidateNested() @Type(() => RegisterOrganizationDto) @IsNotEmpty()
  organization!: RegisterOrganizationDto;
}

export class LoginDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
  @IsString() @IsNotBlank() @MaxLength(128) password!: string;
}

export class TokenDto {
  @IsString() @IsNotBlank() @MaxLength(200) token!: string;
}

export class EmailDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
}

export class ResetPasswordDto {
  @IsString() @IsNotBlank() @MaxLength(200) token!: string;
  @IsString() @IsNotBlank() @MaxLength(128) password!: string;
}

export class AcceptInvitationDto {
  @IsString() @IsNotBlank() @MaxLength(200) token!: string;
  @IsString() @IsNotBlank() @MaxLength(120) fullName!: string;
  @IsString() @IsNotBlank() @MaxLength(128) password!: string;
  @IsIn(LANGUAGES) language!: Language;
}
