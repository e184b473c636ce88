import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  admissibilityItems, admissibilityOutcome, applicationReference, canonicalJson, canSubmit, canWithdraw, completenessProblems,
  computeBudget, duplicateFlags, formatKosovo, type AdmissibilityAnswer, type ApplicationContent, type ApplicationRules, type ComputedBudget,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import type { CallDefinition } from '../calls/calls.service';
import { nextApplicationNumber } from '../calls/call-sequence';
import { CallEntity } from '../calls/entities/call.entity';
import { FileEntity } from '../files/entities/file.entity';
import { FilesService, Upload } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { toOrganizationView } from '../organizations/organizations.service';
import { AdmissibilityDto, ApplicationContentDto, ListApplicationsQuery } from './dtos/application.dtos';
import { AdmissibilityCheckEntity, ApplicationAttachmentEntity, ApplicationEntity, ApplicationSubmissionEntity } from './entities/application.entity';
import { changeApplicationStatus } from './application-status';
import { applicationsRepository, type ApplicationAutosaveRow, type ApplicationViewRow } from './applications.repository';

export function emptyContent(): ApplicationContent {
  return {
    project: { title: '', summary: '', durationMonths: 0, startDate: '', municipalities: [], targetGroups: [], beneficiariesByGroup: [] },
    logframe: { overallObjective: '', specificObjectives: [] },
    workplan: [],
    budget: { lines: [], coFinancingCents: 0, indirectCostBp: 0 },
    capacity: { experienceWithVoT: '', staff: '', licenceNumber: '' },
    attachments: [],
    declarations: { truthful: false, noDoubleFunding: false, dataProtection: false },
  };
}

