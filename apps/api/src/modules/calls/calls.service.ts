import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  canTransitionCall, canTransitionInfoSession, checkAmendment, infoSessionRegistrationProblem, amendedFields, CALL_DEFAULTS, callEditMode, COST_HEADINGS, demoEuGrid, formatKosovo,
  reminderInstants, validateCallForPublication, type CallDraft, type CallStatus, type LocalizedText,
} from '@grants/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { jobIds } from '../../jobs/job-names';
import { AuditService } from '../audit/audit.service';
import { FileEntity } from '../files/entities/file.entity';
import { FilesService, Upload } from '../files/files.service';
import { NotificationsService, Recipient } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { createCallSequence } from './call-sequence';
import { changeInfoSessionStatus } from './info-session-status';
import { infoSessionsRepository } from './info-sessions.repository';
import { changeCallStatus } from './call-status';
import { CreateCallDto, CreateInfoSessionDto, InfoSessionViewDto, ListCallsQuery, TransitionCallDto, UpdateCallDto } from './dtos/call.dtos';
import { CallAmendmentEntity, CallDocumentEntity, CallEntity, CallFollowerEntity, CallQuestionEntity, InfoSessionEntity, ProgrammeEntity } from './entities/call.entity';

export const DEFAULT_PROGRAMME = 'Moving Forward – Cluster 3 grant scheme';
const empty = (): LocalizedText => ({ en: '', sq: '', sr: '' });

/** The definition of a call as stored: the domain's CallDraft plus the attachments applicants must upload. */
export type CallDefinition = CallDraft & { requiredAttachments?: { id: string; title: LocalizedText }[] };

export function newCallDefinition(reference: string, title: LocalizedText): CallDefinition {
  return {
    reference,
    texts: { title, objectives: empty(), whoMayApply: empty(), whatIsFunded: empty() },
    priorities: [],
    budgetEnvelopeCents: 0,
    minGrantCents: 0,
    maxGrantCents: CALL_DEFAULTS.maxGrantCents,
    maxGrantOverride: null,
    maxDurationMonths: 12,
    minCoFinancingBp: 0,
    costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: null })),
    indirectCostCapBp: CALL_DEFAULTS.indirectCostCapBp,
    eligibilityQuestions: [],
    grid: demoEuGrid(),
    evaluatorsPerApplication: CALL_DEFAULTS.evaluatorsPerApplication,
    divergenceThresholdPoints: 20,
    dates: { publicationAt: '', questionsDeadlineAt: '', submissionDeadlineAt: '', evaluationDueAt: '', decisionExpectedAt: '' },
    requiredAttachments: [],
    allowMultipleApplications: false,
  };
}

