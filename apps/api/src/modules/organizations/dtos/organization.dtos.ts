import { IsCalendarDate, IsNotBlank, IsPage, IsPageSize, IsSaneDate } from '../../../common/validators';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { LANGUAGES, ORG_DOCUMENT_KINDS, type Language } from '@grants/domain';

/** Fields a CSO keeps on its profile. `null` clears an optional field. */
export class UpdateOrganizationDto {
  @IsOptional() @IsString() @IsNotBlank() @MaxLength(200) legalName?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(30) acronym?: string | null;
  @IsOptional() @IsString() @IsNotBlank() @MaxLength(50) registrationNumber?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(50) licenceNumber?: string | null;
  /** YYYY-MM-DD */
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsCalendarDate() @IsSaneDate({ kind: 'date' }) licenceExpiry?: string | null;
  @IsOptional() @IsString() @IsNotBlank() municipality?: string;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(300) address?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(120) contactPerson?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(/^\+?[0-9 ()\-/]{6,25}$/, { message: 'Enter a phone number of digits, spaces and + ( ) - /' }) phone?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUrl({ require_protocol: false }, { message: 'Enter a web address such as https://example.org' }) @MaxLength(200) website?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(42) iban?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(2000) description?: string | null;
  /** The version the editor started from (optimistic locking) */
  @IsInt() @Min(1) version!: number;
}

export class InviteMemberDto {
  @IsEmail({}, { message: 'Enter a valid e-mail address' }) @MaxLength(254) email!: string;
  @IsIn(LANGUAGES) language!: Language;
}

export class UploadDocumentDto {
  @IsIn(ORG_DOCUMENT_KINDS) kind!: (typeof ORG_DOCUMENT_KINDS)[number];
}

export class ListOrganizationsQuery {
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsPage() page?: number;
  @IsOptional() @IsPageSize(200) pageSize?: number;
}