export function rulesOf(def: CallDefinition): ApplicationRules {
  return {
    minGrantCents: def.minGrantCents, maxGrantCents: def.maxGrantCents, costHeadings: def.costHeadings,
    indirectCostCapBp: def.indirectCostCapBp, minCoFinancingBp: def.minCoFinancingBp, maxDurationMonths: def.maxDurationMonths,
    requiredAttachmentIds: (def.requiredAttachments ?? []).map((a) => a.id),
    // the call's priorities' Strategy codes: a specific objective's tag lies within one (asked for when several)
    priorityObjectives: (def.priorities ?? []).map((p) => p.nsObjective).filter((c): c is string => typeof c === 'string'),
  };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
type Loaded = { app: ApplicationEntity; call: CallEntity; org: OrganizationEntity };

const OUTCOME_TEXT = {
  admissible: { en: 'admissible and eligible: it goes to evaluation', sq: 'e pranueshme dhe e kualifikueshme: kalon në vlerësim', sr: 'prihvatljiva i podobna: ide na ocenjivanje' },
  rejected: { en: 'not admissible or not eligible', sq: 'e papranueshme ose e pakualifikueshme', sr: 'nije prihvatljiva ili nije podobna' },
} as const;

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
  ) {}

  private async load(m: EntityManager, id: string, lock = false): Promise<Loaded> {
    const app = await m.findOne(ApplicationEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!app) throw AppError.notFound('application');
    const call = await m.findOneByOrFail(CallEntity, { id: app.callId });
    const org = await m.findOneByOrFail(OrganizationEntity, { id: app.organizationId });
    return { app, call, org };
  }

  private async dbNow(m: EntityManager): Promise<Date> {
    return (await m.query('SELECT now() AS now'))[0].now as Date;
  }

  async create(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'call.read.published', [callId]);
    await this.access.requireAccess(actor, 'application.create', []);
    const id = await this.ds.transaction(async (m) => {
      const [call] = await m.query(`SELECT status, now() < submission_deadline_at AS open, definition FROM calls WHERE id = $1 FOR SHARE`, [callId]);
      if (call.status !== 'published' || !call.open) throw AppError.badRequest('callId', 'call_not_open', 'This call does not take applications now');
      if (!(call.definition as CallDefinition).allowMultipleApplications) {
        const exists = await m.findOne(ApplicationEntity, { where: { callId, organizationId: actor.organizationId! } });
        if (exists && exists.status !== 'withdrawn') throw AppError.conflict('application_exists', 'Your organisation already has an application to this call', [{ field: 'callId', code: 'application_exists', message: exists.id }]);
      }
      const org = await m.findOneByOrFail(OrganizationEntity, { id: actor.organizationId! });
      const app = await m.save(m.create(ApplicationEntity, {
        callId, organizationId: actor.organizationId!, status: 'draft', content: withProfileLicence(emptyContent(), org.licenceNumber), requestedCents: 0, createdBy: actor.id,
      }));
      await this.audit.record(m, actor, { action: 'application.started', entity: 'application', entityId: app.id, summary: `Draft application to call ${callId}` });
      return app.id;
    });
    return this.get(actor, id);
  }

  async list(actor: AuthUser, q: ListApplicationsQuery) {
    const any = await this.access.hasAccess(actor, 'application.read.any', []);
    if (!any && !actor.organizationId) return { items: [], total: 0 };
    const pageSize = q.pageSize ?? 100;
    return applicationsRepository.list(this.ds.manager, {
      organizationId: any ? undefined : actor.organizationId!, callId: q.callId, status: q.status, q: q.q,
      offset: ((q.page ?? 1) - 1) * pageSize, limit: pageSize,
    });
  }

  async get(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'application.read.own', [id]);
    return this.view(this.ds.manager, id);
  }

  private async attachments(m: EntityManager, applicationId: string) {
    const rows = await m.getRepository(ApplicationAttachmentEntity).createQueryBuilder('t')
      .innerJoinAndMapOne('t.file', FileEntity, 'f', 'f.id = t.file_id')
      .where('t.application_id = :applicationId AND t.deleted_at IS NULL', { applicationId }).orderBy('t.created_at').getMany();
    return rows.map((t) => {
      const f = (t as ApplicationAttachmentEntity & { file: FileEntity }).file;
      return { id: t.id, requirementId: t.requirementId, fileId: f.id, fileName: f.fileName, size: f.size, sha256: f.sha256 };
    });
  }

  /** The application's answer, read in one query (inside the caller's transaction when given one). */
  private async view(m: EntityManager, id: string) {
    const row = await applicationsRepository.view(m, id);
    if (!row) throw AppError.notFound('application');
    return toView(row, row.content, row.version);
  }

  /**
   * Autosave: the sections sent replace the stored ones; the version tells a second editor what changed. One read
   * (the application with everything its answer shows) and one write of the changed sections only, guarded by the
   * version, so no row lock is held while the answer is computed.
   */
  async save(actor: AuthUser, id: string, version: number, patch: ApplicationContentDto) {
    await this.access.requireAccess(actor, 'application.create', [id]);
    const m = this.ds.manager;
    // Most saves are one round trip: merged, written and read back in one statement. That needs the requested
    // amount without the stored budget: no budget sent (unchanged), or a complete one (the web app sends it whole).
    const b = patch.budget;
    if (!b || (b.lines !== undefined && b.coFinancingCents !== undefined && b.indirectCostBp !== undefined)) {
      const requested = b ? computeBudget(b.lines!, { indirectCostBp: b.indirectCostBp!, coFinancingCents: b.coFinancingCents! }).requestedCents : null;
      const written = await applicationsRepository.saveAndView(m, id, version, definedSections(patch), requested);
      if (written) return toView(written, written.content, written.version);
      const now = await applicationsRepository.view(m, id);
      if (!now) throw AppError.notFound('application');
      assertSavable(now, version, patch);
      throw versionConflict(now, patch);
    }
    const { row, content, version: saved } = await this.saveMerged(m, id, version, patch);
    return toView(row, content, saved);
  }

  /** A save that needs the stored content first (a budget sent in part): read, merged here, written if still at `version`. */
  private async saveMerged(m: EntityManager, id: string, version: number, patch: ApplicationContentDto) {
    const row = await applicationsRepository.view(m, id);
    if (!row) throw AppError.notFound('application');
    assertSavable(row, version, patch);
    const sections = mergeSections(row.content, patch);
    const content = { ...row.content, ...sections } as ApplicationContent;
    const { requestedCents } = computeBudget(content.budget.lines, { indirectCostBp: content.budget.indirectCostBp, coFinancingCents: content.budget.coFinancingCents });
    const saved = await applicationsRepository.saveSections(m, id, version, sections, requestedCents);
    if (!saved) {
      // changed between the read and the write (a colleague's save, a status change, the deadline): say which
      const now = await applicationsRepository.view(m, id);
      if (!now) throw AppError.notFound('application');
      assertSavable(now, version, patch);
      throw versionConflict(now, patch);
    }
    return { row, content, version: saved.version };
  }

  /**
   * Autosave as the web app's form does it (PATCH /api/applications/:id/autosave): the same write as save(), answering
   * only what a save changes (version, budget, completeness, changedSinceSubmission, clock) instead of the whole
   * application. The call's rules are kept per application with the version of the call's row they come from: the
   * statement sends the definition back only when the row changed (an amendment), so it is parsed once, not at every keystroke.
   */
  async autosave(actor: AuthUser, id: string, version: number, patch: ApplicationContentDto) {
    await this.access.requireAccess(actor, 'application.create', [id]);
    const m = this.ds.manager;
    const b = patch.budget;
    if (!b || (b.lines !== undefined && b.coFinancingCents !== undefined && b.indirectCostBp !== undefined)) {
      // a whole budget sent is the budget stored: computed once, for the requested amount and for the answer
      const budget = b ? computeBudget(b.lines!, { indirectCostBp: b.indirectCostBp!, coFinancingCents: b.coFinancingCents! }) : undefined;
      const held = callRules.held(id);
      const row = await applicationsRepository.autosave(m, id, version, definedSections(patch), budget?.requestedCents ?? null, held?.callRowVersion ?? null);
      if (row) return toAutosaveView(row, callRules.of(id, row, held), budget);
      const now = await applicationsRepository.view(m, id);
      if (!now) throw AppError.notFound('application');
      assertSavable(now, version, patch);
      throw versionConflict(now, patch);
    }
    // a budget sent in part: merged over the stored one first, as save() does
    const { row, content, version: saved } = await this.saveMerged(m, id, version, patch);
    return toAutosaveView({
      id: row.id, callId: row.callId, version: saved, status: row.status, content, now: row.now, open: row.open, callStatus: row.callStatus,
      organizationLicenceNumber: row.organizationLicenceNumber, attachments: row.attachments, latestContentSha256: latestContentSha256(row),
      callRowVersion: '', definition: row.definition,
    }, rulesOf(row.definition));
  }

  async addAttachment(actor: AuthUser, id: string, requirementId: string, upload: Upload | undefined) {
    await this.access.requireAccess(actor, 'application.create', [id]);
    await this.ds.transaction(async (m) => {
      const { app, call } = await this.load(m, id, true);
      if (!['draft', 'submitted'].includes(app.status)) throw AppError.badRequest('status', 'not_editable', 'This application can no longer be changed');
      const def = call.definition as CallDefinition;
      if (!(def.requiredAttachments ?? []).some((r) => r.id === requirementId) && requirementId !== 'other') {
        throw AppError.badRequest('requirementId', 'enum', 'The call does not ask for this attachment');
      }
      const file = await this.files.store(m, upload, { organizationId: app.organizationId, userId: actor.id, applicationId: app.id });
      await m.update(ApplicationAttachmentEntity, { applicationId: id, requirementId, deletedAt: IsNull() }, { deletedAt: new Date() });
      await m.insert(ApplicationAttachmentEntity, { applicationId: id, requirementId, fileId: file.id });
      await m.increment(ApplicationEntity, { id }, 'version', 1);
      await this.audit.record(m, actor, { action: 'application.attachment_added', entity: 'application', entityId: id, summary: `${requirementId}: ${file.fileName} (sha256 ${file.sha256})` });
    });
    return this.get(actor, id);
  }

  async removeAttachment(actor: AuthUser, id: string, attachmentId: string) {
    await this.access.requireAccess(actor, 'application.create', [id]);
    await this.ds.transaction(async (m) => {
      const { app } = await this.load(m, id, true);
      if (!['draft', 'submitted'].includes(app.status)) throw AppError.badRequest('status', 'not_editable', 'This application can no longer be changed');
      const res = await m.update(ApplicationAttachmentEntity, { id: attachmentId, applicationId: id, deletedAt: IsNull() }, { deletedAt: new Date() });
      if (!res.affected) throw AppError.notFound('attachment');
      await m.increment(ApplicationEntity, { id }, 'version', 1);
    });
  }

  /**
   * Freezes the application: a snapshot of its content, computed budget, organisation profile and attachment
   * hashes, with a SHA-256 over it, a reference and a receipt. Judged by the database's clock; the worker's
   * closing of the call does not matter here.
   */
  async submit(actor: AuthUser, id: string, version: number) {
    await this.access.requireAccess(actor, 'application.create', [id]);
    // Everything happens in one transaction, ordered so that the locks other submissions wait for are held as
    // briefly as possible: the reference comes from a sequence (no row lock), the answer is built inside the
    // transaction (no extra connections after commit), and the audit chain's lock is taken last.
    return this.ds.transaction(async (m) => {
      const { app, call, org } = await this.load(m, id, true);
      if (app.version !== version) throw AppError.conflict('version_conflict', 'The application changed since you opened it: check it and submit again.');
      const now = await this.dbNow(m);
      const attachments = await this.attachments(m, id);
      // the licence number is frozen as the organisation's profile has it now (never a number typed again)
      const stored = withProfileLicence(app.content, org.licenceNumber);
      const content = { ...stored, attachments: attachments.map((a) => ({ requirementId: a.requirementId, fileId: a.fileId })) };
      const problems = completenessProblems(content, rulesOf(call.definition as CallDefinition));
      const check = canSubmit({ status: app.status, callStatus: call.status, nowIso: now, deadlineIso: call.submissionDeadlineAt ?? now, completenessProblems: problems.length });
      if (!check.ok) {
        if (check.reason === 'incomplete') {
          throw new AppError(400, 'incomplete', 'The application is not complete yet', problems.map((p) => ({ field: p.field, code: p.code, message: p.code })));
        }
        const messages = { deadline_passed: 'The deadline has passed (Kosovo time): submission is closed', call_not_open: 'This call does not take applications', not_draft: 'This application cannot be submitted' };
        throw AppError.badRequest('status', check.reason, messages[check.reason]);
      }
      const reference = app.reference ?? applicationReference(call.reference, await nextApplicationNumber(m, call.id));
      const budget = computeBudget(content.budget.lines, { indirectCostBp: content.budget.indirectCostBp, coFinancingCents: content.budget.coFinancingCents });
      const snapshot = {
        application: app.id, reference, call: call.reference, submittedAt: now.toISOString(), submittedBy: actor.email,
        organization: toOrganizationView(org), content, contentSha256: sha256(canonicalJson(content)), budget,
        attachments: attachments.map((a) => ({ requirementId: a.requirementId, fileName: a.fileName, size: a.size, sha256: a.sha256 })),
      };
      const digest = sha256(canonicalJson(snapshot));
      const resubmission = app.status === 'submitted';
      const n = resubmission ? (await m.query(`SELECT count(*)::int AS n FROM application_submissions WHERE application_id = $1`, [id]))[0].n as number : 0;
      if (resubmission) await m.update(ApplicationSubmissionEntity, { applicationId: id, supersededAt: IsNull() }, { supersededAt: now });
      await m.insert(ApplicationSubmissionEntity, { applicationId: id, seq: n + 1, reference, snapshot, sha256: digest, submittedBy: actor.id, submittedAt: now });
      const [submitted] = await changeApplicationStatus(m, this.audit, actor, id, 'submitted', {
        set: { reference, sha256: digest, submittedAt: now, requestedCents: budget.requestedCents, content: stored },
        audit: { action: resubmission ? 'application.resubmitted' : 'application.submitted', summary: `${reference} submitted (${n + 1}), sha256 ${digest}` },
      });
      Object.assign(app, submitted.row);
      const recipients = await this.notifications.membersOf(m, org.id);
      for (const r of recipients) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'application.submitted',
          params: { applicationReference: reference, submittedAt: formatKosovo(now, r.language as 'en'), sha256: digest },
          link: `/applications/${id}`, eventKey: `submitted:${id}:${n + 1}`,
        });
      }
      return this.view(m, id);
    });
  }

  async withdraw(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'application.create', [id]);
    await this.ds.transaction(async (m) => {
      const { app, call, org } = await this.load(m, id, true);
      const now = await this.dbNow(m);
      const check = canWithdraw({ status: app.status, callStatus: call.status, nowIso: now, deadlineIso: call.submissionDeadlineAt ?? now });
      if (!check.ok && !(app.status === 'draft' && call.submissionDeadlineAt && now < call.submissionDeadlineAt)) {
        throw AppError.badRequest('status', check.reason, check.reason === 'deadline_passed' ? 'After the deadline an application can no longer be withdrawn' : 'This application cannot be withdrawn');
      }
      await changeApplicationStatus(m, this.audit, actor, id, 'withdrawn', { set: { withdrawnAt: now }, audit: { action: 'application.withdrawn', summary: `${app.reference ?? id} withdrawn by ${actor.email}` } });
      await m.update(ApplicationSubmissionEntity, { applicationId: id, supersededAt: IsNull() }, { supersededAt: now });
      const members = await this.notifications.membersOf(m, org.id, actor.id);
      await this.notifications.notify(m, {
        recipients: members, kind: 'application.withdrawn', params: { applicationReference: app.reference ?? '—', reference: call.reference, name: actor.fullName },
        link: `/applications/${id}`, eventKey: `withdrawn:${id}`,
      });
    });
    return this.get(actor, id);
  }

  /** The frozen submission the receipt and the evaluation are based on. */
  async latestSubmission(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'application.read.own', [id]);
    const s = await this.ds.getRepository(ApplicationSubmissionEntity).findOne({ where: { applicationId: id, supersededAt: IsNull() }, order: { seq: 'DESC' } });
    if (!s) throw AppError.notFound('submission');
    return s;
  }

  async admissibility(actor: AuthUser, id: string, dto: AdmissibilityDto) {
    await this.access.requireAccess(actor, 'application.admissibility', [id]);
    await this.ds.transaction(async (m) => {
      const { app, call, org } = await this.load(m, id, true);
      if (!['submitted', 'admissible', 'rejected_admissibility'].includes(app.status)) throw AppError.badRequest('status', 'not_submitted', 'Only submitted applications are checked');
      const [{ open }] = await m.query(`SELECT now() < $1::timestamptz AS open`, [call.submissionDeadlineAt]);
      if (open) throw AppError.badRequest('status', 'deadline_not_reached', 'The check starts after the submission deadline');
      const def = call.definition as CallDefinition;
      const items = admissibilityItems(def.eligibilityQuestions);
      const result = admissibilityOutcome(dto.answers as AdmissibilityAnswer[], items);
      const reasonProblems = result.problems.filter((p) => p.code !== 'answer_required');
      if (reasonProblems.length) throw new AppError(400, 'validation', 'Every failed item needs a reason', reasonProblems.map((p) => ({ ...p, message: p.code === 'reason_required' ? 'Give the reason this item failed: the organisation will read it' : p.code })));
      if (dto.decide && result.outcome === 'incomplete') {
        throw new AppError(400, 'incomplete', 'Answer every item of the checklist before deciding', result.problems.map((p) => ({ ...p, message: 'Answer this item' })));
      }
      // Flags for a person to judge: shared registration number or IBAN, an active grant, a second application.
      const orgs: { id: string; registrationNumber: string; iban: string | null }[] = await m.query(`SELECT id, registration_number AS "registrationNumber", iban FROM organizations`);
      const counts: { organization_id: string; n: number }[] = await m.query(`SELECT organization_id, count(*)::int AS n FROM applications WHERE call_id = $1 AND status NOT IN ('draft','withdrawn') GROUP BY organization_id`, [call.id]);
      // an award in force on another call is an active grant (the grant agreement starts from it)
      const granted: { organization_id: string }[] = await m.query(
        `SELECT DISTINCT a.organization_id FROM awards w JOIN applications a ON a.id = w.application_id WHERE w.status = 'awarded' AND w.call_id <> $1`, [call.id]);
      const flags = duplicateFlags(orgs, org.id, granted.map((g) => g.organization_id), Object.fromEntries(counts.map((c) => [c.organization_id, c.n]))).map((f) => f.flag);
      const decided = dto.decide && !!result.outcome && result.outcome !== 'incomplete';
      await m.upsert(AdmissibilityCheckEntity, {
        applicationId: id, answers: dto.answers as AdmissibilityAnswer[], flags, outcome: decided ? result.outcome : null,
        decidedBy: decided ? actor.id : null, decidedAt: decided ? new Date() : null,
      }, ['applicationId']);
      if (!decided) return;
      const admissible = result.outcome === 'admissible';
      const failed = dto.answers.filter((a) => !a.passed);
      // a decision taken again with the same outcome is a re-confirmation: audited, status unchanged
      await changeApplicationStatus(m, this.audit, actor, id, admissible ? 'admissible' : 'rejected_admissibility', { allowUnchanged: true, audit: {
        action: admissible ? 'application.admissible' : 'application.rejected_admissibility',
        summary: `${app.reference}: ${result.outcome}${failed.length ? ` — ${failed.map((f) => `${f.itemId}: ${f.reason}`).join('; ')}` : ''}`,
      } });
      const members = await this.notifications.membersOf(m, org.id);
      for (const r of members) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'application.admissibility_decided',
          params: { applicationReference: app.reference, outcome: OUTCOME_TEXT[admissible ? 'admissible' : 'rejected'][r.language as 'en'], reasons: failed.map((f) => f.reason).join(' ') },
          link: `/applications/${id}`, eventKey: `admissibility:${id}:${result.outcome}`,
        });
      }
    });
    return this.get(actor, id);
  }

  async exportRows(actor: AuthUser, callId: string) {
    await this.access.requireAccess(actor, 'application.read.any', []);
    return applicationsRepository.exportRows(this.ds.manager, callId);
  }
}