@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
  ) {}

  private async now(m: EntityManager = this.ds.manager): Promise<Date> {
    return (await m.query('SELECT now() AS now'))[0].now as Date;
  }

  async list(actor: AuthUser, q: ListCallsQuery) {
    const manage = await this.access.hasAccess(actor, 'call.manage', []);
    const qb = this.ds.getRepository(CallEntity).createQueryBuilder('c')
      .innerJoinAndMapOne('c.programme', ProgrammeEntity, 'p', 'p.id = c.programme_id')
      .orderBy('c.submission_deadline_at', 'DESC', 'NULLS FIRST').addOrderBy('c.created_at', 'DESC');
    if (!manage) qb.andWhere(`c.status <> 'draft'`);
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    const calls = await qb.getMany();
    const mine = actor.organizationId && calls.length
      ? await this.ds.query(`SELECT id, call_id, status, reference FROM applications WHERE organization_id = $1 AND status <> 'withdrawn' AND call_id = ANY($2::uuid[])`, [actor.organizationId, calls.map((c) => c.id)])
      : [];
    const byCall = new Map<string, { id: string; status: string; reference: string | null }>(mine.map((a: { call_id: string; id: string; status: string; reference: string | null }) => [a.call_id, { id: a.id, status: a.status, reference: a.reference }]));
    return calls.map((c) => this.summary(c, byCall.get(c.id) ?? null));
  }

  private summary(c: CallEntity, myApplication: { id: string; status: string; reference: string | null } | null) {
    const d = c.definition;
    return {
      id: c.id, reference: c.reference, status: c.status, title: d.texts.title,
      programme: (c as CallEntity & { programme?: ProgrammeEntity }).programme?.name ?? DEFAULT_PROGRAMME,
      budgetEnvelopeCents: d.budgetEnvelopeCents, minGrantCents: d.minGrantCents, maxGrantCents: d.maxGrantCents,
      questionsDeadlineAt: c.questionsDeadlineAt?.toISOString() ?? (d.dates.questionsDeadlineAt || null),
      submissionDeadlineAt: c.submissionDeadlineAt?.toISOString() ?? (d.dates.submissionDeadlineAt || null),
      publishedAt: c.publishedAt?.toISOString() ?? null, myApplication,
    };
  }

  async get(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'call.read.published', [id]);
    return this.view(actor, id);
  }

  async view(actor: AuthUser, id: string) {
    const c = await this.ds.getRepository(CallEntity).createQueryBuilder('c')
      .innerJoinAndMapOne('c.programme', ProgrammeEntity, 'p', 'p.id = c.programme_id').where('c.id = :id', { id }).getOne();
    if (!c) throw AppError.notFound('call');
    const now = await this.now();
    const manage = await this.access.hasAccess(actor, 'call.manage', []);
    const amendments = await this.ds.getRepository(CallAmendmentEntity).find({ where: { callId: id }, order: { createdAt: 'DESC' } });
    const docs = await this.ds.getRepository(CallDocumentEntity).createQueryBuilder('d')
      .innerJoinAndMapOne('d.file', FileEntity, 'f', 'f.id = d.file_id').where('d.call_id = :id', { id }).orderBy('d.created_at').getMany();
    const mine = actor.organizationId
      ? (await this.ds.query(`SELECT id, status, reference FROM applications WHERE organization_id = $1 AND call_id = $2 AND status <> 'withdrawn' LIMIT 1`, [actor.organizationId, id]))[0] ?? null
      : null;
    const open = c.status === 'published';
    return {
      ...this.summary(c, mine),
      version: c.version,
      definition: c.definition,
      serverNow: now.toISOString(),
      questionsOpen: open && !!c.questionsDeadlineAt && now < c.questionsDeadlineAt,
      submissionOpen: open && !!c.submissionDeadlineAt && now < c.submissionDeadlineAt,
      following: (await this.ds.getRepository(CallFollowerEntity).countBy({ callId: id, userId: actor.id })) > 0,
      amendments: amendments.map((a) => ({ id: a.id, reason: a.reason, fields: a.fields, createdAt: a.createdAt.toISOString() })),
      documents: docs.map((d) => {
        const f = (d as CallDocumentEntity & { file: FileEntity }).file;
        return { id: d.id, kind: d.kind, language: d.language, fileId: f.id, fileName: f.fileName, size: f.size, sha256: f.sha256 };
      }),
      problems: manage ? validateCallForPublication(c.definition, now.toISOString()) : [],
      infoSessions: await this.infoSessions(actor, id),
    };
  }

  private async programme(m: EntityManager): Promise<ProgrammeEntity> {
    await m.query(`INSERT INTO programmes (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [DEFAULT_PROGRAMME]);
    return m.findOneByOrFail(ProgrammeEntity, { name: DEFAULT_PROGRAMME });
  }

  async create(actor: AuthUser, dto: CreateCallDto) {
    await this.access.requireAccess(actor, 'call.manage', []);
    const id = await this.ds.transaction(async (m) => {
      if (await m.existsBy(CallEntity, { reference: dto.reference })) throw AppError.badRequest('reference', 'reference_taken', 'Another call already has this reference');
      let definition = newCallDefinition(dto.reference, dto.title);
      if (dto.copyFromCallId) {
        const source = await m.findOneBy(CallEntity, { id: dto.copyFromCallId });
        if (!source) throw AppError.badRequest('copyFromCallId', 'not_found', 'The call to copy from does not exist');
        // a copy keeps every rule and text; the dates and the documents belong to the old call
        definition = { ...structuredClone(source.definition), reference: dto.reference, texts: { ...structuredClone(source.definition.texts), title: dto.title }, dates: newCallDefinition('', empty()).dates, documents: [] };
      }
      const programme = await this.programme(m);
      const call = await m.save(m.create(CallEntity, { programmeId: programme.id, reference: dto.reference, status: 'draft', definition, createdBy: actor.id }));
      await this.audit.record(m, actor, { action: 'call.created', entity: 'call', entityId: call.id, summary: `Draft call ${dto.reference}${dto.copyFromCallId ? ` copied from ${dto.copyFromCallId}` : ''}` });
      return call.id;
    });
    return this.view(actor, id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateCallDto) {
    await this.access.requireAccess(actor, 'call.manage', [id]);
    await this.ds.transaction(async (m) => {
      const call = await m.findOne(CallEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw AppError.notFound('call');
      if (call.version !== dto.version) throw AppError.conflict('version_conflict', 'Someone else saved this call after you opened it. Reload to see their changes.', [{ field: 'version', code: 'version_conflict', message: 'The call has changed since you opened it' }]);
      const after = { ...(dto.definition as unknown as CallDefinition), reference: call.reference, documents: call.definition.documents ?? [] };
      const mode = callEditMode(call.status);
      if (mode === 'locked') throw AppError.badRequest('status', 'call_locked', `A call that is ${call.status} can no longer be changed`);
      if (mode === 'amendment_only') {
        if (!dto.amendmentReason) throw AppError.badRequest('amendmentReason', 'required', 'A published call changes only by an amendment with its reason, shown to every applicant');
        const problems = checkAmendment(call.definition, after);
        if (problems.length) throw new AppError(400, 'amendment_refused', 'This change is not allowed after publication', problems.map((p) => ({ ...p, message: p.code === 'deadline_shortened' ? 'A deadline may be extended, never shortened' : 'This may not change after publication' })));
        const fields = amendedFields(call.definition, after);
        if (!fields.length) return;
        await m.insert(CallAmendmentEntity, { callId: id, reason: dto.amendmentReason, fields, before: call.definition, createdBy: actor.id });
        call.definition = after;
        call.questionsDeadlineAt = new Date(after.dates.questionsDeadlineAt);
        call.submissionDeadlineAt = new Date(after.dates.submissionDeadlineAt);
        await m.save(call);
        await this.audit.record(m, actor, { action: 'call.amended', entity: 'call', entityId: id, summary: `Amended ${fields.join(', ')}: ${dto.amendmentReason}` });
        await this.scheduleDeadlines(m, call);
        await this.notifications.notify(m, {
          recipients: await this.interested(m, id), kind: 'call.amended',
          params: { reference: call.reference, reason: dto.amendmentReason }, link: `/calls/${id}`, eventKey: `call-amended:${id}:${call.version}`,
        });
        return;
      }
      call.definition = after;
      await m.save(call);
      await this.audit.record(m, actor, { action: 'call.updated', entity: 'call', entityId: id, summary: `Draft ${call.reference} saved` });
    });
    return this.view(actor, id);
  }

  /** Organisations with an application on the call and the people following it. */
  private async interested(m: EntityManager, callId: string): Promise<Recipient[]> {
    return m.query(
      `SELECT DISTINCT u.id, u.email, u.language FROM users u
        WHERE u.active AND (u.organization_id IN (SELECT organization_id FROM applications WHERE call_id = $1 AND status <> 'withdrawn')
           OR u.id IN (SELECT user_id FROM call_followers WHERE call_id = $1))`, [callId]);
  }

  /** Closing job at the deadline and reminders before it; deterministic ids, so an amendment re-schedules rather than duplicates. */
  private async scheduleDeadlines(m: EntityManager, call: CallEntity) {
    const deadline = call.definition.dates.submissionDeadlineAt;
    const stamp = new Date(deadline).getTime();
    await this.outbox.enqueue(m, 'call.close', { callId: call.id, deadline }, { jobId: jobIds.callClose(call.id, stamp), runAt: new Date(deadline) });
    for (const r of reminderInstants(deadline)) {
      if (new Date(r.at) <= new Date()) continue;
      await this.outbox.enqueue(m, 'application.reminders', { callId: call.id, key: r.key, deadline }, { jobId: jobIds.reminder(call.id, r.key, stamp), runAt: new Date(r.at) });
    }
  }

  async publish(actor: AuthUser, id: string, version: number) {
    await this.access.requireAccess(actor, 'call.manage', [id]);
    await this.ds.transaction(async (m) => {
      const call = await m.findOne(CallEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw AppError.notFound('call');
      if (call.version !== version) throw AppError.conflict('version_conflict', 'The call has changed since you opened it. Reload first.');
      if (!canTransitionCall(call.status, 'published')) throw AppError.badRequest('status', 'invalid_transition', `A call that is ${call.status} cannot be published`);
      const now = await this.now(m);
      const problems = validateCallForPublication(call.definition, now.toISOString());
      if (problems.length) throw new AppError(400, 'not_publishable', 'The call is not complete or not consistent yet', problems.map((p) => ({ ...p, message: p.code })));
      // application numbers of this call (MF-C3-2026-01-007) come from a sequence of its own
      await createCallSequence(m, call.id);
      Object.assign(call, await changeCallStatus(m, this.audit, actor, id, 'published', {
        set: { publishedAt: now, questionsDeadlineAt: new Date(call.definition.dates.questionsDeadlineAt), submissionDeadlineAt: new Date(call.definition.dates.submissionDeadlineAt) },
        audit: { action: 'call.published', summary: `Published ${call.reference}; submission deadline ${call.definition.dates.submissionDeadlineAt}` },
      }));
      await this.scheduleDeadlines(m, call);
      const applicants: Recipient[] = await m.query(`SELECT id, email, language FROM users WHERE active AND role = 'applicant' AND email_verified_at IS NOT NULL`);
      for (const r of applicants) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'call.published',
          params: { reference: call.reference, title: call.definition.texts.title[r.language] || call.definition.texts.title.en, deadline: formatKosovo(call.definition.dates.submissionDeadlineAt, r.language) },
          link: `/calls/${id}`, eventKey: `call-published:${id}`,
        });
      }
    });
    return this.view(actor, id);
  }

  async transition(actor: AuthUser, id: string, dto: TransitionCallDto) {
    await this.access.requireAccess(actor, 'call.manage', [id]);
    await this.ds.transaction(async (m) => {
      const call = await m.findOne(CallEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw AppError.notFound('call');
      if (call.version !== dto.version) throw AppError.conflict('version_conflict', 'The call has changed since you opened it. Reload first.');
      await this.moveTo(m, actor, call, dto.to);
    });
    return this.view(actor, id);
  }

  /** Used by the Secretariat and by the worker at the deadline. */
  async moveTo(m: EntityManager, actor: { id: string | null; email: string }, call: CallEntity, to: CallStatus) {
    if (!canTransitionCall(call.status, to)) throw AppError.badRequest('to', 'invalid_transition', `A call that is ${call.status} cannot become ${to}`);
    if (to === 'closed') {
      const now = await this.now(m);
      if (call.submissionDeadlineAt && now < call.submissionDeadlineAt) throw AppError.badRequest('to', 'deadline_not_reached', 'The call closes at its submission deadline, not before');
      call.closedAt = now;
    }
    Object.assign(call, await changeCallStatus(m, this.audit, actor, call.id, to, { set: to === 'closed' ? { closedAt: call.closedAt } : {} }));
  }

  async uploadDocument(actor: AuthUser, id: string, kind: 'guidelines' | 'template' | 'other', language: 'en' | 'sq' | 'sr' | undefined, upload: Upload | undefined) {
    await this.access.requireAccess(actor, 'call.manage', [id]);
    return this.ds.transaction(async (m) => {
      const call = await m.findOneBy(CallEntity, { id });
      if (!call) throw AppError.notFound('call');
      const file = await this.files.store(m, upload, { organizationId: null, userId: actor.id, callId: id });
      const doc = await m.save(m.create(CallDocumentEntity, { callId: id, kind, language: language ?? null, fileId: file.id }));
      await this.audit.record(m, actor, { action: 'call.document_added', entity: 'call', entityId: id, summary: `${kind}: ${file.fileName} (sha256 ${file.sha256})` });
      return { id: doc.id, kind, language: doc.language, fileId: file.id, fileName: file.fileName, size: file.size, sha256: file.sha256 };
    });
  }

  async questions(actor: AuthUser, id: string) {
    await this.access.requireAccess(actor, 'call.read.published', [id]);
    const manage = await this.access.hasAccess(actor, 'call.question.answer', [id]);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT q.*, o.legal_name AS organization_name FROM call_questions q JOIN organizations o ON o.id = q.organization_id
        WHERE q.call_id = $1 AND ($2 OR q.answer IS NOT NULL OR q.organization_id = $3) ORDER BY q.created_at`,
      [id, manage, actor.organizationId],
    );
    return rows.map((q: Record<string, unknown>) => ({
      id: q.id as string, question: q.question as string, answer: q.answer as string | null, askedAt: (q.created_at as Date).toISOString(),
      answeredAt: q.answered_at ? (q.answered_at as Date).toISOString() : null, published: q.answer !== null,
      mine: q.organization_id === actor.organizationId,
      ...(manage ? { organizationName: q.organization_name as string } : {}),
    }));
  }

  async ask(actor: AuthUser, id: string, question: string) {
    await this.access.requireAccess(actor, 'call.question.ask', [id]);
    const qid = await this.ds.transaction(async (m) => {
      const [open] = await m.query(`SELECT status = 'published' AND now() < questions_deadline_at AS open FROM calls WHERE id = $1`, [id]);
      if (!open?.open) throw AppError.badRequest('question', 'questions_closed', 'The deadline for questions on this call has passed');
      const q = await m.save(m.create(CallQuestionEntity, { callId: id, organizationId: actor.organizationId!, askedBy: actor.id, question: question.trim() }));
      await m.query(`INSERT INTO call_followers (call_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, actor.id]);
      await this.audit.record(m, actor, { action: 'call.question_asked', entity: 'call', entityId: id, summary: `Question ${q.id}` });
      return q.id;
    });
    const asked = (await this.questions(actor, id)).find((q) => q.id === qid);
    if (!asked) throw AppError.notFound('question');
    return asked;
  }

  async answer(actor: AuthUser, id: string, questionId: string, answer: string) {
    await this.access.requireAccess(actor, 'call.question.answer', [id]);
    await this.ds.transaction(async (m) => {
      const q = await m.findOneBy(CallQuestionEntity, { id: questionId, callId: id });
      if (!q) throw AppError.notFound('question');
      const first = q.answer === null;
      await m.update(CallQuestionEntity, { id: q.id }, { answer: answer.trim(), answeredBy: actor.id, answeredAt: new Date() });
      await this.audit.record(m, actor, { action: first ? 'call.question_answered' : 'call.answer_corrected', entity: 'call', entityId: id, summary: `Answer to question ${q.id} published` });
      const call = await m.findOneByOrFail(CallEntity, { id });
      await this.notifications.notify(m, {
        recipients: await this.interested(m, id), kind: 'call.question_answered', params: { reference: call.reference },
        link: `/calls/${id}#questions`, eventKey: `answer:${q.id}:${first ? 1 : Date.now()}`,
      });
    });
    const answered = (await this.questions(actor, id)).find((q) => q.id === questionId);
    if (!answered) throw AppError.notFound('question');
    return answered;
  }

  async follow(actor: AuthUser, id: string, on: boolean) {
    await this.access.requireAccess(actor, 'call.read.published', [id]);
    if (on) await this.ds.query(`INSERT INTO call_followers (call_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, actor.id]);
    else await this.ds.getRepository(CallFollowerEntity).delete({ callId: id, userId: actor.id });
  }

  async infoSessions(actor: AuthUser, callId: string): Promise<InfoSessionViewDto[]> {
    return infoSessionsRepository.list(this.ds.manager, callId, actor.organizationId);
  }

  async createInfoSession(actor: AuthUser, callId: string, dto: CreateInfoSessionDto): Promise<InfoSessionViewDto[]> {
    await this.access.requireAccess(actor, 'call.manage', [callId]);
    if (!dto.place && !dto.onlineLink) throw AppError.badRequest('place', 'required', 'Give a place, an online link, or both');
    await this.ds.transaction(async (m) => {
      const call = await m.findOneBy(CallEntity, { id: callId });
      if (!call) throw AppError.notFound('call');
      const s = await m.save(m.create(InfoSessionEntity, { callId, startsAt: new Date(dto.startsAt), place: dto.place ?? null, onlineLink: dto.onlineLink ?? null, capacity: dto.capacity, createdBy: actor.id }));
      await this.audit.record(m, actor, { action: 'call.info_session_planned', entity: 'call', entityId: callId, summary: `Info session ${s.startsAt.toISOString()} (${dto.capacity} places)` });
      const dayBefore = new Date(s.startsAt.getTime() - 24 * 3600_000);
      await this.outbox.enqueue(m, 'info_session.reminder', { sessionId: s.id, startsAt: s.startsAt.toISOString() }, { jobId: jobIds.infoSessionReminder(s.id), runAt: dayBefore });
    });
    return this.infoSessions(actor, callId);
  }

  /** A CSO registers for an info session; capacity is counted in attendees, under a row lock on the session. */
  async registerInfoSession(actor: AuthUser, callId: string, sessionId: string, attendees: number): Promise<InfoSessionViewDto[]> {
    await this.access.requireAccess(actor, 'call.question.ask', [callId]);
    await this.ds.transaction(async (m) => {
      const s = await infoSessionsRepository.lockForUpdate(m, callId, sessionId);
      if (!s) throw AppError.notFound('info session');
      const problem = infoSessionRegistrationProblem(s, await infoSessionsRepository.dbNow(m));
      if (problem === 'session_cancelled') throw AppError.badRequest('sessionId', problem, 'This info session has been cancelled');
      if (problem === 'session_past') throw AppError.badRequest('sessionId', problem, 'This info session has already taken place');
      const taken = await infoSessionsRepository.attendeesOfOthers(m, sessionId, actor.organizationId);
      if (taken + attendees > s.capacity) throw AppError.badRequest('attendees', 'session_full', `Only ${Math.max(0, s.capacity - taken)} places are left`);
      await infoSessionsRepository.register(m, sessionId, actor.organizationId!, actor.id, attendees);
    });
    return this.infoSessions(actor, callId);
  }

  async unregisterInfoSession(actor: AuthUser, callId: string, sessionId: string): Promise<InfoSessionViewDto[]> {
    await this.access.requireAccess(actor, 'call.read.published', [callId]);
    await infoSessionsRepository.unregister(this.ds.manager, callId, sessionId, actor.organizationId);
    return this.infoSessions(actor, callId);
  }

  /**
   * The Secretariat cancels an info session, with its reason: the one function that changes a session's status
   * (the domain's transition table, the audit row and the notice to every registered organisation, in one
   * transaction). The record stays, shown as cancelled; its reminder is not sent.
   */
  async cancelInfoSession(actor: AuthUser, callId: string, sessionId: string, reason: string): Promise<InfoSessionViewDto[]> {
    await this.access.requireAccess(actor, 'call.manage', [callId]);
    await this.ds.transaction(async (m) => {
      const s = await infoSessionsRepository.lockForUpdate(m, callId, sessionId);
      if (!s) throw AppError.notFound('info session');
      if (!canTransitionInfoSession(s.status, 'cancelled')) throw AppError.badRequest('sessionId', 'invalid_transition', `An info session that is ${s.status} cannot be cancelled`);
      const now = await infoSessionsRepository.dbNow(m);
      await changeInfoSessionStatus(m, this.audit, actor, sessionId, 'cancelled', {
        set: { cancelledAt: now, cancelledBy: actor.id, cancelReason: reason.trim() },
        audit: { action: 'call.info_session_cancelled', entity: 'call', entityId: callId, summary: `Info session ${s.startsAt.toISOString()} cancelled: ${reason.trim()}` },
      });
      const call = await m.findOneByOrFail(CallEntity, { id: callId });
      for (const r of await infoSessionsRepository.registeredPeople(m, sessionId)) {
        await this.notifications.notify(m, {
          recipients: [r], kind: 'call.info_session_cancelled',
          params: { reference: call.reference, startsAt: formatKosovo(s.startsAt, r.language), where: [s.place, s.onlineLink].filter(Boolean).join(' / '), reason: reason.trim() },
          link: `/calls/${callId}`, eventKey: `info-session-cancelled:${sessionId}`,
        });
      }
    });
    return this.infoSessions(actor, callId);
  }

  async infoSessionRegistrations(actor: AuthUser, callId: string, sessionId: string) {
    await this.access.requireAccess(actor, 'call.manage', [callId]);
    return infoSessionsRepository.registrationsCsvRows(this.ds.manager, callId, sessionId);
  }
}
