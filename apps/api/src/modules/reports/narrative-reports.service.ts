import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BENEFICIARY_BREAKDOWNS, beneficiaryCountProblems, can, checkNarrativeReportTransition, compareNarrativeReportVersions, elapsedShareBp, emptyBeneficiaryTable,
  emptyNarrativeReportContent, freezeNarrativeReportVersion, indicatorProgress, indicatorValueToString, isNarrativeReportEditable, isNarrativeReportEscalated,
  isNarrativeReportHandedIn, isNarrativeReportOverdue, logframeItems, narrativeLogframeKeys, narrativeReportCompleteness, narrativeReportContentProblems,
  narrativeReportFreeText, parseIndicatorValue, personalDataConfirmation, reviewCommentProblems, scanFields, suppressBeneficiaryTable,
  suppressNarrativeReportChanges, unconfirmedFindings, type BeneficiaryBreakdown, type BeneficiaryTable, type GrantLogframe, type NarrativeReportContent,
  type NarrativeReportProblem, type NarrativeReportStatus, type PersonalDataConfirmation, type ShownBeneficiaryTable,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError, type ErrorDetail } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { refuseClosedGrant } from '../grants/closed-grant';
import { NotificationsService } from '../notifications/notifications.service';
import type {
  ListNarrativeReportsQuery, NarrativeReportCommentInputDto, ReturnNarrativeReportDto, SaveNarrativeReportDto, SubmitNarrativeReportDto,
} from './dtos/narrative-reports.dtos';
import { changeNarrativeReportStatus } from './narrative-report-status';
import { NarrativeReportsRepository, type NarrativeReportRecord, type NarrativeReportRow, type ReportScope, type ReportedGrant } from './narrative-reports.repository';

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Plain-English wording of each problem code; the screens translate `code` (reports.problems.<code>). */
const PROBLEM_TEXT: Record<string, string> = {
  required: 'Required',
  not_text: 'A text',
  not_object: 'Not of the expected shape',
  not_list: 'A list',
  not_count: 'A whole number, 0 or more',
  unknown_key: 'Not a field of the report',
  not_in_logframe: "Not in the grant's logframe",
  invalid: 'Not one of the allowed values',
  too_long: 'Too long',
  too_many: 'Too many',
  not_a_number: 'Not a number',
  too_precise: 'At most three decimals',
  negative: 'Not below 0',
  below_previous: 'Below the cumulative value of the previous report',
  sum_mismatch: 'Does not add up to the total',
  only_on_indicators: 'An indicator is commented on the indicators section',
  personal_data_unconfirmed: 'Looks like personal data of a beneficiary: remove it, or confirm it is not',
  invalid_date: 'Not a calendar date',
  not_after_due_date: 'Not after the due date in force',
  already_handed_in: 'The report is already handed in',
  request_pending: 'A request is already waiting for the Secretariat',
};

const detailsOf = (problems: readonly NarrativeReportProblem[], prefix = ''): ErrorDetail[] =>
  problems.map((p) => ({ field: p.field ? `${prefix}${p.field}` : prefix.replace(/\.$/, '') || 'content', code: p.code, message: PROBLEM_TEXT[p.code] ?? p.code }));

/** Who the actor is to this grant. */
export type Standing = { secretariat: boolean; monitor: boolean; organisation: boolean; observer: boolean };

