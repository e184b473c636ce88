/**
 * The grants API's answers (apps/api/src/modules/grants: grants.controller.ts, tranches.controller.ts, payment
 * orders), named from the generated OpenAPI schema (libs/api-client): the API's response DTOs are the one source of
 * these shapes.
 */
import type { QueryOf, RequestBodyOf, Schemas } from '../../api/client';

export type Grant = Schemas['GrantResponseDto'];
export type GrantListItem = Schemas['GrantListItemResponseDto'];
export type GrantList = Schemas['GrantListResponseDto'];
export type GrantStatusValue = Grant['status'];
export type Tranche = Schemas['TrancheResponseDto'];
export type TrancheCondition = Schemas['TrancheConditionResponseDto'];
export type ScheduledReport = Schemas['ScheduledReportResponseDto'];
export type GrantAmendment = Schemas['GrantAmendmentResponseDto'];
export type TimelineEntry = Schemas['TimelineEntryResponseDto'];
export type GrantDocument = Schemas['GrantDocumentResponseDto'];
export type BudgetRevisionState = Schemas['BudgetRevisionStateResponseDto'];
export type PaymentOrderPreview = Schemas['PaymentOrderPreviewResponseDto'];
export type PaymentOrderSummary = Schemas['PaymentOrderSummaryResponseDto'];
export type PaymentOrder = Schemas['PaymentOrderResponseDto'];
export type PaymentLine = Schemas['PaymentLineResponseDto'];
export type MonitorUser = Schemas['UserListItemResponseDto'];

export type GrantListQuery = NonNullable<QueryOf<'/api/grants', 'get'>>;
export type SignBody = RequestBodyOf<'/api/grants/{id}/sign', 'post'>;
export type TrancheRequestBody = RequestBodyOf<'/api/tranches/{id}/request', 'post'>;
export type PayBody = RequestBodyOf<'/api/tranches/{id}/pay', 'post'>;
export type TransitionBody = RequestBodyOf<'/api/grants/{id}/transition', 'post'>;
export type ReviseBudgetBody = RequestBodyOf<'/api/awards/{id}/budget-revision', 'put'>;
export type PaymentOrderFormat = QueryOf<'/api/payment-orders/{id}/file', 'get'>['format'];
