import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  can, draftStrategyReport, emptyStrategyNarrative, isStrategyReportEditable, normalizeStrategyNarrative, strategyNarrativeProblems, strategyReportCanonical,
  strategyReportPeriod, strategyReportPeriodProblems, type StrategyReportFigures, type StrategyReportNarrative, type StrategyReportProblem,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError, type ErrorDetail } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { CreateStrategyReportDto, StrategyReportExportQuery, UpdateStrategyReportDto } from './dtos/strategy-reports.dtos';
import type { StrategyReportResponseDto, StrategyReportSummaryResponseDto } from './dtos/strategy-reports-response.dto';
import type { StrategyReportForExport } from './strategy-report-document';
import { strategyReportDocx, strategyReportPdf } from './strategy-report-export';
import { changeStrategyReportStatus } from './strategy-report-status';
import { strategyReportWords } from './strategy-report-texts';
import { StrategyReportsRepository, type StrategyReportListRow, type StrategyReportRecord } from './strategy-reports.repository';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const PROBLEM_TEXT: Record<string, string> = {
  invalid: 'Not one of the allowed values',
  outside_strategy: 'Not a year of the National Strategy 2022–2026',
  required: 'Required for a 6-month report (1 = January–June, 2 = July–December)',
  not_for_annual: 'An annual report covers the whole year: no half',
  period_not_started: 'The period has not begun yet',
  not_object: 'Not of the expected shape',
  unknown_key: 'Not a field of the narrative',
  not_text: 'A text',
  too_long: 'Too long',
  unknown_objective: 'Not an objective of the National Strategy (or none)',
};
const detailsOf = (problems: readonly StrategyReportProblem[]): ErrorDetail[] => problems.map((p) => ({ field: p.field, code: p.code, message: PROBLEM_TEXT[p.code] ?? p.code }));

export type StrategyReportFile = { body: Buffer; contentType: string; filename: string };

/**
 * The Secretariat's 6-month and annual reports on the National Strategy: drafted from the portfolio for the period
 * (libs/domain draftStrategyReport over the repository's set-wise rows), the narrative edited with an optimistic lock,
 * redrafted while a draft, issued (frozen with the SHA-256 of its canonical content), exported as DOCX and PDF in
 * en / sq / sr (Latin or Cyrillic). The Secretariat manages (`strategy_report.manage`); observers read issued reports
 * (`portfolio.read` over the whole portfolio: a monitor, whose portfolio is its own grants, reads none).
 */
