/**
 * The administration answers and bodies, named from the generated OpenAPI schema (libs/api-client): the API's
 * DTOs are the one source of these shapes (docs/api-contract.md, "Users, invitations and audit").
 */
import type { QueryOf, RequestBodyOf, Schemas } from '../../api/client';

export type AdminUser = Schemas['UserListItemResponseDto'];
export type UserPage = Schemas['UserPageResponseDto'];
export type StaffInvitation = Schemas['InvitationListItemResponseDto'];
export type AuditEntry = Schemas['AuditEntryResponseDto'];
export type AuditPage = Schemas['AuditPageResponseDto'];
export type AuditVerification = Schemas['AuditVerificationResponseDto'];

export type StaffRole = StaffInvitationBody['role'];
export type StaffInvitationBody = RequestBodyOf<'/api/invitations', 'post'>;
export type UserQuery = QueryOf<'/api/users', 'get'>;
export type AuditQuery = QueryOf<'/api/audit', 'get'> & { page: number; pageSize: number };
