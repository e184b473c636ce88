/**
 * The organisation answers and bodies, named from the generated OpenAPI schema (libs/api-client): the API's DTOs
 * are the one source of these shapes (docs/api-contract.md, "Organisations").
 */
import type { RequestBodyOf, Schemas } from '../../api/client';

export type Organization = Schemas['OrganizationResponseDto'];
export type LicenceStatus = Schemas['LicenceStatusResponseDto']['status'];
/** What PATCH /api/organizations/:id takes: any of the profile's fields, with the version the form was loaded at. */
export type OrganizationPatch = RequestBodyOf<'/api/organizations/{id}', 'patch'>;

export type OrgMember = Schemas['OrganizationMemberResponseDto'];
export type OrgInvitation = Schemas['MemberInvitationResponseDto'];
export type OrgMembers = Schemas['OrganizationMembersResponseDto'];
export type MemberInvitationBody = RequestBodyOf<'/api/organizations/{id}/invitations', 'post'>;

/** A document on file; `uploadedBy` is null once the account that uploaded it is gone. */
export type OrgDocument = Schemas['OrganizationDocumentResponseDto'];
export type OrgDocumentKind = OrgDocument['kind'];