@Injectable()
export class StrategyReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: StrategyReportsRepository,
  ) {}

  private stale() {
    return AppError.conflict('version_conflict', 'The report has changed since you opened it (someone else edited or redrafted it). Reload to see the changes.', [
      { field: 'version', code: 'version_conflict', message: 'The report has changed since you opened it' },
    ]);
  }

  private frozen() {
    return AppError.conflict('report_issued', 'The report is issued and frozen: it can no longer change', [{ field: 'status', code: 'report_issued', message: 'The report is issued' }]);
  }

  /** Who drafted and issued it are the Secretariat's own staff: named to the Secretariat, not to observers (no personal field leaves the Secretariat). */
  private summary(r: StrategyReportListRow | StrategyReportRecord, grants: number, manage: boolean): StrategyReportSummaryResponseDto {
    return {
      id: r.id, kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, status: r.status, version: r.version, sha256: r.sha256,
      draftedAt: iso(r.draftedAt)!, issuedAt: iso(r.issuedAt), issuedByName: manage ? r.issuedByName : null, createdByName: manage ? r.createdByName : null, grants,
    };
  }

  private detail(actor: AuthUser, r: StrategyReportRecord): StrategyReportResponseDto {
    const figures = r.figures as unknown as StrategyReportFigures;
    const manage = can(actor, 'strategy_report.manage');
    const editable = manage && isStrategyReportEditable(r.status);
    return {
      ...this.summary(r, figures.totals?.grants ?? 0, manage),
      figures,
      narrative: normalizeStrategyNarrative(r.narrative as Partial<StrategyReportNarrative>),
      can: { edit: editable, redraft: editable, issue: editable },
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  async list(actor: AuthUser) {
    await this.access.requireAccess(actor, 'portfolio.read', []);
    const manage = await this.access.hasAccess(actor, 'strategy_report.manage', []);
    const rows = await this.repo.list(this.ds.manager, { issuedOnly: !manage });
    return { items: rows.map((r) => this.summary(r, Number(r.grants), manage)), canManage: manage };
  }

  /** The report the actor may read: the Secretariat any; an observer an issued one (a draft does not exist for it). */
  private async readable(m: EntityManager, actor: AuthUser, id: string): Promise<StrategyReportRecord> {
    await this.access.requireAccess(actor, 'portfolio.read', []);
    const r = await this.repo.find(m, id);
    if (!r) throw AppError.notFound('strategy report');
    if (r.status !== 'issued' && !(await this.access.hasAccess(actor, 'strategy_report.manage', []))) throw AppError.notFound('strategy report');
    return r;
  }

  async view(actor: AuthUser, id: string): Promise<StrategyReportResponseDto> {
    return this.detail(actor, await this.readable(this.ds.manager, actor, id));
  }

  // -------------------------------------------------------------------------------------------------------
  // Drafting, editing, issuing

  private async figuresFor(m: EntityManager, kind: StrategyReportFigures['kind'], periodStart: string, periodEnd: string): Promise<StrategyReportFigures> {
    const rows = await this.repo.draftRows(m, periodStart, periodEnd);
    return draftStrategyReport({ kind, periodStart, periodEnd, ...rows });
  }

  async create(actor: AuthUser, dto: CreateStrategyReportDto): Promise<StrategyReportResponseDto> {
    await this.access.requireAccess(actor, 'strategy_report.manage', []);
    const half = dto.half ?? null;
    const today = await this.repo.today(this.ds.manager);
    const problems = strategyReportPeriodProblems({ kind: dto.kind, year: dto.year, half }, today);
    if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_period', `Not a period to report on: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, detailsOf(problems));
    const period = strategyReportPeriod(dto.kind, dto.year, half);
    const { id, figures } = await this.ds.transaction('REPEATABLE READ', async (m) => {
      const existing = await this.repo.findByPeriod(m, period.kind, period.start);
      if (existing) throw this.alreadyDrafted(existing.id);
      const figures = await this.figuresFor(m, period.kind, period.start, period.end);
      const newId = await this.repo.insert(m, { kind: period.kind, periodStart: period.start, periodEnd: period.end, figures, narrative: emptyStrategyNarrative(), createdBy: actor.id });
      if (!newId) throw this.alreadyDrafted(null);
      await this.audit.record(m, actor, {
        action: 'strategy_report.drafted', entity: 'strategy_report', entityId: newId,
        summary: `${period.kind} report ${period.start}–${period.end} drafted by ${actor.email}: ${figures.totals.grants} grants, ${figures.sections.length} sections`,
      });
      return { id: newId, figures };
    });
    return this.withFigures(actor, id, figures);
  }

  /** The answer after drafting or redrafting: the figures just computed, not read back from the database. */
  private async withFigures(actor: AuthUser, id: string, figures: StrategyReportFigures): Promise<StrategyReportResponseDto> {
    const meta = await this.repo.findMeta(this.ds.manager, id);
    if (!meta) throw AppError.notFound('strategy report');
    return this.detail(actor, { ...meta, figures: figures as unknown as Record<string, unknown> });
  }

  private alreadyDrafted(id: string | null) {
    return AppError.conflict('already_drafted', 'A report of this kind for this period already exists: open it and redraft it', [
      { field: 'kind', code: 'already_drafted', message: id ? `Report ${id}` : 'A report of this kind and period exists' },
    ]);
  }

  /** Locks the draft and checks it is still the version the Secretariat read. */
  private async lockedDraft(m: EntityManager, id: string, version: number): Promise<Omit<StrategyReportRecord, 'figures'>> {
    const r = await this.repo.findMeta(m, id, { lock: true });
    if (!r) throw AppError.notFound('strategy report');
    if (!isStrategyReportEditable(r.status)) throw this.frozen();
    if (r.version !== version) throw this.stale();
    return r;
  }

  async update(actor: AuthUser, id: string, dto: UpdateStrategyReportDto): Promise<StrategyReportResponseDto> {
    await this.access.requireAccess(actor, 'strategy_report.manage', []);
    const problems = strategyNarrativeProblems(dto.narrative);
    if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_narrative', `The narrative cannot be saved: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, detailsOf(problems));
    const narrative = normalizeStrategyNarrative(dto.narrative);
    await this.ds.transaction(async (m) => {
      const r = await this.lockedDraft(m, id, dto.version);
      if (!(await this.repo.updateNarrative(m, id, dto.version, narrative, actor.id))) throw this.stale();
      await this.audit.record(m, actor, { action: 'strategy_report.edited', entity: 'strategy_report', entityId: id, summary: `${r.kind} report ${r.periodStart}–${r.periodEnd}: narrative edited by ${actor.email}` });
    });
    return this.view(actor, id);
  }

  async redraft(actor: AuthUser, id: string, version: number): Promise<StrategyReportResponseDto> {
    await this.access.requireAccess(actor, 'strategy_report.manage', []);
    const figures = await this.ds.transaction('REPEATABLE READ', async (m) => {
      const r = await this.lockedDraft(m, id, version);
      const figures = await this.figuresFor(m, r.kind, r.periodStart, r.periodEnd);
      if (!(await this.repo.updateFigures(m, id, version, figures, actor.id))) throw this.stale();
      await this.audit.record(m, actor, {
        action: 'strategy_report.redrafted', entity: 'strategy_report', entityId: id,
        summary: `${r.kind} report ${r.periodStart}–${r.periodEnd} redrafted by ${actor.email}: ${figures.totals.grants} grants, ${figures.sections.length} sections`,
      });
      return figures;
    });
    return this.withFigures(actor, id, figures);
  }

  async issue(actor: AuthUser, id: string, version: number): Promise<StrategyReportResponseDto> {
    await this.access.requireAccess(actor, 'strategy_report.manage', []);
    await this.ds.transaction(async (m) => {
      await this.lockedDraft(m, id, version);
      const r = (await this.repo.find(m, id))!;
      const narrative = normalizeStrategyNarrative(r.narrative as Partial<StrategyReportNarrative>);
      const hash = sha256Hex(strategyReportCanonical({ kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, figures: r.figures as unknown as StrategyReportFigures, narrative }));
      await changeStrategyReportStatus(m, this.audit, actor, id, 'issued', {
        set: { sha256: hash, issuedAt: new Date(), issuedBy: actor.id, narrative: narrative as unknown as Record<string, unknown> },
        audit: { action: 'strategy_report.issued', summary: `${r.kind} report ${r.periodStart}–${r.periodEnd} issued by ${actor.email} (SHA-256 ${hash})` },
      });
      // observers may now read it: told through the outbox, in the same transaction, each in its language
      const observers = await this.repo.observers(m);
      for (const lang of ['en', 'sq', 'sr'] as const) {
        const recipients = observers.filter((o) => o.language === lang);
        if (!recipients.length) continue;
        await this.notifications.notify(m, {
          recipients, kind: 'strategy_report.issued', params: { report: strategyReportWords(lang, r.kind, r.periodStart), sha256: hash },
          link: `/portfolio/reports/${id}`, eventKey: `strategy_report.${id}.issued`,
        });
      }
    });
    return this.view(actor, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // Exports

  async export(actor: AuthUser, id: string, q: StrategyReportExportQuery): Promise<StrategyReportFile> {
    const r = await this.readable(this.ds.manager, actor, id);
    const reader = { language: q.language, script: q.language === 'sr' ? (q.script ?? 'latin') : 'latin' } as const;
    const doc: StrategyReportForExport = {
      kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, status: r.status, figures: r.figures as unknown as StrategyReportFigures,
      narrative: normalizeStrategyNarrative(r.narrative as Partial<StrategyReportNarrative>), draftedAt: r.draftedAt, sha256: r.sha256, issuedAt: r.issuedAt,
      issuedByName: (await this.access.hasAccess(actor, 'strategy_report.manage', [])) ? r.issuedByName : null,
    };
    const base = `strategy-report-${r.kind === 'annual' ? 'annual' : '6-month'}-${r.periodStart}${r.status === 'issued' ? '' : '-DRAFT'}-${q.language}${reader.script === 'cyrillic' ? '-cyrl' : ''}`;
    if (q.format === 'docx') {
      return { body: await strategyReportDocx(doc, reader), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: `${base}.docx` };
    }
    return { body: await strategyReportPdf(doc, reader), contentType: 'application/pdf', filename: `${base}.pdf` };
  }
}
