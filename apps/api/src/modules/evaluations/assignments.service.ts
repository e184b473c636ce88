import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canRemoveAssignment, dueDateFor, EVALUATION_REMINDER_DAYS, isActiveAssignment, planAssignments, requiredSheets, type EvaluationRules } from '@grants/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuditActor, AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { jobIds } from '../../jobs/job-names';
import { changeApplicationStatus } from '../applications/application-status';
import { AuditService, auditUser } from '../audit/audit.service';
import { changeCallStatus } from '../calls/call-status';
import type { CallEntity } from '../calls/entities/call.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { changeAssignmentStatus } from './assignment-status';
import { ManualAssignmentDto } from './dtos/evaluation.dtos';
import type { AssignmentOrigin } from './entities/evaluation.entity';
import { EvaluationPoolService } from './evaluation-pool.service';
import { rulesOf } from './evaluation-rules';
import { EvaluationsRepository } from './evaluations.repository';

const DAY = 86_400_000;
const WORKER: AuditActor = { id: null, email: 'worker' };

const dueFor = (call: CallEntity, now: Date) => dueDateFor(call.definition.dates?.evaluationDueAt, now);

/** Who evaluates what: automatic and manual assignment, replacements and further evaluators, reminders and escalation. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly repo: EvaluationsRepository,
    private readonly pool: EvaluationPoolService,
  ) {}

  /** The call starts its evaluation with its first assignment; each admissible application goes into evaluation. */
  private async startEvaluation(m: EntityManager, actor: AuditActor, call: CallEntity, admissibleIds: string[]) {
    await changeApplicationStatus(m, this.audit, actor, admissibleIds, 'in_evaluation');
    if (call.status === 'closed') Object.assign(call, await changeCallStatus(m, this.audit, actor, call.id, 'in_evaluation'));
  }

  /** Assigns each admissible application the evaluators it still needs, balancing the load across the pool. */
  async autoAssign(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    return this.ds.transaction(async (m) => {
      const call = await this.repo.call(m, callId, true);
      if (!['closed', 'in_evaluation'].includes(call.status)) throw AppError.badRequest('callId', 'call_not_closed', 'Evaluation starts after the submission deadline, once the call is closed');
      const rules = rulesOf(call);
      const pool = await this.repo.activePool(m, callId);
      if (pool.length === 0) throw AppError.badRequest('pool', 'empty_pool', 'Add evaluators to the pool of this call first');
      const apps = await this.repo.lockApplicationsToAssign(m, callId);
      if (apps.length === 0) throw AppError.badRequest('callId', 'nothing_to_assign', 'No application of this call has been found admissible yet');
      const plan = await this.plan(m, callId, apps.map((a) => a.id), rules, pool);
      const now = new Date();
      const dueAt = dueFor(call, now);
      await this.repo.insertAssignments(m, actor.id, callId, plan.assignments, 'automatic', dueAt);
      await this.startEvaluation(m, actor, call, apps.filter((a) => a.status === 'admissible').map((a) => a.id));
      await this.notifyAssigned(m, call, plan.assignments.map((a) => a.evaluatorId), dueAt, `auto:${now.getTime()}`);
      await this.scheduleDue(m, callId, dueAt);
      const unfilled = plan.unfilled.reduce((s, u) => s + u.missing, 0);
      await this.audit.record(m, actor, {
        action: 'evaluation.assigned', entity: 'call', entityId: callId,
        summary: `Automatic assignment on ${call.reference}: ${plan.assignments.length} assignment(s) to ${pool.length} evaluator(s)${unfilled ? `, ${unfilled} place(s) unfilled` : ''}`,
      });
      return { assigned: plan.assignments.length, unfilled: plan.unfilled };
    });
  }

  /** The assignments that bring each application to the number of evaluators it needs now. */
  private async plan(m: EntityManager, callId: string, applicationIds: string[], rules: EvaluationRules, poolIds: string[]) {
    const rows = await this.repo.assignmentRows(m, callId);
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

  private async notifyAssigned(m: EntityManager, call: CallEntity, evaluatorIds: string[], dueAt: Date, eventId: string) {
    const counts = new Map<string, number>();
    for (const id of evaluatorIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const r of await this.repo.userRecipients(m, [...counts.keys()])) {
      await this.notifications.notify(m, {
        recipients: [r], kind: 'evaluation.assigned',
        params: { reference: call.reference, count: counts.get(r.id)!, due: dueAt.toISOString().slice(0, 10) },
        link: `/evaluations/${call.id}`, eventKey: `eval-assigned:${call.id}:${eventId}`,
      });
    }
  }

  /**
   * Reminders 3 days and 1 day before the due date, and the escalation at it; ids carry the date, so nothing is queued
   * twice. A queue that lost them gets them again from the worker's sweep (OutboxRelay.sweepEvaluationDeadlines).
   */
  private async scheduleDue(m: EntityManager, callId: string, dueAt: Date) {
    const dueMs = dueAt.getTime();
    for (const days of EVALUATION_REMINDER_DAYS) {
      const at = new Date(dueMs - days * DAY);
      if (at.getTime() <= Date.now()) continue;
      await this.outbox.enqueue(m, 'evaluation.reminder', { callId, dueAt: dueAt.toISOString(), days }, { jobId: jobIds.evaluationReminder(callId, dueMs, days), runAt: at });
    }
    await this.outbox.enqueue(m, 'evaluation.overdue', { callId, dueAt: dueAt.toISOString() }, { jobId: jobIds.evaluationOverdue(callId, dueMs), runAt: dueAt });
  }

  async assignManually(actor: AuthUser, callId: string, dto: ManualAssignmentDto) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    await this.ds.transaction(async (m) => {
      const call = await this.repo.call(m, callId, true);
      if (!['closed', 'in_evaluation'].includes(call.status)) throw AppError.badRequest('callId', 'call_not_closed', 'Evaluation starts after the submission deadline, once the call is closed');
      const app = await this.repo.applicationOfCall(m, dto.applicationId, callId);
      if (!app || !['admissible', 'in_evaluation'].includes(app.status)) throw AppError.badRequest('applicationId', 'not_in_evaluation', 'Only admissible applications of this call are assigned');
      if (!(await this.repo.inPool(m, callId, dto.evaluatorId))) throw AppError.badRequest('evaluatorId', 'not_in_pool', 'This evaluator is not in the pool of the call');
      const existing = await this.repo.assignmentOf(m, dto.applicationId, dto.evaluatorId);
      if (existing?.status === 'conflict') throw AppError.badRequest('evaluatorId', 'conflict_declared', 'This evaluator declared a conflict of interest with this application');
      if (existing && existing.status !== 'removed') throw AppError.badRequest('evaluatorId', 'already_assigned', 'This evaluator is already on this application');
      const dueAt = dueFor(call, new Date());
      const [name] = await this.repo.userNames(m, [dto.evaluatorId]);
      if (existing) {
        await this.repo.clearSheet(m, existing.id, dueAt);
        await changeAssignmentStatus(m, this.audit, actor, existing.id, 'assigned', {
          audit: { action: 'evaluation.reassigned', entity: 'application', entityId: app.id, summary: `${name} put back on ${app.reference} by hand, with an empty sheet` },
        });
      } else {
        await this.repo.insertAssignments(m, actor.id, callId, [{ applicationId: dto.applicationId, evaluatorId: dto.evaluatorId }], 'manual', dueAt);
      }
      await this.startEvaluation(m, actor, call, app.status === 'admissible' ? [app.id] : []);
      await this.notifyAssigned(m, call, [dto.evaluatorId], dueAt, `manual:${app.id}`);
      await this.scheduleDue(m, callId, dueAt);
      await this.audit.record(m, actor, { action: 'evaluation.assigned', entity: 'application', entityId: app.id, summary: `${name} assigned by hand to ${app.reference}` });
    });
    return this.pool.overview(actor, callId);
  }

  async removeAssignment(actor: AuthUser, assignmentId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [(await this.repo.assignment(this.ds.manager, assignmentId)).callId]);
    const callId = await this.ds.transaction(async (m) => {
      const a = await this.repo.assignment(m, assignmentId, true);
      if (!canRemoveAssignment(a.status, Object.keys(a.scores ?? {}).length > 0)) throw AppError.badRequest('assignmentId', 'scoring_started', 'Scoring has started on this assignment; it can no longer be changed by hand');
      const info = await this.repo.referenceAndEvaluator(m, a.applicationId, a.evaluatorId);
      await changeAssignmentStatus(m, this.audit, actor, a.id, 'removed', {
        audit: { action: 'evaluation.unassigned', entity: 'application', entityId: a.applicationId, summary: `${auditUser(a.evaluatorId)} taken off ${info.reference} by hand` },
      });
      return a.callId;
    });
    return this.pool.overview(actor, callId);
  }

  /** Worker: brings one application up to the evaluators it needs (replacement after a conflict, or a further one on divergence). */
  async topUp(applicationId: string, reason: 'replacement' | 'divergence') {
    await this.ds.transaction(async (m) => {
      const app = await this.repo.lockApplication(m, applicationId);
      if (!app || app.status !== 'in_evaluation') return;
      const call = await this.repo.call(m, app.call_id);
      if (call.status !== 'in_evaluation') return;
      const rules = rulesOf(call);
      const plan = await this.plan(m, call.id, [applicationId], rules, await this.repo.activePool(m, call.id));
      const dueAt = dueFor(call, new Date());
      await this.repo.insertAssignments(m, WORKER.id, call.id, plan.assignments, reason as AssignmentOrigin, dueAt);
      if (plan.assignments.length) {
        const evaluatorIds = plan.assignments.map((p) => p.evaluatorId);
        await this.notifyAssigned(m, call, evaluatorIds, dueAt, `${reason}:${applicationId}:${evaluatorIds.join(',')}`);
        await this.scheduleDue(m, call.id, dueAt);
        const names = await this.repo.userNames(m, evaluatorIds);
        await this.audit.record(m, WORKER, {
          action: 'evaluation.assigned', entity: 'application', entityId: applicationId,
          summary: `${reason === 'divergence' ? 'Further evaluator (divergent scores)' : 'Replacement after a conflict of interest'} on ${app.reference}: ${names.join(', ')}`,
        });
      }
      if (plan.unfilled.length) {
        await this.notifications.notify(m, {
          recipients: await this.repo.secretariat(m), kind: 'evaluation.unfilled', params: { reference: app.reference },
          link: `/calls/${call.id}/evaluation`, eventKey: `eval-unfilled:${applicationId}:${reason}:${plan.unfilled[0].missing}`,
        });
      }
    });
  }

  /** Worker: reminds evaluators with open sheets due at `dueAt`. */
  async remind(callId: string, dueAt: string, days: number) {
    await this.ds.transaction(async (m) => {
      const call = await this.repo.call(m, callId).catch(() => null);
      if (!call || call.status !== 'in_evaluation') return;
      const rows = await this.repo.openSheetsDue(m, callId, dueAt);
      for (const r of await this.repo.userRecipients(m, rows.map((x) => x.evaluator_id))) {
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
      const call = await this.repo.call(m, callId).catch(() => null);
      if (!call || call.status !== 'in_evaluation') return;
      const late = await this.repo.lateEvaluators(m, callId, dueAt);
      if (!late.length) return;
      const total = late.reduce((s, l) => s + l.n, 0);
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'evaluation.overdue',
        params: { reference: call.reference, count: total, evaluators: late.map((l) => `${l.full_name} (${l.n})`).join(', ') },
        link: `/calls/${callId}/evaluation`, eventKey: `eval-overdue:${callId}:${dueAt}`,
      });
      for (const r of await this.repo.userRecipients(m, late.map((l) => l.evaluator_id))) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'evaluation.reminder',
          params: { reference: call.reference, count: late.find((l) => l.evaluator_id === r.id)!.n, days: 0, due: dueAt.slice(0, 10) },
          link: `/evaluations/${callId}`, eventKey: `eval-reminder:${callId}:${dueAt}:0`,
        });
      }
      await this.audit.record(m, WORKER, { action: 'evaluation.overdue', entity: 'call', entityId: callId, summary: `${total} sheet(s) overdue on ${call.reference}: ${late.map((l) => `${auditUser(l.evaluator_id)} (${l.n})`).join(', ')}` });
    });
  }
}
