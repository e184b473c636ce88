import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  can, centsToDecimal, expenditureLinesTotal, expenditureReviewProblems, expenditureStatement, expenditureSubmissionProblems, grantExpenditure,
  nextExpenditurePeriod, normalizeExpenditureLines, type ApprovedBudgetLine, type ExpenditureProblem, type ExpenditureStatement, type GrantVersion,
} from '@grants/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { FileEntity } from '../files/entities/file.entity';
import { FILE_STORAGE, type FileStorage } from '../files/storage';
import { NotificationsService } from '../notifications/notifications.service';
import { CreateExpenditureReportDto, ReviewExpenditureReportDto, SaveExpenditureReportDto } from './dtos/expenditure.dtos';
import type { ExpenditureReportEntity } from './entities/expenditure-report.entity';
import type { GrantEntity } from './entities/grant.entity';
import { changeExpenditureReportStatus } from './expenditure-status';
import { ExpenditureRepository } from './expenditure.repository';
import { GrantsRepository } from './grants.repository';
import { versionOf } from './grants.service';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/** Plain-English wording of each problem code; the screens translate `code` (grants.expenditure.problems.<code>). */
const PROBLEM_TEXT: Record<string, string> = {
  required: 'Required',
  not_in_budget: 'Not a line of the approved budget',
  duplicate: 'This line is given twice',
  not_cents: 'Whole euro cents only',
  negative: 'Must not be negative',
  over_budget: 'Spent beyond the approved amount of the line',
  invalid_date: 'Not a calendar date',
  before_start: 'Before the start of the period',
  before_grant_start: 'Before the grant starts',
  after_grant_end: 'After the grant ends',
  overlaps_report: 'Overlaps another report',
};

const details = (problems: readonly ExpenditureProblem[]) => problems.map((p) => ({
  field: p.field, code: p.code,
  message: p.code === 'over_budget' && p.params
    ? `${PROBLEM_TEXT.over_budget}: ${centsToDecimal(Number(p.params.cumulativeCents))} of ${centsToDecimal(Number(p.params.approvedCents))} (EUR ${centsToDecimal(Number(p.params.overCents))} over)`
    : PROBLEM_TEXT[p.code] ?? p.code,
}));

/**
 * Expenditure reports: the organisation opens a draft for the next period of its grant in force, saves what it spent
 * per approved line with the supporting documents, and submits it (the domain's problems refuse with 422 naming each
 * line and field); the Secretariat accepts it or returns it with comments per line. Every read and change starts at
 * the access check of the report's grant; the status changes through expenditure-status.ts with its audit row; the
 * person who must act next is notified through the outbox. The grant's statement (every accepted report
 * cumulatively, remaining, variance, burn rate) is `overview`.
 */
