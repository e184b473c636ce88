import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  applyGrantAmendment, checkGrantAmendmentDecision, checkIban, completeReallocationLines, diffGrantVersions, grantAmendmentOutcome,
  grantAmendmentProblems, grantVersionHashInput, headingBudgetOf, noCostExtensionSchedules, reallocatedBudget,
  type CostHeadingCode, type GrantAmendmentChange, type GrantAmendmentContext, type GrantAmendmentKind, type GrantLogframe,
  type GrantVersion, type HeadingBudget, type ReallocationResult,
} from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError, type ErrorDetail } from '../../common/errors';
import { AuditService, sha256Hex } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { addendumPdf } from './addendum-pdf';
import { AmendmentsRepository } from './amendments.repository';
import type { RequestAmendmentDto } from './dtos/amendment.dtos';
import type { DecideAmendmentDto } from './dtos/grant.dtos';
import type { GrantAmendmentEntity, GrantEntity, GrantVersionEntity } from './entities/grant.entity';
import { ensureNarrativeReportRows } from '../reports/narrative-reports.repository';
import { changeGrantAmendmentStatus } from './grant-status';
import { GrantsRepository } from './grants.repository';
import { GrantsService, versionOf } from './grants.service';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const KIND_WORDS: Record<GrantAmendmentKind, string> = {
  budget_reallocation: 'budget reallocation', no_cost_extension: 'no-cost extension', logframe_change: 'logframe change', bank_account_change: 'bank-account change',
};

/** The problems of a request as the one error shape: each with its field; a refused reallocation names each heading and why. */
function problemDetails(problems: { field: string; code: string; params?: Record<string, string | number> }[], reallocation: ReallocationResult | null): ErrorDetail[] {
  const details: ErrorDetail[] = problems.filter((p) => !(p.code === 'reallocation_refused' && reallocation)).map((p) => ({ field: p.field, code: p.code, message: p.params ? `${p.code} ${JSON.stringify(p.params)}` : p.code }));
  if (reallocation?.classification === 'refused') {
    for (const h of reallocation.headings.filter((x) => x.classification === 'refused')) {
      for (const r of h.reasons) details.push({ field: `budgetLines.${h.heading}`, code: r, message: `${h.heading}: ${r} (${h.currentCents} → ${h.proposedCents} cents)` });
    }
    for (const r of reallocation.reasons.filter((x) => x.classification === 'refused')) {
      details.push({ field: r.code === 'indirect_over_cap' ? 'indirectCents' : 'budgetLines', code: r.code, message: `${r.code} ${JSON.stringify(r.params)}` });
    }
  }
  return details;
}

/**
 * Amendments of a grant in force, of every kind: the organisation requests with a justification (checked by
 * libs/domain grantAmendmentProblems); a reallocation the rule classes as a notice is applied at once as a new
 * version (the Secretariat is told), one it refuses is refused with the reason per heading, and every other
 * request waits for the Secretariat, who approves or rejects with a reason. Each approval (and each notice) makes
 * a frozen version v2, v3… with its SHA-256, applies the change to the grant and draws an addendum PDF whose
 * SHA-256 is recorded. Versions are read one by one and compared. Every change is audited, in one transaction.
 */