/** What GET /api/applications/:id (and every change) answers, from the one-query row, with the content as it now stands. */
function toView(row: ApplicationViewRow, stored: ApplicationContent, version: number) {
  const def = row.definition;
  const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
  const { content, budget, completeness, changedSinceSubmission } = computed(row, stored, rulesOf(def), latestContentSha256(row));
  return {
    id: row.id, callId: row.callId, callReference: row.callReference, organizationId: row.organizationId, organizationName: row.organizationName,
    status: row.status, version, reference: row.reference, content, budget, completeness,
    submittedAt: iso(row.submittedAt), sha256: row.sha256, changedSinceSubmission,
    deadlineAt: iso(row.submissionDeadlineAt), serverNow: row.now.toISOString(),
    submissionOpen: row.callStatus === 'published' && row.open,
    submissions: row.submissions.map((s) => ({ seq: s.seq, reference: s.reference, sha256: s.sha256, submittedAt: iso(s.submittedAt)!, supersededAt: iso(s.supersededAt) })),
    attachments: row.attachments,
    requiredAttachments: def.requiredAttachments ?? [],
    admissibility: row.admissibility ? { ...row.admissibility, decidedAt: iso(row.admissibility.decidedAt) } : null,
  };
}

/**
 * What the server computes from an application's content, for its whole answer and for an autosave's: the content as
 * it now stands (the profile's licence number while it can change, the attachments uploaded), the budget, what is
 * missing, and whether a submitted application now differs from its latest submission.
 */
