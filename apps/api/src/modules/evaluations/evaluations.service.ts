import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  adjustmentProblems, canonicalJson, canRemoveAssignment, canTransitionAssignment, consolidate, evaluationRules, isActiveAssignment,
  moveUpFromReserve, planAssignments, rankAndFund, rankingChanges, requiredSheets, sheetProblems, sheetTotals,
  type AmountAdjustment, type EvaluationRules, type RankCandidate, type Ranking, type SubmittedSheet,
} from '@grants/domain';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuditActor, AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { jobIds } from '../../jobs/job-names';
import { ApplicationEntity } from '../applications/entities/application.entity';
import { AuditService, sha256Hex as sha256 } from '../audit/audit.service';
import { CallEntity } from '../calls/entities/call.entity';
import { NotificationsService, type Recipient } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { AddEvaluatorDto, ConflictDto, ManualAssignmentDto, RecordDecisionDto, SaveSheetDto, SignDeclarationDto } from './dtos/evaluation.dtos';
import {
  AwardDecisionEntity, AwardEntity, EvaluationAssignmentEntity, type AssignmentOrigin,
} from './entities/evaluation.entity';

const DAY = 86_400_000;
/** A replacement assigned after the call's due date (or with none) gets this long. */
const LATE_ASSIGNMENT_DAYS = 10;

/** Applications that went through admissibility into evaluation, in any later state. */
const EVALUATED_STATUSES = ['admissible', 'in_evaluation', 'evaluated', 'awarded', 'reserve', 'rejected', 'declined'];

export type CandidateRow = RankCandidate & { organizationId: string; organizationName: string; status: string; sheets: number; required: number };
export type RankingView = Omit<Ranking, 'rows'> & {
  rows: (Ranking['rows'][number] & { organizationName: string; sheets: number; required: number })[];
  sha256: string;
  callEnvelopeCents: number;
  changes: ReturnType<typeof rankingChanges>;
};

function rulesOf(call: CallEntity): EvaluationRules {
  return evaluationRules(call.definition);
}

function dueDateFor(call: CallEntity, now: Date): Date {
  const due = call.definition.dates?.evaluationDueAt ? new Date(call.definition.dates.evaluationDueAt) : null;
  return due && due.getTime() > now.getTime() + DAY ? due : new Date(now.getTime() + LATE_ASSIGNMENT_DAYS * DAY);
}

const WORKER: AuditActor = { id: null, email: 'worker' };

