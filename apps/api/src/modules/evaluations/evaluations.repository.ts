import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { cents } from '../../common/whole-numbers';
import { CallEntity } from '../calls/entities/call.entity';
import type { Recipient } from '../notifications/notifications.service';
import { EvaluationAssignmentEntity, type AssignmentOrigin } from './entities/evaluation.entity';

/** Applications that went through admissibility into evaluation, in any later state. */
export const EVALUATED_STATUSES = ['admissible', 'in_evaluation', 'evaluated', 'awarded', 'offered', 'reserve', 'rejected', 'declined'];

/**
 * A sheet's total points: numeric(8,2) as text → a number. A score, not money: two decimals at most, exact
 * enough as a binary number for display and comparison (the consolidated points are recomputed from the scores).
 */
export function points(v: string | number | null | undefined): number | null {
  return v === null || v === undefined ? null : Number(v);
}

export type PoolRow = { userId: string; fullName: string; email: string; language: string; addedAt: Date; declarationSignedAt: Date | null; assigned: number; submitted: number; conflicts: number; overdue: number };
export type CallAssignmentRow = {
  id: string; applicationId: string; evaluatorId: string; evaluatorName: string; status: string; origin: string; dueAt: Date;
  total: number | null; submittedAt: Date | null; conflictReason: string | null; hasScores: boolean;
};

/** Every query of the evaluation: pool and declarations, assignments, scoring sheets, ranking reads. */
@Injectable()
export class EvaluationsRepository {
  async call(m: EntityManager, callId: string, lock = false): Promise<CallEntity> {
    const call = await m.findOne(CallEntity, { where: { id: callId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!call) throw AppError.notFound('call');
    return call;
  }

  secretariat(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language FROM users WHERE active AND role IN ('secretariat','secretariat_admin')`);
  }

  userRecipients(m: EntityManager, ids: string[]): Promise<Recipient[]> {
    return ids.length ? m.query(`SELECT id, email, language FROM users WHERE active AND id = ANY($1::uuid[])`, [ids]) : Promise.resolve([]);
  }

  async userNames(m: EntityManager, ids: string[]): Promise<string[]> {
    const rows: { full_name: string }[] = await m.query(`SELECT full_name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.full_name);
  }

  async user(m: EntityManager, id: string): Promise<{ id: string; full_name: string; role: string; active: boolean } | undefined> {
    const [u] = await m.query(`SELECT id, full_name, role, active FROM users WHERE id = $1`, [id]);
    return u;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Pool and declarations

  pool(m: EntityManager, callId: string): Promise<PoolRow[]> {
    return m.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", u.email, u.language, p.added_at AS "addedAt", d.signed_at AS "declarationSignedAt",
              count(a.id) FILTER (WHERE a.status IN ('assigned','accepted','submitted'))::int AS assigned,
              count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted,
              count(a.id) FILTER (WHERE a.status = 'conflict')::int AS conflicts,
              count(a.id) FILTER (WHERE a.status IN ('assigned','accepted') AND a.due_at < now())::int AS overdue
         FROM call_evaluators p JOIN users u ON u.id = p.user_id
         LEFT JOIN evaluator_declarations d ON d.call_id = p.call_id AND d.user_id = p.user_id
         LEFT JOIN evaluation_assignments a ON a.call_id = p.call_id AND a.evaluator_id = p.user_id
        WHERE p.call_id = $1 GROUP BY u.id, p.added_at, d.signed_at ORDER BY u.full_name`, [callId]);
  }

  availableEvaluators(m: EntityManager, callId: string): Promise<{ userId: string; fullName: string; email: string }[]> {
    return m.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", u.email FROM users u
        WHERE u.role = 'evaluator' AND u.active AND NOT EXISTS (SELECT 1 FROM call_evaluators p WHERE p.call_id = $1 AND p.user_id = u.id)
        ORDER BY u.full_name`, [callId]);
  }

  evaluatedApplications(m: EntityManager, callId: string): Promise<{ id: string; reference: string; organizationName: string; status: string }[]> {
    return m.query(
      `SELECT a.id, a.reference, o.legal_name AS "organizationName", a.status FROM applications a JOIN organizations o ON o.id = a.organization_id
        WHERE a.call_id = $1 AND a.status = ANY($2::text[]) ORDER BY a.reference`, [callId, EVALUATED_STATUSES]);
  }

  async assignmentsOfCall(m: EntityManager, callId: string): Promise<CallAssignmentRow[]> {
    const rows: (Omit<CallAssignmentRow, 'total'> & { total: string | null })[] = await m.query(
      `SELECT a.id, a.application_id AS "applicationId", a.evaluator_id AS "evaluatorId", u.full_name AS "evaluatorName", a.status, a.origin,
              a.due_at AS "dueAt", a.total::text AS total, a.submitted_at AS "submittedAt", a.conflict_reason AS "conflictReason",
              (a.scores <> '{}'::jsonb) AS "hasScores"
         FROM evaluation_assignments a JOIN users u ON u.id = a.evaluator_id
        WHERE a.call_id = $1 AND a.status <> 'removed' ORDER BY a.created_at`, [callId]);
    return rows.map((r) => ({ ...r, total: points(r.total) }));
  }

  async addToPool(m: EntityManager, callId: string, userId: string, addedBy: string): Promise<boolean> {
    const inserted = await m.query(`INSERT INTO call_evaluators (call_id, user_id, added_by) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING user_id`, [callId, userId, addedBy]);
    return inserted.length > 0;
  }

  async removeFromPool(m: EntityManager, callId: string, userId: string): Promise<boolean> {
    const removed = await m.query(`DELETE FROM call_evaluators WHERE call_id = $1 AND user_id = $2 RETURNING user_id`, [callId, userId]);
    return removed.length > 0;
  }

  /** Sheets this evaluator has submitted or started scoring on the call. */
  async scoredBy(m: EntityManager, callId: string, userId: string): Promise<number> {
    const [busy] = await m.query(
      `SELECT count(*)::int AS n FROM evaluation_assignments WHERE call_id = $1 AND evaluator_id = $2 AND (status = 'submitted' OR (status IN ('assigned','accepted') AND scores <> '{}'::jsonb))`, [callId, userId]);
    return busy.n;
  }

  async openAssignmentsOf(m: EntityManager, callId: string, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM evaluation_assignments WHERE call_id = $1 AND evaluator_id = $2 AND status IN ('assigned','accepted')`, [callId, userId]);
    return rows.map((r) => r.id);
  }

  async activePool(m: EntityManager, callId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT p.user_id AS id FROM call_evaluators p JOIN users u ON u.id = p.user_id AND u.active WHERE p.call_id = $1`, [callId]);
    return rows.map((r) => r.id);
  }

