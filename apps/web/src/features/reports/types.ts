/**
 * The narrative reports API's answers (apps/api/src/modules/reports), named from the generated OpenAPI schema
 * (libs/api-client): the API's response DTOs are the one source of these shapes.
 */
import type { QueryOf, RequestBodyOf, Schemas } from '../../api/client';

export type ReportSummary = Schemas['NarrativeReportSummaryResponseDto'];
export type ReportList = Schemas['NarrativeReportListResponseDto'];
export type Report = Schemas['NarrativeReportResponseDto'];
export type ShownReportContent = Schemas['NarrativeReportContentResponseDto'];
export type ReportIndicatorProgress = Schemas['IndicatorProgressResponseDto'];
export type ReportComment = Schemas['NarrativeReportCommentResponseDto'];
export type ReportVersion = Schemas['NarrativeReportVersionRefResponseDto'];
export type ReportExtensionRequest = Schemas['ExtensionRequestResponseDto'];
export type ReportExpenditure = Schemas['LinkedExpenditureReportResponseDto'] | null;
export type ReportCan = Schemas['NarrativeReportCanResponseDto'];
export type PrivacyFinding = Schemas['PersonalDataFindingResponseDto'];
export type ReportChange = Schemas['NarrativeReportChangeResponseDto'];
export type ReportCompare = Schemas['NarrativeReportCompareResponseDto'];

export type ReportListQuery = NonNullable<QueryOf<'/api/reports', 'get'>>;
export type PrivacyConfirmation = RequestBodyOf<'/api/reports/{id}/submit', 'post'>['confirmations'][number];
export type ReviewComment = RequestBodyOf<'/api/reports/{id}/return', 'post'>['comments'][number];
export type CommentConfirmation = Schemas['CommentPrivacyConfirmationDto'];