@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
  ) {}

  private async call(m: EntityManager, callId: string, lock = false): Promise<CallEntity> {
    const call = await m.findOne(CallEntity, { where: { id: callId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!call) throw AppError.notFound('call');
    return call;
  }

  private secretariat(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language FROM users WHERE active AND role IN ('secretariat','secretariat_admin')`);
  }

  private userRecipient(m: EntityManager, ids: string[]): Promise<Recipient[]> {
    return ids.length ? m.query(`SELECT id, email, language FROM users WHERE active AND id = ANY($1::uuid[])`, [ids]) : Promise.resolve([]);
  }

  // -------------------------------------------------------------------------------------------------------
  // The Secretariat: pool, assignment, overview

  async overview(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    const m = this.ds.manager;
    const call = await this.call(m, callId);
    const rules = rulesOf(call);
    const pool: Record<string, unknown>[] = await m.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", u.email, u.language, p.added_at AS "addedAt", d.signed_at AS "declarationSignedAt",
              count(a.id) FILTER (WHERE a.status IN ('assigned','accepted','submitted'))::int AS assigned,
              count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted,
              count(a.id) FILTER (WHERE a.status = 'conflict')::int AS conflicts,
              count(a.id) FILTER (WHERE a.status IN ('assigned','accepted') AND a.due_at < now())::int AS overdue
         FROM call_evaluators p JOIN users u ON u.id = p.user_id
         LEFT JOIN evaluator_declarations d ON d.call_id = p.call_id AND d.user_id = p.user_id
         LEFT JOIN evaluation_assignments a ON a.call_id = p.call_id AND a.evaluator_id = p.user_id
        WHERE p.call_id = $1 GROUP BY u.id, p.added_at, d.signed_at ORDER BY u.full_name`, [callId]);
    const available: Record<string, unknown>[] = await m.query(
      `SELECT u.id AS "userId", u.full_name AS "fullName", u.email FROM users u
        WHERE u.role = 'evaluator' AND u.active AND NOT EXISTS (SELECT 1 FROM call_evaluators p WHERE p.call_id = $1 AND p.user_id = u.id)
        ORDER BY u.full_name`, [callId]);
    const applications: { id: string; reference: string; organizationName: string; status: string }[] = await m.query(
      `SELECT a.id, a.reference, o.legal_name AS "organizationName", a.status FROM applications a JOIN organizations o ON o.id = a.organization_id
        WHERE a.call_id = $1 AND a.status = ANY($2::text[]) ORDER BY a.reference`, [callId, EVALUATED_STATUSES]);
    const assignments: Record<string, unknown>[] = await m.query(
      `SELECT a.id, a.application_id AS "applicationId", a.evaluator_id AS "evaluatorId", u.full_name AS "evaluatorName", a.status, a.origin,
              a.due_at AS "dueAt", a.total::float8 AS total, a.submitted_at AS "submittedAt", a.conflict_reason AS "conflictReason",
              (a.scores <> '{}'::jsonb) AS "hasScores"
         FROM evaluation_assignments a JOIN users u ON u.id = a.evaluator_id
        WHERE a.call_id = $1 AND a.status <> 'removed' ORDER BY a.created_at`, [callId]);
    const byApp = new Map<string, Record<string, unknown>[]>();
    for (const a of assignments) {
      const list = byApp.get(a.applicationId as string) ?? [];
      list.push(a);
      byApp.set(a.applicationId as string, list);
    }
    return {
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title, status: call.status, version: call.version },
      rules: {
        evaluatorsPerApplication: rules.evaluatorsPerApplication, divergenceThresholdPoints: rules.divergenceThresholdPoints,
        consolidationRule: rules.consolidationRule, tieBreakSectionId: rules.tieBreakSectionId, reserveListSize: rules.reserveListSize,
        evaluationDueAt: call.definition.dates?.evaluationDueAt || null, envelopeCents: call.definition.budgetEnvelopeCents,
      },
      pool,
      available,
      applications: applications.map((a) => {
        const list = byApp.get(a.id) ?? [];
        const submittedTotals = list.filter((x) => x.status === 'submitted').map((x) => x.total as number);
        return {
          ...a,
          required: requiredSheets(submittedTotals, rules.evaluatorsPerApplication, rules.divergenceThresholdPoints),
          assignments: list,
        };
      }),
    };
  }

  async addToPool(actor: AuthUser, callId: string, dto: AddEvaluatorDto) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    await this.ds.transaction(async (m) => {
      const call = await this.call(m, callId);
      if (!['published', 'closed', 'in_evaluation'].includes(call.status)) throw AppError.badRequest('callId', 'call_not_in_evaluation', 'Evaluators join a call between its publication and the decision');
      const [user] = await m.query(`SELECT id, full_name, role, active FROM users WHERE id = $1`, [dto.userId]);
      if (!user || user.role !== 'evaluator' || !user.active) throw AppError.badRequest('userId', 'not_an_evaluator', 'Only active users with the evaluator role join a pool; invite them as evaluators first');
      const inserted = await m.query(`INSERT INTO call_evaluators (call_id, user_id, added_by) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING user_id`, [callId, dto.userId, actor.id]);
      if (!inserted.length) return;
      await this.audit.record(m, actor, { action: 'evaluation.pool_added', entity: 'call', entityId: callId, summary: `${user.full_name} joined the evaluator pool of ${call.reference}` });
      await this.notifications.notify(m, {
        recipients: await this.userRecipient(m, [dto.userId]), kind: 'evaluation.pool_joined', params: { reference: call.reference },
        link: `/evaluations/${callId}`, eventKey: `eval-pool:${callId}`,
      });
    });
    return this.overview(actor, callId);
  }

  async removeFromPool(actor: AuthUser, callId: string, userId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    await this.ds.transaction(async (m) => {
      const call = await this.call(m, callId);
      const [busy] = await m.query(
        `SELECT count(*)::int AS n FROM evaluation_assignments WHERE call_id = $1 AND evaluator_id = $2 AND (status = 'submitted' OR (status IN ('assigned','accepted') AND scores <> '{}'::jsonb))`, [callId, userId]);
      if (busy.n > 0) throw AppError.badRequest('userId', 'evaluator_has_scored', 'This evaluator has started scoring on this call; reopen or keep their sheets instead');
      const removed = await m.query(`DELETE FROM call_evaluators WHERE call_id = $1 AND user_id = $2 RETURNING user_id`, [callId, userId]);
      if (!removed.length) throw AppError.notFound('evaluator');
      const taken: { application_id: string }[] = await m.query(
        `UPDATE evaluation_assignments SET status = 'removed', updated_at = now(), version = version + 1 WHERE call_id = $1 AND evaluator_id = $2 AND status IN ('assigned','accepted') RETURNING application_id`, [callId, userId]);
      const [u] = await m.query(`SELECT full_name FROM users WHERE id = $1`, [userId]);
      await this.audit.record(m, actor, { action: 'evaluation.pool_removed', entity: 'call', entityId: callId, summary: `${u?.full_name ?? userId} left the evaluator pool of ${call.reference}; ${taken.length} unscored assignment(s) taken off` });
    });
    return this.overview(actor, callId);
  }

  /** Assigns each admissible application the evaluators it still needs, balancing the load across the pool. */
  async autoAssign(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    const result = await this.ds.transaction(async (m) => {
      const call = await this.call(m, callId, true);
      if (!['closed', 'in_evaluation'].includes(call.status)) throw AppError.badRequest('callId', 'call_not_closed', 'Evaluation starts after the submission deadline, once the call is closed');
      const rules = rulesOf(call);
      const pool: { id: string }[] = await m.query(`SELECT p.user_id AS id FROM call_evaluators p JOIN users u ON u.id = p.user_id AND u.active WHERE p.call_id = $1`, [callId]);
      if (pool.length === 0) throw AppError.badRequest('pool', 'empty_pool', 'Add evaluators to the pool of this call first');
      const apps: { id: string }[] = await m.query(`SELECT id FROM applications WHERE call_id = $1 AND status IN ('admissible','in_evaluation') FOR UPDATE`, [callId]);
      if (apps.length === 0) throw AppError.badRequest('callId', 'nothing_to_assign', 'No application of this call has been found admissible yet');
      const plan = await this.plan(m, callId, apps.map((a) => a.id), rules, pool.map((p) => p.id));
      const now = new Date();
      const dueAt = dueDateFor(call, now);
      await this.insertAssignments(m, actor, callId, plan.assignments, 'automatic', dueAt);
      await m.query(`UPDATE applications SET status = 'in_evaluation', updated_at = now() WHERE call_id = $1 AND status = 'admissible'`, [callId]);
      if (call.status === 'closed') {
        call.status = 'in_evaluation';
        await m.save(call);
      }
      await this.notifyAssigned(m, call, plan.assignments.map((a) => a.evaluatorId), dueAt, `auto:${now.getTime()}`);
      await this.scheduleDue(m, callId, dueAt);
      const unfilled = plan.unfilled.reduce((s, u) => s + u.missing, 0);
      await this.audit.record(m, actor, {
        action: 'evaluation.assigned', entity: 'call', entityId: callId,
        summary: `Automatic assignment on ${call.reference}: ${plan.assignments.length} assignment(s) to ${pool.length} evaluator(s)${unfilled ? `, ${unfilled} place(s) unfilled` : ''}`,
      });
      return { assigned: plan.assignments.length, unfilled: plan.unfilled };
    });
    return result;
  }

  /** The assignments that bring each application to the number of evaluators it needs now. */
  private async plan(m: EntityManager, callId: string, applicationIds: string[], rules: EvaluationRules, poolIds: string[]) {
    const rows: { application_id: string; evaluator_id: string; status: string; total: number | null }[] = await m.query(
      `SELECT application_id, evaluator_id, status, total::float8 AS total FROM evaluation_assignments WHERE call_id = $1`, [callId]);
    const load = new Map(poolIds.map((id) => [id, 0]));
    const active = new Map<string, number>();
    const submitted = new Map<string, number[]>();
    for (const r of rows) {
      if (isActiveAssignment(r.status as never)) {
        if (load.has(r.evaluator_id)) load.set(r.evaluator_id, load.get(r.evaluator_id)! + 1);
        active.set(r.application_id, (active.get(r.application_id) ?? 0) + 1);
      }
      if (r.status === 'submitted') submitted.set(r.application_id, [...(submitted.get(r.application_id) ?? []), r.total ?? 0]);
    }
    // an evaluator's load is every application of the call they are on, so new work goes to the least busy
    const wanted = new Set(applicationIds);
    return planAssignments({
      applications: applicationIds.map((id) => ({
        id, needed: Math.max(0, requiredSheets(submitted.get(id) ?? [], rules.evaluatorsPerApplication, rules.divergenceThresholdPoints) - (active.get(id) ?? 0)),
      })),
      evaluators: [...load].map(([id, l]) => ({ id, load: l })),
      existing: rows.filter((r) => wanted.has(r.application_id)).map((r) => ({ applicationId: r.application_id, evaluatorId: r.evaluator_id })),
    });
  }

  private async insertAssignments(m: EntityManager, actor: AuditActor, callId: string, pairs: { applicationId: string; evaluatorId: string }[], origin: AssignmentOrigin, dueAt: Date) {
    if (!pairs.length) return;
    await m.query(
      `INSERT INTO evaluation_assignments (call_id, application_id, evaluator_id, origin, due_at, created_by)
       SELECT $1, x.a, x.e, $4, $5, $6 FROM unnest($2::uuid[], $3::uuid[]) AS x(a, e)`,
      [callId, pairs.map((p) => p.applicationId), pairs.map((p) => p.evaluatorId), origin, dueAt, actor.id]);
  }

  private async notifyAssigned(m: EntityManager, call: CallEntity, evaluatorIds: string[], dueAt: Date, eventId: string) {
    const counts = new Map<string, number>();
    for (const id of evaluatorIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    const recipients = await this.userRecipient(m, [...counts.keys()]);
    for (const r of recipients) {
      await this.notifications.notify(m, {
        recipients: [r], kind: 'evaluation.assigned',
        params: { reference: call.reference, count: counts.get(r.id)!, due: dueAt.toISOString().slice(0, 10) },
        link: `/evaluations/${call.id}`, eventKey: `eval-assigned:${call.id}:${eventId}`,
      });
    }
  }

  /** Reminders 3 days and 1 day before the due date, and the escalation at it; ids carry the date, so nothing is queued twice. */
  private async scheduleDue(m: EntityManager, callId: string, dueAt: Date) {
    const dueMs = dueAt.getTime();
    for (const days of [3, 1]) {
      const at = new Date(dueMs - days * DAY);
      if (at.getTime() <= Date.now()) continue;
      await this.outbox.enqueue(m, 'evaluation.reminder', { callId, dueAt: dueAt.toISOString(), days }, { jobId: jobIds.evaluationReminder(callId, dueMs, days), runAt: at });
    }
    await this.outbox.enqueue(m, 'evaluation.overdue', { callId, dueAt: dueAt.toISOString() }, { jobId: jobIds.evaluationOverdue(callId, dueMs), runAt: dueAt });
  }

  async assignManually(actor: AuthUser, callId: string, dto: ManualAssignmentDto) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    await this.ds.transaction(async (m) => {
      const call = await this.call(m, callId, true);
      if (!['closed', 'in_evaluation'].includes(call.status)) throw AppError.badRequest('callId', 'call_not_closed', 'Evaluation starts after the submission deadline, once the call is closed');
      const [app] = await m.query(`SELECT id, reference, status FROM applications WHERE id = $1 AND call_id = $2`, [dto.applicationId, callId]);
      if (!app || !['admissible', 'in_evaluation'].includes(app.status)) throw AppError.badRequest('applicationId', 'not_in_evaluation', 'Only admissible applications of this call are assigned');
      const [inPool] = await m.query(`SELECT 1 FROM call_evaluators WHERE call_id = $1 AND user_id = $2`, [callId, dto.evaluatorId]);
      if (!inPool) throw AppError.badRequest('evaluatorId', 'not_in_pool', 'This evaluator is not in the pool of the call');
      const [existing] = await m.query(`SELECT status FROM evaluation_assignments WHERE application_id = $1 AND evaluator_id = $2`, [dto.applicationId, dto.evaluatorId]);
      if (existing?.status === 'conflict') throw AppError.badRequest('evaluatorId', 'conflict_declared', 'This evaluator declared a conflict of interest with this application');
      if (existing && existing.status !== 'removed') throw AppError.badRequest('evaluatorId', 'already_assigned', 'This evaluator is already on this application');
      const dueAt = dueDateFor(call, new Date());
      if (existing) {
        await m.query(`UPDATE evaluation_assignments SET status = 'assigned', origin = 'manual', due_at = $3, scores = '{}', comments = '{}', total = NULL, confirmed_at = NULL, version = version + 1, updated_at = now() WHERE application_id = $1 AND evaluator_id = $2`, [dto.applicationId, dto.evaluatorId, dueAt]);
      } else {
        await this.insertAssignments(m, actor, callId, [{ applicationId: dto.applicationId, evaluatorId: dto.evaluatorId }], 'manual', dueAt);
      }
      if (app.status === 'admissible') await m.query(`UPDATE applications SET status = 'in_evaluation', updated_at = now() WHERE id = $1`, [app.id]);
      if (call.status === 'closed') {
        call.status = 'in_evaluation';
        await m.save(call);
      }
      await this.notifyAssigned(m, call, [dto.evaluatorId], dueAt, `manual:${app.id}`);
      await this.scheduleDue(m, callId, dueAt);
      const [u] = await m.query(`SELECT full_name FROM users WHERE id = $1`, [dto.evaluatorId]);
      await this.audit.record(m, actor, { action: 'evaluation.assigned', entity: 'application', entityId: app.id, summary: `${u.full_name} assigned by hand to ${app.reference}` });
    });
    return this.overview(actor, callId);
  }

  async removeAssignment(actor: AuthUser, assignmentId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    const callId = await this.ds.transaction(async (m) => {
      const a = await m.findOne(EvaluationAssignmentEntity, { where: { id: assignmentId }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw AppError.notFound('assignment');
      if (!canRemoveAssignment(a.status, Object.keys(a.scores ?? {}).length > 0)) throw AppError.badRequest('assignmentId', 'scoring_started', 'Scoring has started on this assignment; it can no longer be changed by hand');
      a.status = 'removed';
      await m.save(a);
      const [info] = await m.query(`SELECT ap.reference, u.full_name FROM applications ap, users u WHERE ap.id = $1 AND u.id = $2`, [a.applicationId, a.evaluatorId]);
      await this.audit.record(m, actor, { action: 'evaluation.unassigned', entity: 'application', entityId: a.applicationId, summary: `${info.full_name} taken off ${info.reference} by hand` });
      return a.callId;
    });
    return this.overview(actor, callId);
  }

  async reopen(actor: AuthUser, assignmentId: string, reason: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    await this.ds.transaction(async (m) => {
      const a = await m.findOne(EvaluationAssignmentEntity, { where: { id: assignmentId }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw AppError.notFound('assignment');
      const call = await this.call(m, a.callId);
      if (call.status !== 'in_evaluation') throw AppError.badRequest('assignmentId', 'decision_recorded', 'The decision on this call is recorded; its sheets stay as they were');
      if (!canTransitionAssignment(a.status, 'accepted') || a.status !== 'submitted') throw AppError.badRequest('assignmentId', 'not_submitted', 'Only a submitted sheet is reopened');
      a.status = 'accepted';
      a.submittedAt = null;
      a.total = null;
      await m.save(a);
      const [info] = await m.query(`SELECT reference FROM applications WHERE id = $1`, [a.applicationId]);
      await this.audit.record(m, actor, { action: 'evaluation.sheet_reopened', entity: 'application', entityId: a.applicationId, summary: `Sheet of ${info.reference} reopened: ${reason}` });
      await this.notifications.notify(m, {
        recipients: await this.userRecipient(m, [a.evaluatorId]), kind: 'evaluation.sheet_reopened',
        params: { reference: info.reference, reason }, link: `/evaluations/assignments/${a.id}`, eventKey: `eval-reopen:${a.id}:${a.version}`,
      });
    });
    return { ok: true };
  }

  // -------------------------------------------------------------------------------------------------------
  // The evaluator

  async myCalls(actor: AuthUser) {
    await this.access.requireAccess(actor, 'evaluation.score', []);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT c.id, c.reference, c.status, c.definition->'texts'->'title' AS title, d.signed_at AS "declarationSignedAt",
              count(a.id) FILTER (WHERE a.status IN ('assigned','accepted','submitted'))::int AS assigned,
              count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted,
              min(a.due_at) FILTER (WHERE a.status IN ('assigned','accepted')) AS "nextDueAt"
         FROM call_evaluators p JOIN calls c ON c.id = p.call_id
         LEFT JOIN evaluator_declarations d ON d.call_id = p.call_id AND d.user_id = p.user_id
         LEFT JOIN evaluation_assignments a ON a.call_id = p.call_id AND a.evaluator_id = p.user_id
        WHERE p.user_id = $1 GROUP BY c.id, d.signed_at ORDER BY c.created_at DESC`, [actor.id]);
    return { items: rows };
  }

  async declaration(actor: AuthUser, callId: string) {
    await this.access.requireCallEvaluator(actor, callId, false);
    const call = await this.call(this.ds.manager, callId);
    const [signed] = await this.ds.query(`SELECT signed_at, language FROM evaluator_declarations WHERE call_id = $1 AND user_id = $2`, [callId, actor.id]);
    return {
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
      text: rulesOf(call).declarationText,
      signedAt: signed ? (signed.signed_at as Date).toISOString() : null,
      signedLanguage: signed?.language ?? null,
    };
  }

  async sign(actor: AuthUser, callId: string, dto: SignDeclarationDto) {
    await this.access.requireCallEvaluator(actor, callId, false);
    if (dto.accept !== true) throw AppError.badRequest('accept', 'must_accept', 'Tick that you have read and accept the declaration');
    await this.ds.transaction(async (m) => {
      const call = await this.call(m, callId);
      const text = rulesOf(call).declarationText[dto.language];
      const inserted = await m.query(
        `INSERT INTO evaluator_declarations (call_id, user_id, language, text_sha256) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING RETURNING signed_at`,
        [callId, actor.id, dto.language, sha256(text)]);
      if (!inserted.length) return;
      await this.audit.record(m, actor, {
        action: 'evaluation.declaration_signed', entity: 'call', entityId: callId,
        summary: `${actor.fullName} signed the declaration of impartiality and confidentiality for ${call.reference} (${dto.language}, text SHA-256 ${sha256(text).slice(0, 16)}…)`,
      });
    });
    return this.declaration(actor, callId);
  }

  async myAssignments(actor: AuthUser, callId: string) {
    await this.access.requireCallEvaluator(actor, callId);
    const call = await this.call(this.ds.manager, callId);
    const items: Record<string, unknown>[] = await this.ds.query(
      `SELECT a.id, a.status, a.due_at AS "dueAt", a.total::float8 AS total, a.submitted_at AS "submittedAt",
              ap.reference, o.legal_name AS "organizationName",
              CASE WHEN a.status IN ('accepted','submitted') THEN ap.content->'project'->>'title' END AS "projectTitle"
         FROM evaluation_assignments a JOIN applications ap ON ap.id = a.application_id JOIN organizations o ON o.id = ap.organization_id
        WHERE a.call_id = $1 AND a.evaluator_id = $2 AND a.status <> 'removed' ORDER BY ap.reference`, [callId, actor.id]);
    return { call: { id: call.id, reference: call.reference, title: call.definition.texts.title, status: call.status }, items };
  }

  /**
   * One assignment as its evaluator sees it. Before they confirm the absence of a conflict, only the
   * organisation's name; after, the submitted application and their own sheet. Other evaluators' sheets are
   * shown (without names) only once their own is submitted.
   */
  async assignment(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'evaluation.score', [id]);
    const m = this.ds.manager;
    const a = await m.findOneByOrFail(EvaluationAssignmentEntity, { id });
    const call = await this.call(m, a.callId);
    const rules = rulesOf(call);
    const [app] = await m.query(
      `SELECT ap.id, ap.reference, ap.submitted_at AS "submittedAt", ap.requested_cents::float8 AS "requestedCents", o.legal_name AS "organizationName"
         FROM applications ap JOIN organizations o ON o.id = ap.organization_id WHERE ap.id = $1`, [a.applicationId]);
    const open = a.status === 'accepted' || a.status === 'submitted';
    let submission: Record<string, unknown> | null = null;
    if (open) {
      const [s] = await m.query(
        `SELECT reference, sha256, submitted_at AS "submittedAt", snapshot FROM application_submissions WHERE application_id = $1 AND superseded_at IS NULL ORDER BY seq DESC LIMIT 1`, [a.applicationId]);
      if (s) submission = { ...s, snapshot: await this.forEvaluator(m, a.applicationId, s.snapshot) };
    }
    let others: { label: string; scores: Record<string, number>; comments: Record<string, string>; total: number | null }[] = [];
    if (a.status === 'submitted') {
      const rows: EvaluationAssignmentEntity[] = await m.find(EvaluationAssignmentEntity, { where: { applicationId: a.applicationId, status: 'submitted' }, order: { submittedAt: 'ASC' } });
      others = rows.filter((r) => r.id !== a.id).map((r, i) => ({ label: String.fromCharCode(65 + i), scores: r.scores, comments: r.comments, total: r.total }));
    }
    return {
      id: a.id, status: a.status, dueAt: a.dueAt.toISOString(), version: a.version, conflictReason: a.conflictReason,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title, grid: rules.grid, status: call.status },
      application: { id: app.id, reference: app.reference, organizationName: app.organizationName, submittedAt: app.submittedAt, requestedCents: app.requestedCents },
      submission,
      sheet: open ? { scores: a.scores, comments: a.comments, totals: sheetTotals(rules.grid, a.scores) } : null,
      others,
    };
  }

  /**
   * What an evaluator reads of a submission: the content, the budget and the organisation's standing (name,
   * registration, licence, municipality, description), with the files to open. Not who pressed submit, nor the
   * organisation's contacts or bank account: evaluators need none of it, so they do not get it.
   */
  private async forEvaluator(m: EntityManager, applicationId: string, snapshot: Record<string, unknown>) {
    const org = (snapshot.organization ?? {}) as Record<string, unknown>;
    const files: { requirementId: string; fileId: string; fileName: string; sha256: string }[] = await m.query(
      `SELECT aa.requirement_id AS "requirementId", f.id AS "fileId", f.file_name AS "fileName", f.sha256
         FROM application_attachments aa JOIN files f ON f.id = aa.file_id WHERE aa.application_id = $1 AND aa.deleted_at IS NULL`, [applicationId]);
    const attachments = ((snapshot.attachments ?? []) as { requirementId: string; fileName: string; size: number; sha256: string }[]).map((x) => ({
      ...x, fileId: files.find((f) => f.sha256 === x.sha256 && f.requirementId === x.requirementId)?.fileId ?? null,
    }));
    return {
      reference: snapshot.reference, call: snapshot.call, submittedAt: snapshot.submittedAt, content: snapshot.content,
      contentSha256: snapshot.contentSha256, budget: snapshot.budget, attachments,
      organization: {
        legalName: org.legalName, acronym: org.acronym, registrationNumber: org.registrationNumber, licenceNumber: org.licenceNumber,
        licenceExpiry: org.licenceExpiry, licence: org.licence, municipality: org.municipality, website: org.website, description: org.description,
      },
    };
  }

  async declareConflict(actor: AuthUser, id: string, dto: ConflictDto) {
    await this.access.requireAccess(actor, 'evaluation.score', [id]);
    await this.ds.transaction(async (m) => {
      const a = await m.findOne(EvaluationAssignmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw AppError.notFound('assignment');
      const [app] = await m.query(`SELECT ap.reference, o.legal_name FROM applications ap JOIN organizations o ON o.id = ap.organization_id WHERE ap.id = $1`, [a.applicationId]);
      if (!dto.conflict) {
        if (a.status !== 'assigned') throw AppError.badRequest('conflict', 'already_confirmed', 'You have already answered for this application');
        a.status = 'accepted';
        a.confirmedAt = new Date();
        await m.save(a);
        await this.audit.record(m, actor, { action: 'evaluation.no_conflict_confirmed', entity: 'application', entityId: a.applicationId, summary: `${actor.fullName} confirmed no conflict of interest with ${app.legal_name} (${app.reference})` });
        return;
      }
      if (!canTransitionAssignment(a.status, 'conflict')) throw AppError.badRequest('conflict', 'sheet_submitted', 'Your sheet is submitted; ask the Secretariat to reopen it first');
      a.status = 'conflict';
      a.conflictAt = new Date();
      a.conflictReason = dto.reason ?? null;
      a.scores = {};
      a.comments = {};
      await m.save(a);
      await this.audit.record(m, actor, { action: 'evaluation.conflict_declared', entity: 'application', entityId: a.applicationId, summary: `${actor.fullName} declared a conflict of interest with ${app.legal_name} (${app.reference}): ${dto.reason}` });
      await this.outbox.enqueue(m, 'evaluation.top_up', { applicationId: a.applicationId, reason: 'replacement' }, { jobId: jobIds.evaluationTopUp(a.applicationId, `conflict-${a.id}`) });
    });
    return this.assignment(actor, id).catch(() => ({ id, status: 'conflict' as const }));
  }

  async saveSheet(actor: AuthUser, id: string, dto: SaveSheetDto) {
    await this.access.requireAccess(actor, 'evaluation.score', [id]);
    return this.ds.transaction(async (m) => {
      const a = await m.findOne(EvaluationAssignmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw AppError.notFound('assignment');
      if (a.status === 'assigned') throw AppError.badRequest('conflict', 'confirm_first', 'Confirm that you have no conflict of interest with this organisation first');
      if (a.status !== 'accepted') throw AppError.badRequest('status', 'sheet_locked', 'This sheet is submitted and locked; only the Secretariat can reopen it');
      if (a.version !== dto.version) throw AppError.conflict('version_conflict', 'This sheet was saved elsewhere (another tab?) after you opened it. Reload to see it.', [{ field: 'version', code: 'version_conflict', message: 'The sheet has changed since you opened it' }]);
      const call = await this.call(m, a.callId);
      const grid = rulesOf(call).grid;
      const problems = sheetProblems(grid, dto.scores, dto.comments, 'draft');
      if (problems.length) throw new AppError(400, 'invalid_sheet', 'Some scores or comments break the grid', problems.map((p) => ({ ...p, message: p.code })));
      a.scores = Object.fromEntries(Object.entries(dto.scores).filter(([, v]) => v !== null));
      a.comments = dto.comments;
      const saved = await m.save(a);
      return { version: saved.version, totals: sheetTotals(grid, saved.scores) };
    });
  }

  async submitSheet(actor: AuthUser, id: string, version: number) {
    await this.access.requireAccess(actor, 'evaluation.score', [id]);
    await this.ds.transaction(async (m) => {
      const a = await m.findOne(EvaluationAssignmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw AppError.notFound('assignment');
      if (a.status !== 'accepted') throw AppError.badRequest('status', a.status === 'assigned' ? 'confirm_first' : 'sheet_locked', 'Only an open sheet, after confirming no conflict, is submitted');
      if (a.version !== version) throw AppError.conflict('version_conflict', 'This sheet was saved elsewhere after you opened it. Reload to see it.', [{ field: 'version', code: 'version_conflict', message: 'The sheet has changed since you opened it' }]);
      const call = await this.call(m, a.callId);
      const rules = rulesOf(call);
      const problems = sheetProblems(rules.grid, a.scores, a.comments, 'submit');
      if (problems.length) throw new AppError(400, 'incomplete_sheet', 'Score every criterion and comment every section before submitting', problems.map((p) => ({ ...p, message: p.code })));
      a.status = 'submitted';
      a.submittedAt = new Date();
      a.total = sheetTotals(rules.grid, a.scores).total;
      await m.save(a);
      // the application is locked while we look at its sheets, so two evaluators submitting together see each other
      await m.query(`SELECT id FROM applications WHERE id = $1 FOR UPDATE`, [a.applicationId]);
      const sheets: { status: string; total: number | null }[] = await m.query(`SELECT status, total::float8 AS total FROM evaluation_assignments WHERE application_id = $1`, [a.applicationId]);
      const totals = sheets.filter((s) => s.status === 'submitted').map((s) => s.total ?? 0);
      const active = sheets.filter((s) => isActiveAssignment(s.status as never)).length;
      const [app] = await m.query(`SELECT reference FROM applications WHERE id = $1`, [a.applicationId]);
      await this.audit.record(m, actor, { action: 'evaluation.sheet_submitted', entity: 'application', entityId: a.applicationId, summary: `${actor.fullName} submitted a sheet on ${app.reference}: ${a.total} points` });
      if (requiredSheets(totals, rules.evaluatorsPerApplication, rules.divergenceThresholdPoints) > active) {
        await this.outbox.enqueue(m, 'evaluation.top_up', { applicationId: a.applicationId, reason: 'divergence' }, { jobId: jobIds.evaluationTopUp(a.applicationId, `divergence-${a.id}-${a.version}`) });
      }
    });
    return this.assignment(actor, id);
  }

  /** Worker: brings one application up to the evaluators it needs (replacement after a conflict, or a further one on divergence). */
  async topUp(applicationId: string, reason: 'replacement' | 'divergence') {
    await this.ds.transaction(async (m) => {
      const [app] = await m.query(`SELECT id, call_id, reference, status FROM applications WHERE id = $1 FOR UPDATE`, [applicationId]);
      if (!app || app.status !== 'in_evaluation') return;
      const call = await this.call(m, app.call_id);
      if (call.status !== 'in_evaluation') return;
      const rules = rulesOf(call);
      const pool: { id: string }[] = await m.query(`SELECT p.user_id AS id FROM call_evaluators p JOIN users u ON u.id = p.user_id AND u.active WHERE p.call_id = $1`, [call.id]);
      const plan = await this.plan(m, call.id, [applicationId], rules, pool.map((p) => p.id));
      const dueAt = dueDateFor(call, new Date());
      await this.insertAssignments(m, WORKER, call.id, plan.assignments, reason, dueAt);
      if (plan.assignments.length) {
        await this.notifyAssigned(m, call, plan.assignments.map((p) => p.evaluatorId), dueAt, `${reason}:${applicationId}:${plan.assignments.map((p) => p.evaluatorId).join(',')}`);
        await this.scheduleDue(m, call.id, dueAt);
        const names: { full_name: string }[] = await m.query(`SELECT full_name FROM users WHERE id = ANY($1::uuid[])`, [plan.assignments.map((p) => p.evaluatorId)]);
        await this.audit.record(m, WORKER, {
          action: 'evaluation.assigned', entity: 'application', entityId: applicationId,
          summary: `${reason === 'divergence' ? 'Further evaluator (divergent scores)' : 'Replacement after a conflict of interest'} on ${app.reference}: ${names.map((n) => n.full_name).join(', ')}`,
        });
      }
      if (plan.unfilled.length) {
        await this.notifications.notify(m, {
          recipients: await this.secretariat(m), kind: 'evaluation.unfilled', params: { reference: app.reference },
          link: `/calls/${call.id}/evaluation`, eventKey: `eval-unfilled:${applicationId}:${reason}:${plan.unfilled[0].missing}`,
        });
      }
    });
  }

  /** Worker: reminds evaluators with open sheets due at `dueAt`. */
  async remind(callId: string, dueAt: string, days: number) {
    await this.ds.transaction(async (m) => {
      const call = await m.findOneBy(CallEntity, { id: callId });
      if (!call || call.status !== 'in_evaluation') return;
      const rows: { evaluator_id: string; n: number }[] = await m.query(
        `SELECT evaluator_id, count(*)::int AS n FROM evaluation_assignments WHERE call_id = $1 AND due_at = $2 AND status IN ('assigned','accepted') GROUP BY evaluator_id`, [callId, dueAt]);
      const recipients = await this.userRecipient(m, rows.map((r) => r.evaluator_id));
      for (const r of recipients) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'evaluation.reminder',
          params: { reference: call.reference, count: rows.find((x) => x.evaluator_id === r.id)!.n, days, due: dueAt.slice(0, 10) },
          link: `/evaluations/${callId}`, eventKey: `eval-reminder:${callId}:${dueAt}:${days}`,
        });
      }
    });
  }

  /** Worker: at the due date, tells the Secretariat which evaluators are late, and the evaluators themselves. */
  async escalate(callId: string, dueAt: string) {
    await this.ds.transaction(async (m) => {
      const call = await m.findOneBy(CallEntity, { id: callId });
      if (!call || call.status !== 'in_evaluation') return;
      const late: { evaluator_id: string; full_name: string; n: number }[] = await m.query(
        `SELECT a.evaluator_id, u.full_name, count(*)::int AS n FROM evaluation_assignments a JOIN users u ON u.id = a.evaluator_id
          WHERE a.call_id = $1 AND a.due_at = $2 AND a.status IN ('assigned','accepted') GROUP BY a.evaluator_id, u.full_name ORDER BY u.full_name`, [callId, dueAt]);
      if (!late.length) return;
      const total = late.reduce((s, l) => s + l.n, 0);
      await this.notifications.notify(m, {
        recipients: await this.secretariat(m), kind: 'evaluation.overdue',
        params: { reference: call.reference, count: total, evaluators: late.map((l) => `${l.full_name} (${l.n})`).join(', ') },
        link: `/calls/${callId}/evaluation`, eventKey: `eval-overdue:${callId}:${dueAt}`,
      });
      for (const r of await this.userRecipient(m, late.map((l) => l.evaluator_id))) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'evaluation.reminder',
          params: { reference: call.reference, count: late.find((l) => l.evaluator_id === r.id)!.n, days: 0, due: dueAt.slice(0, 10) },
          link: `/evaluations/${callId}`, eventKey: `eval-reminder:${callId}:${dueAt}:0`,
        });
      }
      await this.audit.record(m, WORKER, { action: 'evaluation.overdue', entity: 'call', entityId: callId, summary: `${total} sheet(s) overdue on ${call.reference}: ${late.map((l) => `${l.full_name} (${l.n})`).join(', ')}` });
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Ranking, decision, awards

  /** Every evaluated application with its consolidated points (null while it lacks sheets). */
  async candidates(m: EntityManager, call: CallEntity): Promise<CandidateRow[]> {
    const rules = rulesOf(call);
    const apps: { id: string; reference: string; submittedAt: Date; requestedCents: number; organizationId: string; organizationName: string; status: string }[] = await m.query(
      `SELECT a.id, a.reference, a.submitted_at AS "submittedAt", a.requested_cents::float8 AS "requestedCents", a.organization_id AS "organizationId",
              o.legal_name AS "organizationName", a.status
         FROM applications a JOIN organizations o ON o.id = a.organization_id WHERE a.call_id = $1 AND a.status = ANY($2::text[])`, [call.id, EVALUATED_STATUSES]);
    const sheets: { id: string; application_id: string; scores: Record<string, number>; submitted_at: Date | null; status: string }[] = await m.query(
      `SELECT id, application_id, scores, submitted_at, status FROM evaluation_assignments WHERE call_id = $1 AND status IN ('assigned','accepted','submitted')`, [call.id]);
    const byApp = new Map<string, typeof sheets>();
    for (const s of sheets) {
      const l = byApp.get(s.application_id) ?? [];
      l.push(s);
      byApp.set(s.application_id, l);
    }
    return apps.map((a) => {
      const list = byApp.get(a.id) ?? [];
      const submitted: SubmittedSheet[] = list.filter((s) => s.status === 'submitted').map((s) => ({ id: s.id, scores: s.scores, submittedAt: s.submitted_at!.toISOString() }));
      const totals = submitted.map((s) => sheetTotals(rules.grid, s.scores).total);
      const required = requiredSheets(totals, rules.evaluatorsPerApplication, rules.divergenceThresholdPoints);
      const c = submitted.length >= required ? consolidate(rules.grid, submitted, rules.consolidationRule) : null;
      return {
        applicationId: a.id, reference: a.reference, submittedAt: new Date(a.submittedAt).toISOString(), requestedCents: a.requestedCents,
        points: c ? { sections: c.sections, total: c.total } : null,
        organizationId: a.organizationId, organizationName: a.organizationName, status: a.status, sheets: submitted.length, required,
      };
    });
  }

  private rankingOf(call: CallEntity, candidates: CandidateRow[], envelopeCents: number, adjustments: AmountAdjustment[] = []): RankingView {
    const rules = rulesOf(call);
    const opts = { reserveListSize: rules.reserveListSize, tieBreakSectionId: rules.tieBreakSectionId, adjustments };
    const ranking = rankAndFund(rules.grid, candidates, { ...opts, envelopeCents });
    const callEnvelope = call.definition.budgetEnvelopeCents;
    const changes = envelopeCents === callEnvelope ? [] : rankingChanges(rankAndFund(rules.grid, candidates, { ...opts, envelopeCents: callEnvelope }), ranking);
    const byId = new Map(candidates.map((c) => [c.applicationId, c]));
    const rows = ranking.rows.map((r) => ({ ...r, organizationName: byId.get(r.applicationId)!.organizationName, sheets: byId.get(r.applicationId)!.sheets, required: byId.get(r.applicationId)!.required }));
    const digest = sha256(canonicalJson(ranking.rows.map((r) => ({ id: r.applicationId, points: r.points, outcome: r.outcome, awardedCents: r.awardedCents }))));
    return { ...ranking, rows, sha256: digest, callEnvelopeCents: callEnvelope, changes };
  }

  async ranking(actor: AuthUser, callId: string, envelopeCents?: number) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    const m = this.ds.manager;
    const call = await this.call(m, callId);
    const candidates = await this.candidates(m, call);
    const view = this.rankingOf(call, candidates, envelopeCents ?? call.definition.budgetEnvelopeCents);
    const decisions = await this.decisionsOf(m, callId);
    return {
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title, status: call.status, grid: rulesOf(call).grid, rules: this.publicRules(call) },
      ranking: view,
      decision: decisions[0] ?? null,
      awards: await this.awardsOf(m, callId),
    };
  }

  private publicRules(call: CallEntity) {
    const r = rulesOf(call);
    return { evaluatorsPerApplication: r.evaluatorsPerApplication, divergenceThresholdPoints: r.divergenceThresholdPoints, consolidationRule: r.consolidationRule, tieBreakSectionId: r.tieBreakSectionId, reserveListSize: r.reserveListSize };
  }

  private async decisionsOf(m: EntityManager, callId: string) {
    const rows = await m.find(AwardDecisionEntity, { where: { callId }, order: { seq: 'ASC' } });
    return rows.map((d) => ({ id: d.id, seq: d.seq, kind: d.kind, committeeMembers: d.committeeMembers, decidedOn: d.decidedOn, envelopeCents: d.envelopeCents, sha256: d.sha256, recordedAt: d.recordedAt.toISOString(), snapshot: d.snapshot }));
  }

  private async awardsOf(m: EntityManager, callId: string) {
    return m.query(
      `SELECT w.id, w.application_id AS "applicationId", a.reference, o.legal_name AS "organizationName", w.amount_cents::float8 AS "amountCents",
              w.adjustment_reason AS "adjustmentReason", w.status, w.declined_at AS "declinedAt", w.decline_reason AS "declineReason"
         FROM awards w JOIN applications a ON a.id = w.application_id JOIN organizations o ON o.id = a.organization_id WHERE w.call_id = $1 ORDER BY w.created_at, a.reference`, [callId]);
  }

  async decisions(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    await this.call(this.ds.manager, callId);
    return { items: await this.decisionsOf(this.ds.manager, callId) };
  }

  /** The committee's decision: frozen, hashed into the audit trail; each applicant is told its outcome in its language. */
  async decide(actor: AuthUser, callId: string, dto: RecordDecisionDto) {
    await this.access.requireAccess(actor, 'award.decide', []);
    await this.ds.transaction(async (m) => {
      const call = await this.call(m, callId, true);
      if (call.status !== 'in_evaluation') throw AppError.badRequest('callId', call.status === 'decided' ? 'already_decided' : 'not_in_evaluation', call.status === 'decided' ? 'The decision on this call is already recorded' : 'The call is not in evaluation');
      const candidates = await this.candidates(m, call);
      if (!candidates.length) throw AppError.badRequest('callId', 'nothing_to_decide', 'No application of this call has been evaluated');
      const adjustments = (dto.adjustments ?? []).map((a) => ({ ...a }));
      const problems = adjustmentProblems(adjustments, candidates);
      if (problems.length) throw new AppError(400, 'invalid_adjustments', 'Some adjusted amounts break the rules', problems.map((p) => ({ ...p, message: p.code })));
      const view = this.rankingOf(call, candidates, call.definition.budgetEnvelopeCents, adjustments);
      if (view.pending > 0) throw AppError.badRequest('callId', 'evaluation_incomplete', `${view.pending} application(s) still lack submitted sheets`);
      const plain = this.rankingOf(call, candidates, call.definition.budgetEnvelopeCents);
      if (plain.sha256 !== dto.rankingSha256) throw AppError.conflict('ranking_changed', 'The ranking changed since you opened it (a sheet was submitted or reopened). Reload it and decide again.', [{ field: 'rankingSha256', code: 'ranking_changed', message: 'The ranking has changed' }]);
      const rules = rulesOf(call);
      const snapshot = {
        call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
        envelopeCents: call.definition.budgetEnvelopeCents,
        rules: { ...this.publicRules(call), grid: rules.grid },
        committeeMembers: dto.committeeMembers,
        decidedOn: dto.decidedOn,
        ranking: view.rows.map((r) => ({
          applicationId: r.applicationId, reference: r.reference, organizationName: r.organizationName, rank: r.rank, points: r.points,
          requestedCents: r.requestedCents, awardedCents: r.awardedCents, adjustment: r.adjustment, outcome: r.outcome, reason: r.reason,
          failures: r.failures, reservePlace: r.reservePlace, tieBrokenBy: r.tieBrokenBy,
        })),
        awardedCents: view.awardedCents,
        remainingCents: view.remainingCents,
      };
      const digest = sha256(canonicalJson(snapshot));
      const decision = await m.save(m.create(AwardDecisionEntity, {
        callId, seq: 1, kind: 'decision', committeeMembers: dto.committeeMembers, decidedOn: dto.decidedOn,
        envelopeCents: call.definition.budgetEnvelopeCents, snapshot, sha256: digest, recordedBy: actor.id,
      }));
      const awarded = view.rows.filter((r) => r.outcome === 'awarded');
      for (const r of awarded) {
        await m.insert(AwardEntity, { callId, applicationId: r.applicationId, decisionId: decision.id, amountCents: r.awardedCents, adjustmentReason: r.adjustment?.reason ?? null, status: 'awarded' });
      }
      for (const outcome of ['awarded', 'reserve', 'rejected'] as const) {
        const ids = view.rows.filter((r) => r.outcome === outcome).map((r) => r.applicationId);
        if (ids.length) await m.update(ApplicationEntity, { id: In(ids) }, { status: outcome });
      }
      call.status = 'decided';
      await m.save(call);
      await this.audit.record(m, actor, {
        action: 'award.decision_recorded', entity: 'call', entityId: callId,
        summary: `Decision on ${call.reference} (${dto.decidedOn}; committee: ${dto.committeeMembers.join(', ')}): ${awarded.length} awarded, ${view.rows.filter((r) => r.outcome === 'reserve').length} on the reserve list, ${view.rows.filter((r) => r.outcome === 'rejected').length} rejected; SHA-256 ${digest}`,
      });
      const byApp = new Map(candidates.map((c) => [c.applicationId, c]));
      for (const r of view.rows) {
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, byApp.get(r.applicationId)!.organizationId), kind: 'application.outcome',
          params: { reference: r.reference, callReference: call.reference, outcome: r.outcome },
          link: `/applications/${r.applicationId}/outcome`, eventKey: `outcome:${r.applicationId}:${decision.id}`,
        });
      }
    });
    return this.ranking(actor, callId);
  }

  /** An awarded applicant declines: its money returns to the envelope and the first on the reserve list moves up. */
  async decline(actor: AuthUser, awardId: string, reason: string) {
    await this.access.requireAccess(actor, 'award.decide', []);
    const callId = await this.ds.transaction(async (m) => {
      const award = await m.findOne(AwardEntity, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
      if (!award) throw AppError.notFound('award');
      const call = await this.call(m, award.callId, true);
      if (award.status !== 'awarded') throw AppError.badRequest('awardId', 'already_declined', 'This award has already been declined');
      award.status = 'declined';
      award.declinedAt = new Date();
      award.declineReason = reason;
      await m.save(award);
      await m.update(ApplicationEntity, { id: award.applicationId }, { status: 'declined' });
      const awards: AwardEntity[] = await m.find(AwardEntity, { where: { callId: call.id } });
      const decisions = await m.find(AwardDecisionEntity, { where: { callId: call.id }, order: { seq: 'ASC' } });
      const first = decisions.find((d) => d.kind === 'decision')!;
      const ranking = (first.snapshot as { ranking: { applicationId: string; reference: string; requestedCents: number; reservePlace: number | null }[] }).ranking;
      const stillReserve: { id: string }[] = await m.query(`SELECT id FROM applications WHERE call_id = $1 AND status = 'reserve'`, [call.id]);
      const reserveIds = new Set(stillReserve.map((r) => r.id));
      const reserve = ranking.filter((r) => r.reservePlace !== null && reserveIds.has(r.applicationId)).sort((a, b) => a.reservePlace! - b.reservePlace!)
        .map((r) => ({ applicationId: r.applicationId, requestedCents: r.requestedCents }));
      const move = moveUpFromReserve(first.envelopeCents, awards.map((a) => ({ applicationId: a.applicationId, amountCents: a.amountCents, declined: a.status === 'declined' })), reserve);
      const [declined] = await m.query(`SELECT reference FROM applications WHERE id = $1`, [award.applicationId]);
      const movedRef = move.movedUp ? ranking.find((r) => r.applicationId === move.movedUp!.applicationId)!.reference : null;
      const snapshot = {
        call: { id: call.id, reference: call.reference }, declined: { applicationId: award.applicationId, reference: declined.reference, amountCents: award.amountCents, reason },
        movedUp: move.movedUp ? { ...move.movedUp, reference: movedRef } : null, reserveAfter: move.reserve, availableCentsAfter: move.availableCents,
        previousSha256: decisions[decisions.length - 1].sha256,
      };
      const digest = sha256(canonicalJson(snapshot));
      const [{ today }] = await m.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
      const rec = await m.save(m.create(AwardDecisionEntity, {
        callId: call.id, seq: decisions.length + 1, kind: 'move_up', committeeMembers: first.committeeMembers, decidedOn: today,
        envelopeCents: first.envelopeCents, snapshot, sha256: digest, recordedBy: actor.id,
      }));
      if (move.movedUp) {
        await m.insert(AwardEntity, {
          callId: call.id, applicationId: move.movedUp.applicationId, decisionId: rec.id, amountCents: move.movedUp.amountCents,
          adjustmentReason: move.movedUp.reduced ? 'Reduced to what remained of the envelope when it moved up from the reserve list' : null, status: 'awarded',
        });
        await m.update(ApplicationEntity, { id: move.movedUp.applicationId }, { status: 'awarded' });
        const [org] = await m.query(`SELECT organization_id FROM applications WHERE id = $1`, [move.movedUp.applicationId]);
        await this.notifications.notify(m, {
          recipients: await this.notifications.membersOf(m, org.organization_id), kind: 'application.outcome',
          params: { reference: movedRef, callReference: call.reference, outcome: 'awarded' },
          link: `/applications/${move.movedUp.applicationId}/outcome`, eventKey: `outcome:${move.movedUp.applicationId}:${rec.id}`,
        });
      }
      await this.audit.record(m, actor, {
        action: 'award.declined', entity: 'call', entityId: call.id,
        summary: `${declined.reference} declined its award (${reason}); ${movedRef ? `${movedRef} moves up from the reserve list` : 'no one moves up'}; SHA-256 ${digest}`,
      });
      return call.id;
    });
    return this.ranking(actor, callId);
  }

  // -------------------------------------------------------------------------------------------------------
  // What the applicant reads, and what the reports are made of

  /** The outcome letter of one application: its scores per section and the evaluators' comments, without names. */
  async outcome(actor: AuthUser, applicationId: string) {
    await this.access.requireAccess(actor, 'application.read.own', [applicationId]);
    const m = this.ds.manager;
    const [app] = await m.query(
      `SELECT a.id, a.reference, a.status, a.call_id, a.requested_cents::float8 AS "requestedCents", o.legal_name AS "organizationName"
         FROM applications a JOIN organizations o ON o.id = a.organization_id WHERE a.id = $1`, [applicationId]);
    const call = await this.call(m, app.call_id);
    const decision = await m.findOne(AwardDecisionEntity, { where: { callId: call.id, kind: 'decision' } });
    if (!decision) throw AppError.notFound('outcome');
    const snap = decision.snapshot as { ranking: { applicationId: string; rank: number | null; points: { sections: Record<string, number>; total: number } | null; outcome: string; reason: string | null; failures: unknown[]; reservePlace: number | null; awardedCents: number; adjustment: { amountCents: number; reason: string } | null }[] };
    const row = snap.ranking.find((r) => r.applicationId === applicationId);
    if (!row) throw AppError.notFound('outcome');
    const sheets = await m.find(EvaluationAssignmentEntity, { where: { applicationId, status: 'submitted' }, order: { submittedAt: 'ASC' } });
    const [award] = await m.query(`SELECT id, amount_cents::float8 AS "amountCents", status, adjustment_reason AS "adjustmentReason" FROM awards WHERE application_id = $1`, [applicationId]);
    const grid = rulesOf(call).grid;
    // after a move-up the reserve list is shorter: the place is counted among those still on it
    let reservePlace = row.reservePlace;
    if (app.status === 'reserve' && row.reservePlace !== null) {
      const still: { id: string }[] = await m.query(`SELECT id FROM applications WHERE call_id = $1 AND status = 'reserve'`, [call.id]);
      const ids = new Set(still.map((x) => x.id));
      reservePlace = snap.ranking.filter((r) => r.reservePlace !== null && r.reservePlace <= row.reservePlace! && ids.has(r.applicationId)).length;
    }
    return {
      application: { id: app.id, reference: app.reference, status: app.status, organizationName: app.organizationName, requestedCents: app.requestedCents },
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
      decision: { decidedOn: decision.decidedOn, sha256: decision.sha256 },
      outcome: app.status === 'awarded' || app.status === 'declined' ? app.status : row.outcome,
      reason: row.reason, rank: row.rank, reservePlace, failures: row.failures, points: row.points,
      award: award ?? null,
      grid: grid.sections.map((s) => ({ id: s.id, title: s.title, maxPoints: s.criteria.reduce((x, c) => x + c.maxPoints, 0), thresholdPoints: s.thresholdPoints })),
      totalThreshold: grid.totalThreshold,
      comments: sheets.map((s, i) => ({ evaluator: i + 1, comments: s.comments })),
    };
  }

  /** Everything the evaluation report of a call is made of. */
  async reportData(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    const m = this.ds.manager;
    const { data, rows } = await this.rankingAsDecided(actor, callId);
    const pool: { fullName: string; signedAt: Date | null; submitted: number }[] = await m.query(
      `SELECT u.full_name AS "fullName", d.signed_at AS "signedAt", count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted
         FROM call_evaluators p JOIN users u ON u.id = p.user_id
         LEFT JOIN evaluator_declarations d ON d.call_id = p.call_id AND d.user_id = p.user_id
         LEFT JOIN evaluation_assignments a ON a.call_id = p.call_id AND a.evaluator_id = p.user_id
        WHERE p.call_id = $1 GROUP BY u.full_name, d.signed_at ORDER BY u.full_name`, [callId]);
    const conflicts: { fullName: string; reference: string; reason: string | null; at: Date }[] = await m.query(
      `SELECT u.full_name AS "fullName", ap.reference, a.conflict_reason AS reason, a.conflict_at AS at
         FROM evaluation_assignments a JOIN users u ON u.id = a.evaluator_id JOIN applications ap ON ap.id = a.application_id
        WHERE a.call_id = $1 AND a.status = 'conflict' ORDER BY ap.reference`, [callId]);
    const snap = data.decision?.snapshot as { awardedCents: number; remainingCents: number } | undefined;
    return { ...data, ranking: { ...data.ranking, rows, ...(snap ? { awardedCents: snap.awardedCents, remainingCents: snap.remainingCents } : {}) }, pool, conflicts };
  }

  /** Every sheet of the call, for the Secretariat's export. */
  async sheetRows(actor: AuthUser, callId: string): Promise<Record<string, unknown>[]> {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    const call = await this.call(this.ds.manager, callId);
    const grid = rulesOf(call).grid;
    const rows: { reference: string; organization: string; evaluator: string; status: string; origin: string; scores: Record<string, number>; comments: Record<string, string>; total: number | null; submitted_at: Date | null; conflict_reason: string | null }[] = await this.ds.query(
      `SELECT ap.reference, o.legal_name AS organization, u.full_name AS evaluator, a.status, a.origin, a.scores, a.comments, a.total::float8 AS total, a.submitted_at, a.conflict_reason
         FROM evaluation_assignments a JOIN applications ap ON ap.id = a.application_id JOIN organizations o ON o.id = ap.organization_id JOIN users u ON u.id = a.evaluator_id
        WHERE a.call_id = $1 AND a.status <> 'removed' ORDER BY ap.reference, a.submitted_at NULLS LAST, u.full_name`, [callId]);
    return rows.map((r) => {
      const out: Record<string, unknown> = { reference: r.reference, organization: r.organization, evaluator: r.evaluator, status: r.status, origin: r.origin, total: r.total, submitted_at: r.submitted_at, conflict_reason: r.conflict_reason };
      for (const s of grid.sections) {
        for (const c of s.criteria) out[`criterion_${c.id}`] = r.scores[c.id] ?? null;
        out[`comment_${s.id}`] = r.comments[s.id] ?? '';
      }
      return out;
    });
  }

  sheetColumns(call: CallEntity): string[] {
    const grid = rulesOf(call).grid;
    return ['reference', 'organization', 'evaluator', 'status', 'origin', 'total', 'submitted_at', 'conflict_reason',
      ...grid.sections.flatMap((s) => [...s.criteria.map((c) => `criterion_${c.id}`), `comment_${s.id}`])];
  }

  async callFor(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', []);
    return this.call(this.ds.manager, callId);
  }

  /** The ranking as rows for the export, section scores in columns. */
  /**
   * The ranking as recorded once the committee has decided (the frozen snapshot: adjusted amounts included), and
   * as it stands before that. Sheet counts come from the live data, which no longer changes after the decision.
   */
  private async rankingAsDecided(actor: AuthUser, callId: string) {
    const data = await this.ranking(actor, callId);
    const frozen = data.decision ? (data.decision.snapshot as { ranking: RankingView['rows'] }).ranking : null;
    if (!frozen) return { data, rows: data.ranking.rows };
    const live = new Map(data.ranking.rows.map((r) => [r.applicationId, r]));
    return { data, rows: frozen.map((r) => ({ ...r, sheets: live.get(r.applicationId)?.sheets ?? 0, required: live.get(r.applicationId)?.required ?? 0 })) };
  }

  async rankingRows(actor: AuthUser, callId: string) {
    const { data, rows: ranked } = await this.rankingAsDecided(actor, callId);
    const sections = data.call.grid.sections;
    const current = new Map((data.awards as { applicationId: string; status: string; amountCents: number }[]).map((a) => [a.applicationId, a]));
    const columns = ['rank', 'reference', 'organization', 'total', ...sections.map((s) => `section_${s.id}`), 'requested_eur', 'awarded_eur', 'outcome', 'reason', 'reserve_place', 'tie_broken_by', 'adjustment_reason', 'sheets', 'award_now'];
    const rows = ranked.map((r) => ({
      rank: r.rank, reference: r.reference, organization: r.organizationName, total: r.points?.total ?? null,
      ...Object.fromEntries(sections.map((s) => [`section_${s.id}`, r.points?.sections[s.id] ?? null])),
      requested_eur: (r.requestedCents / 100).toFixed(2), awarded_eur: (r.awardedCents / 100).toFixed(2), outcome: r.outcome, reason: r.reason ?? '',
      reserve_place: r.reservePlace, tie_broken_by: r.tieBrokenBy ?? '', adjustment_reason: r.adjustment?.reason ?? '', sheets: `${r.sheets}/${r.required}`,
      // after the decision: declined awards and move-ups from the reserve list
      award_now: current.has(r.applicationId) ? `${current.get(r.applicationId)!.status} ${(current.get(r.applicationId)!.amountCents / 100).toFixed(2)}` : '',
    }));
    return { columns, rows, reference: data.call.reference };
  }
}