function computed(
  row: { status: ApplicationViewRow['status']; organizationLicenceNumber: string | null; attachments: { requirementId: string; fileId: string }[] },
  stored: ApplicationContent, rules: ApplicationRules, latestContentSha256: string | null, known?: ComputedBudget,
) {
  const current = row.status === 'draft' || row.status === 'submitted' ? withProfileLicence(stored, row.organizationLicenceNumber) : stored;
  const content = { ...current, attachments: row.attachments.map((a) => ({ requirementId: a.requirementId, fileId: a.fileId })) };
  const budget = known ?? computeBudget(content.budget.lines, { indirectCostBp: content.budget.indirectCostBp, coFinancingCents: content.budget.coFinancingCents });
  return {
    content, budget, completeness: completenessProblems(content, rules),
    changedSinceSubmission: row.status === 'submitted' && latestContentSha256 !== null ? sha256(canonicalJson(content)) !== latestContentSha256 : false,
  };
}

/** The content hash frozen with the latest submission: null without one, '' for a submission that froze none. */
function latestContentSha256(row: ApplicationViewRow): string | null {
  const latest = row.submissions[0];
  return latest ? latest.contentSha256 ?? '' : null;
}

/** What PATCH /api/applications/:id/autosave answers (ApplicationAutosaveResponseDto); `budget`: the stored budget's, when already computed. */
function toAutosaveView(row: ApplicationAutosaveRow, rules: ApplicationRules, known?: ComputedBudget) {
  const { budget, completeness, changedSinceSubmission } = computed(row, row.content, rules, row.latestContentSha256, known);
  return {
    id: row.id, status: row.status, version: row.version, budget, completeness, changedSinceSubmission,
    serverNow: row.now.toISOString(), submissionOpen: row.callStatus === 'published' && row.open,
  };
}

