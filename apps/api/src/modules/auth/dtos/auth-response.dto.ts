import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@grants/domain';
import { MeResponseDto } from '../../users/dtos/user-response.dto';

/** The CSRF token to send as the x-csrf-token header on every change. */
export class CsrfResponseDto {
  csrfToken!: string;
}

/** A sentence for the reader; the same whether or not the address has an account. */
export class MessageResponseDto {
  message!: string;
}

/** A new session: the user and the CSRF token rotated with it. */
export class SessionResponseDto {
  user!: MeResponseDto;
  csrfToken!: string;
}

/** What an invitation link opens before it is accepted. */
export class InvitationPreviewResponseDto {
  email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  organizationName!: string | null;
  /** ISO instant. */
  expiresAt!: string;
  fullName!: string | null;
}