export function standingOf(actor: AuthUser, g: Pick<ReportedGrant, 'organizationId' | 'monitorId'>): Standing {
  return {
    secretariat: can(actor, 'report.review'),
    monitor: actor.role === 'monitor' && g.monitorId === actor.id,
    organisation: !!actor.organizationId && actor.organizationId === g.organizationId && can(actor, 'report.submit'),
    observer: actor.role === 'observer',
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The stored content brought to the grant's logframe as it is now: an entry for every result, activity and indicator
 * (blank when new), none for a key the logframe no longer has, every text present. A new report's '{}' becomes the
 * empty report.
 */
export function normalizedContent(stored: unknown, logframe: GrantLogframe | null): NarrativeReportContent {
  const empty = emptyNarrativeReportContent(logframe);
  if (!isPlainObject(stored)) return empty;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const part = (name: 'results' | 'activities' | 'indicators') => (isPlainObject(stored[name]) ? (stored[name] as Record<string, unknown>) : {});
  const out: NarrativeReportContent = {
    general: { summary: text(isPlainObject(stored.general) ? stored.general.summary : '') },
    results: {}, activities: {}, indicators: {},
    beneficiaries: isPlainObject(stored.beneficiaries) ? { ...emptyBeneficiaryTable(), ...(stored.beneficiaries as Partial<BeneficiaryTable>) } : emptyBeneficiaryTable(),
    challenges: text(stored.challenges), lessons: text(stored.lessons), nextPlan: text(stored.nextPlan),
  };
  for (const k of Object.keys(empty.results)) {
    const e = part('results')[k];
    out.results[k] = { summary: text(isPlainObject(e) ? e.summary : '') };
  }
  for (const k of Object.keys(empty.activities)) {
    const e = part('activities')[k];
    const a = isPlainObject(e) ? e : {};
    out.activities[k] = { done: text(a.done), status: [1, 2, 3, 4].includes(a.status as number) ? (a.status as 1 | 2 | 3 | 4) : null, deviations: text(a.deviations) };
  }
  for (const k of Object.keys(empty.indicators)) {
    const e = part('indicators')[k];
    const i = isPlainObject(e) ? e : {};
    const value = (v: unknown) => (typeof v === 'string' ? v : null);
    out.indicators[k] = {
      periodValue: value(i.periodValue), cumulativeValue: value(i.cumulativeValue), comment: text(i.comment),
      evidenceFileIds: Array.isArray(i.evidenceFileIds) ? i.evidenceFileIds.filter((x): x is string => typeof x === 'string') : [],
    };
  }
  return out;
}

/** The table as anyone but the organisation sees it; null while it does not add up (a draft being typed). */
function shownTable(table: unknown): ShownBeneficiaryTable | null {
  if (beneficiaryCountProblems(table).length > 0) return null;
  return suppressBeneficiaryTable(table as BeneficiaryTable);
}

/**
 * Narrative reports (issue 12): the interim and final reports of the grant's schedule. The organisation writes its
 * report against the logframe (saved with its version: a stale one is a 409), scans it for personal data, submits it
 * (frozen as a version with its SHA-256, its figures written for the portfolio, the Secretariat and the monitor told);
 * the Secretariat accepts it or returns it with comments per section and indicator; the monitor, the organisation and
 * the Secretariat comment. Every read and change starts at the access check; beneficiary counts from 1 to 4 are "<5"
 * for anyone but the organisation, in the report, its versions and the comparison.
 */
@Injectable()
export class NarrativeReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: NarrativeReportsRepository,
  ) {}

  private stale() {
    return AppError.conflict('version_conflict', 'The report has changed since you opened it (on another device, or by someone else). Reload to see the changes.', [
      { field: 'version', code: 'version_conflict', message: 'The report has changed since you opened it' },
    ]);
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  private summary(r: NarrativeReportRow, today: string) {
    const due = { status: r.status, dueDate: r.dueDate };
    return {
      id: r.id, grantId: r.grantId, agreementNumber: r.agreementNumber, organizationName: r.organizationName, kind: r.kind, seq: r.seq,
      periodStart: r.periodStart, periodEnd: r.periodEnd, dueDate: r.dueDate, scheduledDueDate: r.scheduledDueDate, status: r.status,
      overdue: isNarrativeReportOverdue(due, today), escalated: isNarrativeReportEscalated(due, today),
      submittedVersion: r.submittedVersion, submittedAt: iso(r.submittedAt), version: r.version,
    };
  }

  async list(actor: AuthUser, q: ListNarrativeReportsQuery) {
    await this.access.requireAccess(actor, 'narrative_report.read', []);
    const scope: ReportScope | null = can(actor, 'report.review') || actor.role === 'observer' ? { kind: 'all' }
      : actor.role === 'monitor' ? { kind: 'monitor', monitorId: actor.id }
        : actor.organizationId ? { kind: 'organization', organizationId: actor.organizationId } : null;
    if (!scope) throw AppError.notFound();
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 100;
    // no transaction unless a grant's rows are made: a list that holds a connection while it is read and answered
    // left most of the pool idle in transaction under load (bench:reports)
    const read = async (m: EntityManager) => {
      // the rows of every grant's schedule are made when it enters force, kept in step by amendments and checked by
      // the worker's planner every few minutes; making them for all grants on every read cost ~20 ms of PostgreSQL
      // per list (bench:reports), so only one grant's are made here, when the list is of one grant
      if (q.grantId) await this.repo.ensure(m, q.grantId);
      const today = await this.repo.today(m);
      const { rows, total } = await this.repo.list(m, {
        scope, status: q.status, grantId: q.grantId, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', limit: pageSize, offset: (page - 1) * pageSize,
      });
      return { items: rows.map((r) => this.summary(r, today)), total };
    };
    return q.grantId ? this.ds.transaction(read) : read(this.ds.manager);
  }

  async ofGrant(actor: AuthUser, grantId: string) {
    await this.access.requireAccess(actor, 'grant.read.own', [grantId]);
    await this.access.requireAccess(actor, 'narrative_report.read', []);
    return this.ds.transaction(async (m) => {
      await this.repo.ensure(m, grantId);
      const today = await this.repo.today(m);
      const { rows, total } = await this.repo.list(m, { scope: { kind: 'all' }, grantId, limit: 1000, offset: 0 });
      return { items: rows.map((r) => this.summary(r, today)), total };
    });
  }

  async view(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    return this.viewOf(this.ds.manager, actor, id);
  }

  /** The content the reader may see: the organisation its draft; anyone else the last submitted version, suppressed. */
  private async readableContent(m: EntityManager, r: NarrativeReportRecord, g: ReportedGrant, owner: boolean) {
    if (owner) {
      const content = normalizedContent(r.content, g.logframe);
      return { raw: content, shown: content as unknown as Record<string, unknown>, table: shownTable(content.beneficiaries), contentVersion: null as number | null };
    }
    if (r.submittedVersion === 0) return { raw: null, shown: null, table: null, contentVersion: null };
    const frozen = await this.repo.version(m, r.id, r.submittedVersion);
    if (!frozen) return { raw: null, shown: null, table: null, contentVersion: null };
    const raw = normalizedContent(frozen.content, g.logframe);
    const table = suppressBeneficiaryTable(frozen.content.beneficiaries as BeneficiaryTable);
    return { raw, shown: { ...raw, beneficiaries: table } as Record<string, unknown>, table, contentVersion: frozen.version };
  }

  private async viewOf(m: EntityManager, actor: AuthUser, id: string) {
    // the reads that do not depend on each other go together (4 round trips instead of 10: bench:reports's review
    // screen); on a transaction's manager they simply queue on its one connection
    const [r, today] = await Promise.all([this.repo.report(m, id), this.repo.today(m)]);
    const g = await this.repo.grant(m, r.grantId);
    const s = standingOf(actor, g);
    const editable = isNarrativeReportEditable(r.status) && g.status === 'in_force';
    const [{ raw, shown, table, contentVersion }, requests, expenditure, comments, versions, previous] = await Promise.all([
      this.readableContent(m, r, g, s.organisation),
      this.repo.extensionRequests(m, r.id),
      this.repo.expenditureReportOfPeriod(m, r.grantId, r.periodEnd, r.expenditureReportId),
      this.repo.comments(m, r.id),
      this.repo.versions(m, r.id),
      s.organisation && editable ? this.previous(m, r) : Promise.resolve(null),
    ]);
    const items = g.logframe ? logframeItems(g.logframe) : [];
    const resultOf = (key: string) => key.replace(/\.(indicator|activity)\.\d+$/, '');
    let currentResult = '';
    const logframe = { results: [] as { key: string; text: string }[], indicators: [] as Record<string, string>[], activities: [] as { key: string; resultKey: string; text: string }[] };
    for (const it of items) {
      if (it.kind === 'result') { currentResult = it.key; logframe.results.push({ key: it.key, text: it.text }); }
      if (it.kind === 'indicator' && it.indicator) {
        const ind = it.indicator;
        logframe.indicators.push({
          key: it.key, resultKey: resultOf(it.key), name: ind.name ?? '', level: ind.level ?? '', unit: ind.unit ?? '', baseline: String(ind.baseline ?? ''),
          target: String(ind.target ?? ''), meansOfVerification: ind.meansOfVerification ?? '', frequency: ind.frequency ?? '',
        });
      }
      if (it.kind === 'activity') logframe.activities.push({ key: it.key, resultKey: currentResult, text: it.text });
    }
    const asOf = g.endDate && r.periodEnd > g.endDate ? g.endDate : r.periodEnd;
    const elapsed = g.startDate && g.endDate ? elapsedShareBp({ startDate: g.startDate, endDate: g.endDate }, asOf < g.startDate ? g.startDate : asOf) : 0;
    const indicatorProgressList = items.filter((i) => i.kind === 'indicator' && i.indicator).map((i) => {
      const v = raw?.indicators[i.key];
      return { indicatorKey: i.key, ...indicatorProgress(i.indicator!, { periodValue: v?.periodValue ?? null, cumulativeValue: v?.cumulativeValue ?? null }, elapsed) };
    });
    const completeness = s.organisation && editable && raw && previous ? this.completenessOf(raw, g.logframe, r, previous) : null;
    const pending = requests.some((x) => x.status === 'requested');
    const evidenceIds = [...new Set(Object.values(raw?.indicators ?? {}).flatMap((i) => i.evidenceFileIds))];
    return {
      ...this.summary(r, today),
      grantStartDate: g.startDate ?? '', grantEndDate: g.endDate ?? '',
      content: shown, contentVersion, beneficiaries: table,
      logframe, indicatorProgress: indicatorProgressList, completeness, expenditureReport: expenditure,
      evidenceFiles: await this.repo.organizationFiles(m, g.organizationId, evidenceIds),
      comments: comments.map((c) => ({
        id: c.id, version: c.version, kind: c.kind, authorName: c.authorName, authorRole: c.authorRole, section: c.section, indicatorId: c.indicatorId, text: c.body, createdAt: iso(c.createdAt)!,
      })),
      versions: versions.map((v) => ({ version: v.version, sha256: v.sha256, submittedAt: iso(v.submittedAt)!, submittedBy: v.submittedByName })),
      extensionRequests: requests.map((x) => ({
        id: x.id, requestedDueDate: x.requestedDueDate, reason: x.reason, status: x.status, requestedByName: x.requestedByName, requestedAt: iso(x.requestedAt)!,
        decidedByName: x.decidedByName, decidedAt: iso(x.decidedAt), decisionNote: x.decisionNote,
      })),
      can: {
        edit: s.organisation && editable,
        submit: s.organisation && editable && !!completeness?.complete,
        review: s.secretariat && r.status === 'submitted',
        comment: (s.secretariat || s.monitor || s.organisation) && r.status !== 'draft' && g.status !== 'closed',
        requestExtension: s.organisation && g.status === 'in_force' && !isNarrativeReportHandedIn(r.status) && !pending,
        decideExtension: s.secretariat && pending && g.status !== 'closed',
      },
    };
  }

  private async previous(m: EntityManager, r: NarrativeReportRecord): Promise<Record<string, string>> {
    const scaled = await this.repo.previousCumulative(m, r.grantId, r.periodEnd, r.id);
    return Object.fromEntries(Object.entries(scaled).map(([k, v]) => [k, indicatorValueToString(v)]));
  }

  private completenessOf(content: NarrativeReportContent, logframe: GrantLogframe | null, r: Pick<NarrativeReportRecord, 'kind'>, previousCumulative: Record<string, string>) {
    const c = narrativeReportCompleteness(content, logframe, { kind: r.kind, previousCumulative });
    return { complete: c.complete, problems: c.problems };
  }

  // -------------------------------------------------------------------------------------------------------
  // The organisation's draft

  /** The organisation, on a report it may still edit, of a grant in force; anyone else who sees it is refused (403). */
  private async editable(m: EntityManager, actor: AuthUser, id: string) {
    const r = await this.repo.report(m, id, true);
    const g = await this.repo.grant(m, r.grantId);
    if (!standingOf(actor, g).organisation) throw AppError.forbidden('Only the organisation writes its report');
    refuseClosedGrant(g);
    if (g.status !== 'in_force') throw AppError.conflict('grant_not_in_force', 'Reports are written on a grant in force', [{ field: 'grant', code: 'grant_not_in_force', message: g.status }]);
    if (!isNarrativeReportEditable(r.status)) {
      throw AppError.conflict('not_editable', `The report is ${r.status}: it is no longer changed`, [{ field: 'status', code: 'not_editable', message: r.status }]);
    }
    return { r, g };
  }

  async save(actor: AuthUser, id: string, dto: SaveNarrativeReportDto) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    await this.ds.transaction(async (m) => {
      const { r, g } = await this.editable(m, actor, id);
      if (r.version !== dto.version) throw this.stale();
      const problems = narrativeReportContentProblems(dto.content, g.logframe);
      if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_report', `The report cannot be saved: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, detailsOf(problems, 'content.'));
      const content = normalizedContent(dto.content, g.logframe);
      // evidence is the organisation's own uploaded files (POST /api/grants/:id/documents)
      const wanted = [...new Set(Object.values(content.indicators).flatMap((i) => i.evidenceFileIds))];
      const known = new Set((await this.repo.organizationFiles(m, g.organizationId, wanted)).map((f) => f.id));
      const unknown = Object.entries(content.indicators).flatMap(([k, i]) => i.evidenceFileIds.map((id, n) => ({ field: `content.indicators.${k}.evidenceFileIds.${n}`, id })).filter((x) => !known.has(x.id)));
      if (unknown.length) throw new AppError(HttpStatus.BAD_REQUEST, 'unknown_file', 'Upload the evidence first (POST /api/grants/:id/documents)', unknown.map((u) => ({ field: u.field, code: 'unknown_file', message: 'Not a file of the organisation' })));
      await this.repo.saveContent(m, r.id, content, actor.id);
      await this.audit.record(m, actor, {
        action: 'narrative_report.saved', entity: 'narrative_report', entityId: r.id,
        summary: `${g.agreementNumber}: ${r.kind} report ${r.seq} saved by ${actor.email} (version ${r.version})`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  /**
   * A comment carries no personal data of a victim either: each finding of the scan in its text not confirmed (kind and
   * hash) refuses it with 422, naming the field, the kind and the hash to confirm with (the message never repeats the passage; the
   * screen finds it again with the same libs/domain scan).
   */
  private refuseUnconfirmedInComments(texts: Record<string, string>, confirmations: readonly PersonalDataConfirmation[] = []) {
    const open = Object.entries(scanFields(texts)).flatMap(([field, list]) => unconfirmedFindings(list, confirmations, sha256Hex).map((f) => ({ field, ...personalDataConfirmation(f, sha256Hex) })));
    if (!open.length) return;
    throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'personal_data_unconfirmed', `${PROBLEM_TEXT.personal_data_unconfirmed}: ${open.map((o) => `${o.field} ${o.kind}`).join('; ')}`,
      open.map((o) => ({ field: o.field, code: 'personal_data_unconfirmed', message: `${o.kind} ${o.excerptHash}` })));
  }

  private findings(content: NarrativeReportContent) {
    const byField = scanFields(narrativeReportFreeText(content));
    return Object.entries(byField).flatMap(([field, list]) =>
      list.map((f) => ({ field, kind: f.kind, excerpt: f.excerpt, excerptHash: personalDataConfirmation(f, sha256Hex).excerptHash, start: f.start, end: f.end })));
  }

  /** What the personal-data scan finds in the report's free text as saved (the organisation, before submitting). */
  async privacyScan(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    const m = this.ds.manager;
    const r = await this.repo.report(m, id);
    const g = await this.repo.grant(m, r.grantId);
    if (!standingOf(actor, g).organisation) throw AppError.forbidden('Only the organisation scans its report');
    return { findings: this.findings(normalizedContent(r.content, g.logframe)) };
  }

  async submit(actor: AuthUser, id: string, dto: SubmitNarrativeReportDto) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    await this.ds.transaction(async (m) => {
      const { r, g } = await this.editable(m, actor, id);
      if (r.version !== dto.version) throw this.stale();
      const check = checkNarrativeReportTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, r.status, 'submitted');
      if (!check.ok) throw check.reason === 'not_allowed_for_actor' ? AppError.forbidden() : AppError.conflict('invalid_transition', `The report is ${r.status} and cannot be submitted`, [{ field: 'status', code: 'invalid_transition', message: r.status }]);
      const content = normalizedContent(r.content, g.logframe);
      const completeness = narrativeReportCompleteness(content, g.logframe, { kind: r.kind, previousCumulative: await this.previous(m, r) });
      // the scan's findings not confirmed: each named by its field
      const byField = scanFields(narrativeReportFreeText(content));
      const confirmations: PersonalDataConfirmation[] = dto.confirmations.map((c) => ({ kind: c.kind, excerptHash: c.excerptHash }));
      const unconfirmed = Object.entries(byField).flatMap(([field, list]) => unconfirmedFindings(list, confirmations, sha256Hex).map((f) => ({ field, kind: f.kind })));
      const details: ErrorDetail[] = [
        ...unconfirmed.map((u) => ({ field: u.field, code: 'personal_data_unconfirmed', message: `${PROBLEM_TEXT.personal_data_unconfirmed} (${u.kind})` })),
        ...detailsOf(completeness.problems),
      ];
      if (details.length) throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'report_not_ready', `The report cannot be submitted: ${details.map((d) => `${d.field} ${d.code}`).join('; ')}`, details);

      // only the confirmations of passages found are kept: kind and hash, never the passage
      const found = new Set(Object.values(byField).flat().map((f) => { const c = personalDataConfirmation(f, sha256Hex); return `${c.kind}:${c.excerptHash}`; }));
      const kept = [...new Map(confirmations.filter((c) => found.has(`${c.kind}:${c.excerptHash}`)).map((c) => [`${c.kind}:${c.excerptHash}`, c])).values()];
      const versions = await this.repo.versions(m, r.id);
      const frozen = freezeNarrativeReportVersion(content, versions, sha256Hex);
      await this.repo.insertVersion(m, { reportId: r.id, version: frozen.version, content: JSON.parse(frozen.canonical), sha256: frozen.hash, confirmations: kept, submittedBy: actor.id });
      await this.repo.replaceFigures(m, r.id, this.indicatorFigures(content), this.countFigures(content.beneficiaries));
      const expenditure = await this.repo.expenditureReportOfPeriod(m, r.grantId, r.periodEnd, r.expenditureReportId);
      if (expenditure && expenditure.id !== r.expenditureReportId) await this.repo.linkExpenditureReport(m, r.id, expenditure.id);
      await changeNarrativeReportStatus(m, this.audit, actor, r.id, 'submitted', {
        set: { submittedVersion: frozen.version, sha256: frozen.hash, submittedAt: new Date(), submittedBy: actor.id },
        audit: {
          action: 'narrative_report.submitted',
          summary: `${g.agreementNumber}: ${r.kind} report ${r.seq} submitted by ${actor.email} as version ${frozen.version}, SHA-256 ${frozen.hash}, ${kept.length} personal-data findings confirmed as not about a beneficiary`,
        },
      });
      const recipients = [...(await this.repo.secretariat(m)), ...(await this.repo.users(m, [g.monitorId]))];
      await this.notifications.notify(m, {
        recipients: [...new Map(recipients.map((x) => [x.id, x])).values()], kind: 'narrative_report.submitted',
        params: { organization: g.organizationName, agreementNumber: g.agreementNumber, seq: r.seq, periodStart: r.periodStart, periodEnd: r.periodEnd, version: frozen.version },
        link: `/reports/${r.id}`, eventKey: `narrative_report:${r.id}:submitted:${frozen.version}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  private indicatorFigures(content: NarrativeReportContent) {
    const scaled = (v: string | null) => { const p = parseIndicatorValue(v); return p.ok ? p.scaled : null; };
    return Object.entries(content.indicators).map(([indicatorId, v]) => ({ indicatorId, periodValue: scaled(v.periodValue), cumulativeValue: scaled(v.cumulativeValue) }));
  }

  private countFigures(table: BeneficiaryTable) {
    const out: { breakdown: BeneficiaryBreakdown; key: string; count: number }[] = [];
    for (const breakdown of BENEFICIARY_BREAKDOWNS) {
      for (const [key, count] of Object.entries(table[breakdown] as Record<string, number | undefined>)) if (typeof count === 'number' && count > 0) out.push({ breakdown, key, count });
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------
  // The Secretariat's review

  private async forReview(m: EntityManager, actor: AuthUser, id: string, version: number, to: NarrativeReportStatus, comments?: readonly { text: string }[]) {
    const r = await this.repo.report(m, id, true);
    const g = await this.repo.grant(m, r.grantId);
    if (!standingOf(actor, g).secretariat) throw AppError.forbidden('The Secretariat reviews reports');
    refuseClosedGrant(g);
    if (r.version !== version) throw this.stale();
    const check = checkNarrativeReportTransition({ role: actor.role, orgRole: actor.orgRole, active: actor.active }, r.status, to, comments);
    if (!check.ok) {
      if (check.reason === 'not_allowed_for_actor') throw AppError.forbidden();
      if (check.reason === 'comments_required') throw AppError.badRequest('comments', 'required', 'Say what is to be revised');
      throw AppError.conflict('invalid_transition', `The report is ${r.status} and cannot become ${to}`, [{ field: 'status', code: 'invalid_transition', message: `${r.status} → ${to}` }]);
    }
    return { r, g };
  }

  async accept(actor: AuthUser, id: string, version: number) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    await this.ds.transaction(async (m) => {
      const { r, g } = await this.forReview(m, actor, id, version, 'accepted');
      await changeNarrativeReportStatus(m, this.audit, actor, r.id, 'accepted', {
        set: { reviewedAt: new Date(), reviewedBy: actor.id },
        audit: { action: 'narrative_report.accepted', summary: `${g.agreementNumber}: ${r.kind} report ${r.seq} version ${r.submittedVersion} (SHA-256 ${r.sha256}) accepted by ${actor.email}` },
      });
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'narrative_report.accepted',
        params: { agreementNumber: g.agreementNumber, seq: r.seq, version: r.submittedVersion }, link: `/reports/${r.id}`, eventKey: `narrative_report:${r.id}:accepted:${r.submittedVersion}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  async return(actor: AuthUser, id: string, dto: ReturnNarrativeReportDto) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    await this.ds.transaction(async (m) => {
      const { r, g } = await this.forReview(m, actor, id, dto.version, 'returned', dto.comments);
      const problems = reviewCommentProblems(dto.comments, narrativeLogframeKeys(g.logframe).indicators);
      if (problems.length) throw new AppError(HttpStatus.BAD_REQUEST, 'invalid_comments', `The comments cannot be sent: ${problems.map((p) => `${p.field} ${p.code}`).join('; ')}`, detailsOf(problems));
      this.refuseUnconfirmedInComments(Object.fromEntries(dto.comments.map((c, i) => [`comments.${i}.text`, c.text])), dto.confirmations);
      for (const c of dto.comments) {
        await this.repo.insertComment(m, {
          reportId: r.id, version: r.submittedVersion, kind: 'review', authorId: actor.id, authorRole: 'secretariat', section: c.section,
          indicatorId: c.section === 'indicators' ? (c.indicatorId ?? null) : null, body: c.text.trim(),
        });
      }
      await changeNarrativeReportStatus(m, this.audit, actor, r.id, 'returned', {
        set: { reviewedAt: new Date(), reviewedBy: actor.id },
        audit: { action: 'narrative_report.returned', summary: `${g.agreementNumber}: ${r.kind} report ${r.seq} version ${r.submittedVersion} returned by ${actor.email} with ${dto.comments.length} comments` },
      });
      await this.notifications.notify(m, {
        recipients: await this.notifications.membersOf(m, g.organizationId), kind: 'narrative_report.returned',
        params: { agreementNumber: g.agreementNumber, seq: r.seq, count: dto.comments.length }, link: `/reports/${r.id}`, eventKey: `narrative_report:${r.id}:returned:${r.submittedVersion}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  // -------------------------------------------------------------------------------------------------------
  // Versions and their comparison

  async frozenVersion(actor: AuthUser, id: string, version: number) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    const m = this.ds.manager;
    const r = await this.repo.report(m, id);
    const g = await this.repo.grant(m, r.grantId);
    const owner = standingOf(actor, g).organisation;
    const v = await this.repo.version(m, id, version);
    if (!v) throw AppError.notFound('version');
    const content = normalizedContent(v.content, g.logframe);
    const table = suppressBeneficiaryTable(v.content.beneficiaries as BeneficiaryTable);
    return {
      version: v.version, sha256: v.sha256, submittedAt: iso(v.submittedAt)!, submittedBy: v.submittedByName,
      content: owner ? content : { ...content, beneficiaries: table }, beneficiaries: table,
      privacyConfirmations: (v.privacyConfirmations ?? []).map((c) => ({ kind: c.kind, excerptHash: c.excerptHash })),
    };
  }

  async compare(actor: AuthUser, id: string, from: number, to: number) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    const m = this.ds.manager;
    const r = await this.repo.report(m, id);
    const g = await this.repo.grant(m, r.grantId);
    const owner = standingOf(actor, g).organisation;
    const [a, b] = await Promise.all([this.repo.version(m, id, from), this.repo.version(m, id, to)]);
    if (!a || !b) throw AppError.notFound('version');
    const changes = compareNarrativeReportVersions(a.content, b.content);
    const shown = owner ? changes : suppressNarrativeReportChanges(changes, suppressBeneficiaryTable(a.content.beneficiaries as BeneficiaryTable), suppressBeneficiaryTable(b.content.beneficiaries as BeneficiaryTable));
    return { from, to, changes: shown };
  }

  // -------------------------------------------------------------------------------------------------------
  // Comments

  /** A comment appended by the grant's monitor, the organisation or the Secretariat, on a report handed in. */
  async comment(actor: AuthUser, id: string, dto: NarrativeReportCommentInputDto) {
    await this.access.requireAccess(actor, 'narrative_report.read', [id]);
    await this.ds.transaction(async (m) => {
      const r = await this.repo.report(m, id, true);
      const g = await this.repo.grant(m, r.grantId);
      const s = standingOf(actor, g);
      if (!(s.secretariat || s.monitor || s.organisation)) throw AppError.forbidden('Observers read reports; they do not comment');
      refuseClosedGrant(g);
      if (r.status === 'draft') throw AppError.conflict('not_handed_in', 'Comments are added once the report is handed in', [{ field: 'status', code: 'not_handed_in', message: r.status }]);
      this.refuseUnconfirmedInComments({ text: dto.text }, dto.confirmations);
      const authorRole = s.secretariat ? 'secretariat' : s.monitor ? 'monitor' : 'organisation';
      await this.repo.insertComment(m, { reportId: r.id, version: r.submittedVersion, kind: 'comment', authorId: actor.id, authorRole, section: dto.section ?? null, indicatorId: null, body: dto.text.trim() });
      await this.audit.record(m, actor, { action: 'narrative_report.commented', entity: 'narrative_report', entityId: r.id, summary: `${g.agreementNumber}: comment on ${r.kind} report ${r.seq} by ${actor.email}` });
      const recipients = authorRole === 'organisation'
        ? [...(await this.repo.users(m, [g.monitorId])), ...(await this.repo.secretariat(m))]
        : [...(await this.notifications.membersOf(m, g.organizationId)), ...(authorRole === 'secretariat' ? await this.repo.users(m, [g.monitorId]) : [])];
      await this.notifications.notify(m, {
        recipients: [...new Map(recipients.filter((x) => x.id !== actor.id).map((x) => [x.id, x])).values()], kind: 'narrative_report.commented',
        params: { author: actor.fullName, agreementNumber: g.agreementNumber, seq: r.seq }, link: `/reports/${r.id}`, eventKey: `narrative_report:${r.id}:comment:${Date.now()}:${actor.id}`,
      });
    });
    return this.viewOf(this.ds.manager, actor, id);
  }

  /** For the extension service: the report's view after a change. */
  viewAfter(actor: AuthUser, id: string) {
    return this.viewOf(this.ds.manager, actor, id);
  }
}
