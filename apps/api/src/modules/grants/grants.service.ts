import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  addDays, addMonths, agreementProblems, budgetRevisionNeeded, can, checkGrantTransition,
  checkIban, checkRevisedBudget, computeBudget, canDoOnGrant, grantAgreementNumber, grantDurationMonths, grantAmendmentProblems,
  grantRecordActions, grantReportingSchedule, grantVersionHashInput, nextGrantStatuses, resolveGrantSettings, tranchePlan,
  type ComputedBudget, type GrantLogframe, type GrantSettings, type GrantStatus, type GrantVersion, type Language,
} from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { rulesOf } from '../applications/applications.service';
import { AuditService, sha256Hex } from '../audit/audit.service';
import type { CallDefinition } from '../calls/calls.service';
import { verifyPassword } from '../auth/passwords';
import { FileEntity } from '../files/entities/file.entity';
import { FilesService, type Upload } from '../files/files.service';
import { FILE_STORAGE, type FileStorage } from '../files/storage';
import { MonitoringPriorityService } from '../monitoring/monitoring-priority.service';
import { NotificationsService } from '../notifications/notifications.service';
import { agreementPdf } from './agreement-pdf';
import { BankAccountChangeDto, DrawUpGrantDto, GrantTransitionDto, ListGrantsQuery, ReviseBudgetDto, SignGrantDto } from './dtos/grant.dtos';
import type { GrantAmendmentEntity, GrantEntity } from './entities/grant.entity';
import { refuseClosedGrant } from './closed-grant';
import { changeGrantStatus } from './grant-status';
import { GrantsRepository, type GrantListRow } from './grants.repository';
import { TrancheConditionsService } from './tranche-conditions.service';
import { ensureNarrativeReportRows } from '../reports/narrative-reports.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The call's grant settings over the EU's defaults; a call that set none (or bad ones) takes the defaults. */
export function callGrantSettings(def: Record<string, unknown>): GrantSettings {
  try {
    return resolveGrantSettings((def.grantSettings as Partial<GrantSettings> | undefined) ?? null);
  } catch {
    return resolveGrantSettings(null);
  }
}

/** A grant's frozen state as v1 (and later versions) hold it. */
export function versionOf(g: GrantEntity, version: number, amendmentId: string | null): GrantVersion {
  const budget = g.budget!;
  return {
    version, agreementNumber: g.agreementNumber!, amountCents: g.amountCents, startDate: g.startDate!, endDate: g.endDate!,
    budgetLines: budget.lines.map((l, i) => ({ lineId: `L${i + 1}`, heading: l.heading, description: l.description, approvedCents: l.totalCents })),
    indirectCents: budget.indirectCents, logframe: g.logframe ?? { overallObjective: '', specificObjectives: [] },
    bankAccount: { iban: g.iban ?? '', holder: g.accountHolder }, amendmentId,
  };
}

/**
 * Grant agreements: the budget revision to a lowered award, the agreement drawn up from the award and the frozen
 * submission, sent as a PDF (organisation's language beside English, its SHA-256 recorded), signed online by the
 * organisation's owner (password re-entered), countersigned by the Secretariat (v1 frozen), the signed paper copy,
 * the other moves of the agreement, and the bank-account change of a grant in force. Every state change goes
 * through grant-status.ts with its audit row.
 */
