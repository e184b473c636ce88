/**
 * The evaluator's answers of the evaluation API (apps/api/src/modules/evaluations, "The evaluator"), named from
 * the generated OpenAPI schema (libs/api-client): the API's response DTOs are the one source of these shapes.
 */
import type { RequestBodyOf, Schemas } from '../../api/client';

/** GET /api/evaluations: the calls whose evaluator pool I am in. */
export type MyEvaluationCalls = Schemas['EvaluatorCallsResponseDto'];
export type MyEvaluationCall = Schemas['EvaluatorCallResponseDto'];

/** GET /api/evaluations/:callId/declaration (and the answer of POST). */
export type Declaration = Schemas['DeclarationResponseDto'];
export type DeclarationLanguage = Schemas['SignDeclarationDto']['language'];

/** GET /api/evaluations/:callId/assignments (404 before the declaration is signed). */
export type MyAssignments = Schemas['MyAssignmentsResponseDto'];
export type MyAssignment = Schemas['MyAssignmentResponseDto'];

/** GET /api/assignments/:id. */
export type Assignment = Schemas['AssignmentResponseDto'];
/** The application as it was submitted, once no conflict is confirmed (accepted, submitted). */
export type SubmissionView = Schemas['EvaluatorSubmissionResponseDto'];
export type SubmissionSnapshot = Schemas['EvaluatorSnapshotResponseDto'];
/** Another evaluator's submitted sheet, without a name ("A", "B"…). */
export type OtherSheet = Schemas['OtherSheetResponseDto'];
export type SheetTotals = Schemas['PointsResponseDto'];

/**
 * POST /api/assignments/:id/conflict: the assignment, or — when declaring a conflict made it unreadable — only
 * `{id, status}`; the schema therefore has every field optional. `isFullAssignment` tells the two apart.
 */
export type ConflictAnswer = Schemas['ConflictAnswerResponseDto'];
export type ConflictBody = RequestBodyOf<'/api/assignments/{id}/conflict', 'post'>;

export type SaveSheetBody = RequestBodyOf<'/api/assignments/{id}/sheet', 'put'>;
export type SaveSheetAnswer = Schemas['SavedSheetResponseDto'];

/** The whole assignment (with its call, application, sheet…) rather than the short answer after a conflict. */
export function isFullAssignment(answer: ConflictAnswer): answer is Assignment {
  return answer.call !== undefined && answer.application !== undefined && answer.id !== undefined && answer.status !== undefined;
}
