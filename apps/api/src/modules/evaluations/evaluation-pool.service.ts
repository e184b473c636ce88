import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { requiredSheets } from '@grants/domain';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService, auditUser, sha256Hex as sha256 } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { changeAssignmentStatus } from './assignment-status';
import { AddEvaluatorDto, SignDeclarationDto } from './dtos/evaluation.dtos';
import { rulesOf } from './evaluation-rules';
import { EvaluationsRepository, type CallAssignmentRow } from './evaluations.repository';

/** The evaluator pool of a call, the Secretariat's overview of it, and the evaluators' declarations. */
@Injectable()
export class EvaluationPoolService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: EvaluationsRepository,
  ) {}

  async overview(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    const m = this.ds.manager;
    const call = await this.repo.call(m, callId);
    const rules = rulesOf(call);
    const pool = await this.repo.pool(m, callId);
    const available = await this.repo.availableEvaluators(m, callId);
    const applications = await this.repo.evaluatedApplications(m, callId);
    const assignments = await this.repo.assignmentsOfCall(m, callId);
    const byApp = new Map<string, CallAssignmentRow[]>();
    for (const a of assignments) byApp.set(a.applicationId, [...(byApp.get(a.applicationId) ?? []), a]);
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
        const submittedTotals = list.filter((x) => x.status === 'submitted').map((x) => x.total ?? 0);
        return { ...a, required: requiredSheets(submittedTotals, rules.evaluatorsPerApplication, rules.divergenceThresholdPoints), assignments: list };
      }),
    };
  }

  async addToPool(actor: AuthUser, callId: string, dto: AddEvaluatorDto) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    await this.ds.transaction(async (m) => {
      const call = await this.repo.call(m, callId);
      if (!['published', 'closed', 'in_evaluation'].includes(call.status)) throw AppError.badRequest('callId', 'call_not_in_evaluation', 'Evaluators join a call between its publication and the decision');
      const user = await this.repo.user(m, dto.userId);
      if (!user || user.role !== 'evaluator' || !user.active) throw AppError.badRequest('userId', 'not_an_evaluator', 'Only active users with the evaluator role join a pool; invite them as evaluators first');
      if (!(await this.repo.addToPool(m, callId, dto.userId, actor.id))) return;
      await this.audit.record(m, actor, { action: 'evaluation.pool_added', entity: 'call', entityId: callId, summary: `${auditUser(dto.userId)} joined the evaluator pool of ${call.reference}` });
      await this.notifications.notify(m, {
        recipients: await this.repo.userRecipients(m, [dto.userId]), kind: 'evaluation.pool_joined', params: { reference: call.reference },
        link: `/evaluations/${callId}`, eventKey: `eval-pool:${callId}`,
      });
    });
    return this.overview(actor, callId);
  }

  async removeFromPool(actor: AuthUser, callId: string, userId: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [callId]);
    await this.ds.transaction(async (m) => {
      const call = await this.repo.call(m, callId);
      if ((await this.repo.scoredBy(m, callId, userId)) > 0) throw AppError.badRequest('userId', 'evaluator_has_scored', 'This evaluator has started scoring on this call; reopen or keep their sheets instead');
      if (!(await this.repo.removeFromPool(m, callId, userId))) throw AppError.notFound('evaluator');
      const taken = await changeAssignmentStatus(m, this.audit, actor, await this.repo.openAssignmentsOf(m, callId, userId), 'removed');
      const [name] = await this.repo.userNames(m, [userId]);
      await this.audit.record(m, actor, { action: 'evaluation.pool_removed', entity: 'call', entityId: callId, summary: `${name ?? userId} left the evaluator pool of ${call.reference}; ${taken.length} unscored assignment(s) taken off` });
    });
    return this.overview(actor, callId);
  }

  async myCalls(actor: AuthUser) {
    await this.access.requireAccess(actor, 'evaluation.score', []);
    return { items: await this.repo.myCalls(this.ds.manager, actor.id) };
  }

  async declaration(actor: AuthUser, callId: string) {
    await this.access.requireCallEvaluator(actor, callId, false);
    const call = await this.repo.call(this.ds.manager, callId);
    const signed = await this.repo.declaration(this.ds.manager, callId, actor.id);
    return {
      call: { id: call.id, reference: call.reference, title: call.definition.texts.title },
      text: rulesOf(call).declarationText,
      signedAt: signed ? signed.signed_at.toISOString() : null,
      signedLanguage: signed?.language ?? null,
    };
  }

  async sign(actor: AuthUser, callId: string, dto: SignDeclarationDto) {
    await this.access.requireCallEvaluator(actor, callId, false);
    if (dto.accept !== true) throw AppError.badRequest('accept', 'must_accept', 'Tick that you have read and accept the declaration');
    await this.ds.transaction(async (m) => {
      const call = await this.repo.call(m, callId);
      const text = rulesOf(call).declarationText[dto.language];
      if (!(await this.repo.signDeclaration(m, callId, actor.id, dto.language, sha256(text)))) return;
      await this.audit.record(m, actor, {
        action: 'evaluation.declaration_signed', entity: 'call', entityId: callId,
        summary: `${actor.fullName} signed the declaration of impartiality and confidentiality for ${call.reference} (${dto.language}, text SHA-256 ${sha256(text).slice(0, 16)}…)`,
      });
    });
    return this.declaration(actor, callId);
  }
}