@Injectable()
export class GrantsService {
  private readonly listing = new Map<string, ReturnType<GrantsRepository['list']>>();
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
    private readonly repo: GrantsRepository,
    private readonly conditions: TrancheConditionsService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly priority: MonitoringPriorityService,
  ) {}

  // -------------------------------------------------------------------------------------------------------
  // The budget revision to a lowered award

  async revision(actor: AuthUser, awardId: string) {
    const award = await this.repo.awardForGrant(this.ds.manager, awardId);
    await this.access.requireAccess(actor, 'application.read.own', [award.applicationId]);
    return this.revisionView(this.ds.manager, awardId);
  }

  private async revisionView(m: EntityManager, awardId: string) {
    const award = await this.repo.awardForGrant(m, awardId);
    const r = await this.repo.revision(m, awardId);
    const submission = await this.repo.submission(m, award.applicationId);
    const snap = submission?.snapshot as { content?: { budget?: ReviseBudgetDto }; budget?: ComputedBudget } | undefined;
    const grant = await this.repo.grantOfAward(m, awardId);
    const def = award.callDefinition as unknown as CallDefinition;
    return {
      awardId, awardedCents: award.amountCents, requestedCents: award.requestedCents,
      needed: budgetRevisionNeeded(award.requestedCents, award.amountCents),
      revision: r ? { budget: r.budget, computed: r.computed, submittedAt: iso(r.submittedAt)!, acceptedAt: iso(r.acceptedAt), version: r.version } : null,
      applicationId: award.applicationId, applicationReference: award.applicationReference, organizationName: award.organizationName,
      callId: award.callId, callReference: award.callReference, costHeadings: (def.costHeadings ?? []).map((h) => h.code),
      original: snap?.content?.budget ?? null, originalComputed: snap?.budget ?? null, grantId: grant ? (grant as { id: string }).id : null,
    };
  }

  /** The server's totals and the call's rules for a budget being revised, without saving it (the form shows them as one types). */
  async checkRevision(actor: AuthUser, awardId: string, dto: ReviseBudgetDto) {
    const award = await this.repo.awardForGrant(this.ds.manager, awardId);
    await this.access.requireAccess(actor, 'application.read.own', [award.applicationId]);
    const computed = computeBudget(dto.lines, { indirectCostBp: dto.indirectCostBp, coFinancingCents: dto.coFinancingCents });
    const problems = checkRevisedBudget(computed, award.amountCents, rulesOf(award.callDefinition as unknown as CallDefinition));
    return { computed, problems: problems.map((p) => ({ field: `budget.${p.field}`, code: p.code, params: p.params })) };
  }

  /** The organisation revises its budget to the awarded amount (the application's rules; the server computes every total). */
  async reviseBudget(actor: AuthUser, awardId: string, dto: ReviseBudgetDto) {
    const { applicationId } = await this.repo.awardForGrant(this.ds.manager, awardId);
    await this.access.requireAccess(actor, 'application.create', [applicationId]);
    await this.ds.transaction(async (m) => {
      const award = await this.repo.awardForGrant(m, awardId, true);
      if (award.awardStatus !== 'awarded') throw AppError.badRequest('awardId', 'not_in_force', 'Only an award in force (awarded, or an accepted offer) leads to a grant');
      if (!budgetRevisionNeeded(award.requestedCents, award.amountCents)) throw AppError.badRequest('budget', 'no_revision_needed', 'The full amount requested was awarded: the submitted budget stands');
      if (await this.repo.grantOfAward(m, awardId)) throw AppError.conflict('grant_exists', 'The agreement is already drawn up');
      const computed = computeBudget(dto.lines, { indirectCostBp: dto.indirectCostBp, coFinancingCents: dto.coFinancingCents });
      const problems = checkRevisedBudget(computed, award.amountCents, rulesOf(award.callDefinition as unknown as CallDefinition));
      if (problems.length) throw new AppError(400, 'invalid_budget', 'The revised budget breaks the call\'s rules', problems.map((p) => ({ field: p.field, code: p.code, message: p.code })));
      await this.repo.saveRevision(m, {
        awardId, budget: { lines: dto.lines, coFinancingCents: dto.coFinancingCents, indirectCostBp: dto.indirectCostBp }, computed,
        requestedCents: computed.requestedCents, submittedBy: actor.id, submittedAt: new Date(),
      });
      await this.audit.record(m, actor, { action: 'grant.budget_revised', entity: 'award', entityId: awardId, summary: `${award.applicationReference}: budget revised to ${computed.requestedCents} cents (awarded ${award.amountCents})` });
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'grant.budget_revision_submitted',
        params: { reference: award.applicationReference, organization: award.organizationName }, link: `/awards/${awardId}/budget-revision`,
        eventKey: `revision:${awardId}:${Date.now()}`,
      });
    });
    return this.revisionView(this.ds.manager, awardId);
  }

  async acceptRevision(actor: AuthUser, awardId: string) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    await this.ds.transaction(async (m) => {
      const award = await this.repo.awardForGrant(m, awardId, true);
      const r = await this.repo.revision(m, awardId, true);
      if (!r) throw AppError.badRequest('budget', 'revision_required', 'The organisation has not revised its budget yet');
      if (r.acceptedAt) throw AppError.badRequest('budget', 'already_accepted', 'The revision is already accepted');
      await this.repo.acceptRevision(m, r.id, actor.id);
      await this.audit.record(m, actor, { action: 'grant.budget_revision_accepted', entity: 'award', entityId: awardId, summary: `${award.applicationReference}: revised budget of ${r.requestedCents} cents accepted` });
    });
    return this.revisionView(this.ds.manager, awardId);
  }

  // -------------------------------------------------------------------------------------------------------
  // Drawing up, sending, signing, countersigning

  /** The Secretariat draws the agreement up from an award in force and its frozen submission (or accepted revision). */
  async drawUp(actor: AuthUser, awardId: string, dto: DrawUpGrantDto) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    const id = await this.ds.transaction(async (m) => {
      const award = await this.repo.awardForGrant(m, awardId, true);
      if (award.awardStatus !== 'awarded') throw AppError.badRequest('awardId', 'not_in_force', 'Only an award in force (awarded, or an accepted offer) leads to a grant');
      if (await this.repo.grantOfAward(m, awardId)) throw AppError.conflict('grant_exists', 'The agreement of this award is already drawn up');
      const submission = await this.repo.submission(m, award.applicationId);
      if (!submission) throw AppError.badRequest('awardId', 'no_submission', 'The application has no frozen submission');
      const snap = submission.snapshot as { content: { project: { startDate: string; durationMonths: number }; logframe: GrantLogframe }; budget: ComputedBudget };
      const revision = await this.repo.revision(m, awardId);
      const needed = budgetRevisionNeeded(award.requestedCents, award.amountCents);
      const budget = needed && revision ? revision.computed : snap.budget;
      const def = award.callDefinition as unknown as CallDefinition;
      const startDate = dto.startDate ?? snap.content.project.startDate;
      const endDate = dto.endDate ?? (startDate ? addDays(addMonths(startDate, snap.content.project.durationMonths || 1), -1) : '');
      const problems = agreementProblems({
        awardedCents: award.amountCents, requestedCents: award.requestedCents, budgetRequestedCents: budget.requestedCents,
        revisionAccepted: !!revision?.acceptedAt, startDate, endDate, maxDurationMonths: def.maxDurationMonths, iban: 'frozen at signature',
      }).filter((p) => p.field !== 'iban');
      if (dto.monitorId && !(await this.repo.isMonitor(m, dto.monitorId))) problems.push({ field: 'monitorId', code: 'not_a_monitor' });
      if (problems.length) throw new AppError(400, 'agreement_not_ready', 'The agreement cannot be drawn up yet', problems.map((p) => ({ field: p.field, code: p.code, message: p.code })));
      const settings = callGrantSettings(award.callDefinition);
      const seq = await this.repo.nextCallSeq(m, award.callId);
      const agreementNumber = grantAgreementNumber(award.callReference, seq);
      const grant = await this.repo.insertGrant(m, {
        awardId, callId: award.callId, applicationId: award.applicationId, organizationId: award.organizationId, monitorId: dto.monitorId ?? null,
        agreementNumber, callSeq: seq, amountCents: award.amountCents, status: 'draft', startDate, endDate, submissionSha256: submission.sha256,
        budget, logframe: snap.content.logframe, reportingSchedule: grantReportingSchedule(startDate, endDate, settings), settings, drawnUpBy: actor.id,
      });
      const plan = tranchePlan(award.amountCents, startDate, endDate, settings);
      await this.repo.insertTranches(m, plan.map((t) => ({
        grantId: grant.id, seq: t.seq, kind: t.kind, amountCents: t.amountCents, plannedDate: t.plannedDate, periodStart: t.periodStart, periodEnd: t.periodEnd,
        conditions: [...t.conditions], status: 'planned', documentFileIds: [],
      })));
      await this.audit.record(m, actor, {
        action: 'grant.drawn_up', entity: 'grant', entityId: grant.id,
        summary: `${agreementNumber} drawn up from ${award.applicationReference}: ${award.amountCents} cents, ${startDate} to ${endDate}, ${plan.length} tranches${needed ? ', on the accepted budget revision' : ''}`,
      });
      if (dto.monitorId) {
        const names = await this.repo.names(m, grant);
        await this.notifications.notify(m, {
          recipients: await this.repo.recipient(m, dto.monitorId), kind: 'grant.monitor_assigned',
          params: { agreementNumber, organization: names.organizationName }, link: `/grants/${grant.id}`, eventKey: `grant:${grant.id}:monitor:${dto.monitorId}`,
        });
      }
      return grant.id;
    });
    return this.view(actor, id);
  }

  async assignMonitor(actor: AuthUser, id: string, monitorId: string) {
    await this.access.requireAccess(actor, 'grant.manage', [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      if (!(await this.repo.isMonitor(m, monitorId))) throw AppError.badRequest('monitorId', 'not_a_monitor', 'This user is not an active monitor');
      await this.repo.updateGrant(m, id, { monitorId });
      await this.audit.record(m, actor, { action: 'grant.monitor_assigned', entity: 'grant', entityId: id, summary: `${g.agreementNumber}: monitor ${monitorId}` });
      if (g.monitorId !== monitorId) {
        const names = await this.repo.names(m, { ...g, monitorId });
        await this.notifications.notify(m, {
          recipients: await this.repo.recipient(m, monitorId), kind: 'grant.monitor_assigned',
          params: { agreementNumber: g.agreementNumber, organization: names.organizationName }, link: `/grants/${id}`, eventKey: `grant:${id}:monitor:${monitorId}`,
        });
      }
    });
    return this.view(actor, id);
  }

  /** Draft → sent for signature: the agreement PDF is made in the organisation's language beside English, stored, hashed. */
  async send(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'grant.manage', [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      this.allowed(actor, g.status, 'sent_for_signature');
      const language = await this.repo.organizationLanguage(m, g.organizationId);
      const pdf = await this.agreementBytes(m, g, language);
      const file = await this.files.store(m, { originalname: `agreement-${g.agreementNumber}.pdf`, buffer: pdf, size: pdf.length }, { organizationId: g.organizationId, userId: actor.id });
      const now = new Date();
      await changeGrantStatus(m, this.audit, actor, id, 'sent_for_signature', {
        set: { agreementFileId: file.id, agreementSha256: file.sha256, agreementLanguage: language, sentAt: now },
        audit: { action: 'grant.sent_for_signature', summary: `${g.agreementNumber} sent for signature (${language} beside en), agreement SHA-256 ${file.sha256}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.owners(m, g.organizationId), kind: 'grant.agreement_to_sign',
        params: { agreementNumber: g.agreementNumber }, link: `/grants/${id}`, eventKey: `grant:${id}:sent:${file.sha256}`,
      });
    });
    return this.view(actor, id);
  }

  private async agreementBytes(m: EntityManager, g: GrantEntity, language: Language): Promise<Buffer> {
    const names = await this.repo.names(m, g);
    const tranches = await this.repo.tranches(m, g.id);
    const app = await this.repo.applicationReference(m, g.applicationId);
    return agreementPdf({
      agreementNumber: g.agreementNumber!, callReference: names.callReference, callTitle: names.callTitle ?? {}, applicationReference: app?.reference ?? '',
      organizationName: names.organizationName, amountCents: g.amountCents, startDate: g.startDate!, endDate: g.endDate!, budget: g.budget!,
      logframe: g.logframe ?? { overallObjective: '', specificObjectives: [] },
      tranches: tranches.map((t) => ({ seq: t.seq, kind: t.kind, amountCents: t.amountCents, plannedDate: t.plannedDate })),
      reports: g.reportingSchedule, nextInstalmentSpentBp: g.settings.nextInstalmentSpentBp, reallocationWithoutAmendmentBp: g.settings.reallocationWithoutAmendmentBp,
      iban: g.iban,
    }, { language, script: 'latin' });
  }

  /** The organisation's owner signs: password re-entered, the signatory's name and function typed; the IBAN is frozen now. */
  async sign(actor: AuthUser, id: string, dto: SignGrantDto) {
    await this.access.requireAccess(actor, 'grant.act.own', [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      this.allowed(actor, g.status, 'signed_by_organization');
      const hash = await this.repo.passwordHash(m, actor.id);
      if (!hash || !(await verifyPassword(hash, dto.password))) throw AppError.badRequest('password', 'wrong_password', 'The password is not right: re-enter the password you log in with');
      if (dto.agreementSha256 && dto.agreementSha256 !== g.agreementSha256) {
        throw AppError.conflict('agreement_changed', 'The agreement changed since you opened it: read it again before signing', [{ field: 'agreementSha256', code: 'agreement_changed', message: 'The agreement has changed' }]);
      }
      const org = await this.repo.organizationBank(m, g.organizationId);
      const iban = checkIban(org?.iban ?? '');
      if (!org?.iban || !iban.valid) throw AppError.badRequest('iban', org?.iban ? `iban_${iban.reason ?? 'format'}` : 'required', 'The organisation\'s profile needs a valid bank account (IBAN) before it signs');
      const now = new Date();
      await changeGrantStatus(m, this.audit, actor, id, 'signed_by_organization', {
        set: { signatoryName: dto.signatoryName.trim(), signatoryFunction: dto.signatoryFunction.trim(), signedAt: now, signedBy: actor.id, iban: iban.normalized, accountHolder: org.legalName },
        audit: { action: 'grant.signed', summary: `${g.agreementNumber} signed for the organisation by its signatory (${dto.signatoryFunction.trim()}; the name is on the agreement, not in the audit trail), account ${actor.email}; agreement SHA-256 ${g.agreementSha256}; IBAN frozen ${iban.normalized}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'grant.agreement_signed',
        params: { agreementNumber: g.agreementNumber, organization: org.legalName }, link: `/grants/${id}`, eventKey: `grant:${id}:signed`,
      });
    });
    return this.view(actor, id);
  }

  /** The Secretariat countersigns: the grant is in force and v1 is frozen with its hash. */
  async countersign(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'grant.manage', [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      this.allowed(actor, g.status, 'in_force');
      const now = new Date();
      const row = await changeGrantStatus(m, this.audit, actor, id, 'in_force', {
        set: { countersignedAt: now, countersignedBy: actor.id },
        audit: { action: 'grant.countersigned', summary: `${g.agreementNumber} countersigned by ${actor.email}: in force` },
      });
      const v1 = versionOf(row, 1, null);
      await this.repo.insertVersion(m, { grantId: id, version: 1, snapshot: v1 as unknown as Record<string, unknown>, sha256: sha256Hex(grantVersionHashInput(v1)), createdBy: actor.id });
      await ensureNarrativeReportRows(m, id); // the interim and final reports of the reporting schedule
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'grant.in_force',
        params: { agreementNumber: g.agreementNumber }, link: `/grants/${id}`, eventKey: `grant:${id}:in_force`,
      });
    });
    return this.view(actor, id);
  }

  /** The Secretariat's other moves: recall to draft, suspend, resume, close, terminate (with the reason each needs). */
  async transition(actor: AuthUser, id: string, dto: GrantTransitionDto) {
    await this.access.requireAccess(actor, 'grant.manage', [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      const action = this.allowed(actor, g.status, dto.to, dto.reason);
      if (action === 'send_for_signature' || action === 'countersign') throw AppError.badRequest('to', 'use_own_route', `Use POST /api/grants/:id/${action === 'countersign' ? 'countersign' : 'send'}`);
      if (action === 'close') throw AppError.badRequest('to', 'use_own_route', 'Use POST /api/grants/:id/close: a grant closes once every item of its closure checklist is met, with a closing note');
      const reason = dto.reason?.trim() || null;
      await changeGrantStatus(m, this.audit, actor, id, dto.to, {
        audit: { action: `grant.${action}`, summary: `${g.agreementNumber}: ${g.status} → ${dto.to}${reason ? `: ${reason}` : ''}` },
      });
    });
    return this.view(actor, id);
  }

  /** The domain's check of who makes a move: a refusal for the actor is a 403 (the grant is theirs to see), no such move a 409. */
  private allowed(actor: AuthUser, from: GrantStatus, to: GrantStatus, reason?: string | null) {
    const check = checkGrantTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, from, to, reason);
    if (check.ok) return check.action;
    if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden(to === 'signed_by_organization' ? 'Only the organisation\'s owner signs the agreement' : 'Only the Secretariat makes this move');
    if (check.reason === 'reason_required') throw AppError.badRequest('reason', 'required', 'Say why');
    throw AppError.conflict('invalid_transition', `The grant is ${from} and cannot become ${to}`, [{ field: 'status', code: 'invalid_transition', message: `${from} → ${to} is not allowed` }]);
  }

  // -------------------------------------------------------------------------------------------------------
  // Files of a grant

  /** A signed paper copy of the agreement, by the organisation or the Secretariat. */
  async uploadSignedCopy(actor: AuthUser, id: string, upload: Upload | undefined) {
    if (!can(actor, 'grant.act.own') && !can(actor, 'grant.manage')) throw AppError.forbidden(); // a reader (monitor, observer) never uploads
    await this.access.requireAnyAccess(actor, ['grant.act.own', 'grant.manage'], [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      if (!canDoOnGrant(g.status, 'upload_signed_copy')) throw AppError.conflict('not_allowed_now', `A signed copy cannot be uploaded while the grant is ${g.status}`);
      const file = await this.files.store(m, upload, { organizationId: g.organizationId, userId: actor.id });
      await this.repo.updateGrant(m, id, { signedCopyFileId: file.id });
      await this.audit.record(m, actor, { action: 'grant.signed_copy_uploaded', entity: 'grant', entityId: id, summary: `${g.agreementNumber}: signed paper copy ${file.fileName}, SHA-256 ${file.sha256}` });
    });
    return this.view(actor, id);
  }

  /** A document for the grant (a tranche's supporting document, the bank's letter): stored with the organisation. */
  async uploadDocument(actor: AuthUser, id: string, upload: Upload | undefined) {
    await this.access.requireAccess(actor, 'grant.act.own', [id]);
    return this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id);
      refuseClosedGrant(g);
      const file = await this.files.store(m, upload, { organizationId: g.organizationId, userId: actor.id });
      await this.audit.record(m, actor, { action: 'grant.document_uploaded', entity: 'grant', entityId: id, summary: `${g.agreementNumber}: ${file.fileName}, SHA-256 ${file.sha256}` });
      return { id: file.id, fileName: file.fileName, sha256: file.sha256, size: file.size };
    });
  }

  /** A file of the grant (its agreement, signed copy, a tranche's document, a bank letter), for whoever reads the grant. */
  async fileOf(actor: AuthUser, id: string, fileId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [id]);
    const g = await this.repo.grant(this.ds.manager, id);
    const tranches = await this.repo.tranches(this.ds.manager, id);
    const amendments = await this.repo.amendments(this.ds.manager, id);
    const ours = new Set([g.agreementFileId, g.signedCopyFileId, ...tranches.flatMap((t) => t.documentFileIds), ...amendments.flatMap((a) => [a.bankLetterFileId, a.addendumFileId])].filter(Boolean));
    if (!ours.has(fileId)) throw AppError.notFound('file');
    const file = await this.ds.getRepository(FileEntity).findOneOrFail({ where: { id: fileId } });
    return { file, stream: await this.storage.get(file.storageKey) };
  }

  // -------------------------------------------------------------------------------------------------------
  // Bank-account change of a grant in force

  async requestBankAccountChange(actor: AuthUser, id: string, dto: BankAccountChangeDto) {
    await this.access.requireAccess(actor, 'grant.act.own', [id]);
    await this.ds.transaction(async (m) => {
      const g = await this.repo.grant(m, id, true);
      const letter = await this.repo.filesOfOrganization(m, g.organizationId, [dto.bankLetterFileId]);
      if (!letter.length) throw AppError.badRequest('bankLetterFileId', 'unknown_file', 'Upload the bank\'s letter first (POST /api/grants/:id/documents)');
      const latest = await this.latestVersion(m, g);
      const pending = (await this.repo.amendments(m, id)).filter((a) => a.status === 'requested').map((a) => a.kind);
      const change = { kind: 'bank_account_change' as const, iban: dto.iban, holder: dto.holder?.trim() || null, bankLetterFileId: dto.bankLetterFileId };
      const { problems } = grantAmendmentProblems(change, dto.justification, {
        grantStatus: g.status, latest, pendingKinds: pending, reallocationRules: { reallocationWithoutAmendmentBp: g.settings.reallocationWithoutAmendmentBp, indirectCostCapBp: g.settings.indirectCostCapBp, costHeadings: [] },
        originalBudget: {},
      });
      if (problems.length) {
        const status = problems.some((p) => p.code === 'grant_not_running') ? 409 : 400;
        throw new AppError(status, 'invalid_amendment', 'The bank-account change cannot be requested', problems.map((p) => ({ field: p.field, code: p.code, message: p.code })));
      }
      const amendment = await this.repo.insertAmendment(m, {
        grantId: id, kind: 'bank_account_change', status: 'requested', change: { ...change, iban: checkIban(dto.iban).normalized }, justification: dto.justification.trim(),
        bankLetterFileId: dto.bankLetterFileId, requestedBy: actor.id, requestedAt: new Date(),
      });
      await this.audit.record(m, actor, { action: 'grant_amendment.requested', entity: 'grant_amendment', entityId: amendment.id, summary: `${g.agreementNumber}: bank-account change to ${checkIban(dto.iban).normalized} requested by ${actor.email} with the bank's letter ${letter[0].fileName}` });
      await this.notifications.notify(m, {
        recipients: await this.repo.secretariat(m), kind: 'grant.bank_account_change_requested',
        params: { agreementNumber: g.agreementNumber }, link: `/grants/${id}`, eventKey: `amendment:${amendment.id}:requested`,
      });
    });
    return this.view(actor, id);
  }

  // The Secretariat's decision on an amendment of any kind (the bank-account change among them) is AmendmentsService.decide.

  private async latestVersion(m: EntityManager, g: GrantEntity): Promise<GrantVersion> {
    const versions = await this.repo.versions(m, g.id);
    const last = versions[versions.length - 1];
    return last ? (last.snapshot as unknown as GrantVersion) : versionOf(g, 1, null);
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  async list(actor: AuthUser, q: ListGrantsQuery) {
    if (!actor.active || !(can(actor, 'grant.read.own') || can(actor, 'grant.manage') || can(actor, 'grant.read.any'))) throw AppError.forbidden();
    const common = { callId: q.callId, status: q.status, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', sort: q.sort, order: q.order };
    const filter = can(actor, 'grant.manage') || can(actor, 'grant.read.any')
      ? { ...common, monitorId: q.monitorId }
      : actor.role === 'monitor' ? { ...common, monitorId: actor.id }
        : actor.organizationId ? { ...common, organizationId: actor.organizationId } : null;
    if (!filter) return { items: [], counts: { total: 0, overdue: 0, byStatus: [] }, facets: { calls: [], monitors: [] } };
    // the filters' choices come from every grant the reader sees, so that a filtered list still offers the others
    // (unfiltered, the two computations are one: the same key)
    const base = 'organizationId' in filter ? { organizationId: filter.organizationId } : { monitorId: can(actor, 'grant.manage') || can(actor, 'grant.read.any') ? undefined : actor.id };
    const [{ items: listed, counts }, every] = await Promise.all([this.sharedList(filter), this.sharedList(base)]);
    const facets = listFacets(every.items);
    // the monitoring priority is the Secretariat's, observers' and monitors' planning tool, never shown to the organisation
    let items: (GrantListRow & { monitoringPriority: { score: number; band: 'high' | 'medium' | 'low' } | null })[] = listed.map((i) => ({ ...i, monitoringPriority: null }));
    if (q.sort === 'monitoringPriority' && !('organizationId' in filter)) {
      const scores = await this.priority.scores({ monitorId: filter.monitorId });
      const sign = q.order === 'asc' ? -1 : 1;
      items = items.map((i) => ({ ...i, monitoringPriority: scores.get(i.id) ?? null }))
        .sort((a, b) => (a.monitoringPriority === null ? (b.monitoringPriority === null ? 0 : 1) : b.monitoringPriority === null ? -1 : sign * (b.monitoringPriority.score - a.monitoringPriority.score)));
    }
    if (q.page === undefined && q.pageSize === undefined) return { items, counts, facets };
    const size = q.pageSize ?? 50;
    const from = ((q.page ?? 1) - 1) * size;
    return { items: items.slice(from, from + size), counts, facets };
  }

  /**
   * The whole list under a filter, computed once for the readers who ask at the same time (bench:grants: 50 in
   * flight): a reader joins a computation under way only if no audited change committed since it began (the audit
   * chain's head is the same), so it never misses a change it could have seen; nothing is kept once computed.
   */
  private sharedList(filter: Parameters<GrantsRepository['list']>[1]) {
    return this.repo.auditHead(this.ds.manager).then((head) => {
      const key = `${head}|${JSON.stringify(filter)}`;
      let running = this.listing.get(key);
      if (!running) {
        running = this.repo.list(this.ds.manager, filter);
        this.listing.set(key, running);
        const done = () => { if (this.listing.get(key) === running) this.listing.delete(key); };
        running.then(done, done);
      }
      return running;
    });
  }

  /** The Secretariat's awards in force waiting for a grant: a revision to wait for or accept, or ready to draw up. */
  async pendingAwards(actor: AuthUser) {
    await this.access.requireAccess(actor, 'grant.manage', []);
    return { items: await this.repo.pendingAwards(this.ds.manager) };
  }

  async view(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [id]);
    const m = this.ds.manager;
    const g = await this.repo.grant(m, id);
    const names = await this.repo.names(m, g);
    const tranches = await this.conditions.tranchesWithConditions(m, g);
    const versions = await this.repo.versions(m, id);
    const amendments = await this.repo.amendments(m, id);
    const manage = can(actor, 'grant.manage');
    const act = await this.access.hasAccess(actor, 'grant.act.own', [id]);
    return {
      id: g.id, agreementNumber: g.agreementNumber, status: g.status, version: g.version, amountCents: g.amountCents,
      callId: g.callId, callReference: names.callReference, awardId: g.awardId, applicationId: g.applicationId,
      organizationId: g.organizationId, organizationName: names.organizationName, monitorId: g.monitorId, monitorName: names.monitorName,
      startDate: g.startDate, endDate: g.endDate, durationMonths: g.startDate && g.endDate ? grantDurationMonths(g.startDate, g.endDate) : null,
      submissionSha256: g.submissionSha256, budget: g.budget, logframe: g.logframe, reportingSchedule: g.reportingSchedule, settings: g.settings,
      iban: g.iban, accountHolder: g.accountHolder,
      agreement: g.agreementFileId ? { fileId: g.agreementFileId, sha256: g.agreementSha256!, language: g.agreementLanguage!, sentAt: iso(g.sentAt)! } : null,
      signature: { signatoryName: g.signatoryName, signatoryFunction: g.signatoryFunction, signedAt: iso(g.signedAt), countersignedAt: iso(g.countersignedAt) },
      signedCopyFileId: g.signedCopyFileId,
      paidCents: tranches.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountCents, 0),
      tranches,
      versions: versions.map((v) => ({ version: v.version, sha256: v.sha256, amendmentId: v.amendmentId, createdAt: iso(v.createdAt)! })),
      amendments: amendments.map((a) => amendmentView(a)),
      nextStatuses: manage || act ? [...nextGrantStatuses(g.status)] : [],
      recordActions: [...grantRecordActions(g.status)],
      timeline: manage ? await this.repo.timeline(m, id) : [],
    };
  }
}

export function amendmentView(a: GrantAmendmentEntity) {
  return {
    id: a.id, kind: a.kind, status: a.status, change: a.change, justification: a.justification, bankLetterFileId: a.bankLetterFileId,
    requestedAt: iso(a.requestedAt)!, decidedAt: iso(a.decidedAt), decisionReason: a.decisionReason, versionId: a.versionId,
    notice: a.notice ?? false, reallocation: a.reallocation ?? null, addendumFileId: a.addendumFileId ?? null, addendumSha256: a.addendumSha256 ?? null,
  };
}

/** The calls and monitors of a list of grants, each once, in the order of their words. */
function listFacets(items: readonly { callId: string; callReference: string; monitorId: string | null; monitorName: string | null }[]) {
  const calls = new Map<string, string>();
  const monitors = new Map<string, string>();
  for (const g of items) {
    calls.set(g.callId, g.callReference);
    if (g.monitorId) monitors.set(g.monitorId, g.monitorName ?? g.monitorId);
  }
  const sorted = (m: Map<string, string>) => [...m].map(([id, label]) => ({ id, label })).sort((a, b) => a.label.localeCompare(b.label));
  return { calls: sorted(calls), monitors: sorted(monitors) };
}