type HeldRules = { callRowVersion: string; rules: ApplicationRules };

/**
 * The rules of each application's call as last read, with the version of the call's row they were made from; bounded
 * (the oldest application is forgotten first), each entry a few dozen bytes, the rules shared by a call's drafts.
 */
class CallRulesCache {
  private readonly byApplication = new Map<string, HeldRules>();
  /** The same rules object for every draft of a call at one version of its row. */
  private readonly byCallRow = new Map<string, ApplicationRules>();
  constructor(private readonly max = 10_000) {}

  held(applicationId: string): HeldRules | undefined {
    return this.byApplication.get(applicationId);
  }

  /** The rules for the row just written: from its call's definition when that came back, else the ones held. */
  of(applicationId: string, row: Pick<ApplicationAutosaveRow, 'callId' | 'definition' | 'callRowVersion'>, held: HeldRules | undefined): ApplicationRules {
    if (!row.definition && held && held.callRowVersion === row.callRowVersion) return held.rules;
    if (!row.definition) throw new Error('applications: the call definition was neither sent nor held');
    const key = `${row.callId}:${row.callRowVersion}`;
    let rules = this.byCallRow.get(key);
    if (!rules) {
      rules = rulesOf(row.definition);
      if (this.byCallRow.size >= 100) this.byCallRow.delete(this.byCallRow.keys().next().value!);
      this.byCallRow.set(key, rules);
    }
    this.byApplication.delete(applicationId);
    if (this.byApplication.size >= this.max) this.byApplication.delete(this.byApplication.keys().next().value!);
    this.byApplication.set(applicationId, { callRowVersion: row.callRowVersion, rules });
    return rules;
  }
}
const callRules = new CallRulesCache();

