import { api, data, type QueryOf, type RequestBodyOf, type Schemas } from '../../api/client';

const byId = (id: string) => ({ params: { path: { id } } });

export type ActionPoint = Schemas['ActionPointResponseDto'];
export type ActionPointList = Schemas['ActionPointListResponseDto'];
export type ActionPointEvent = Schemas['ActionPointEventResponseDto'];
export type ActionPointListQuery = NonNullable<QueryOf<'/api/action-points', 'get'>>;
export type AnswerActionPointBody = RequestBodyOf<'/api/action-points/{id}/answer', 'post'>;
export type ReopenActionPointBody = RequestBodyOf<'/api/action-points/{id}/reopen', 'post'>;
export type PriorityList = Schemas['MonitoringPriorityListResponseDto'];
export type PriorityItem = Schemas['MonitoringPriorityItemResponseDto'];
export type PriorityRule = Schemas['MonitoringPriorityRuleResponseDto'];
export type PriorityReason = Schemas['MonitoringPriorityReasonResponseDto'];
export type PriorityQuery = NonNullable<QueryOf<'/api/monitoring/priority', 'get'>>;

/** The action points of shared visit reports, and the monitoring-priority list (apps/api/src/modules/monitoring). */
export const actionPointsApi = {
  list: (query: ActionPointListQuery) => data(api.GET('/api/action-points', { params: { query } })),
  get: (id: string) => data(api.GET('/api/action-points/{id}', byId(id))),
  answer: (id: string, body: AnswerActionPointBody) => data(api.POST('/api/action-points/{id}/answer', { ...byId(id), body })),
  close: (id: string, version: number) => data(api.POST('/api/action-points/{id}/close', { ...byId(id), body: { version } })),
  reopen: (id: string, body: ReopenActionPointBody) => data(api.POST('/api/action-points/{id}/reopen', { ...byId(id), body })),
  priority: (query: PriorityQuery) => data(api.GET('/api/monitoring/priority', { params: { query } })),
};
