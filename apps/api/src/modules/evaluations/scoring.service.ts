import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canTransitionAssignment, isActiveAssignment, requiredSheets, sheetProblems, sheetTotals } from '@grants/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { jobIds } from '../../jobs/job-names';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { changeAssignmentStatus } from './assignment-status';
import { ConflictDto, SaveSheetDto } from './dtos/evaluation.dtos';
import { rulesOf } from './evaluation-rules';
import { EvaluationsRepository } from './evaluations.repository';

const versionConflict = (message: string) => AppError.conflict('version_conflict', message, [{ field: 'version', code: 'version_conflict', message: 'The sheet has changed since you opened it' }]);

/** The evaluator's scoring sheets: reading an assignment, the conflict declaration, saving and submitting; the Secretariat reopens. */
@Injectable()
export class ScoringService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly repo: EvaluationsRepository,
  ) {}

  async myAssignments(actor: AuthUser, callId: string) {
    await this.access.requireCallEvaluator(actor, callId);
    const call = await this.repo.call(this.ds.manager, callId);
    // An application the evaluator declared a conflict with is off their list: they are no longer its evaluator.
    const items = (await this.repo.myAssignments(this.ds.manager, callId, actor.id)).filter((a) => a.status !== 'conflict');
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
    const a = await this.repo.assignment(m, id);
    const call = await this.repo.call(m, a.callId);
    const rules = rulesOf(call);
    const app = await this.repo.applicationForEvaluator(m, a.applicationId);
    const open = a.status === 'accepted' || a.status === 'submitted';
    let submission: Record<string, unknown> | null = null;
    if (open) {
      const s = await this.repo.currentSubmission(m, a.applicationId);
      if (s) submission = { ...s, snapshot: await this.forEvaluator(m, a.applicationId, s.snapshot) };
    }
    let others: { label: string; scores: Record<string, number>; comments: Record<string, string>; total: number | null }[] = [];
    if (a.status === 'submitted') {
      const rows = await this.repo.submittedSheets(m, a.applicationId);
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
    const files = await this.repo.attachmentFiles(m, applicationId);
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
      const a = await this.repo.assignment(m, id, true);
      const app = await this.repo.applicationAndOrganization(m, a.applicationId);
      if (!dto.conflict) {
        if (a.status !== 'assigned') throw AppError.badRequest('conflict', 'already_confirmed', 'You have already answered for this application');
        await changeAssignmentStatus(m, this.audit, actor, a.id, 'accepted', {
          set: { confirmedAt: new Date() },
          audit: { action: 'evaluation.no_conflict_confirmed', entity: 'application', entityId: a.applicationId, summary: `${actor.fullName} confirmed no conflict of interest with ${app.legal_name} (${app.reference})` },
        });
        return;
      }
      if (!canTransitionAssignment(a.status, 'conflict')) throw AppError.badRequest('conflict', 'sheet_submitted', 'Your sheet is submitted; ask the Secretariat to reopen it first');
      await changeAssignmentStatus(m, this.audit, actor, a.id, 'conflict', {
        set: { conflictAt: new Date(), conflictReason: dto.reason ?? null, scores: {}, comments: {} },
        audit: { action: 'evaluation.conflict_declared', entity: 'application', entityId: a.applicationId, summary: `${actor.fullName} declared a conflict of interest with ${app.legal_name} (${app.reference}): ${dto.reason}` },
      });
      await this.outbox.enqueue(m, 'evaluation.top_up', { applicationId: a.applicationId, reason: 'replacement' }, { jobId: jobIds.evaluationTopUp(a.applicationId, `conflict-${a.id}`) });
    });
    return this.assignment(actor, id).catch(() => ({ id, status: 'conflict' as const }));
  }

  async saveSheet(actor: AuthUser, id: string, dto: SaveSheetDto) {
    await this.access.requireAccess(actor, 'evaluation.score', [id]);
    return this.ds.transaction(async (m) => {
      const a = await this.repo.assignment(m, id, true);
      if (a.status === 'assigned') throw AppError.badRequest('conflict', 'confirm_first', 'Confirm that you have no conflict of interest with this organisation first');
      if (a.status !== 'accepted') throw AppError.badRequest('status', 'sheet_locked', 'This sheet is submitted and locked; only the Secretariat can reopen it');
      if (a.version !== dto.version) throw versionConflict('This sheet was saved elsewhere (another tab?) after you opened it. Reload to see it.');
      const grid = rulesOf(await this.repo.call(m, a.callId)).grid;
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
      const a = await this.repo.assignment(m, id, true);
      if (a.status !== 'accepted') throw AppError.badRequest('status', a.status === 'assigned' ? 'confirm_first' : 'sheet_locked', 'Only an open sheet, after confirming no conflict, is submitted');
      if (a.version !== version) throw versionConflict('This sheet was saved elsewhere after you opened it. Reload to see it.');
      const rules = rulesOf(await this.repo.call(m, a.callId));
      const problems = sheetProblems(rules.grid, a.scores, a.comments, 'submit');
      if (problems.length) throw new AppError(400, 'incomplete_sheet', 'Score every criterion and comment every section before submitting', problems.map((p) => ({ ...p, message: p.code })));
      const total = sheetTotals(rules.grid, a.scores).total;
      const reference = await this.repo.reference(m, a.applicationId);
      const [changed] = await changeAssignmentStatus(m, this.audit, actor, a.id, 'submitted', {
        set: { submittedAt: new Date(), total },
        audit: { action: 'evaluation.sheet_submitted', entity: 'application', entityId: a.applicationId, summary: `${actor.fullName} submitted a sheet on ${reference}: ${total} points` },
      });
      // the application is locked while we look at its sheets, so two evaluators submitting together see each other
      await this.repo.lockApplication(m, a.applicationId);
      const sheets = await this.repo.sheetsOf(m, a.applicationId);
      const totals = sheets.filter((s) => s.status === 'submitted').map((s) => s.total ?? 0);
      const active = sheets.filter((s) => isActiveAssignment(s.status as never)).length;
      if (requiredSheets(totals, rules.evaluatorsPerApplication, rules.divergenceThresholdPoints) > active) {
        await this.outbox.enqueue(m, 'evaluation.top_up', { applicationId: a.applicationId, reason: 'divergence' }, { jobId: jobIds.evaluationTopUp(a.applicationId, `divergence-${a.id}-${changed.row.version}`) });
      }
    });
    return this.assignment(actor, id);
  }

  async reopen(actor: AuthUser, assignmentId: string, reason: string) {
    await this.access.requireAccess(actor, 'evaluation.manage', [(await this.repo.assignment(this.ds.manager, assignmentId)).callId]);
    await this.ds.transaction(async (m) => {
      const a = await this.repo.assignment(m, assignmentId, true);
      const call = await this.repo.call(m, a.callId);
      if (call.status !== 'in_evaluation') throw AppError.badRequest('assignmentId', 'decision_recorded', 'The decision on this call is recorded; its sheets stay as they were');
      if (a.status !== 'submitted') throw AppError.badRequest('assignmentId', 'not_submitted', 'Only a submitted sheet is reopened');
      const reference = await this.repo.reference(m, a.applicationId);
      const [changed] = await changeAssignmentStatus(m, this.audit, actor, a.id, 'accepted', {
        set: { submittedAt: null, total: null },
        audit: { action: 'evaluation.sheet_reopened', entity: 'application', entityId: a.applicationId, summary: `Sheet of ${reference} reopened: ${reason}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.userRecipients(m, [a.evaluatorId]), kind: 'evaluation.sheet_reopened',
        params: { reference, reason }, link: `/evaluations/assignments/${a.id}`, eventKey: `eval-reopen:${a.id}:${changed.row.version}`,
      });
    });
    return { ok: true };
  }
}
