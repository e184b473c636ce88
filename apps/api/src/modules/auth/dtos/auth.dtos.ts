import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, type Language } from '@grants/domain';

export class RegisterOrganizationDto {
  /** Registered legal name of the CSO */
  @IsString() @IsNotEmpty() @MaxLength(200) legalName!: string;
  @IsOptional() @IsString() @MaxLength(30) acronym?: string;
  /** Business registration number from the NGO register */
  @IsString() @IsNotEmpty() @MaxLength(50) registrationNumber!: string;
  /** Municipality code, see GET /api/reference/municipalities */
  @IsString() @IsNotEmpty() municipality!: string;
}

export class RegisterDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password!: string;
  @IsString() @IsNotEmpty() @MaxLength(120) fullName!: string;
  @IsIn(LANGUAGES) language!: Language;
  @ValidateNested() @Type(() => RegisterOrganizationDto) @IsNotEmpty()
  organization!: RegisterOrganizationDto;
}

export class LoginDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password!: string;
}

export class TokenDto {
  @IsString() @IsNotEmpty() @MaxLength(200) token!: string;
}

export class EmailDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
}

export class ResetPasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(200) token!: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password!: string;
}

export class AcceptInvitationDto {
  @IsString() @IsNotEmpty() @MaxLength(200) token!: string;
  @IsString() @IsNotEmpty() @MaxLength(120) fullName!: string;
  @IsString() @IsNotEmpty() @MaxLength(128) password!: string;
  @IsIn(LANGUAGES) language!: Language;
}
