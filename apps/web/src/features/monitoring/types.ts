/**
 * The monitoring visits API's answers (apps/api/src/modules/monitoring: visits.controller.ts), named from the
 * generated OpenAPI schema (libs/api-client): the API's response DTOs are the one source of these shapes.
 */
import type { QueryOf, RequestBodyOf, Schemas } from '../../api/client';

export type Visit = Schemas['VisitResponseDto'];
export type VisitSummary = Schemas['VisitSummaryResponseDto'];
export type VisitList = Schemas['VisitListResponseDto'];
export type VisitReport = Schemas['VisitReportResponseDto'];
export type VisitCan = Schemas['VisitCanResponseDto'];
export type VisitReportContentValue = Schemas['VisitReportContentResponseDto'];
export type VisitPhoto = Schemas['VisitPhotoResponseDto'];
export type VisitReportComment = Schemas['VisitReportCommentResponseDto'];
export type VisitProblem = Schemas['MonitoringProblemResponseDto'];
export type VisitActionPoint = Schemas['ActionPointResponseDto'];
export type WorkPlanActivity = Schemas['WorkPlanActivityResponseDto'];
export type VisitTypeValue = VisitSummary['type'];
export type VisitReportStatusValue = NonNullable<VisitSummary['reportStatus']>;

export type VisitListQuery = NonNullable<QueryOf<'/api/visits', 'get'>>;
export type PlanVisitBody = RequestBodyOf<'/api/grants/{id}/visits', 'post'>;
export type UpdateVisitBody = RequestBodyOf<'/api/visits/{id}', 'patch'>;
export type SaveVisitReportBody = RequestBodyOf<'/api/visits/{id}/report', 'put'>;
export type ReviewVisitReportBody = RequestBodyOf<'/api/visits/{id}/report/review', 'post'>;
export type PhotoUpload = { clientKey: string; file: Blob; caption?: string | null; fileName?: string };
