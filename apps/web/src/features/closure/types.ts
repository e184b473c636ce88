/**
 * The closing of a grant as the API answers it (apps/api/src/modules/grants: closure.controller.ts), named from the
 * generated OpenAPI schema (libs/api-client).
 */
import type { QueryOf, RequestBodyOf, Schemas } from '../../api/client';

export type FinalBalanceView = Schemas['FinalBalanceResponseDto'];
export type FinalBalanceFigures = Schemas['FinalBalanceFiguresResponseDto'];
export type FinalBalanceCap = Schemas['FinalBalanceCapResponseDto'];
export type ClosureView = Schemas['ClosureResponseDto'];
export type ClosureItem = Schemas['ClosureItemResponseDto'];
export type RecoveryOrderSummary = Schemas['RecoveryOrderSummaryResponseDto'];
export type RecoveryOrderList = Schemas['RecoveryOrderListResponseDto'];
export type RecoveryOrder = Schemas['RecoveryOrderResponseDto'];
export type RecoveryOrderStatusValue = RecoveryOrderSummary['status'];

export type RecoveryOrderListQuery = NonNullable<QueryOf<'/api/recovery-orders', 'get'>>;
export type CloseGrantBody = RequestBodyOf<'/api/grants/{id}/close', 'post'>;
export type RecordRepaymentBody = RequestBodyOf<'/api/recovery-orders/{id}/repayments', 'post'>;