@Injectable()
export class AmendmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
    private readonly grantsRepo: GrantsRepository,
    private readonly repo: AmendmentsRepository,
    private readonly grants: GrantsService,
  ) {}

  // -------------------------------------------------------------------------------------------------------
  // What a request is checked against

  private async checkContext(m: EntityManager, g: GrantEntity, exceptAmendmentId?: string) {
    const versions = await this.grantsRepo.versions(m, g.id);
    const amendments = await this.grantsRepo.amendments(m, g.id);
    const latest = versions.length ? (versions[versions.length - 1].snapshot as unknown as GrantVersion) : versionOf(g, 1, null);
    // a reallocation is counted against the budget as originally approved, or as an approved budget amendment last set it
    const byId = new Map(amendments.map((a) => [a.id, a] as const));
    const base = [...versions].reverse().find((v) => {
      const a = v.amendmentId ? byId.get(v.amendmentId) : undefined;
      return v.version === 1 || (a?.kind === 'budget_reallocation' && !a.notice);
    });
    const original = base ? (base.snapshot as unknown as GrantVersion) : latest;
    const spentByLine = await this.repo.acceptedSpendByLine(m, g.id);
    const spentByHeading: HeadingBudget = {};
    for (const l of latest.budgetLines) {
      const cents = spentByLine.get(l.lineId) ?? 0;
      if (cents) spentByHeading[l.heading] = (spentByHeading[l.heading] ?? 0) + cents;
    }
    const call = await this.repo.callRules(m, g.callId);
    const ctx: GrantAmendmentContext = {
      grantStatus: g.status,
      latest,
      pendingKinds: amendments.filter((a) => a.status === 'requested' && a.id !== exceptAmendmentId).map((a) => a.kind),
      reallocationRules: {
        reallocationWithoutAmendmentBp: g.settings.reallocationWithoutAmendmentBp,
        indirectCostCapBp: g.settings.indirectCostCapBp,
        costHeadings: call.costHeadings.map((h) => ({ code: h.code as CostHeadingCode, capPct: h.capPct })),
      },
      originalBudget: headingBudgetOf(original.budgetLines, original.indirectCents),
      currentBudget: headingBudgetOf(latest.budgetLines, latest.indirectCents),
      spentByHeading,
      maxDurationMonths: call.maxDurationMonths,
      priorityObjectives: call.priorityObjectives,
      coFinancingCents: g.budget?.coFinancingCents ?? 0,
    };
    return { ctx, latest };
  }

  /** What the amendment form checks a request against, as the API will. */
  async context(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    const g = await this.grantsRepo.grant(this.ds.manager, grantId);
    const { ctx, latest } = await this.checkContext(this.ds.manager, g);
    return {
      grantId, grantStatus: g.status, awardedCents: g.amountCents + (ctx.coFinancingCents ?? 0), latest, rules: ctx.reallocationRules,
      originalBudget: ctx.originalBudget, currentBudget: ctx.currentBudget!, spentByHeading: ctx.spentByHeading!,
      pendingKinds: [...ctx.pendingKinds], maxDurationMonths: ctx.maxDurationMonths ?? null, priorityObjectives: [...(ctx.priorityObjectives ?? [])],
    };
  }

  /** The change a request asks for, from its fields (a reallocation's lines completed from the latest version). */
  private changeOf(dto: RequestAmendmentDto, latest: GrantVersion): GrantAmendmentChange {
    switch (dto.kind) {
      case 'budget_reallocation': {
        if (!dto.budgetLines?.length) return { kind: 'budget_reallocation', budgetLines: [], indirectCents: dto.indirectCents ?? latest.indirectCents };
        const lines = completeReallocationLines(latest.budgetLines, dto.budgetLines.map((l) => ({ lineId: l.lineId, heading: l.heading, description: l.description, approvedCents: l.approvedCents })));
        // new lines are numbered after the grant's, as its budget holds them (L1…Ln by position)
        let next = latest.budgetLines.length;
        const known = new Set(latest.budgetLines.map((l) => l.lineId));
        return { kind: 'budget_reallocation', budgetLines: lines.map((l) => (known.has(l.lineId) ? l : { ...l, lineId: `L${(next += 1)}` })), indirectCents: dto.indirectCents ?? latest.indirectCents };
      }
      case 'no_cost_extension':
        return { kind: 'no_cost_extension', endDate: dto.endDate ?? '' };
      case 'logframe_change':
        return { kind: 'logframe_change', logframe: dto.logframe as unknown as GrantLogframe };
      case 'bank_account_change':
        return { kind: 'bank_account_change', iban: dto.iban ?? '', holder: dto.holder?.trim() || null, bankLetterFileId: dto.bankLetterFileId ?? '' };
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Requesting

  async request(actor: AuthUser, grantId: string, dto: RequestAmendmentDto) {
    await this.access.requireAccess(actor, 'grant.act.own', [grantId]);
    await this.ds.transaction(async (m) => {
      const g = await this.grantsRepo.grant(m, grantId, true);
      const { ctx, latest } = await this.checkContext(m, g);
      const change = this.changeOf(dto, latest);
      const justification = dto.justification?.trim() ?? '';
      const { problems, reallocation } = grantAmendmentProblems(change, justification, ctx);
      let letterName: string | null = null;
      if (change.kind === 'bank_account_change' && change.bankLetterFileId) {
        const letter = await this.grantsRepo.filesOfOrganization(m, g.organizationId, [change.bankLetterFileId]);
        if (!letter.length) problems.push({ field: 'bankLetterFileId', code: 'unknown_file' });
        else letterName = letter[0].fileName;
      }
      if (problems.length) {
        const notRunning = problems.some((p) => p.code === 'grant_not_running');
        const refused = reallocation?.classification === 'refused';
        throw new AppError(notRunning ? 409 : 422, refused ? 'reallocation_refused' : 'invalid_amendment',
          refused ? 'The reallocation is refused: see each heading' : `The ${KIND_WORDS[change.kind]} cannot be requested`, problemDetails(problems, reallocation));
      }
      const outcome = grantAmendmentOutcome(change.kind, reallocation);
      const stored = change.kind === 'bank_account_change' ? { ...change, iban: checkIban(change.iban).normalized } : change;
      const a = await this.grantsRepo.insertAmendment(m, {
        grantId, kind: change.kind, status: 'requested', change: stored as unknown as Record<string, unknown>, justification,
        bankLetterFileId: change.kind === 'bank_account_change' ? change.bankLetterFileId : null, requestedBy: actor.id, requestedAt: new Date(),
      });
      await this.repo.recordClassification(m, a.id, reallocation as unknown as Record<string, unknown> | null, outcome === 'notice');
      await this.audit.record(m, actor, {
        action: 'grant_amendment.requested', entity: 'grant_amendment', entityId: a.id,
        summary: `${g.agreementNumber}: ${KIND_WORDS[change.kind]} requested by ${actor.email}${reallocation ? ` (classed ${reallocation.classification})` : ''}${letterName ? ` with the bank's letter ${letterName}` : ''}: ${justification}`,
      });
      if (outcome === 'notice') {
        const fresh = await this.grantsRepo.amendment(m, a.id, true);
        const version = await this.applyChange(m, actor, g, fresh, latest, { notice: true, reason: null });
        await changeGrantAmendmentStatus(m, this.audit, actor, a.id, 'approved', {
          set: { decidedAt: new Date(), decidedBy: null, decisionReason: null, versionId: version.id },
          audit: { action: 'grant_amendment.noticed', summary: `${g.agreementNumber}: reallocation within the limit of a notice applied at once as version ${version.version}` },
        });
        await this.notifications.notify(m, {
          recipients: await this.grantsRepo.secretariat(m), kind: 'grant.reallocation_notice',
          params: { agreementNumber: g.agreementNumber, version: version.version }, link: `/grants/${grantId}`, eventKey: `amendment:${a.id}:notice`,
        });
      } else {
        await this.notifications.notify(m, {
          recipients: await this.grantsRepo.secretariat(m), kind: change.kind === 'bank_account_change' ? 'grant.bank_account_change_requested' : 'grant.amendment_requested',
          params: { agreementNumber: g.agreementNumber }, link: `/grants/${grantId}`, eventKey: `amendment:${a.id}:requested`,
        });
      }
    });
    return this.grants.view(actor, grantId);
  }

  // -------------------------------------------------------------------------------------------------------
  // Deciding

  /** The Secretariat approves (a new frozen version, the change applied, the addendum) or rejects with a reason. */
  async decide(actor: AuthUser, amendmentId: string, dto: DecideAmendmentDto) {
    const a0 = await this.grantsRepo.amendment(this.ds.manager, amendmentId);
    await this.access.requireAccess(actor, 'grant.manage', [a0.grantId]);
    await this.ds.transaction(async (m) => {
      const a = await this.grantsRepo.amendment(m, amendmentId, true);
      const g = await this.grantsRepo.grant(m, a.grantId, true);
      const check = checkGrantAmendmentDecision({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, a.status, dto.decision, dto.reason);
      if (!check.ok) {
        if (check.reason === 'reason_required') throw AppError.badRequest('reason', 'required', 'A rejection says why');
        if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden();
        throw AppError.conflict('invalid_transition', `The request is ${a.status} already`, [{ field: 'status', code: 'invalid_transition', message: `${a.status} → ${dto.decision}` }]);
      }
      const reason = dto.reason?.trim() || null;
      let versionId: string | null = null;
      if (dto.decision === 'approved') {
        // checked again against the grant as it is now (a notice may have moved the budget since the request)
        const { ctx, latest } = await this.checkContext(m, g, a.id);
        const { problems, reallocation } = grantAmendmentProblems(a.change as unknown as GrantAmendmentChange, a.justification, ctx);
        const blocking = problems.filter((p) => p.code !== 'unchanged');
        if (blocking.length) throw new AppError(409, 'no_longer_valid', 'The change can no longer be approved as requested: the grant changed since', problemDetails(blocking, reallocation));
        versionId = (await this.applyChange(m, actor, g, a, latest, { notice: false, reason })).id;
      }
      await changeGrantAmendmentStatus(m, this.audit, actor, a.id, dto.decision, {
        set: { decidedAt: new Date(), decidedBy: actor.id, decisionReason: reason, versionId },
        audit: { action: `grant_amendment.${dto.decision}`, summary: `${g.agreementNumber}: ${a.kind} ${dto.decision} by ${actor.email}${reason ? `: ${reason}` : ''}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'grant.amendment_decided',
        params: { agreementNumber: g.agreementNumber, outcome: dto.decision, reason: reason ?? '—' }, link: `/grants/${g.id}`, eventKey: `amendment:${a.id}:${dto.decision}`,
      });
    });
    return this.grants.view(actor, a0.grantId);
  }

  /**
   * An approved (or noticed) change: the next version frozen with its hash, the change written on the grant
   * (budget, end date with the schedules the domain moves, logframe, bank account) and the addendum PDF.
   */
  private async applyChange(m: EntityManager, actor: AuthUser, g: GrantEntity, a: GrantAmendmentEntity, latest: GrantVersion, how: { notice: boolean; reason: string | null }): Promise<GrantVersionEntity> {
    const change = a.change as unknown as GrantAmendmentChange;
    const next = applyGrantAmendment(latest, change, a.id);
    const sha256 = sha256Hex(grantVersionHashInput(next));
    const version = await this.grantsRepo.insertVersion(m, { grantId: g.id, version: next.version, snapshot: next as unknown as Record<string, unknown>, sha256, amendmentId: a.id, createdBy: actor.id });
    let moved = '';
    switch (change.kind) {
      case 'budget_reallocation': {
        const budget = reallocatedBudget(g.budget!, next.budgetLines, next.indirectCents);
        // the part the grant pays never exceeds the amount awarded
        if (budget.requestedCents > g.amountCents) throw AppError.conflict('over_awarded', `The budget would ask ${budget.requestedCents} cents of a grant of ${g.amountCents}`, [{ field: 'budgetLines', code: 'total_over_awarded', message: 'total_over_awarded' }]);
        await this.grantsRepo.updateGrant(m, g.id, { budget });
        break;
      }
      case 'no_cost_extension': {
        const tranches = await this.grantsRepo.tranches(m, g.id);
        const out = noCostExtensionSchedules({ startDate: g.startDate!, endDate: g.endDate!, newEndDate: next.endDate, tranches }, g.settings);
        for (const t of out.tranches) {
          const before = tranches.find((x) => x.id === t.id)!;
          if (t.plannedDate !== before.plannedDate || t.periodEnd !== before.periodEnd) await this.repo.moveTranche(m, t.id, t.plannedDate, t.periodEnd);
        }
        await this.grantsRepo.updateGrant(m, g.id, { endDate: next.endDate, reportingSchedule: out.reports });
        await ensureNarrativeReportRows(m, g.id); // the final report (and any new interim one) moves with the schedule
        moved = out.moved.length ? `; tranche ${out.moved.map((x) => `${x.seq} planned ${x.from} → ${x.to}`).join(', ')}` : '';
        break;
      }
      case 'logframe_change':
        await this.grantsRepo.updateGrant(m, g.id, { logframe: next.logframe });
        break;
      case 'bank_account_change':
        await this.grantsRepo.updateGrant(m, g.id, { iban: next.bankAccount.iban, accountHolder: next.bankAccount.holder ?? g.accountHolder });
        break;
    }
    const language = await this.grantsRepo.organizationLanguage(m, g.organizationId);
    const script = language === 'sr' ? await this.repo.ownerScript(m, g.organizationId) : 'latin';
    const names = await this.grantsRepo.names(m, g);
    const pdf = await addendumPdf({
      agreementNumber: g.agreementNumber!, organizationName: names.organizationName, number: next.version - 1, kind: change.kind, notice: how.notice,
      justification: a.justification, decisionReason: how.reason, decidedAt: new Date().toISOString(), diff: diffGrantVersions(latest, next), versionSha256: sha256,
    }, { language, script });
    const file = await this.files.store(m, { originalname: `addendum-${next.version - 1}-${g.agreementNumber}.pdf`, buffer: pdf, size: pdf.length }, { organizationId: g.organizationId, userId: actor.id });
    await this.repo.recordAddendum(m, a.id, file.id, file.sha256);
    await this.audit.record(m, actor, {
      action: 'grant.version_created', entity: 'grant', entityId: g.id,
      summary: `${g.agreementNumber}: version ${next.version} (${KIND_WORDS[change.kind]}${how.notice ? ', by notice' : ''}), SHA-256 ${sha256}; addendum ${next.version - 1} (${language} beside en), SHA-256 ${file.sha256}${moved}`,
    });
    return version;
  }

  // -------------------------------------------------------------------------------------------------------
  // Versions

  private summaries(versions: GrantVersionEntity[], amendments: GrantAmendmentEntity[]) {
    const byId = new Map(amendments.map((a) => [a.id, a] as const));
    return versions.map((v) => {
      const a = v.amendmentId ? byId.get(v.amendmentId) : undefined;
      return {
        version: v.version, sha256: v.sha256, amendmentId: v.amendmentId, amendmentKind: a?.kind ?? null, notice: a?.notice ?? false,
        addendumFileId: a?.addendumFileId ?? null, addendumSha256: a?.addendumSha256 ?? null, createdAt: iso(v.createdAt)!,
      };
    });
  }

  async versions(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    const m = this.ds.manager;
    return { items: this.summaries(await this.grantsRepo.versions(m, grantId), await this.grantsRepo.amendments(m, grantId)) };
  }

  async version(actor: AuthUser, grantId: string, version: number) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    const m = this.ds.manager;
    const versions = await this.grantsRepo.versions(m, grantId);
    const v = versions.find((x) => x.version === version);
    if (!v) throw AppError.notFound('version');
    const [summary] = this.summaries([v], await this.grantsRepo.amendments(m, grantId));
    const snapshot = v.snapshot as unknown as GrantVersion;
    return { ...summary, snapshot, hashVerified: sha256Hex(grantVersionHashInput(snapshot)) === v.sha256 };
  }

  async compare(actor: AuthUser, grantId: string, from: number, to: number) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    const m = this.ds.manager;
    const a = await this.repo.version(m, grantId, from);
    const b = await this.repo.version(m, grantId, to);
    return diffGrantVersions(a.snapshot as unknown as GrantVersion, b.snapshot as unknown as GrantVersion);
  }
}
