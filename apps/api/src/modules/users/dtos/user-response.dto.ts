import { MeSecondFactorResponseDto } from '../../auth/second-factor/second-factor.dto';
import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES, ORG_ROLES, PERMISSIONS, ROLES, SCRIPTS, type Language, type OrgRole, type Permission, type Role, type Script } from '@grants/domain';

/** The logged-in user and what the permission map lets them do (GET /api/auth/me). */
export class MeResponseDto {
  id!: string;
  email!: string;
  fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ enum: SCRIPTS }) script!: Script;
  organizationId!: string | null;
  @ApiProperty({ enum: ORG_ROLES, nullable: true }) orgRole!: OrgRole | null;
  emailVerified!: boolean;
  /** In the canonical order of libs/domain PERMISSIONS. */
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) permissions!: Permission[];
  /** Where this session stands with second factors: `challenge` and `enrol` reach only the second-factor routes. */
  secondFactor!: MeSecondFactorResponseDto;
}

/** A user as the Secretariat's list shows them. */
export class UserListItemResponseDto {
  id!: string;
  email!: string;
  fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  active!: boolean;
  emailVerified!: boolean;
  organizationName!: string | null;
  /** ISO instant. */
  lastLoginAt!: string | null;
  /** ISO instant. */
  createdAt!: string;
  /** Whether the user has a second factor. */
  secondFactor!: boolean;
}

export class UserPageResponseDto {
  items!: UserListItemResponseDto[];
  total!: number;
}

/** A staff invitation just sent. */
export class StaffInvitationResponseDto {
  id!: string;
  email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  /** ISO instant. */
  expiresAt!: string;
}

/** An invitation (staff or organisation member) as the Secretariat's list shows it. */
export class InvitationListItemResponseDto {
  id!: string;
  email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  organizationName!: string | null;
  /** ISO instant. */
  createdAt!: string;
  /** ISO instant. */
  expiresAt!: string;
  /** ISO instant. */
  acceptedAt!: string | null;
  /** ISO instant. */
  revokedAt!: string | null;
}
