import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normalizeFollowUpCode, safeguardingChangeProblem, type Language } from '@grants/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access.service';
import type { AuditActor, AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { ENV, Env } from '../../config/env.dto';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import type {
  CreateSafeguardingReportDto, FocalPointListDto, SafeguardingFollowUpViewDto, SafeguardingReceiptDto, SafeguardingReportDetailDto,
  SafeguardingReportListDto, SafeguardingStatusDto,
} from './dtos/safeguarding.dtos';
import type { SafeguardingMessageEntity, SafeguardingReportEntity } from './entities/safeguarding-report.entity';
import { followUpHash, newFollowUpCode, open, seal } from './safeguarding-crypto';
import { SafeguardingRepository } from './safeguarding.repository';
import { changeSafeguardingStatus } from './safeguarding-status';

/** What is sealed of a report. */
type Content = { whatHappened: string; concerns: string | null; contact: string | null; language: Language };

/** Who the audit trail names for what a reporter does: nobody (a logged-in reporter is not recorded either). */
const REPORTER: AuditActor = { id: null, email: 'safeguarding reporter' };

/** The reporter's e-mail: only that there is news, and where to read it with the code. Never a word of the case. */
const REPORTER_MAIL: Record<Language, { title: string; body: string }> = {
  en: { title: 'News about the concern you reported', body: 'There is a new message about the concern you reported. Open the follow-up page and enter your follow-up code to read it.' },
  sq: { title: 'Lajm për shqetësimin që raportuat', body: 'Ka një mesazh të ri për shqetësimin që raportuat. Hapni faqen e ndjekjes dhe shkruani kodin tuaj të ndjekjes për ta lexuar.' },
  sr: { title: 'Vest o zabrinutosti koju ste prijavili', body: 'Postoji nova poruka o zabrinutosti koju ste prijavili. Otvorite stranicu za praćenje i unesite svoj kod za praćenje da biste je pročitali.' },
};

/**
 * The confidential safeguarding channel (issue 14). Anyone reports (no account); the reporter follows the case with a
 * code kept only as its hash. Only focal points (`safeguarding.handle`, a user's flag) reach reports: everyone else,
 * an admin too, gets 404. Content is sealed at rest; the audit trail records that a report exists, each opening by a
 * focal point and each status change, never the content; notifications and e-mails say only that there is news.
 */
@Injectable()
export class SafeguardingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: SafeguardingRepository,
    private readonly notifications: NotificationsService,
    private readonly mail: MailService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  // ------------------------------------------------------------------------------------------------ the reporter

  async report(dto: CreateSafeguardingReportDto, user: AuthUser | undefined): Promise<SafeguardingReceiptDto> {
    const id = randomUUID();
    const code = newFollowUpCode();
    const language: Language = dto.language ?? user?.language ?? 'en';
    const content: Content = { whatHappened: dto.whatHappened, concerns: dto.concerns?.trim() || null, contact: dto.contact?.trim() || null, language };
    const key = this.env.safeguardingKey;
    return this.ds.transaction(async (m) => {
      await this.repo.insertReport(m, {
        id, category: dto.category, content: seal(key, `safeguarding:${id}:content`, JSON.stringify(content)),
        reporterEmail: dto.email ? seal(key, `safeguarding:${id}:email`, dto.email) : null,
        followUpHash: followUpHash(normalizeFollowUpCode(code)!),
      });
      await this.audit.record(m, REPORTER, { action: 'safeguarding_report.received', entity: 'safeguarding_report', entityId: id, summary: `Safeguarding report ${id} received` });
      await this.notifications.notify(m, {
        recipients: await this.repo.focalPoints(m), kind: 'safeguarding.report_received', params: {}, link: `/safeguarding/reports/${id}`, eventKey: `safeguarding.report_received:${id}`,
      });
      const row = (await this.repo.byId(m, id))!;
      return { followUpCode: code, receivedAt: row.receivedAt.toISOString() };
    });
  }

  async followUp(code: string): Promise<SafeguardingFollowUpViewDto> {
    const r = await this.byCode(this.ds.manager, code);
    return this.reporterView(this.ds.manager, r);
  }

  async reporterMessage(code: string, body: string): Promise<SafeguardingFollowUpViewDto> {
    return this.ds.transaction(async (m) => {
      const r = await this.byCode(m, code);
      if (r.status === 'closed') throw AppError.conflict('report_closed', 'This case is closed: report a new concern instead', [{ field: 'body', code: 'report_closed', message: 'The case is closed' }]);
      const messageId = randomUUID();
      await this.repo.insertMessage(m, { id: messageId, reportId: r.id, author: 'reporter', authorUserId: null, body: seal(this.env.safeguardingKey, `safeguarding:${r.id}:message:${messageId}`, body) });
      await this.repo.touch(m, r.id);
      await this.audit.record(m, REPORTER, { action: 'safeguarding_report.reporter_replied', entity: 'safeguarding_report', entityId: r.id, summary: `The reporter of safeguarding report ${r.id} wrote` });
      await this.notifications.notify(m, {
        recipients: await this.repo.focalPoints(m), kind: 'safeguarding.reporter_replied', params: {}, link: `/safeguarding/reports/${r.id}`, eventKey: `safeguarding.reporter_replied:${messageId}`,
      });
      return this.reporterView(m, r);
    });
  }

  private async byCode(m: EntityManager, code: string): Promise<SafeguardingReportEntity> {
    const canonical = normalizeFollowUpCode(code);
    const r = canonical ? await this.repo.byFollowUpHash(m, followUpHash(canonical)) : null;
    if (!r) throw AppError.notFound('safeguarding report');
    return r;
  }

  private async reporterView(m: EntityManager, r: SafeguardingReportEntity): Promise<SafeguardingFollowUpViewDto> {
    const c = this.content(r);
    return {
      status: r.status, outcome: r.outcome, category: r.category, receivedAt: r.receivedAt.toISOString(), whatHappened: c.whatHappened,
      messages: this.thread(r.id, await this.repo.messages(m, r.id)),
    };
  }

  // ------------------------------------------------------------------------------------------------ the focal points

  async list(actor: AuthUser): Promise<SafeguardingReportListDto> {
    await this.access.requireAccess(actor, 'safeguarding.handle', []);
    const rows = await this.repo.list(this.ds.manager);
    return {
      items: rows.map((r) => ({ id: r.id, status: r.status, outcome: r.outcome, category: r.category, receivedAt: r.receivedAt.toISOString(), messages: r.messages, reporterWaiting: r.reporterWaiting })),
      received: rows.filter((r) => r.status === 'received').length,
      underReview: rows.filter((r) => r.status === 'under_review').length,
    };
  }

  /** The case; each opening is an audit row naming who opened it. */
  async view(actor: AuthUser, id: string): Promise<SafeguardingReportDetailDto> {
    await this.access.requireAccess(actor, 'safeguarding.handle', [id]);
    return this.ds.transaction(async (m) => {
      await this.audit.record(m, actor, { action: 'safeguarding_report.opened', entity: 'safeguarding_report', entityId: id, summary: `Safeguarding report ${id} opened by ${actor.email}` });
      return this.detail(m, (await this.repo.byId(m, id))!);
    });
  }

  async message(actor: AuthUser, id: string, body: string): Promise<SafeguardingReportDetailDto> {
    await this.access.requireAccess(actor, 'safeguarding.handle', [id]);
    return this.ds.transaction(async (m) => {
      const r = (await this.repo.byId(m, id))!;
      if (r.status === 'closed') throw AppError.conflict('report_closed', 'The case is closed', [{ field: 'body', code: 'report_closed', message: 'The case is closed' }]);
      const messageId = randomUUID();
      await this.repo.insertMessage(m, { id: messageId, reportId: id, author: 'focal_point', authorUserId: actor.id, body: seal(this.env.safeguardingKey, `safeguarding:${id}:message:${messageId}`, body) });
      await this.repo.touch(m, id);
      await this.audit.record(m, actor, { action: 'safeguarding_report.message_sent', entity: 'safeguarding_report', entityId: id, summary: `A focal point wrote to the reporter of safeguarding report ${id}` });
      await this.tellReporter(m, r, `safeguarding.message:${messageId}`);
      return this.detail(m, r);
    });
  }

  async changeStatus(actor: AuthUser, id: string, dto: SafeguardingStatusDto): Promise<SafeguardingReportDetailDto> {
    await this.access.requireAccess(actor, 'safeguarding.handle', [id]);
    return this.ds.transaction(async (m) => {
      const r = (await this.repo.byId(m, id))!;
      const problem = safeguardingChangeProblem(r.status, dto.status, dto.outcome ?? null);
      if (problem === 'outcome_required') throw AppError.badRequest('outcome', 'required', 'Closing a case names its outcome');
      if (problem === 'outcome_not_allowed') throw AppError.badRequest('outcome', 'not_allowed', 'Only closing a case names an outcome');
      // an invalid transition is refused by the status function (409 invalid_transition)
      const row = await changeSafeguardingStatus(m, this.audit, actor, id, dto.status, {
        set: dto.status === 'closed' ? { outcome: dto.outcome!, closedAt: new Date(), updatedAt: new Date() } : { updatedAt: new Date() },
      });
      if (dto.status === 'closed') await this.tellReporter(m, row, `safeguarding.closed:${id}`);
      return this.detail(m, row);
    });
  }

  // ------------------------------------------------------------------------------------------------ the admin

  async focalPoints(actor: AuthUser): Promise<FocalPointListDto> {
    await this.access.requireAccess(actor, 'user.invite', []);
    const rows = await this.repo.designatable(this.ds.manager);
    return { items: rows.map((u) => ({ id: u.id, fullName: u.full_name, email: u.email, role: u.role, active: u.active, focalPoint: u.safeguarding_focal_point })) };
  }

  /** An admin designates (or stops designating) a focal point: recorded in the audit trail; the admin still reads no report. */
  async setFocalPoint(actor: AuthUser, userId: string, focalPoint: boolean): Promise<FocalPointListDto> {
    await this.access.requireAccess(actor, 'user.deactivate', [userId]);
    await this.ds.transaction(async (m) => {
      const res = (await this.repo.setFocalPoint(m, userId, focalPoint)) as unknown;
      const rows = (Array.isArray(res) && Array.isArray(res[0]) ? res[0] : res) as { id: string; email: string }[];
      if (!rows.length) throw AppError.badRequest('userId', 'not_staff', 'Only a Secretariat, admin, monitor or observer account can be a safeguarding focal point');
      await this.audit.record(m, actor, {
        action: focalPoint ? 'user.safeguarding_focal_point_designated' : 'user.safeguarding_focal_point_removed', entity: 'user', entityId: userId,
        summary: `${rows[0].email} ${focalPoint ? 'designated' : 'no longer'} a safeguarding focal point`,
      });
    });
    return this.focalPoints(actor);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private content(r: SafeguardingReportEntity): Content {
    return JSON.parse(open(this.env.safeguardingKey, `safeguarding:${r.id}:content`, r.content)) as Content;
  }

  private thread(reportId: string, rows: SafeguardingMessageEntity[]) {
    return rows.map((x) => ({ author: x.author, body: open(this.env.safeguardingKey, `safeguarding:${reportId}:message:${x.id}`, x.body), at: x.createdAt.toISOString() }));
  }

  private async detail(m: EntityManager, r: SafeguardingReportEntity): Promise<SafeguardingReportDetailDto> {
    const c = this.content(r);
    const thread = this.thread(r.id, await this.repo.messages(m, r.id));
    return {
      id: r.id, status: r.status, outcome: r.outcome, category: r.category, receivedAt: r.receivedAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null,
      messages: thread.length, reporterWaiting: thread.length > 0 && thread[thread.length - 1].author === 'reporter',
      whatHappened: c.whatHappened, concerns: c.concerns, contact: c.contact,
      reporterEmail: r.reporterEmail ? open(this.env.safeguardingKey, `safeguarding:${r.id}:email`, r.reporterEmail) : null,
      thread,
      can: { review: r.status === 'received', close: r.status !== 'closed', message: r.status !== 'closed' },
    };
  }

  /** The reporter, if they left an e-mail, hears that there is news: no content, only the follow-up page. */
  private async tellReporter(m: EntityManager, r: SafeguardingReportEntity, dedupeKey: string): Promise<void> {
    if (!r.reporterEmail) return;
    const to = open(this.env.safeguardingKey, `safeguarding:${r.id}:email`, r.reporterEmail);
    const language = this.content(r).language;
    const t = REPORTER_MAIL[language];
    await this.mail.compose(m, {
      to, userId: null, language, template: 'notification', dedupeKey,
      params: { title: t.title, body: t.body, link: `${this.env.appUrl}/safeguarding/follow-up` },
    });
  }
}