@Injectable()
export class ExpenditureReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly grants: GrantsRepository,
    private readonly repo: ExpenditureRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  private async grantOf(actor: AuthUser, reportId: string, permission: 'grant.read.own' | 'grant.act.own' | 'grant.manage') {
    const grantId = await this.repo.grantIdOf(this.ds.manager, reportId);
    await this.access.requireAccess(actor, permission, [grantId]);
    return grantId;
  }

  /** The grant as its latest version stands (an amendment may have moved money between lines or the end date). */
  private async approved(m: EntityManager, g: GrantEntity): Promise<{ lines: ApprovedBudgetLine[]; startDate: string; endDate: string; descriptions: Map<string, string> }> {
    const versions = await this.grants.versions(m, g.id);
    const last = versions[versions.length - 1];
    const v: GrantVersion = last ? (last.snapshot as unknown as GrantVersion) : versionOf(g, 1, null);
    return {
      lines: v.budgetLines.map((l) => ({ lineId: l.lineId, heading: l.heading, description: l.description, approvedCents: l.approvedCents })),
      startDate: v.startDate, endDate: v.endDate,
      descriptions: new Map(v.budgetLines.map((l) => [l.lineId, l.description ?? ''])),
    };
  }

  private statementLines(statement: ExpenditureStatement, descriptions: Map<string, string>, comments: Record<string, string> = {}) {
    const lines = statement.lines.map((l) => ({
      lineId: l.lineId, heading: l.heading, description: descriptions.get(l.lineId) || null, approvedCents: l.approvedCents,
      spentBeforeCents: l.cumulativeCents - l.spentInPeriodCents, spentInPeriodCents: l.spentInPeriodCents, cumulativeCents: l.cumulativeCents,
      remainingCents: l.remainingCents, varianceBp: l.varianceBp, usedBp: l.usedBp, overspent: l.overspent, comment: comments[l.lineId] ?? null,
    }));
    const t = statement.totals;
    return {
      lines,
      totals: { approvedCents: t.approvedCents, spentBeforeCents: t.cumulativeCents - t.spentInPeriodCents, spentInPeriodCents: t.spentInPeriodCents, cumulativeCents: t.cumulativeCents, remainingCents: t.remainingCents, varianceBp: t.varianceBp },
      unbudgeted: statement.unbudgeted,
    };
  }

  private summary(r: ExpenditureReportEntity) {
    return { id: r.id, seq: r.seq, periodStart: r.periodStart, periodEnd: r.periodEnd, status: r.status, spentCents: r.spentCents, submittedAt: iso(r.submittedAt), reviewedAt: iso(r.reviewedAt) };
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  /** GET grants/:id/expenditure: budget vs spent by line over every accepted report, the burn rate, the reports, the next period. */
  async overview(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    const m = this.ds.manager;
    const g = await this.grants.grant(m, grantId);
    const reports = await this.repo.reports(m, grantId);
    const asOf = await this.grants.today(m);
    if (!g.startDate || !g.endDate || !g.budget) {
      return { grantId, asOf, period: null, lines: [], totals: { approvedCents: 0, spentBeforeCents: 0, spentInPeriodCents: 0, cumulativeCents: 0, remainingCents: 0, varianceBp: null }, unbudgeted: [], burnRate: { spentCents: 0, approvedCents: 0, daysElapsed: 0, totalDays: 0, spentBp: null, elapsedBp: 0, gapBp: null, burnRatioBp: null }, reports: [], next: null };
    }
    const a = await this.approved(m, g);
    const ge = grantExpenditure(a.lines, reports, a, asOf);
    const mayAct = g.status === 'in_force' && (await this.access.hasAccess(actor, 'grant.act.own', [grantId]));
    const next = mayAct ? nextExpenditurePeriod(a, g.reportingSchedule, reports) : null;
    return {
      grantId, asOf, period: ge.period, ...this.statementLines(ge.statement, a.descriptions), burnRate: ge.burnRate,
      reports: reports.map((r) => this.summary(r)),
      next: next && next.ok ? { periodStart: next.periodStart, periodEnd: next.periodEnd } : null,
    };
  }

  async view(actor: AuthUser, id: string) {
    const grantId = await this.grantOf(actor, id, 'grant.read.own');
    return this.viewOf(this.ds.manager, actor, grantId, id);
  }

  private async viewOf(m: EntityManager, actor: AuthUser, grantId: string, id: string) {
    const g = await this.grants.grant(m, grantId);
    const r = await this.repo.report(m, id);
    const reports = await this.repo.reports(m, grantId);
    const a = await this.approved(m, g);
    const statement = expenditureStatement(a.lines, r, reports);
    const editable = r.status === 'draft' || r.status === 'returned';
    const canEdit = editable && g.status === 'in_force' && (await this.access.hasAccess(actor, 'grant.act.own', [grantId]));
    const canReview = r.status === 'submitted' && can(actor, 'grant.manage') && (await this.access.hasAccess(actor, 'grant.manage', [grantId]));
    const documents = (await this.repo.files(m, g.organizationId, r.documentFileIds)).map((f) => ({ id: f.id, fileName: f.fileName, sha256: f.sha256, size: f.size }));
    return {
      ...this.summary(r), grantId, agreementNumber: g.agreementNumber, version: r.version,
      ...this.statementLines(statement, a.descriptions, r.lineComments),
      documents, returnComment: r.returnComment, createdAt: iso(r.createdAt)!,
      problems: editable ? expenditureSubmissionProblems(r, a.lines, a, reports, await this.grants.today(m)) : [],
      canEdit, canReview,
    };
  }

  /** A supporting document of the report, for whoever reads its grant. */
  async fileOf(actor: AuthUser, id: string, fileId: string) {
    await this.grantOf(actor, id, 'grant.read.own');
    const r = await this.repo.report(this.ds.manager, id);
    if (!r.documentFileIds.includes(fileId)) throw AppError.notFound('file');
    const file = await this.ds.getRepository(FileEntity).findOneOrFail({ where: { id: fileId } });
    return { file, stream: await this.storage.get(file.storageKey) };
  }

  // -------------------------------------------------------------------------------------------------------
  // The organisation's report

  async create(actor: AuthUser, grantId: string, dto: CreateExpenditureReportDto) {
    await this.access.requireAccess(actor, 'grant.act.own', [grantId]);
    const id = await this.ds.transaction(async (m) => {
      const g = await this.grants.grant(m, grantId, true);
      if (g.status !== 'in_force') {
        throw AppError.conflict('grant_not_in_force', 'Expenditure is reported on a grant in force', [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
      }
      const a = await this.approved(m, g);
      const reports = await this.repo.reports(m, grantId);
      const next = nextExpenditurePeriod(a, g.reportingSchedule, reports, dto.periodEnd);
      if (!next.ok) {
        if (next.field === 'periodEnd') throw AppError.badRequest('periodEnd', next.code, PROBLEM_TEXT[next.code] ?? next.code);
        const open = reports.find((r) => r.status !== 'accepted');
        throw AppError.conflict(next.code, next.code === 'open_report'
          ? `Expenditure report ${open?.seq} is not accepted yet: finish it first`
          : 'Every period of the grant is reported', [{ field: 'grant', code: next.code, message: open?.id ?? next.code }]);
      }
      const created = await this.repo.insertDraft(m, { grantId, periodStart: next.periodStart, periodEnd: next.periodEnd, lines: normalizeExpenditureLines([], a.lines), createdBy: actor.id });
      await this.audit.record(m, actor, {
        action: 'expenditure_report.created', entity: 'expenditure_report', entityId: created,
        summary: `${g.agreementNumber}: expenditure report for ${next.periodStart} to ${next.periodEnd} opened by ${actor.email}`,
      });
      return created;
    });
    return this.viewOf(this.ds.manager, actor, grantId, id);
  }

  async save(actor: AuthUser, id: string, dto: SaveExpenditureReportDto) {
    const grantId = await this.grantOf(actor, id, 'grant.act.own');
    await this.ds.transaction(async (m) => {
      const g = await this.grants.grant(m, grantId, true);
      const r = await this.repo.report(m, id, true);
      if (r.status !== 'draft' && r.status !== 'returned') {
        throw AppError.conflict('not_editable', `Expenditure report ${r.seq} is ${r.status}: it is no longer changed`, [{ field: 'status', code: 'not_editable', message: r.status }]);
      }
      if (r.version !== dto.version) throw this.stale();
      const a = await this.approved(m, g);
      const known = new Set(a.lines.map((l) => l.lineId));
      const seen = new Set<string>();
      const bad: ExpenditureProblem[] = [];
      dto.lines.forEach((l, i) => {
        if (!known.has(l.lineId)) bad.push({ field: `lines.${i}.lineId`, code: 'not_in_budget' });
        else if (seen.has(l.lineId)) bad.push({ field: `lines.${i}.lineId`, code: 'duplicate' });
        seen.add(l.lineId);
      });
      if (bad.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_lines', 'Report spending on the lines of the approved budget, each once', details(bad));
      const documentFileIds = [...new Set(dto.documentFileIds ?? r.documentFileIds)];
      const files = await this.repo.files(m, g.organizationId, documentFileIds);
      if (files.length !== documentFileIds.length) throw AppError.badRequest('documentFileIds', 'unknown_file', 'Upload the documents first (POST /api/grants/:id/documents)');
      const lines = normalizeExpenditureLines(dto.lines, a.lines);
      const total = expenditureLinesTotal(lines);
      await this.repo.saveLines(m, id, lines, total, documentFileIds);
      await this.audit.record(m, actor, {
        action: 'expenditure_report.saved', entity: 'expenditure_report', entityId: id,
        summary: `${g.agreementNumber}: expenditure report ${r.seq} saved by ${actor.email}: ${lines.map((l) => `${l.lineId} ${l.spentCents}`).join(', ')} cents (total ${total})${files.length ? `; documents ${files.map((f) => `${f.fileName} ${f.sha256.slice(0, 12)}`).join(', ')}` : ''}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, grantId, id);
  }

  async submit(actor: AuthUser, id: string, version: number) {
    const grantId = await this.grantOf(actor, id, 'grant.act.own');
    await this.ds.transaction(async (m) => {
      const g = await this.grants.grant(m, grantId, true);
      const r = await this.repo.report(m, id, true);
      if (r.version !== version) throw this.stale();
      if (g.status !== 'in_force') throw AppError.conflict('grant_not_in_force', 'Expenditure is reported on a grant in force', [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
      if (r.status === 'draft' || r.status === 'returned') {
        const a = await this.approved(m, g);
        const problems = expenditureSubmissionProblems(r, a.lines, a, await this.repo.reports(m, grantId), await this.grants.today(m));
        if (problems.length) throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_report', `Expenditure report ${r.seq} cannot be submitted: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, details(problems));
      }
      await changeExpenditureReportStatus(m, this.audit, actor, id, 'submitted', {
        set: { submittedAt: new Date(), submittedBy: actor.id },
        audit: { action: 'expenditure_report.submitted', summary: `${g.agreementNumber}: expenditure report ${r.seq} (${r.periodStart} to ${r.periodEnd}), ${r.spentCents} cents spent, submitted by ${actor.email}` },
      });
      const names = await this.grants.names(m, g);
      await this.notifications.notify(m, {
        recipients: await this.grants.secretariat(m), kind: 'expenditure.submitted',
        params: { organization: names.organizationName, agreementNumber: g.agreementNumber, seq: r.seq, periodStart: r.periodStart, periodEnd: r.periodEnd },
        link: `/expenditure-reports/${id}`, eventKey: `expenditure:${id}:submitted:${r.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, grantId, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // The Secretariat's review

  async review(actor: AuthUser, id: string, dto: ReviewExpenditureReportDto) {
    const grantId = await this.grantOf(actor, id, 'grant.manage');
    await this.ds.transaction(async (m) => {
      const g = await this.grants.grant(m, grantId, true);
      const r = await this.repo.report(m, id, true);
      if (r.version !== dto.version) throw this.stale();
      const a = await this.approved(m, g);
      const problems = expenditureReviewProblems(dto, a.lines.map((l) => l.lineId));
      if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_review', dto.decision === 'return' ? 'Say why the report goes back, on the report or on its lines' : 'The comments name lines of the budget', details(problems));
      const lineComments = Object.fromEntries((dto.lineComments ?? []).map((c) => [c.lineId, c.comment.trim()]));
      const comment = dto.comment?.trim() || null;
      const to = dto.decision === 'accept' ? 'accepted' : 'returned';
      await changeExpenditureReportStatus(m, this.audit, actor, id, to, {
        set: { reviewedAt: new Date(), reviewedBy: actor.id, lineComments, returnComment: comment },
        audit: {
          action: `expenditure_report.${to}`,
          summary: `${g.agreementNumber}: expenditure report ${r.seq} (${r.spentCents} cents) ${to} by ${actor.email}${comment ? `: ${comment}` : ''}${Object.keys(lineComments).length ? `; on lines ${Object.entries(lineComments).map(([l, c]) => `${l}: ${c}`).join('; ')}` : ''}`,
        },
      });
      const reason = comment ?? Object.entries(lineComments).map(([l, c]) => `${l}: ${c}`).join('; ');
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: to === 'accepted' ? 'expenditure.accepted' : 'expenditure.returned',
        params: { agreementNumber: g.agreementNumber, seq: r.seq, amount: centsToDecimal(r.spentCents), reason },
        link: `/expenditure-reports/${id}`, eventKey: `expenditure:${id}:${to}:${r.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, grantId, id);
  }

  private stale() {
    return AppError.conflict('version_conflict', 'The report has changed since you opened it. Reload to see the changes.', [{ field: 'version', code: 'version_conflict', message: 'The report has changed since you opened it' }]);
  }
}