/** Autosave's refusals, in the order the applicant should hear them: not editable, deadline passed, a colleague saved first. */
function assertSavable(row: ApplicationViewRow, version: number, patch: ApplicationContentDto) {
  if (!['draft', 'submitted'].includes(row.status)) throw AppError.badRequest('status', 'not_editable', `An application that is ${row.status} can no longer be changed`);
  if (!row.open) throw AppError.badRequest('status', 'deadline_passed', 'The deadline has passed: the application can no longer be changed');
  if (row.version !== version) throw versionConflict(row, patch);
}

function versionConflict(row: ApplicationViewRow, patch: ApplicationContentDto) {
  const sent = Object.keys(patch) as (keyof ApplicationContentDto)[];
  return AppError.conflict('version_conflict', 'A colleague saved this application after you opened it. Their changes are shown; yours were not saved.',
    sent.map((s) => ({ field: `content.${s}`, code: 'version_conflict', message: `Saved by someone else: ${canonicalJson(row.content[s]).slice(0, 300)}` })));
}

/**
 * The sections sent, each merged field by field over the stored one: the DTO instance carries every declared field,
 * those not sent as undefined, which must not overwrite what is stored. The workplan (a list) is replaced whole.
 */
function mergeSections(stored: ApplicationContent, patch: ApplicationContentDto): Partial<ApplicationContent> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = k === 'workplan' || Array.isArray(v) ? v : { ...((stored as Record<string, unknown>)[k] as object), ...definedOnly(v as object) };
  }
  return out as Partial<ApplicationContent>;
}

/** The sections sent, each with only the fields that were sent (what SAVE_AND_VIEW merges over the stored ones). */
function definedSections(patch: ApplicationContentDto): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = k === 'workplan' || Array.isArray(v) || typeof v !== 'object' || v === null ? v : definedOnly(v as object);
  }
  return out;
}

/** The fields of a section that were sent (class-transformer leaves the others on the instance as undefined). */
function definedOnly(v: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
}

/**
 * An application's licence number is its organisation's, from the profile: filled in when the draft starts, shown
 * from the profile while the application can change, frozen with each submission. The applicant never types it
 * again (what a save sends for it is replaced).
 */
export function withProfileLicence(content: ApplicationContent, licenceNumber: string | null | undefined): ApplicationContent {
  return { ...content, capacity: { ...content.capacity, licenceNumber: licenceNumber?.trim() ?? '' } };
}