  async inPool(m: EntityManager, callId: string, userId: string): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM call_evaluators WHERE call_id = $1 AND user_id = $2`, [callId, userId]);
    return !!row;
  }

  myCalls(m: EntityManager, userId: string): Promise<Record<string, unknown>[]> {
    return m.query(
      `SELECT c.id, c.reference, c.status, c.definition->'texts'->'title' AS title, d.signed_at AS "declarationSignedAt",
              count(a.id) FILTER (WHERE a.status IN ('assigned','accepted','submitted'))::int AS assigned,
              count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted,
              min(a.due_at) FILTER (WHERE a.status IN ('assigned','accepted')) AS "nextDueAt"
         FROM call_evaluators p JOIN calls c ON c.id = p.call_id
         LEFT JOIN evaluator_declarations d ON d.call_id = p.call_id AND d.user_id = p.user_id
         LEFT JOIN evaluation_assignments a ON a.call_id = p.call_id AND a.evaluator_id = p.user_id
        WHERE p.user_id = $1 GROUP BY c.id, d.signed_at ORDER BY c.created_at DESC`, [userId]);
  }

  async declaration(m: EntityManager, callId: string, userId: string): Promise<{ signed_at: Date; language: string } | undefined> {
    const [signed] = await m.query(`SELECT signed_at, language FROM evaluator_declarations WHERE call_id = $1 AND user_id = $2`, [callId, userId]);
    return signed;
  }

  async signDeclaration(m: EntityManager, callId: string, userId: string, language: string, textSha256: string): Promise<boolean> {
    const inserted = await m.query(
      `INSERT INTO evaluator_declarations (call_id, user_id, language, text_sha256) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING RETURNING signed_at`,
      [callId, userId, language, textSha256]);
    return inserted.length > 0;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Assignments

  /** The applications of the call that are (or are about to be) evaluated, locked for the assignment. */
  async lockApplicationsToAssign(m: EntityManager, callId: string): Promise<{ id: string; status: string }[]> {
    return m.query(`SELECT id, status FROM applications WHERE call_id = $1 AND status IN ('admissible','in_evaluation') ORDER BY id FOR UPDATE`, [callId]);
  }

  async assignmentRows(m: EntityManager, callId: string): Promise<{ application_id: string; evaluator_id: string; status: string; total: number | null }[]> {
    const rows: { application_id: string; evaluator_id: string; status: string; total: string | null }[] = await m.query(
      `SELECT application_id, evaluator_id, status, total::text AS total FROM evaluation_assignments WHERE call_id = $1`, [callId]);
    return rows.map((r) => ({ ...r, total: points(r.total) }));
  }

  async insertAssignments(m: EntityManager, createdBy: string | null, callId: string, pairs: { applicationId: string; evaluatorId: string }[], origin: AssignmentOrigin, dueAt: Date) {
    if (!pairs.length) return;
    await m.query(
      `INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, origin, due_at, created_by)
       SELECT $1, x.a, x.e, $4, $5, $6 FROM unnest($2::uuid[], $3::uuid[]) AS x(a, e)`,
      [callId, pairs.map((p) => p.applicationId), pairs.map((p) => p.evaluatorId), origin, dueAt, createdBy]);
  }

  async applicationOfCall(m: EntityManager, applicationId: string, callId: string): Promise<{ id: string; reference: string; status: string } | undefined> {
    const [app] = await m.query(`SELECT id, reference, status FROM applications WHERE id = $1 AND call_id = $2`, [applicationId, callId]);
    return app;
  }

  async assignmentOf(m: EntityManager, applicationId: string, evaluatorId: string): Promise<{ id: string; status: string } | undefined> {
    const [existing] = await m.query(`SELECT id, status FROM evaluation_assignments WHERE application_id = $1 AND evaluator_id = $2`, [applicationId, evaluatorId]);
    return existing;
  }

  /** A removed assignment put back by hand starts again from an empty sheet (its status goes through assignment-status.ts). */
  async clearSheet(m: EntityManager, assignmentId: string, dueAt: Date) {
    await m.query(`UPDATE evaluation_assignments SET origin = 'manual', due_at = $2, scores = '{}', comments = '{}', total = NULL, confirmed_at = NULL, updated_at = now() WHERE id = $1`, [assignmentId, dueAt]);
  }

  async assignment(m: EntityManager, id: string, lock = false): Promise<EvaluationAssignmentEntity> {
    const a = await m.findOne(EvaluationAssignmentEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!a) throw AppError.notFound('assignment');
    return a;
  }

  async referenceAndEvaluator(m: EntityManager, applicationId: string, evaluatorId: string): Promise<{ reference: string; full_name: string }> {
    const [info] = await m.query(`SELECT ap.reference, u.full_name FROM applications ap, users u WHERE ap.id = $1 AND u.id = $2`, [applicationId, evaluatorId]);
    return info;
  }

  async reference(m: EntityManager, applicationId: string): Promise<string> {
    const [app] = await m.query(`SELECT reference FROM applications WHERE id = $1`, [applicationId]);
    return app?.reference;
  }

  async lockApplication(m: EntityManager, applicationId: string): Promise<{ id: string; call_id: string; reference: string; status: string } | undefined> {
    const [app] = await m.query(`SELECT id, call_id, reference, status FROM applications WHERE id = $1 FOR UPDATE`, [applicationId]);
    return app;
  }

  openSheetsDue(m: EntityManager, callId: string, dueAt: string): Promise<{ evaluator_id: string; n: number }[]> {
    return m.query(
      `SELECT evaluator_id, count(*)::int AS n FROM evaluation_assignments WHERE call_id = $1 AND due_at = $2 AND status IN ('assigned','accepted') GROUP BY evaluator_id`, [callId, dueAt]);
  }

  lateEvaluators(m: EntityManager, callId: string, dueAt: string): Promise<{ evaluator_id: string; full_name: string; n: number }[]> {
    return m.query(
      `SELECT a.evaluator_id, u.full_name, count(*)::int AS n FROM evaluation_assignments a JOIN users u ON u.id = a.evaluator_id
        WHERE a.call_id = $1 AND a.due_at = $2 AND a.status IN ('assigned','accepted') GROUP BY a.evaluator_id, u.full_name ORDER BY u.full_name`, [callId, dueAt]);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Scoring sheets

  myAssignments(m: EntityManager, callId: string, evaluatorId: string): Promise<Record<string, unknown>[]> {
    return m.query(
      `SELECT a.id, a.status, a.due_at AS "dueAt", a.total::text AS total, a.submitted_at AS "submittedAt",
              ap.reference, o.legal_name AS "organizationName",
              CASE WHEN a.status IN ('accepted','submitted') THEN ap.content->'project'->>'title' END AS "projectTitle"
         FROM evaluation_assignments a JOIN applications ap ON ap.id = a.application_id JOIN organizations o ON o.id = ap.organization_id
        WHERE a.call_id = $1 AND a.evaluator_id = $2 AND a.status <> 'removed' ORDER BY ap.reference`, [callId, evaluatorId])
      .then((rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, total: points(r.total as string | null) })));
  }

  async applicationForEvaluator(m: EntityManager, applicationId: string): Promise<{ id: string; reference: string; submittedAt: Date; requestedCents: number; organizationName: string }> {
    const [app] = await m.query(
      `SELECT ap.id, ap.reference, ap.submitted_at AS "submittedAt", ap.requested_cents AS "requestedCents", o.legal_name AS "organizationName"
         FROM applications ap JOIN organizations o ON o.id = ap.organization_id WHERE ap.id = $1`, [applicationId]);
    if (!app) throw AppError.notFound('application');
    return { ...app, requestedCents: cents(app.requestedCents) };
  }

  async currentSubmission(m: EntityManager, applicationId: string): Promise<{ reference: string; sha256: string; submittedAt: Date; snapshot: Record<string, unknown> } | undefined> {
    const [s] = await m.query(
      `SELECT reference, sha256, submitted_at AS "submittedAt", snapshot FROM application_submissions WHERE application_id = $1 AND superseded_at IS NULL ORDER BY seq DESC LIMIT 1`, [applicationId]);
    return s;
  }

  attachmentFiles(m: EntityManager, applicationId: string): Promise<{ requirementId: string; fileId: string; fileName: string; sha256: string }[]> {
    return m.query(
      `SELECT aa.requirement_id AS "requirementId", f.id AS "fileId", f.file_name AS "fileName", f.sha256
         FROM application_attachments aa JOIN files f ON f.id = aa.file_id WHERE aa.application_id = $1 AND aa.deleted_at IS NULL`, [applicationId]);
  }

  submittedSheets(m: EntityManager, applicationId: string): Promise<EvaluationAssignmentEntity[]> {
    return m.find(EvaluationAssignmentEntity, { where: { applicationId, status: 'submitted' }, order: { submittedAt: 'ASC' } });
  }

  async applicationAndOrganization(m: EntityManager, applicationId: string): Promise<{ reference: string; legal_name: string }> {
    const [app] = await m.query(`SELECT ap.reference, o.legal_name FROM applications ap JOIN organizations o ON o.id = ap.organization_id WHERE ap.id = $1`, [applicationId]);
    return app;
  }

  async sheetsOf(m: EntityManager, applicationId: string): Promise<{ status: string; total: number | null }[]> {
    const rows: { status: string; total: string | null }[] = await m.query(`SELECT status, total::text AS total FROM evaluation_assignments WHERE application_id = $1`, [applicationId]);
    return rows.map((r) => ({ status: r.status, total: points(r.total) }));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Ranking and exports

  async candidateApplications(m: EntityManager, callId: string): Promise<{ id: string; reference: string; submittedAt: Date; requestedCents: number; organizationId: string; organizationName: string; status: string }[]> {
    const rows: { id: string; reference: string; submittedAt: Date; requestedCents: string; organizationId: string; organizationName: string; status: string }[] = await m.query(
      `SELECT a.id, a.reference, a.submitted_at AS "submittedAt", a.requested_cents AS "requestedCents", a.organization_id AS "organizationId",
              o.legal_name AS "organizationName", a.status
         FROM applications a JOIN organizations o ON o.id = a.organization_id WHERE a.call_id = $1 AND a.status = ANY($2::text[])`, [callId, EVALUATED_STATUSES]);
    return rows.map((r) => ({ ...r, requestedCents: cents(r.requestedCents) }));
  }

  /**
   * A digest of everything a call's ranking answer is made of (RankingService.ranking, and so its cache key): the
   * call, each candidate application and its organisation, each active sheet, the committee's decisions, each award
   * with its application and organisation. Each row counts by its id and its version (xmin: the transaction that
   * wrote this version of the row; every UPDATE writes a new one), so any change to any column of those rows, a row
   * entering or leaving the candidates (a status) or a new row changes the digest, without reading the rows' data.
   * One statement, so one snapshot. A ranking that starts to read another table needs that table here too
   * (ranking-cache.spec.ts changes each input behind the API's back).
   */
  async rankingInputsDigest(m: EntityManager, callId: string): Promise<string> {
    const [row]: { digest: string }[] = await m.query(
      `SELECT md5(concat_ws('|',
         (SELECT c.xmin::text FROM calls c WHERE c.id = $1),
         (SELECT coalesce(string_agg(a.id::text || ':' || a.xmin::text || ':' || o.id::text || ':' || o.xmin::text, ',' ORDER BY a.id), '')
            FROM applications a JOIN organizations o ON o.id = a.organization_id WHERE a.call_id = $1 AND a.status = ANY($2::text[])),
         (SELECT coalesce(string_agg(e.id::text || ':' || e.xmin::text, ',' ORDER BY e.id), '')
            FROM evaluation_assignments e WHERE e.call_id = $1 AND e.status IN ('assigned','accepted','submitted')),
         (SELECT coalesce(string_agg(d.id::text || ':' || d.xmin::text, ',' ORDER BY d.id), '') FROM award_decisions d WHERE d.call_id = $1),
         (SELECT coalesce(string_agg(w.id::text || ':' || w.xmin::text || ':' || a.xmin::text || ':' || o.xmin::text, ',' ORDER BY w.id), '')
            FROM awards w JOIN applications a ON a.id = w.application_id JOIN organizations o ON o.id = a.organization_id WHERE w.call_id = $1)
       )) AS digest`, [callId, EVALUATED_STATUSES]);
    return row.digest;
  }

  activeSheets(m: EntityManager, callId: string): Promise<{ id: string; application_id: string; scores: Record<string, number>; submitted_at: Date | null; status: string }[]> {
    return m.query(`SELECT id, application_id, scores, submitted_at, status FROM evaluation_assignments WHERE call_id = $1 AND status IN ('assigned','accepted','submitted')`, [callId]);
  }

  reportPool(m: EntityManager, callId: string): Promise<{ fullName: string; signedAt: Date | null; submitted: number }[]> {
    return m.query(
      `SELECT u.full_name AS "fullName", d.signed_at AS "signedAt", count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted
         FROM call_evaluators p JOIN users u ON u.id = p.user_id
         LEFT JOIN evaluator_declarations d ON d.call_id = p.call_id AND d.user_id = p.user_id
         LEFT JOIN evaluation_assignments a ON a.call_id = p.call_id AND a.evaluator_id = p.user_id
        WHERE p.call_id = $1 GROUP BY u.full_name, d.signed_at ORDER BY u.full_name`, [callId]);
  }

  conflicts(m: EntityManager, callId: string): Promise<{ fullName: string; reference: string; reason: string | null; at: Date }[]> {
    return m.query(
      `SELECT u.full_name AS "fullName", ap.reference, a.conflict_reason AS reason, a.conflict_at AS at
         FROM evaluation_assignments a JOIN users u ON u.id = a.evaluator_id JOIN applications ap ON ap.id = a.application_id
        WHERE a.call_id = $1 AND a.status = 'conflict' ORDER BY ap.reference`, [callId]);
  }

  async sheetExport(m: EntityManager, callId: string): Promise<{ reference: string; organization: string; evaluator: string; status: string; origin: string; scores: Record<string, number>; comments: Record<string, string>; total: number | null; submitted_at: Date | null; conflict_reason: string | null }[]> {
    const rows: { reference: string; organization: string; evaluator: string; status: string; origin: string; scores: Record<string, number>; comments: Record<string, string>; total: string | null; submitted_at: Date | null; conflict_reason: string | null }[] = await m.query(
      `SELECT ap.reference, o.legal_name AS organization, u.full_name AS evaluator, a.status, a.origin, a.scores, a.comments, a.total::text AS total, a.submitted_at, a.conflict_reason
         FROM evaluation_assignments a JOIN applications ap ON ap.id = a.application_id JOIN organizations o ON o.id = ap.organization_id JOIN users u ON u.id = a.evaluator_id
        WHERE a.call_id = $1 AND a.status <> 'removed' ORDER BY ap.reference, a.submitted_at NULLS LAST, u.full_name`, [callId]);
    return rows.map((r) => ({ ...r, total: points(r.total) }));
  }
}
