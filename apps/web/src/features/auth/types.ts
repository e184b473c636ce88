/**
 * The accounts answers and bodies, named from the generated OpenAPI schema (libs/api-client): the API's DTOs are
 * the one source of these shapes (docs/api-contract.md, "Accounts and sessions").
 */
import type { RequestBodyOf, Schemas } from '../../api/client';

/** The signed-in user as GET /api/auth/me answers (with the permissions the API granted this session). */
export type Me = Schemas['MeResponseDto'];
export type Language = Me['language'];
export type Script = Me['script'];
export type Role = Me['role'];
export type OrgRole = NonNullable<Me['orgRole']>;

/** Login and accept-invitation answer the user and the session's fresh CSRF token. */
export type Session = Schemas['SessionResponseDto'];
/** Registration, verification, resend and forgot-password answer a message (the last two with 202). */
export type MessageAnswer = Schemas['MessageResponseDto'];
export type InvitationPreview = Schemas['InvitationPreviewResponseDto'];

export type RegisterBody = RequestBodyOf<'/api/auth/register', 'post'>;
export type AcceptInvitationBody = RequestBodyOf<'/api/auth/accept-invitation', 'post'>;
export type UpdateMeBody = RequestBodyOf<'/api/users/me', 'patch'>;
export type ChangePasswordBody = RequestBodyOf<'/api/users/me/password', 'post'>;
