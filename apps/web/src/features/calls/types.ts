/**
 * The calls / applications answers, named from the generated OpenAPI schema (libs/api-client): the API's
 * response DTOs are the one source of these shapes (docs/api-contract.md, "Calls, clarifications and applications").
 */
import type { RequestBodyOf, Schemas } from '../../api/client';

export type MyApplicationRef = Schemas['MyApplicationRefDto'];
export type CallSummary = Schemas['CallSummaryResponseDto'];
export type RequiredAttachment = Schemas['RequiredAttachmentDto'];
export type CallDefinition = Schemas['CallDefinitionResponseDto'];
export type CallDocumentView = Schemas['CallDocumentResponseDto'];
export type InfoSession = Schemas['InfoSessionViewDto'];
export type Call = Schemas['CallResponseDto'];
export type Question = Schemas['CallQuestionResponseDto'];

export type CompletenessItem = Schemas['CompletenessProblemResponseDto'];
export type ApplicationAttachment = Schemas['ApplicationAttachmentResponseDto'];
export type Submission = Schemas['SubmissionResponseDto'];
export type AdmissibilityView = Schemas['AdmissibilityCheckResponseDto'];
export type Application = Schemas['ApplicationResponseDto'];
export type ApplicationListItem = Schemas['ApplicationListItemResponseDto'];

/** What PATCH /api/applications/:id takes as content: any part of it. */
export type ApplicationContentPatch = RequestBodyOf<'/api/applications/{id}', 'patch'>['content'];
/** What PUT /api/applications/:id/admissibility takes. */
export type AdmissibilityBody = RequestBodyOf<'/api/applications/{id}/admissibility', 'put'>;
