import { ApiProperty } from '@nestjs/swagger';
import { ORG_DOCUMENT_KINDS, ORG_ROLES, type OrgDocumentKind, type OrgRole } from '@grants/domain';

/** The social-services licence, judged on today's date in Kosovo. */
export class LicenceStatusResponseDto {
  status!: 'valid' | 'expiring' | 'expired' | 'missing';
  /** Days until the expiry (negative once expired); null without an expiry date. */
  daysLeft!: number | null;
}

/** An organisation's profile (personal data: IBAN, contacts). */
export class OrganizationResponseDto {
  id!: string;
  legalName!: string;
  acronym!: string | null;
  registrationNumber!: string;
  licenceNumber!: string | null;
  /** YYYY-MM-DD. */
  licenceExpiry!: string | null;
  licence!: LicenceStatusResponseDto;
  /** Municipality code. */
  municipality!: string;
  address!: string | null;
  contactPerson!: string | null;
  phone!: string | null;
  email!: string | null;
  website!: string | null;
  iban!: string | null;
  description!: string | null;
  /** Optimistic lock: send it back with PATCH. */
  version!: number;
  /** ISO instant. */
  createdAt!: string;
  /** ISO instant. */
  updatedAt!: string;
}

export class OrganizationPageResponseDto {
  items!: OrganizationResponseDto[];
  total!: number;
}

export class OrganizationMemberResponseDto {
  userId!: string;
  fullName!: string;
  email!: string;
  @ApiProperty({ enum: ORG_ROLES, nullable: true }) orgRole!: OrgRole | null;
  active!: boolean;
}

/** An invitation to join the organisation that is still open. */
export class MemberInvitationResponseDto {
  id!: string;
  email!: string;
  /** ISO instant. */
  createdAt!: string;
  /** ISO instant. */
  expiresAt!: string;
}

export class OrganizationMembersResponseDto {
  members!: OrganizationMemberResponseDto[];
  invitations!: MemberInvitationResponseDto[];
}

export class MemberInvitationCreatedResponseDto {
  id!: string;
  email!: string;
  /** ISO instant. */
  expiresAt!: string;
}

export class OrganizationDocumentResponseDto {
  id!: string;
  @ApiProperty({ enum: ORG_DOCUMENT_KINDS }) kind!: OrgDocumentKind;
  fileId!: string;
  fileName!: string;
  /** Bytes. */
  size!: number;
  mimeType!: string;
  sha256!: string;
  /** ISO instant. */
  uploadedAt!: string;
  /** The user who uploaded it. */
  uploadedBy!: string | null;
}
